using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using SearchService.Core.Briefs;
using SearchService.Core.Extraction;
using SearchService.Core.Semantic;
using SearchService.Core.Passages;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// Fills the service's embedding cache before the service starts, so building the index costs no encoding: every
/// passage of every generated brief gets normalize(real vector of its source unit + Gaussian noise). The passages and
/// the texts they are keyed by come from the service's own code (<see cref="BriefExtractor"/>,
/// <see cref="PassageBuilder"/>, <see cref="PassageEmbedder.TextToEncode"/>), so the service finds every one.
/// </summary>
public sealed class DerivedVectorSeeder(SourceLibrary library, SourceVectors sourceVectors, int seed)
{
    /// <summary>Standard deviation of the noise added to each dimension before normalising.</summary>
    public const float NoiseSigma = 0.01f;

    /// <summary>Vectors are appended in batches of this many, not all held until the end.</summary>
    private const int PassagesPerWrite = 5000;

    public SeedReport Seed(GeneratedCorpus corpus, EmbeddingCache cache)
    {
        var passages = 0;
        var traced = 0;
        var fromMain = 0;
        var written = 0;
        var sectionsPlanned = 0;
        var sectionsKeptWhole = 0;
        var failures = new List<string>();
        var texts = new List<string>();
        var vectors = new List<float[]>();
        foreach (var plan in corpus.Plans)
        {
            Brief brief;
            try
            {
                brief = BriefExtractor.Extract(corpus.PathOf(plan));
            }
            catch (BriefExtractionException e)
            {
                failures.Add($"{plan.FileName}: {e.Reason}");
                continue;
            }
            var sources = new PassageSources(plan, library);
            var built = PassageBuilder.Build(brief);
            var paragraphs = built.Where(p => p.Kind == PassageKind.Paragraph).Select(p => p.Text).ToHashSet(StringComparer.Ordinal);
            var sections = plan.Body.Prepend(plan.SummarySection).ToList();
            sectionsPlanned += sections.Count;
            sectionsKeptWhole += sections.Count(section => paragraphs.Contains(library.Units[section.Unit].Text));
            foreach (var passage in built)
            {
                passages++;
                var (unit, found) = sources.UnitOf(passage);
                if (found) traced++;
                else fromMain++;
                var text = PassageEmbedder.TextToEncode(brief, passage);
                if (cache.Get(text) is not null) continue;
                texts.Add(text);
                vectors.Add(Derive(sourceVectors.Of(library.Units[unit]), text));
            }
            if (texts.Count >= PassagesPerWrite) written += Flush(cache, texts, vectors);
        }
        written += Flush(cache, texts, vectors);
        return new SeedReport(corpus.Plans.Count - failures.Count, passages, traced, fromMain, sectionsPlanned, sectionsKeptWhole, written, failures);
    }

    private static int Flush(EmbeddingCache cache, List<string> texts, List<float[]> vectors)
    {
        var count = texts.Count;
        if (count > 0) cache.AddRange(texts, vectors);
        texts.Clear();
        vectors.Clear();
        return count;
    }

    /// <summary>The source vector plus noise drawn from a generator seeded by the passage's text, so a rerun derives the same vector.</summary>
    private float[] Derive(float[] source, string text)
    {
        var noiseSeed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{text}")));
        var random = new Random(noiseSeed);
        var vector = new float[source.Length];
        for (var i = 0; i < vector.Length; i++) vector[i] = source[i] + NoiseSigma * Gaussian(random);
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    private static float Gaussian(Random random)
    {
        // Box–Muller: two uniform draws make one standard normal draw.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}

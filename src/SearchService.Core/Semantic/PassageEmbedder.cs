using System.Numerics.Tensors;
using SearchService.Embeddings;
using SearchService.Core.Briefs;

namespace SearchService.Core.Semantic;

/// <summary>
/// Computes the vectors of passages, from the cache when the text was seen before, else with the
/// encoder on every core. Each passage is encoded with its brief's title in front, so a chunk that
/// never names its subject still lands near it.
/// </summary>
public sealed class PassageEmbedder(ITextEncoder encoder, EmbeddingCache? cache)
{
    private long _encoded;
    private long _fromCache;

    public ITextEncoder Encoder => encoder;

    /// <summary>Passages this embedder had the model encode.</summary>
    public long PassagesEncoded => Interlocked.Read(ref _encoded);

    /// <summary>Passages whose vectors came from the cache.</summary>
    public long PassagesFromCache => Interlocked.Read(ref _fromCache);

    /// <summary>Vectors for <paramref name="passages"/> (result <c>i</c> belongs to passage <c>i</c>).</summary>
    public float[][] Embed(IReadOnlyList<(Brief Brief, Passage Passage)> passages, Action<int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        var texts = passages.Select(p => TextToEncode(p.Brief, p.Passage)).ToList();
        var vectors = new float[texts.Count][];
        var cached = cache?.GetMany(texts);
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
        {
            if (cached?[i] is { } vector) vectors[i] = vector;
            else missing.Add(i);
        }

        Interlocked.Add(ref _fromCache, texts.Count - missing.Count);
        if (missing.Count > 0)
        {
            var missingTexts = missing.Select(i => texts[i]).ToList();
            var encoded = encoder.EncodePassages(missingTexts, progress, cancellationToken);
            for (var j = 0; j < missing.Count; j++) vectors[missing[j]] = encoded[j];
            cache?.AddRange(missingTexts, encoded);
            Interlocked.Add(ref _encoded, missing.Count);
        }
        return vectors;
    }

    /// <summary>The text the model sees for a passage: the summary passage already starts with the title.</summary>
    public static string TextToEncode(Brief brief, Passage passage) =>
        passage.Kind == PassageKind.Summary ? passage.Text : $"{brief.Title}. {passage.Text}";

    /// <summary>A brief's own vector: the normalised mean of its passages' vectors.</summary>
    public static float[] BriefVector(IReadOnlyList<float[]> passageVectors)
    {
        var dimensions = passageVectors[0].Length;
        var sum = new float[dimensions];
        foreach (var vector in passageVectors) TensorPrimitives.Add(sum, vector, sum);
        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0) TensorPrimitives.Divide(sum, norm, sum);
        return sum;
    }
}

using System.Text.RegularExpressions;
using SearchService.Core.Extraction;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// Plans a corpus of briefs recombined from real source text, deterministically from a seed. Brief <c>i</c> draws
/// from its own random stream, so a larger corpus starts with the same briefs as a smaller one of the same seed.
/// </summary>
/// <remarks>
/// Length mix: most briefs are short (10–20 passages), some medium (25–50), a few long reports (85–115); the mean
/// is in the twenties. A brief follows one main source document: its summary section is one of that document's
/// chunks and its body the chunks that follow, topped up from other documents of the same collection. Findings and
/// recommendations are sentences of the brief's own chunks, or the source report's own, so they read like the body.
/// </remarks>
public sealed partial class CorpusComposer
{
    private static readonly DateOnly FirstDate = new(2006, 1, 1);
    private const int DaysSpanned = 20 * 365;

    // Policy sources weigh more than their document counts would give them: the corpus is mostly policy briefs.
    private static readonly (SourceCollection Collection, double Weight)[] CollectionWeights =
    [
        (SourceCollection.GaoReports, 0.20), (SourceCollection.CrsReports, 0.15), (SourceCollection.GaoRelated, 0.25),
        (SourceCollection.SciFact, 0.30), (SourceCollection.Cisi, 0.10),
    ];

    private readonly SourceLibrary _library;
    private readonly BriefVocabulary _vocabulary;
    private readonly int _seed;
    private readonly Dictionary<SourceCollection, List<SourceDocument>> _documents;
    private readonly List<SourceDocument> _reportsWithChunks;
    private readonly Dictionary<SourceCollection, List<SourceDocument>> _chunkedDocuments;
    private readonly ILookup<int, SourceStatement> _findingsByUnit;
    private readonly ILookup<int, SourceStatement> _recommendationsByUnit;

    public CorpusComposer(SourceLibrary library, BriefVocabulary vocabulary, int seed)
    {
        _library = library;
        _vocabulary = vocabulary;
        _seed = seed;
        _documents = library.Documents.GroupBy(d => d.Collection).ToDictionary(g => g.Key, g => g.ToList());
        _reportsWithChunks = library.Documents.Where(d => d.Collection is SourceCollection.GaoReports or SourceCollection.CrsReports && d.Chunks.Count > 0).ToList();
        _chunkedDocuments = library.Documents.Where(d => d.Chunks.Count > 0).GroupBy(d => d.Collection).ToDictionary(g => g.Key, g => g.ToList());
        _findingsByUnit = library.Findings.ToLookup(s => s.Unit);
        _recommendationsByUnit = library.Recommendations.ToLookup(s => s.Unit);
    }

    public IReadOnlyList<BriefPlan> Compose(int count)
    {
        var usedTitles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var plans = new List<BriefPlan>(count);
        for (var i = 0; i < count; i++) plans.Add(ComposeBrief(i, usedTitles));
        return plans;
    }

    // Every random draw below is an explicit statement, never inside a lazy LINQ pipeline: how often LINQ calls a
    // selector is its own business (it differs between builds of the runtime), and the corpus must not depend on it.
    private BriefPlan ComposeBrief(int number, HashSet<string> usedTitles)
    {
        var random = new Random(StableSeed(_seed, number));
        var lengthDraw = random.NextDouble();
        var (passages, types, findingCount, recommendationChance, recommendationRange) = lengthDraw switch
        {
            < 0.72 => (random.Next(10, 21), _vocabulary.ShortTypes, random.Next(3, 5), 0.55, (2, 4)),
            < 0.95 => (random.Next(25, 51), _vocabulary.MediumTypes, random.Next(4, 7), 0.75, (3, 6)),
            _ => (random.Next(85, 116), _vocabulary.LongTypes, random.Next(6, 9), 0.90, (5, 8)),
        };
        var recommendationCount = random.NextDouble() < recommendationChance ? random.Next(recommendationRange.Item1, recommendationRange.Item2) : 0;

        var document = PickDocument(random);
        var date = FirstDate.AddDays(random.Next(DaysSpanned));
        // Passages besides the body: the summary, its section, each finding and recommendation, and their sections' chunks.
        var overhead = 2 + findingCount + (findingCount + 3) / 4 + (recommendationCount > 0 ? recommendationCount + (recommendationCount + 2) / 3 : 0);
        var (primary, body) = MainAndBodyUnits(document, Math.Max(1, passages - overhead), random);

        List<int> ownUnits = [primary, .. body, document.Chunks.Count > 0 ? document.Chunks[0] : primary];
        var findings = PickStatements(ownUnits, _findingsByUnit, _library.Findings, findingCount, random);
        var titledRecommendations = random.NextDouble() < 0.5;
        var recommendationTitles = _vocabulary.RecommendationTitles.ToArray();
        random.Shuffle(recommendationTitles);
        var statements = PickStatements(ownUnits, _recommendationsByUnit, _library.Recommendations, recommendationCount, random);
        var recommendations = new List<PlannedRecommendation>();
        for (var i = 0; i < statements.Count; i++)
            recommendations.Add(new PlannedRecommendation(titledRecommendations ? recommendationTitles[i % recommendationTitles.Length] : null, statements[i]));

        var title = UniqueTitle(document.Title, date, number, usedTitles, random);
        var mainText = _library.Units[primary].Text;
        var type = Pick(random, types);
        var publisher = document.Collection switch
        {
            SourceCollection.GaoReports or SourceCollection.GaoRelated => BriefVocabulary.Gao,
            SourceCollection.CrsReports => BriefVocabulary.Crs,
            _ => Pick(random, _vocabulary.ResearchPublishers),
        };
        var tags = PickTags($"{title} {mainText}", random);
        var authors = PickAuthors(random);
        var summarySection = new PlannedSection(Pick(random, _vocabulary.SummaryHeadings), primary);
        var findingsHeading = Pick(random, _vocabulary.FindingsHeadings);
        var sections = new List<PlannedSection>();
        foreach (var unit in body) sections.Add(new PlannedSection(_library.Units[unit].Heading ?? Pick(random, _vocabulary.BodyHeadings), unit));
        var recommendationsHeading = Pick(random, _vocabulary.RecommendationsHeadings);

        return new BriefPlan
        {
            Id = $"{ShortSlug(title)}-{number:D6}",
            Title = title,
            Date = date,
            Type = type,
            Publisher = publisher,
            Tags = tags,
            Authors = authors,
            Summary = OpeningSentences(mainText),
            SummarySection = summarySection,
            FindingsHeading = findingsHeading,
            Findings = findings,
            Body = sections,
            RecommendationsHeading = recommendationsHeading,
            Recommendations = recommendations,
        };
    }

    private SourceDocument PickDocument(Random random)
    {
        var available = CollectionWeights.Where(w => _documents.ContainsKey(w.Collection)).ToList();
        var draw = random.NextDouble() * available.Sum(w => w.Weight);
        foreach (var (collection, weight) in available)
        {
            if ((draw -= weight) <= 0) return Pick(random, _documents[collection]);
        }
        return Pick(random, _documents[available[^1].Collection]);
    }

    /// <summary>
    /// The brief's main unit and <paramref name="bodyCount"/> distinct body units: the main document's chunks from
    /// there on, then a few consecutive chunks at a time of other documents, as an author quoting sources would. A
    /// related-reports abstract has no chunks: its briefs read on in GAO and CRS reports.
    /// </summary>
    private (int Main, List<int> Body) MainAndBodyUnits(SourceDocument document, int bodyCount, Random random)
    {
        int main;
        var following = new List<int>();
        IReadOnlyList<SourceDocument> others;
        if (document.Chunks.Count == 0)
        {
            main = document.Summary!.Value;
            others = _reportsWithChunks;
        }
        else
        {
            var start = random.Next(document.Chunks.Count);
            main = document.Chunks[start];
            for (var i = 1; i < document.Chunks.Count; i++) following.Add(document.Chunks[(start + i) % document.Chunks.Count]);
            others = document.Collection == SourceCollection.GaoRelated ? _reportsWithChunks : _chunkedDocuments[document.Collection];
        }

        var body = new List<int>(bodyCount);
        var taken = new HashSet<int> { main };
        foreach (var unit in following)
        {
            if (body.Count == bodyCount) break;
            if (taken.Add(unit)) body.Add(unit);
        }
        // Bounded, so a small source pool cannot loop forever on units already taken.
        for (var attempt = 0; body.Count < bodyCount && others.Count > 0 && attempt < 50 * bodyCount; attempt++)
        {
            var other = Pick(random, others);
            var start = random.Next(other.Chunks.Count);
            var end = Math.Min(other.Chunks.Count, start + random.Next(1, 6));
            for (var i = start; i < end && body.Count < bodyCount; i++)
            {
                if (taken.Add(other.Chunks[i])) body.Add(other.Chunks[i]);
            }
        }
        return (main, body);
    }

    private static List<SourceStatement> PickStatements(IReadOnlyList<int> ownUnits, ILookup<int, SourceStatement> byUnit, IReadOnlyList<SourceStatement> all, int count, Random random)
    {
        var picked = new List<SourceStatement>();
        var texts = new HashSet<string>(StringComparer.Ordinal);
        var own = ownUnits.Distinct().SelectMany(u => byUnit[u]).ToArray();
        random.Shuffle(own);
        foreach (var statement in own)
        {
            if (picked.Count == count) break;
            if (texts.Add(statement.Text)) picked.Add(statement);
        }
        for (var attempt = 0; picked.Count < count && attempt < 50 * count; attempt++)
        {
            var statement = Pick(random, all);
            if (texts.Add(statement.Text)) picked.Add(statement);
        }
        return picked;
    }

    private string UniqueTitle(string sourceTitle, DateOnly date, int number, HashSet<string> used, Random random)
    {
        if (used.Add(sourceTitle)) return sourceTitle;
        var colon = sourceTitle.IndexOf(':');
        var subject = colon > 0 && SourceLibrary.WordCount(sourceTitle[..colon]) <= 8 ? sourceTitle[..colon] : sourceTitle;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var candidate = $"{subject}: {Pick(random, _vocabulary.TitleEndings)}";
            if (used.Add(candidate)) return candidate;
        }
        var dated = $"{subject}: {Pick(random, _vocabulary.TitleEndings)} ({date.Year})";
        return used.Add(dated) ? dated : $"{dated} {number}";
    }

    private List<string> PickTags(string text, Random random)
    {
        var wanted = random.Next(1, 4);
        var addAnother = random.NextDouble() < 0.15;
        var another = Pick(random, _vocabulary.Tags).Tag;
        // Triggers match from a word start ("rail" is not in "trail"); a trailing space makes one match whole words only.
        var words = $" {NonLetters().Replace(text.ToLowerInvariant(), " ")} ";
        var tags = _vocabulary.Tags
            .Select(t => (t.Tag, Score: t.Words.Count(w => words.Contains(" " + w.TrimStart(), StringComparison.Ordinal))))
            .Where(t => t.Score > 0).OrderByDescending(t => t.Score).Select(t => t.Tag)
            .Take(wanted).ToList();
        if (tags.Count == 0 || addAnother) tags.Add(another);
        return tags.Distinct().ToList();
    }

    private List<string> PickAuthors(Random random)
    {
        var draw = random.NextDouble();
        var count = draw < 0.4 ? 1 : draw < 0.7 ? 2 : draw < 0.9 ? 3 : 4;
        var authors = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            // Squaring the draw makes a few authors prolific and most occasional, as in a real catalogue.
            var author = _vocabulary.Authors[(int)(_vocabulary.Authors.Count * Math.Pow(random.NextDouble(), 2.2))];
            if (!authors.Contains(author)) authors.Add(author);
        }
        return authors;
    }

    /// <summary>The first sentence of a text, and the second when the first is short.</summary>
    private static string OpeningSentences(string text)
    {
        var sentences = SourceLibrary.Sentences(text);
        var summary = sentences[0];
        if (SourceLibrary.WordCount(summary) < 20 && sentences.Count > 1) summary += " " + sentences[1];
        return summary;
    }

    private static string ShortSlug(string title)
    {
        var slug = BriefExtractor.Slugify(title);
        if (slug.Length <= 48) return slug;
        var cut = slug.LastIndexOf('-', 48);
        return slug[..(cut > 20 ? cut : 48)].TrimEnd('-', '.');
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NonLetters();

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A seed for brief <paramref name="number"/> that is the same in every process (string hashes are not).</summary>
    private static int StableSeed(int seed, int number)
    {
        var mixed = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)number * 0xBF58476D1CE4E5B9UL;
        mixed ^= mixed >> 31;
        mixed *= 0x94D049BB133111EBUL;
        return (int)(mixed >> 33);
    }
}

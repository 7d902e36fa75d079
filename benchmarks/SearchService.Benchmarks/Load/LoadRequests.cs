using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SearchService.Benchmarks.Load;

/// <summary>
/// The requests of the load runs, as a publisher's readers would send them: short queries (the corpus's tags and the
/// subjects of its titles, e.g. "Water Infrastructure", then GAO report subjects from <c>../shared</c> for variety,
/// 300 in all), related lists of every brief, half-typed queries for suggestions, and a Zipf-like mix (query of rank r
/// drawn with weight 1/r, so the top 20 of 300 are ~57% of the traffic) for the repeated-query runs.
/// </summary>
public sealed record LoadRequests(int BriefCount, IReadOnlyList<string> Keyword, IReadOnlyList<string> Hybrid, IReadOnlyList<string> Related,
    IReadOnlyList<string> Suggest, IReadOnlyList<string> KeywordZipf, IReadOnlyList<string> HybridZipf)
{
    private const int Queries = 300;
    private const int ZipfRequests = 3_000;

    /// <summary>Reads the served corpus's briefs (ids, titles, tags) from the running service.</summary>
    public static async Task<LoadRequests> BuildAsync(HttpClient http, string repositoryRoot, int seed = 1)
    {
        var listing = JsonNode.Parse(await http.GetStringAsync("/api/search?q=&mode=keyword&size=100"))!;
        var hits = listing["hits"]!.AsArray();
        var ids = hits.Select(h => (string)h!["id"]!).ToList();
        var ownQueries = hits.SelectMany(h => h!["tags"]!.AsArray().Select(t => (string)t!).Append(Subject((string)h["title"]!)))
            .OfType<string>();
        var queries = ownQueries.Concat(DatasetSubjects(repositoryRoot))
            .Where(q => q.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is >= 1 and <= 4)
            .Distinct(StringComparer.OrdinalIgnoreCase).Take(Queries).ToList();

        var random = new Random(seed);
        var weights = queries.Select((_, rank) => 1.0 / (rank + 1)).ToArray();
        var total = weights.Sum();
        var zipf = Enumerable.Range(0, ZipfRequests).Select(_ =>
        {
            var draw = random.NextDouble() * total;
            for (var i = 0; i < weights.Length; i++)
            {
                draw -= weights[i];
                if (draw <= 0) return queries[i];
            }
            return queries[^1];
        }).ToList();

        static string Search(string q, string? mode) => $"/api/search?q={Uri.EscapeDataString(q)}{(mode is null ? "" : "&mode=" + mode)}&size=10";
        return new LoadRequests((int)listing["total"]!,
            queries.Select(q => Search(q, "keyword")).ToList(),
            queries.Select(q => Search(q, null)).ToList(),
            ids.Select(id => $"/api/briefs/{Uri.EscapeDataString(id)}/related?k=5").ToList(),
            queries.Select(q => $"/api/suggest?q={Uri.EscapeDataString(HalfTyped(q))}").ToList(),
            zipf.Select(q => Search(q, "keyword")).ToList(),
            zipf.Select(q => Search(q, null)).ToList());
    }

    /// <summary>Subjects of the GAO reports' titles in the shared related-briefs dataset ("Combating Wildlife Trafficking").</summary>
    private static IEnumerable<string> DatasetSubjects(string repositoryRoot)
    {
        var corpus = Path.Combine(repositoryRoot, "..", "shared", "datasets", "gao-related", "corpus.jsonl");
        if (!File.Exists(corpus)) yield break;
        foreach (var line in File.ReadLines(corpus))
        {
            if (JsonNode.Parse(line)?["title"]?.GetValue<string>() is { } title && Subject(title) is { } subject) yield return subject;
        }
    }

    private static string? Subject(string title)
    {
        var colon = title.IndexOf(':');
        return colon > 0 ? title[..colon].Trim() : null;
    }

    private static string HalfTyped(string query)
    {
        var words = query.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var last = words[^1];
        words[^1] = last[..Math.Min(last.Length, Math.Max(2, (last.Length + 1) / 2))];
        return string.Join(' ', words);
    }
}

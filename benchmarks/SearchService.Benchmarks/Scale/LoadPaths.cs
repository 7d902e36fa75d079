namespace SearchService.Benchmarks.Scale;

/// <summary>
/// The requests of the load runs, as people would send them: short queries (1–4 word title subjects such as "Water
/// Infrastructure", and tags), the ids of briefs for related lists, and half-typed words for suggestions. Drawn from
/// the generated corpus with the run's seed, so every run sends the same requests.
/// </summary>
public sealed class LoadPaths
{
    private const int PathsPerEndpoint = 200;

    private LoadPaths(IReadOnlyList<LoadEndpoint> endpoints) => Endpoints = endpoints;

    /// <summary>keyword, hybrid, related, suggest and themes, in that order.</summary>
    public IReadOnlyList<LoadEndpoint> Endpoints { get; }

    /// <summary>What must answer 200 before a service counts as serving: health, then one request per endpoint.</summary>
    public IReadOnlyList<string> Readiness => Endpoints.Select(e => e.Paths[0]).Prepend("/health").ToList();

    public static LoadPaths Build(IReadOnlyList<BriefPlan> plans, int seed)
    {
        var random = new Random(seed);
        var queries = plans.Select(p => Subject(p.Title)).OfType<string>().Concat(plans.SelectMany(p => p.Tags))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToArray();
        random.Shuffle(queries);
        var ids = plans.Select(p => p.Id).ToArray();
        random.Shuffle(ids);
        queries = queries.Take(PathsPerEndpoint).ToArray();
        ids = ids.Take(PathsPerEndpoint).ToArray();
        return new LoadPaths(
        [
            new("keyword", queries.Select(q => $"/api/search?q={Uri.EscapeDataString(q)}&mode=keyword&size=10").ToList()),
            new("hybrid", queries.Select(q => $"/api/search?q={Uri.EscapeDataString(q)}&size=10").ToList()),
            new("related", ids.Select(id => $"/api/briefs/{Uri.EscapeDataString(id)}/related?k=5").ToList()),
            new("suggest", queries.Select(q => $"/api/suggest?q={Uri.EscapeDataString(HalfTyped(q))}").ToList()),
            new("themes", queries.Select(q => $"/api/themes?q={Uri.EscapeDataString(q)}&size=20").ToList()),
        ]);
    }

    /// <summary>The part of a title before its colon, or the whole title, when it is 1 to 4 words.</summary>
    private static string? Subject(string title)
    {
        var colon = title.IndexOf(':');
        var subject = (colon > 0 ? title[..colon] : title).Trim();
        return SourceLibrary.WordCount(subject) is >= 1 and <= 4 ? subject : null;
    }

    /// <summary>The query as typed so far, in lower case: its last word cut to its first half (at least two letters).</summary>
    private static string HalfTyped(string query)
    {
        var words = query.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var last = words[^1];
        words[^1] = last[..Math.Min(last.Length, Math.Max(2, (last.Length + 1) / 2))];
        return string.Join(' ', words);
    }
}

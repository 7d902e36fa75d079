using System.Diagnostics.Metrics;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Search;
using SearchService.Core.Semantic;

namespace SearchService.Api.Hosting;

/// <summary>
/// What operators watch, served at <c>/metrics</c> in Prometheus format (with ASP.NET's request durations per
/// route and the runtime's GC and thread-pool figures): search time per stage, cache hit rates, index size,
/// briefs, passages, embedding backlog and related lists pending. The metric names are listed in docs/operations.md.
/// </summary>
public sealed class ServiceMetrics : IDisposable
{
    public const string MeterName = "SearchService";
    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _stages;
    private readonly Counter<long> _resultCache;

    public ServiceMetrics(IndexOpening opening, IServiceProvider services)
    {
        // Most stages take well under a millisecond once warm: the default buckets (5 ms and up) would put them all in one.
        _stages = _meter.CreateHistogram("searchservice.search.stage.duration", "ms", "Time of each stage of a search (keyword includes spelling)",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 10000] });
        var queryVectors = services.GetRequiredService<SemanticEncoding>().Queries;
        // The index-derived series are absent until the index is open (a first build), rather than reported as zeros.
        _meter.CreateObservableGauge("searchservice.index.briefs", () => WhenOpen(opening, lease => (long)lease.Index.Count), description: "Briefs in the served index generation");
        _meter.CreateObservableGauge("searchservice.index.passages", () => WhenOpen(opening, lease => (long)lease.Index.PassageTotal), description: "Passages of those briefs (what semantic search and snippets read)");
        _meter.CreateObservableGauge("searchservice.index.size", () => WhenOpen(opening, lease => FolderBytes(lease.Index.Path)), "By", "Bytes on disk of the served index generation");
        _meter.CreateObservableGauge("searchservice.embedding.pending", () => WhenOpen(opening, _ => (long)services.GetRequiredService<EmbeddingBackfill>().Pending), description: "Briefs still to be given vectors in the background");
        _meter.CreateObservableGauge("searchservice.related.pending", () => WhenOpen(opening, lease => (long)RelatedLists.For(lease.Index, services.GetRequiredService<RelatedModel>()).Pending), description: "Related lists still to compute");
        _meter.CreateObservableCounter("searchservice.snippet_passages.hits", () => WhenOpen(opening, lease => SnippetPassages.For(lease.Index).Hits), description: "Passages of snippets found remembered (counted per index generation)");
        _meter.CreateObservableCounter("searchservice.snippet_passages.misses", () => WhenOpen(opening, lease => SnippetPassages.For(lease.Index).Misses), description: "Passages of snippets read from the index and cleaned of boilerplate");
        _resultCache = _meter.CreateCounter<long>("searchservice.search.results", description: "Searches answered, by whether the result cache held them (cached: true or false)");
        if (services.GetService<Analytics.SearchAnalytics>() is { } analytics)
            _meter.CreateObservableCounter("searchservice.analytics.dropped", () => analytics.Dropped, description: "Search analytics events dropped because the writer's queue was full");
        if (queryVectors is not null)
        {
            _meter.CreateObservableCounter("searchservice.query_vectors.hits", () => queryVectors.Hits, description: "Query vectors found in the cache");
            _meter.CreateObservableCounter("searchservice.query_vectors.misses", () => queryVectors.Misses, description: "Query vectors encoded");
        }
    }

    /// <summary>Records one search's stage times.</summary>
    public void Record(string mode, StageTimings timings)
    {
        _resultCache.Add(1, new KeyValuePair<string, object?>("cached", timings.FromCache), new KeyValuePair<string, object?>("mode", mode));
        foreach (var (stage, milliseconds) in timings.Stages)
            _stages.Record(milliseconds, new KeyValuePair<string, object?>("stage", stage), new KeyValuePair<string, object?>("mode", mode));
    }

    private static IEnumerable<Measurement<long>> WhenOpen(IndexOpening opening, Func<IndexLease, long> read)
    {
        if (opening.IfOpen is not { } index) return [];
        using var lease = index.Acquire();
        return [new Measurement<long>(read(lease))];
    }

    private static long FolderBytes(string folder) =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    public void Dispose() => _meter.Dispose();
}

using System.Diagnostics.Metrics;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Search;
using SearchService.Core.Semantic;

namespace SearchService.Api.Hosting;

/// <summary>
/// What operators watch, served at <c>/metrics</c> in Prometheus format (with ASP.NET's request durations per
/// route and the runtime's GC and thread-pool figures): search time per stage, cache hit rates, index size,
/// briefs, embedding backlog and related lists pending.
/// </summary>
public sealed class ServiceMetrics : IDisposable
{
    public const string MeterName = "SearchService";
    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _stages;
    private readonly Counter<long> _resultCache;

    public ServiceMetrics(LiveIndex index, EmbeddingBackfill backfill, RelatedModel relatedModel, IServiceProvider services)
    {
        _stages = _meter.CreateHistogram<double>("searchservice.search.stage.duration", "ms", "Time of each stage of a search (keyword includes spelling)");
        var queryVectors = services.GetRequiredService<SemanticEncoding>().Queries;
        _meter.CreateObservableGauge("searchservice.index.briefs", () => Read(index, lease => lease.Index.Count), description: "Briefs in the served index generation");
        _meter.CreateObservableGauge("searchservice.index.size", () => Read(index, lease => FolderBytes(lease.Index.Path)), "By", "Bytes on disk of the served index generation");
        _meter.CreateObservableGauge("searchservice.embedding.pending", () => backfill.Pending, description: "Briefs still to be given vectors in the background");
        _meter.CreateObservableGauge("searchservice.related.pending", () => Read(index, lease => RelatedLists.For(lease.Index, relatedModel).Pending), description: "Related lists still to compute");
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

    private static T Read<T>(LiveIndex index, Func<IndexLease, T> read)
    {
        using var lease = index.Acquire();
        return read(lease);
    }

    private static long FolderBytes(string folder) =>
        Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;

    public void Dispose() => _meter.Dispose();
}

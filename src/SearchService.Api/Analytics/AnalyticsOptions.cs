using System.ComponentModel.DataAnnotations;

namespace SearchService.Api.Analytics;

/// <summary>Search analytics ("SearchService:Analytics"): whether searches and clicks are recorded, and how much is kept.</summary>
public sealed class AnalyticsOptions
{
    public const string SectionName = "SearchService:Analytics";

    /// <summary>Record searches and clicks. Off: nothing is recorded, answers carry no searchId, reports are empty.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The SQLite file; empty: <c>analytics.db</c> in the index folder, beside its generations.</summary>
    public string Path { get; set; } = "";

    /// <summary>Searches and clicks older than this many days are deleted.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 90;

    /// <summary>Searches kept at most (the newest); about 150 bytes each on disk.</summary>
    [Range(1, 100_000_000)]
    public int MaxSearches { get; set; } = 1_000_000;

    /// <summary>Clicks kept at most (the newest).</summary>
    [Range(1, 100_000_000)]
    public int MaxClicks { get; set; } = 1_000_000;

    /// <summary>
    /// Events waiting for the writer at most. A search never waits for the disk: when the queue is full (the disk cannot
    /// keep up), events are dropped and counted (<c>searchservice_analytics_dropped_total</c>).
    /// </summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 50_000;

    /// <summary>How often old rows are pruned (first with the first write after start-up).</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);
}

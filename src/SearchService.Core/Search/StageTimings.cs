using System.Diagnostics;

namespace SearchService.Core.Search;

/// <summary>
/// Where one search's time went, stage by stage (keyword matching, spelling, query encoding, vector search, fusion,
/// facets, snippets), for operators' metrics and logs. A stage timed twice is added up.
/// </summary>
public sealed class StageTimings
{
    private readonly Dictionary<string, double> _milliseconds = new(StringComparer.Ordinal);

    /// <summary>True when the results came from the result cache (no stage ran).</summary>
    public bool FromCache { get; set; }

    /// <summary>Milliseconds per stage, in the order the stages first ran.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Stages
    {
        get
        {
            lock (_milliseconds) return [.. _milliseconds];
        }
    }

    public void Add(string stage, TimeSpan elapsed)
    {
        lock (_milliseconds) _milliseconds[stage] = _milliseconds.GetValueOrDefault(stage) + elapsed.TotalMilliseconds;
    }

    /// <summary>Times the code until the returned scope is disposed.</summary>
    public Scope Time(string stage) => new(this, stage);

    /// <summary>Times one stage; a null <see cref="StageTimings"/> records nothing.</summary>
    public readonly struct Scope(StageTimings? timings, string stage) : IDisposable
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public void Dispose() => timings?.Add(stage, Stopwatch.GetElapsedTime(_started));
    }
}

/// <summary>Stage names, one source for the modes that record them and the metrics that report them.</summary>
public static class SearchStages
{
    public const string Keyword = "keyword";
    public const string Spelling = "spelling";
    public const string Encode = "encode";
    public const string Vectors = "vectors";
    public const string Fusion = "fusion";
    public const string Facets = "facets";
    public const string Snippets = "snippets";
}

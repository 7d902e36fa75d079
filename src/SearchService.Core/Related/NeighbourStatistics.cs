using System.Collections.Concurrent;
using SearchService.Core.Caching;

namespace SearchService.Core.Related;

/// <summary>
/// Owns each brief's neighbourhood statistics (<see cref="BriefNeighbours"/>): remembered by brief id for the
/// content they were computed from (bounded in memory, persisted in the <see cref="RelatedStore"/>), computed at
/// most once at a time per brief however many scorings ask for them together.
/// </summary>
internal sealed class NeighbourStatistics(RelatedStore? store)
{
    private const int Kept = 20_000;
    private readonly BoundedCache<string, (string Hash, BriefNeighbours Neighbours)> _known = new(Kept, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<BriefNeighbours>> _computing = new(StringComparer.Ordinal);
    private long _computed;

    /// <summary>How many statistics were computed (not read) by this process: what a restart should not repeat.</summary>
    public long Computed => Interlocked.Read(ref _computed);

    /// <summary>The statistics of <paramref name="facts"/>' brief for its current content; <paramref name="compute"/> makes them when none are known.</summary>
    public BriefNeighbours Get(BriefFacts facts, Func<BriefNeighbours> compute)
    {
        if (_known.TryGet(facts.Id, out var known) && known.Hash == facts.ContentHash) return known.Neighbours;
        if (store?.Neighbours(facts.Id, facts.ContentHash) is { } stored)
        {
            _known.Set(facts.Id, (facts.ContentHash, stored));
            return stored;
        }
        var key = facts.Id + "\n" + facts.ContentHash;
        var computing = _computing.GetOrAdd(key, _ => new Lazy<BriefNeighbours>(() =>
        {
            var neighbours = compute();
            Interlocked.Increment(ref _computed);
            store?.SaveNeighbours(facts.Id, facts.ContentHash, neighbours);
            _known.Set(facts.Id, (facts.ContentHash, neighbours));
            return neighbours;
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return computing.Value;
        }
        finally
        {
            _computing.TryRemove(new KeyValuePair<string, Lazy<BriefNeighbours>>(key, computing));
        }
    }

    /// <summary>Forgets the statistics of a brief whose neighbourhood changed (a brief near it was added or removed).</summary>
    public void Forget(string id) => _known.Remove(id);
}

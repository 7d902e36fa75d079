using System.Collections.Concurrent;

namespace SearchService.Core.Caching;

/// <summary>
/// A thread-safe cache that holds at most <c>capacity</c> entries: when full, the least recently used quarter is
/// dropped at once (amortised, so a lookup stays a dictionary read). Hits and misses are counted for operators.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new(comparer);
    private readonly Lock _evictionLock = new();
    private long _clock;
    private long _hits;
    private long _misses;

    /// <summary>Entries kept at most; 0 keeps none (every lookup misses).</summary>
    public int Capacity { get; } = capacity >= 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A cache cannot hold fewer than 0 entries.");
    public int Count => _entries.Count;
    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.LastUse = Interlocked.Increment(ref _clock);
            Interlocked.Increment(ref _hits);
            value = entry.Value;
            return true;
        }
        Interlocked.Increment(ref _misses);
        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (Capacity == 0) return;
        _entries[key] = new Entry(value) { LastUse = Interlocked.Increment(ref _clock) };
        if (_entries.Count > Capacity) Evict();
    }

    public void Remove(TKey key) => _entries.TryRemove(key, out _);

    public void Clear() => _entries.Clear();

    private void Evict()
    {
        lock (_evictionLock)
        {
            if (_entries.Count <= Capacity) return;
            var keep = Capacity - Capacity / 4;
            // A snapshot: other threads add and remove meanwhile.
            var oldest = _entries.ToArray().OrderByDescending(e => e.Value.LastUse).Skip(keep).Select(e => e.Key).ToList();
            foreach (var key in oldest) _entries.TryRemove(key, out _);
        }
    }

    private sealed class Entry(TValue value)
    {
        public TValue Value { get; } = value;
        public long LastUse;
    }
}

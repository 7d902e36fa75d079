using Lucene.Net.Index;

namespace SearchService.Core.Caching;

/// <summary>
/// Answers computed on one version of an index, keyed by that version and a key of the caller's: any commit (upload,
/// update, delete) changes the version, so nothing stale is served. Bounded, least recently used dropped; hits and
/// misses counted. One per index generation (see <c>BriefIndex.Derived</c>), dropped with it.
/// </summary>
internal sealed class ReaderVersionCache<TValue>(int capacity) : IDisposable
{
    private readonly BoundedCache<string, TValue> _entries = new(capacity, StringComparer.Ordinal);

    public long Hits => _entries.Hits;
    public long Misses => _entries.Misses;

    public bool TryGet(IndexReader reader, string key, out TValue value) => _entries.TryGet(Key(reader, key), out value);

    public void Set(IndexReader reader, string key, TValue value) => _entries.Set(Key(reader, key), value);

    public TValue GetOrAdd(IndexReader reader, string key, Func<TValue> compute)
    {
        if (TryGet(reader, key, out var known)) return known;
        var value = compute();
        Set(reader, key, value);
        return value;
    }

    private static string Key(IndexReader reader, string key) =>
        string.Concat((reader is DirectoryReader directory ? directory.Version : reader.GetHashCode()).ToString(System.Globalization.CultureInfo.InvariantCulture), "\n", key);

    public void Dispose() => _entries.Clear();
}

using Lucene.Net.Index;
using SearchService.Core.Caching;

namespace SearchService.Core.Search;

/// <summary>
/// The spelling alternatives found for each typed word on one version of an index generation: finding them
/// walks a Levenshtein automaton over the vocabulary (milliseconds a word), while a search box sees the same
/// words again and again. Keyed by the index version, so a commit that changes the vocabulary starts afresh;
/// bounded, least recently used dropped.
/// </summary>
public sealed class SpellingMemory(int capacity = SpellingMemory.DefaultCapacity) : IDisposable
{
    public const int DefaultCapacity = 20_000;
    private readonly BoundedCache<string, IReadOnlyList<string>> _alternatives = new(capacity, StringComparer.Ordinal);

    /// <summary>The memory of <paramref name="index"/>: one per generation, dropped with it.</summary>
    public static SpellingMemory For(Indexing.BriefIndex index) => index.Derived("spelling-alternatives", () => new SpellingMemory());

    internal IReadOnlyList<string> GetOrAdd(IndexReader reader, string typed, Func<IReadOnlyList<string>> find)
    {
        var key = (reader is DirectoryReader directory ? directory.Version : reader.GetHashCode()) + "\n" + typed;
        if (_alternatives.TryGet(key, out var known)) return known;
        var found = find();
        _alternatives.Set(key, found);
        return found;
    }

    public void Dispose() => _alternatives.Clear();
}

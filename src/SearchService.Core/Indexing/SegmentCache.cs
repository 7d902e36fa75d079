using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace SearchService.Core.Indexing;

/// <summary>
/// Something computed once per segment (segments never change) and kept while the segment's core lives: keyed weakly
/// by the core, built by whichever request first needs it while others wait for that one build. Owned by an index
/// (through <see cref="BriefIndex.Derived{T}"/>), cleared with it.
/// </summary>
internal sealed class SegmentCache<T>(Func<AtomicReader, T> build) : IDisposable where T : class
{
    private readonly ConditionalWeakTable<object, Lazy<T>> _bySegmentCore = new();

    public T For(AtomicReader reader) =>
        _bySegmentCore.GetValue(reader.CoreCacheKey, _ => new Lazy<T>(() => build(reader))).Value;

    public void Dispose() => _bySegmentCore.Clear();
}

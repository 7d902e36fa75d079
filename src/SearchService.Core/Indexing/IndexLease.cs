namespace SearchService.Core.Indexing;

/// <summary>
/// The right to use one generation of a <see cref="LiveIndex"/> until disposed: a request takes one lease and
/// answers entirely from that generation, even if a rebuild swaps in a new one meanwhile.
/// </summary>
public sealed class IndexLease : IDisposable
{
    private readonly IndexGeneration _generation;
    private int _released;

    internal IndexLease(IndexGeneration generation)
    {
        _generation = generation;
    }

    /// <summary>The leased generation's index. Read from it; write through <see cref="LiveIndex"/> so rebuilds see the change.</summary>
    public BriefIndex Index => _generation.Index;

    /// <summary>The number of the leased generation.</summary>
    public int Generation => _generation.Number;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) _generation.ReleaseLease();
    }
}

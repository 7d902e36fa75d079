namespace SearchService.Core.Indexing;

/// <summary>
/// One built index in <c>generations/&lt;n&gt;</c>, shared by the requests that lease it. A generation replaced
/// by a rebuild is retired: it stays open while any lease is out, and is closed and deleted when the last one is
/// returned, so no search ever runs on a disposed index.
/// </summary>
internal sealed class IndexGeneration
{
    private readonly System.Threading.Lock _lock = new();
    private int _leases;
    private bool _retired;
    private bool _closed;

    public int Number { get; }
    public BriefIndex Index { get; }

    private IndexGeneration(int number, BriefIndex index)
    {
        Number = number;
        Index = index;
    }

    public static IndexGeneration Open(string root, int number) => new(number, BriefIndex.Open(IndexLayout.GenerationPath(root, number)));

    public void AddLease()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            _leases++;
        }
    }

    public void ReleaseLease()
    {
        lock (_lock)
        {
            _leases--;
            if (_retired && _leases == 0) CloseAndDelete();
        }
    }

    /// <summary>Marks the generation replaced: it is closed and deleted as soon as no lease is out.</summary>
    public void Retire()
    {
        lock (_lock)
        {
            _retired = true;
            if (_leases == 0) CloseAndDelete();
        }
    }

    /// <summary>Closes the index and keeps its folder (the process is stopping; this generation stays current).</summary>
    public void Close()
    {
        lock (_lock)
        {
            if (_closed) return;
            _closed = true;
            Index.Dispose();
        }
    }

    /// <summary>Closes and deletes a generation nobody else has seen (an abandoned rebuild).</summary>
    public void Discard()
    {
        lock (_lock) CloseAndDelete();
    }

    private void CloseAndDelete()
    {
        if (_closed) return;
        _closed = true;
        Index.Dispose();
        IndexLayout.TryDelete(Index.Path);
    }
}

using SearchService.Core.Briefs;
using SearchService.Core.Semantic;

namespace SearchService.Core.Indexing;

/// <summary>
/// The index a service or command works on: the current generation of the index folder, written to in place
/// and rebuilt into a new generation that is swapped in atomically. Reads lease the current generation
/// (<see cref="Acquire"/>) and keep it for the whole request; writes go through this class, which commits each
/// one (visible to the next search, durable on disk) and, while a rebuild runs, replays it onto the new
/// generation before the swap so no write is lost. With a <see cref="PassageEmbedder"/>, every write and
/// rebuild also stores the passages' vectors, so semantic search and related briefs stay in step.
/// </summary>
public sealed class LiveIndex : IDisposable
{
    private readonly System.Threading.Lock _leaseLock = new();
    // Serialises writes, and the start and end of a rebuild, so every write lands either in the rebuild's
    // snapshot or in its journal. Held across commits; reads never take it.
    private readonly System.Threading.Lock _writeLock = new();
    private readonly PassageEmbedder? _embedder;
    private IndexGeneration _current;
    private List<Action<BriefIndex>>? _journal;
    private int _rebuilding;
    private int _merging;
    private readonly IndexFolderLock _folderLock;

    /// <summary>The folder holding the pointer file and the generations.</summary>
    public string Root { get; }

    private LiveIndex(string root, IndexGeneration current, PassageEmbedder? embedder, IndexFolderLock folderLock)
    {
        _folderLock = folderLock;
        Root = root;
        _current = current;
        _embedder = embedder;
    }

    /// <summary>
    /// Opens the index folder <paramref name="root"/>, creating an empty index when it has none; deletes generations
    /// that are not current (a rebuild a crash interrupted, an old generation a crash kept). Writes and rebuilds
    /// embed passages with <paramref name="embedder"/> when given. A folder another holder has open is waited for up
    /// to <paramref name="lockWait"/> (none by default: a CLI command says at once that the folder is in use).
    /// </summary>
    public static LiveIndex Open(string root, PassageEmbedder? embedder = null, TimeSpan lockWait = default)
    {
        root = Path.GetFullPath(root);
        Directory.CreateDirectory(root);
        var folderLock = IndexFolderLock.Acquire(root, lockWait);
        try
        {
            return new LiveIndex(root, OpenCurrent(root, embedder), embedder, folderLock);
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }
    }

    /// <summary>The current generation of <paramref name="root"/> (a new, empty one when there is none); the others deleted.</summary>
    private static IndexGeneration OpenCurrent(string root, PassageEmbedder? embedder)
    {
        IndexGeneration current;
        if (IndexLayout.ReadCurrent(root) is { } number && BriefIndex.Exists(IndexLayout.GenerationPath(root, number)))
        {
            current = IndexGeneration.Open(root, number);
        }
        else
        {
            current = IndexGeneration.Open(root, IndexLayout.NextNumber(root));
            current.Index.VectorModel = embedder?.Encoder.ModelName;
            // An empty commit makes the new generation an index that opens, before anything points at it.
            current.Index.Commit();
            IndexLayout.WriteCurrent(root, current.Number);
            IndexLayout.DeleteUnversionedIndexFiles(root);
        }
        IndexLayout.DeleteOtherGenerations(root, keep: current.Number);
        return current;
    }

    /// <summary>True when <paramref name="root"/> holds a live index with a committed current generation.</summary>
    public static bool Exists(string root) =>
        IndexLayout.ReadCurrent(root) is { } number && BriefIndex.Exists(IndexLayout.GenerationPath(root, number));

    /// <summary>The number of the generation being served.</summary>
    public int Generation => Volatile.Read(ref _current).Number;

    /// <summary>True when writes embed passages (semantic search is on).</summary>
    public bool Embeds => _embedder is not null;

    /// <summary>True while <see cref="Rebuild"/> runs.</summary>
    internal bool IsRebuilding => Volatile.Read(ref _rebuilding) == 1;

    /// <summary>Leases the current generation; dispose the lease when done with it.</summary>
    public IndexLease Acquire()
    {
        lock (_leaseLock)
        {
            _current.AddLease();
            return new IndexLease(_current);
        }
    }

    /// <summary>True when the current generation holds a brief with <paramref name="id"/>.</summary>
    public bool Contains(string id)
    {
        using var lease = Acquire();
        return lease.Index.StoredHash(id) is not null;
    }

    /// <summary>Indexes <paramref name="brief"/>, creating it or replacing the brief with its id; unchanged when the content hash matches.</summary>
    public BriefWriteOutcome Add(Brief brief, BriefOriginal? original = null) => Write(brief, original, mustExist: false);

    /// <summary>Replaces the brief with <paramref name="brief"/>'s id; <see cref="BriefWriteOutcome.NotFound"/> when there is none.</summary>
    public BriefWriteOutcome Replace(Brief brief, BriefOriginal? original = null) => Write(brief, original, mustExist: true);

    /// <summary>Removes a brief; false when there was none.</summary>
    public bool Delete(string id)
    {
        lock (_writeLock)
        {
            var index = _current.Index;
            if (index.StoredHash(id) is null) return false;
            index.Delete(id);
            index.Commit();
            _journal?.Add(next => next.Delete(id));
            return true;
        }
    }

    /// <summary>
    /// Adds the vectors of briefs indexed as text only (a large first build indexes text first so that keyword search
    /// answers at once): each is embedded (from the cache where the text was encoded before) and written again with
    /// its vectors, in one commit. A brief changed or deleted meanwhile is left to the write that changed it.
    /// Returns how many briefs gained vectors.
    /// </summary>
    public int AddVectors(IReadOnlyList<string> ids, CancellationToken cancellationToken = default)
    {
        if (_embedder is null) return 0;
        var embedded = new List<(string Hash, PreparedBrief Brief)>();
        using (var lease = Acquire())
        {
            foreach (var id in ids)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (lease.Index.Get(id) is not { } brief) continue;
                var passages = LearnedBoilerplate.For(lease.Index).Passages(brief);
                if (passages.Count == 0) continue;
                embedded.Add((BriefContentHash.Of(brief), PreparedBrief.Prepare(brief, passages, _embedder, lease.Index.Original(id), cancellationToken)));
            }
        }
        lock (_writeLock)
        {
            var index = _current.Index;
            var written = 0;
            foreach (var (hash, prepared) in embedded)
            {
                if (index.StoredHash(prepared.Brief.Id) != hash) continue;
                prepared.WriteTo(index);
                _journal?.Add(prepared.WriteTo);
                written++;
            }
            if (written > 0) index.Commit();
            return written;
        }
    }

    /// <summary>Merges the current generation into one segment (after a bulk change such as a background embedding); searches and writes go on.</summary>
    public void Compact()
    {
        using var lease = Acquire();
        Interlocked.Increment(ref _merging);
        try
        {
            lease.Index.Compact();
        }
        finally
        {
            Interlocked.Decrement(ref _merging);
        }
    }

    /// <summary>True while <see cref="Compact"/> runs: minutes for a large index, during which related lists wait.</summary>
    public bool Merging => Volatile.Read(ref _merging) > 0;

    private BriefWriteOutcome Write(Brief brief, BriefOriginal? original, bool mustExist)
    {
        var hash = BriefContentHash.Of(brief);
        // Checked before encoding, which is slow, and again under the lock, which the encoding must not hold.
        using (var lease = Acquire())
        {
            var stored = lease.Index.StoredHash(brief.Id);
            if (stored is null && mustExist) return BriefWriteOutcome.NotFound;
            if (stored == hash) return BriefWriteOutcome.Unchanged;
        }
        IReadOnlyList<Passage> passages;
        using (var lease = Acquire()) passages = LearnedBoilerplate.For(lease.Index).Passages(brief);
        var prepared = PreparedBrief.Prepare(brief, passages, _embedder, original);
        lock (_writeLock)
        {
            var index = _current.Index;
            var stored = index.StoredHash(brief.Id);
            if (stored is null && mustExist) return BriefWriteOutcome.NotFound;
            if (stored == hash) return BriefWriteOutcome.Unchanged;
            prepared.WriteTo(index);
            index.Commit();
            _journal?.Add(prepared.WriteTo);
            return stored is null ? BriefWriteOutcome.Created : BriefWriteOutcome.Updated;
        }
    }

    /// <summary>
    /// Builds a new generation and swaps it in. From <paramref name="fromFolder"/> when given (the new index holds
    /// exactly the briefs of that folder); otherwise from the kept originals of the current generation, extracted
    /// again. Searches keep answering from the current generation throughout; writes made meanwhile are applied
    /// to both. The old generation is deleted once no lease holds it. Cancelling abandons the new generation.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another rebuild of this index is running.</exception>
    public RebuildReport Rebuild(string? fromFolder = null, Action<string, int, int>? progress = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _rebuilding, 1) == 1)
            throw new InvalidOperationException("A rebuild of this index is already running; wait for it to finish.");
        try
        {
            var next = IndexGeneration.Open(Root, IndexLayout.NextNumber(Root));
            next.Index.VectorModel = _embedder?.Encoder.ModelName;
            IngestReport report;
            try
            {
                IndexLease snapshot;
                lock (_writeLock)
                {
                    _journal = [];
                    snapshot = Acquire();
                }
                using (snapshot)
                {
                    report = fromFolder is null
                        ? BriefIngestor.Reingest(snapshot.Index, next.Index, progress, _embedder, cancellationToken: cancellationToken)
                        : BriefIngestor.Ingest(next.Index, [fromFolder], progress, _embedder, cancellationToken: cancellationToken);
                }
                cancellationToken.ThrowIfCancellationRequested();
                // Built in bulk and then mostly read: one segment answers queries fastest. Merged before the
                // write lock is taken, so writes meanwhile only wait for the journal replay.
                next.Index.Compact();
                // What the current generation derived (related lists) goes with it, before the writes made meanwhile
                // are replayed: the next generation then updates it as any write does.
                using (var current = Acquire()) current.Index.CarryDerivedInto(next.Index);
            }
            catch
            {
                lock (_writeLock) _journal = null;
                next.Discard();
                throw;
            }

            IndexGeneration old;
            lock (_writeLock)
            {
                try
                {
                    foreach (var change in _journal!) change(next.Index);
                    next.Index.Commit();
                }
                catch
                {
                    next.Discard();
                    throw;
                }
                finally
                {
                    _journal = null;
                }
                IndexLayout.WriteCurrent(Root, next.Number);
                lock (_leaseLock)
                {
                    old = _current;
                    _current = next;
                }
            }
            old.Retire();
            return new RebuildReport(next.Number, report);
        }
        finally
        {
            Volatile.Write(ref _rebuilding, 0);
        }
    }

    /// <summary>Closes the current generation, keeping it on disk for the next start.</summary>
    public void Dispose()
    {
        try
        {
            lock (_writeLock)
            {
                lock (_leaseLock) _current.Close();
            }
        }
        finally
        {
            // Even when closing failed: the folder must not stay locked for the next opener.
            _folderLock.Dispose();
        }
    }
}

using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// The related lists of one index generation for one model. Each brief's list is computed from its own candidates
/// (never from all pairs), persisted in the generation's <see cref="RelatedStore"/> so a restart reads it instead of
/// computing it, and kept current on every commit: a changed brief's list, the lists that name it and the lists of
/// its nearest briefs are forgotten and computed again. A background worker (<see cref="Start"/>) fills what is
/// missing; a list nobody computed yet is computed on first request, once however many ask.
/// </summary>
public sealed class RelatedLists : IDisposable, ICarriedIntoRebuild
{
    /// <summary>Above this backlog a request does not compute a missing list itself but answers from vectors meanwhile.</summary>
    public const int BacklogComputedOnRequest = 1000;
    private const string FirstWorkerName = "related-lists-0";
    /// <summary>How long a worker that yields to requests waits before it looks again.</summary>
    private static readonly TimeSpan ServingPause = TimeSpan.FromMilliseconds(250);
    /// <summary>Briefs near a changed brief (by vector and by words, each) whose lists are computed again.</summary>
    private const int NeighboursRefreshed = 30;
    private const int RecentListsKept = 5_000;

    private readonly BriefIndex _index;
    private readonly RelatedModel _model;
    private readonly RelatedStore _store;
    private readonly BriefProfiles _profiles;
    private readonly NeighbourStatistics _statistics;
    private readonly ConcurrentDictionary<string, Lazy<StoredRelatedList?>> _computing = new(StringComparer.Ordinal);
    // Lists a background worker is computing: a request does not wait for one (the worker runs at the lowest priority).
    private readonly ConcurrentDictionary<string, byte> _inBackground = new(StringComparer.Ordinal);
    // Pending lists: the dictionary says which (and how many), the queue in which order; a queued id no longer in
    // the dictionary was taken already.
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _pendingOrder = new();
    // Lists read most often are kept decoded: a related widget on a popular brief asks for the same list all day.
    private readonly Caching.BoundedCache<string, StoredRelatedList> _recent = new(RecentListsKept, StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _urgent = new();
    private readonly SemaphoreSlim _work = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private Thread[]? _workers;
    private volatile bool _deferred;
    private Action<string>? _log;
    private IRequestLoad? _load;
    private double _shareUnderLoad = 1;
    private long _computed;
    private long _changes;
    private int _inFlight;
    private readonly Lock _saving = new();
    private int _scanned;

    private RelatedLists(BriefIndex index, RelatedModel model)
    {
        _index = index;
        _model = model;
        _store = new RelatedStore(StorePath(index, model), model.Fingerprint);
        _profiles = new BriefProfiles(model.Text, _store);
        _statistics = new NeighbourStatistics(_store);
        Ranker = new RelatedBriefRanker(index.Analyzer, model, _profiles, _statistics, CorpusVectorMean.Of(index), TitleTerms.Of(index));
        index.Committed += OnCommitted;
    }

    /// <summary>The lists of <paramref name="index"/> for <paramref name="model"/>: one per index and model, disposed with the index.</summary>
    public static RelatedLists For(BriefIndex index, RelatedModel model) =>
        index.Derived(("related-lists", model), () => new RelatedLists(index, model));

    private static string StorePath(BriefIndex index, RelatedModel model) => System.IO.Path.Combine(index.Path, $"related-{model.Fingerprint}.db");

    /// <summary>
    /// Deletes the related stores of other models kept with <paramref name="index"/>'s generation, with their SQLite
    /// journals: a new model (or a release that scores differently) starts a store of its own and leaves its
    /// predecessor's behind (400 MB at 20,000 briefs). Only for a process that owns the index and serves
    /// <paramref name="model"/> alone (the service): another model's lists open in the same process would lose their
    /// store. Returns how many files went and their size.
    /// </summary>
    public static (int Files, long Bytes) RemoveStoresOfOtherModels(BriefIndex index, RelatedModel model)
    {
        var kept = System.IO.Path.GetFileName(StorePath(index, model));
        var (files, bytes) = (0, 0L);
        foreach (var path in Directory.EnumerateFiles(index.Path, "related-*.db*"))
        {
            var name = System.IO.Path.GetFileName(path);
            if (name == kept || name.StartsWith(kept + "-", StringComparison.Ordinal)) continue;
            if (!(name.EndsWith(".db", StringComparison.Ordinal) || name.EndsWith(".db-wal", StringComparison.Ordinal) || name.EndsWith(".db-shm", StringComparison.Ordinal))) continue;
            var size = new FileInfo(path).Length;
            File.Delete(path);
            (files, bytes) = (files + 1, bytes + size);
        }
        return (files, bytes);
    }

    public RelatedModel Model => _model;
    internal RelatedBriefRanker Ranker { get; }

    /// <summary>
    /// The facts of top-level brief documents, without text profiles, remembered with those the lists read: an interim
    /// answer shows eleven briefs, and decoding each one's stored brief per request filled the large-object heap.
    /// </summary>
    internal BriefFacts[] Facts(IList<AtomicReaderContext> leaves, IReadOnlyList<int> docs) => _profiles.Facts(leaves, docs);

    /// <summary>Lists computed by this process (not read from the store): what a restart should not repeat.</summary>
    public long Computed => Interlocked.Read(ref _computed);

    /// <summary>Lists known to be missing or out of date (meaningful once the background worker has scanned the index).</summary>
    public int Pending => _pending.Count + Volatile.Read(ref _inFlight);

    /// <summary>True once the background worker has compared the stored lists with the index.</summary>
    public bool Scanned => Volatile.Read(ref _scanned) == 1;

    /// <summary>The stored list of <paramref name="id"/> when there is one; never computes.</summary>
    public StoredRelatedList? Ready(string id)
    {
        if (_recent.TryGet(id, out var recent)) return recent;
        var changes = Volatile.Read(ref _changes);
        var stored = _store.List(id);
        // Not kept when a commit forgot lists meanwhile: it might be one of them.
        if (stored is not null && Volatile.Read(ref _changes) == changes) _recent.Set(id, stored);
        return stored;
    }

    /// <summary>The list of <paramref name="id"/>: stored, or computed now (and stored); null when no brief has that id.</summary>
    public StoredRelatedList? Get(string id) => Ready(id) ?? ComputeCurrent(id);

    /// <summary>
    /// What a request answers: the stored list, or (while a large backlog is being computed) null after asking the
    /// worker to compute this one next; with a small backlog the list is computed now.
    /// </summary>
    public StoredRelatedList? GetForRequest(string id, out bool interim)
    {
        interim = false;
        if (Ready(id) is { } ready) return ready;
        var backlog = _workers is null ? 0 : Scanned ? Pending : _index.Count;
        // A list a worker is computing right now is not joined: at the lowest priority on a busy machine, the worker may
        // take seconds to finish what a request would compute in a fraction of one. The interim answer serves meanwhile.
        if (_inBackground.ContainsKey(id))
        {
            interim = true;
            return null;
        }
        if (_deferred && _workers is null || backlog > BacklogComputedOnRequest)
        {
            interim = true;
            _urgent.Enqueue(id);
            _work.Release();
            return null;
        }
        return ComputeCurrent(id);
    }

    /// <summary>
    /// Computes (or joins a computation of) the list of <paramref name="id"/>, for the brief as the index holds it now:
    /// a computation that began before the brief changed or was deleted is not the answer.
    /// </summary>
    private StoredRelatedList? ComputeCurrent(string id)
    {
        var list = Compute(id);
        var current = _index.StoredHash(id);
        if (list is null || list.SourceHash == current) return list;
        return current is null ? null : Compute(id);
    }

    /// <summary>Until <see cref="Start"/>, requests get interim answers: the index is still changing (briefs gaining vectors).</summary>
    public void Defer() => _deferred = true;

    /// <summary>
    /// Computes every missing list now, on every core (evaluation and tests; the service uses <see cref="Start"/>).
    /// Returns how many briefs could not be ranked.
    /// </summary>
    public int ComputeAll()
    {
        var briefs = BriefHashes(_store.ListHashes());
        ForgetOutOfDate(briefs);
        var stored = _store.ListHashes();
        var missing = briefs.Where(b => stored.GetValueOrDefault(b.Key) != b.Value).Select(b => b.Key).ToList();
        // One brief that cannot be ranked must not stop the others: its list stays missing, and asking for it says why.
        var failed = 0;
        Parallel.ForEach(missing, id =>
        {
            try
            {
                Compute(id);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.Increment(ref failed);
            }
        });
        return failed;
    }

    /// <summary>
    /// Starts the background workers (<paramref name="threads"/>, every core by default: a first fill of a large
    /// index is hours of work for one): they compare stored lists with the index, then compute what is missing or
    /// stale, urgent requests first. While <paramref name="load"/> says requests are being answered, every worker but
    /// the first waits, so a first fill never takes all the cores from readers; the first is paced by the load
    /// (<see cref="LoadPacing"/>: under steady load it works <paramref name="shareUnderLoad"/> of its time, with no
    /// requests all of it), its comparison with the index included. Every worker also runs at the lowest scheduling
    /// priority (<see cref="BackgroundPriority"/>).
    /// </summary>
    public void Start(Action<string>? log = null, int? threads = null, IRequestLoad? load = null, double shareUnderLoad = 1)
    {
        LoadPacing.CheckShare(shareUnderLoad);
        lock (_computing)
        {
            if (_workers is not null) return;
            _log = log;
            _load = load;
            _shareUnderLoad = shareUnderLoad;
            _workers = Enumerable.Range(0, Math.Max(1, threads ?? Environment.ProcessorCount))
                .Select(i => new Thread(LowPriority(i == 0 ? Work : ComputePending)) { IsBackground = true, Name = i == 0 ? FirstWorkerName : $"related-lists-{i}" })
                .ToArray();
            foreach (var worker in _workers) worker.Start();
        }
    }

    /// <summary>Workers run at the lowest priority: requests get the cores whenever they want them, the fill what is left.</summary>
    private static ThreadStart LowPriority(ThreadStart work) => () =>
    {
        BackgroundPriority.LowerCurrentThread();
        work();
    };

    /// <summary>The first worker: the comparison with the index, then computing with the others.</summary>
    private void Work()
    {
        try
        {
            // The corpus's mean brief vector is summed here, once per segment (~0.3 s at 100,000 briefs), rather than
            // by the first request that computes a list.
            using (var lease = _index.AcquireSearcher()) CorpusVectorMean.Of(_index).Of(lease.Searcher.IndexReader.Leaves);
            var briefs = BriefHashes(_store.ListHashes(), new LoadPacing(_load, _shareUnderLoad, _stopping.Token));
            ForgetOutOfDate(briefs);
            var stored = _store.ListHashes();
            var missing = briefs.Where(b => stored.GetValueOrDefault(b.Key) != b.Value).Select(b => b.Key).ToList();
            foreach (var id in missing)
            {
                AddPending(id);
                _recent.Remove(id);
                _statistics.Forget(id);
            }
            Volatile.Write(ref _scanned, 1);
            _work.Release(_workers!.Length);
            _log?.Invoke($"Related lists: {briefs.Count - missing.Count} of {briefs.Count} read from the index generation, {missing.Count} to compute");
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (ObjectDisposedException)
        {
            return;
        }
        ComputePending();
    }

    /// <summary>Forgets the stored lists and statistics the index no longer agrees with (<see cref="OutOfDate"/>).</summary>
    private void ForgetOutOfDate(Dictionary<string, string> briefs)
    {
        var outOfDate = OutOfDate(_store.ListHashes(), briefs);
        if (outOfDate.Count == 0) return;
        _store.Forget(outOfDate);
        foreach (var id in outOfDate)
        {
            _recent.Remove(id);
            _statistics.Forget(id);
        }
    }

    /// <summary>
    /// Stored lists the index no longer agrees with, as a write would have left them (<see cref="OnCommitted"/>): those of
    /// briefs deleted or changed since (changed while nothing listened, or extracted anew by a rebuild that carried the
    /// lists), the lists naming them, and a changed brief's nearest briefs' lists. When much changed, every list.
    /// </summary>
    private HashSet<string> OutOfDate(Dictionary<string, string> stored, Dictionary<string, string> briefs)
    {
        var changed = stored.Where(s => briefs.GetValueOrDefault(s.Key) != s.Value).Select(s => s.Key).ToList();
        if (changed.Count > Math.Max(MostChangedKept, briefs.Count / 4)) return stored.Keys.ToHashSet(StringComparer.Ordinal);
        var affected = new HashSet<string>(changed, StringComparer.Ordinal);
        foreach (var id in changed) affected.UnionWith(_store.ListsNaming(id));
        var changedHere = changed.Where(briefs.ContainsKey).ToList();
        if (changedHere.Count > 0)
        {
            using var lease = _index.AcquireSearcher();
            foreach (var id in changedHere) affected.UnionWith(Nearest(lease.Searcher, id));
        }
        return affected;
    }

    /// <summary>Changed briefs whose lists are brought up to date one by one, or a quarter of the briefs if more; beyond that every list is computed again.</summary>
    private const int MostChangedKept = 100;

    /// <summary>
    /// Carries the lists, statistics and profiles into the generation a rebuild made (a copy of the store; on any error,
    /// that generation computes them from nothing), and follows its commits from now on: the writes replayed into it
    /// forget what they touch, and its first scan forgets what a new extraction changed.
    /// </summary>
    public void CarryInto(BriefIndex next)
    {
        // Vectors of another encoder rank other neighbours: nothing is carried.
        if (next.VectorModel != _index.VectorModel) return;
        try
        {
            _store.CopyTo(System.IO.Path.Combine(next.Path, System.IO.Path.GetFileName(_store.Path)));
            For(next, _model);
        }
        catch (Exception e) when (e is IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            _log?.Invoke($"Related lists: not carried into the rebuilt index ({e.Message}); it computes them again");
        }
    }

    /// <summary>A worker's loop: the next pending list, until the index closes.</summary>
    private void ComputePending()
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var pacing = new LoadPacing(_load, _shareUnderLoad, _stopping.Token);
            var done = 0;
            var yieldsToRequests = Thread.CurrentThread.Name != FirstWorkerName;
            while (!_stopping.IsCancellationRequested)
            {
                if (yieldsToRequests && _load is { Serving: true })
                {
                    _stopping.Token.WaitHandle.WaitOne(ServingPause);
                    continue;
                }
                var next = Scanned ? NextPending() : null;
                if (next is null)
                {
                    if (done > 0) _log?.Invoke($"Related lists: {done} computed by {Thread.CurrentThread.Name} in {started.Elapsed.TotalSeconds:F0} s; none pending");
                    done = 0;
                    _work.Wait(_stopping.Token);
                    started.Restart();
                    continue;
                }
                pacing.Begin();
                try
                {
                    Interlocked.Increment(ref _inFlight);
                    if (Ready(next) is null)
                    {
                        using (ComputingInBackground(next)) Compute(next);
                        if (++done % 500 == 0) _log?.Invoke($"Related lists: {done} computed by {Thread.CurrentThread.Name} in {started.Elapsed.TotalSeconds:F0} s, {Pending} pending");
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One brief that cannot be scored must not stop the others.
                    _log?.Invoke($"Related lists: brief '{next}' failed: {e.Message}");
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
                pacing.Rest();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void AddPending(string id)
    {
        if (_pending.TryAdd(id, 0)) _pendingOrder.Enqueue(id);
    }

    /// <summary>Takes the next list to compute (urgent requests first), so no two workers take the same.</summary>
    private string? NextPending()
    {
        while (_urgent.TryDequeue(out var id))
        {
            var wasPending = _pending.TryRemove(id, out _);
            if (wasPending || Ready(id) is null) return id;
        }
        while (_pendingOrder.TryDequeue(out var id))
        {
            if (_pending.TryRemove(id, out _)) return id;
        }
        return null;
    }

    /// <summary>Marks <paramref name="id"/>'s list as computed by a background worker until disposed.</summary>
    internal IDisposable ComputingInBackground(string id)
    {
        _inBackground[id] = 0;
        return new BackgroundMark(_inBackground, id);
    }

    private sealed class BackgroundMark(ConcurrentDictionary<string, byte> marks, string id) : IDisposable
    {
        public void Dispose() => marks.TryRemove(id, out _);
    }

    private StoredRelatedList? Compute(string id)
    {
        var computing = _computing.GetOrAdd(id, key => new Lazy<StoredRelatedList?>(() => ComputeNow(key), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return computing.Value;
        }
        finally
        {
            _computing.TryRemove(new KeyValuePair<string, Lazy<StoredRelatedList?>>(id, computing));
        }
    }

    private StoredRelatedList? ComputeNow(string id)
    {
        // Read before the searcher: a commit after this point may have forgotten lists this one would be stale against.
        var changes = Interlocked.Read(ref _changes);
        using var lease = _index.AcquireSearcher();
        var searcher = lease.Searcher;
        var ranking = Ranker.Rank(searcher, id, RelatedScoring.Model);
        if (ranking is null) return null;
        var lexicalTerms = LexicalTerms(searcher, ranking);
        var sourcePassages = BriefPassages.Read(searcher, id);
        var sourcePhrases = SharedPhrases.Of(sourcePassages);
        var documentFrequency = WordDocumentFrequency(searcher);
        var related = ranking.Candidates
            .Select((c, i) => i < ExplainedInDetail ? Explained(searcher, ranking, c, sourcePassages, sourcePhrases, documentFrequency, lexicalTerms(c))
                : new RelatedBrief(c.Facts.Id, c.Facts.Title, c.Score, i < RelatedBriefFinder.MaxK ? RelatedReasons.For(ranking.Source, c, _model.Text, lexicalTerms(c)).Reasons : []))
            .ToList();
        var list = new StoredRelatedList(ranking.Source.ContentHash, related, ranking.UsedLearnedRanker);
        lock (_saving)
        {
            // A list computed while a commit changed the index may name a brief just deleted: answer with it,
            // but keep it only if no commit came meanwhile (else it is computed again).
            if (Interlocked.Read(ref _changes) == changes) _store.SaveList(id, list);
            else AddPending(id);
        }
        _recent.Remove(id);
        Interlocked.Increment(ref _computed);
        return list;
    }

    /// <summary>Related briefs near the top of a list whose reasons check phrases against both texts and name the closest passages.</summary>
    private const int ExplainedInDetail = 10;
    /// <summary>Characters of the related brief's passage quoted in the reasons.</summary>
    private const int QuoteCharacters = 160;

    /// <summary>
    /// A related brief with reasons computed once, with its list: phrases both briefs use as written, shared tags, and the
    /// pair of passages most alike (quoted from the related brief), so a request only reads what is stored.
    /// </summary>
    private RelatedBrief Explained(IndexSearcher searcher, RelatedRanking ranking, RelatedCandidate candidate, BriefPassages sourcePassages, HashSet<string> sourcePhrases, Func<string, int> documentFrequency, Func<IEnumerable<string>> lexicalTerms)
    {
        var relatedPassages = BriefPassages.Read(searcher, candidate.Facts.Id);
        var phrases = SharedPhrases.Between(sourcePhrases, relatedPassages, documentFrequency, searcher.IndexReader.DocFreq(new Term(IndexFields.DocType, IndexFields.BriefDoc)));
        var explanation = RelatedReasons.For(ranking.Source, candidate, _model.Text, lexicalTerms, phrases);
        var best = sourcePassages.BestMatch(relatedPassages);
        var reasons = explanation.Reasons;
        if (best is not null) reasons.Add($"closest passages ({best.Similarity:F2}): \u201c{Quote(best.RelatedPassage)}\u201d");
        return new RelatedBrief(candidate.Facts.Id, candidate.Facts.Title, candidate.Score, reasons, explanation.SharedPhrases, explanation.SharedTags, best);
    }

    /// <summary>How many briefs use a word in any of its forms (its stem in the field every brief's text is in); function words count as everywhere.</summary>
    private Func<string, int> WordDocumentFrequency(IndexSearcher searcher)
    {
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        var briefs = searcher.IndexReader.DocFreq(new Term(IndexFields.DocType, IndexFields.BriefDoc));
        return word =>
        {
            if (known.TryGetValue(word, out var frequency)) return frequency;
            var stems = _index.Analyzer.Terms(word);
            frequency = stems.Count == 0 ? briefs : stems.Max(stem => searcher.IndexReader.DocFreq(new Term(IndexFields.All, stem)));
            known[word] = frequency;
            return frequency;
        };
    }

    private static string Quote(string passage)
    {
        if (passage.Length <= QuoteCharacters) return passage;
        var cut = passage.LastIndexOf(' ', QuoteCharacters);
        return passage[..(cut > 0 ? cut : QuoteCharacters)] + " …";
    }

    /// <summary>Without a text model, reasons name the source's distinctive MoreLikeThis terms that a candidate shares.</summary>
    private Func<RelatedCandidate, Func<IEnumerable<string>>> LexicalTerms(IndexSearcher searcher, RelatedRanking ranking)
    {
        if (_model.Text is not null) return _ => () => [];
        var interesting = new LexicalNeighbours(searcher, _index.Analyzer).InterestingTerms(ranking.SourceDoc);
        var surfaceForms = _index.Analyzer.SurfaceForms(RelatedText.Of(BriefProfiles.Brief(searcher.IndexReader.Leaves, ranking.SourceDoc)));
        return c => () => RelatedReasons.LexicalTerms(searcher.IndexReader, c.Doc, interesting, surfaceForms);
    }

    /// <summary>
    /// Keeps the lists current after a commit: a removed or changed brief's list goes, with the lists that name it and
    /// (for an added or changed brief) the lists and statistics of its nearest briefs, whose neighbourhood it joins.
    /// </summary>
    private void OnCommitted(IndexChanges changes)
    {
        try
        {
            var affected = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in changes.Deleted.Concat(changes.Upserted))
            {
                affected.Add(id);
                affected.UnionWith(_store.ListsNaming(id));
            }
            // While deferred (briefs are gaining vectors), no list is computed yet: there are no neighbours' lists to refresh.
            if (changes.Upserted.Count > 0 && !(_deferred && _workers is null))
            {
                using var lease = _index.AcquireSearcher();
                var searcher = lease.Searcher;
                foreach (var id in changes.Upserted) affected.UnionWith(Nearest(searcher, id));
            }
            lock (_saving) Interlocked.Increment(ref _changes);
            _store.Forget(affected);
            foreach (var id in affected)
            {
                _recent.Remove(id);
                _statistics.Forget(id);
                if (!changes.Deleted.Contains(id)) AddPending(id);
            }
            _work.Release();
        }
        catch (ObjectDisposedException)
        {
            // The index is closing.
        }
    }

    /// <summary>The ids of the briefs nearest <paramref name="id"/> by vector and by MoreLikeThis.</summary>
    private IEnumerable<string> Nearest(IndexSearcher searcher, string id)
    {
        var hits = searcher.Search(IndexQueries.Brief(id), 1);
        if (hits.TotalHits == 0) return [];
        var doc = hits.ScoreDocs[0].Doc;
        var leaves = searcher.IndexReader.Leaves;
        var candidates = RelatedCandidates.Find(searcher, _index.Analyzer, doc, id, BriefVectors.Brief(leaves, doc));
        var nearest = candidates.Where(c => !float.IsNaN(c.Value.VectorScore)).OrderByDescending(c => c.Value.VectorScore).Take(NeighboursRefreshed)
            .Concat(candidates.OrderByDescending(c => c.Value.LexicalScore).Take(NeighboursRefreshed))
            .Select(c => c.Key).Distinct().ToList();
        return _profiles.Facts(leaves, nearest).Select(f => f.Id);
    }

    /// <summary>Briefs read between two rests of a paced comparison with the index.</summary>
    private const int BriefsBetweenRests = 1_000;

    /// <summary>
    /// Every brief's id in the current view of the index, with its content hash where <paramref name="stored"/> holds a
    /// list to compare it with ("" where none: such a brief's list is missing whatever its hash); resting as
    /// <paramref name="pacing"/> asks. Ids come from doc values; only the hashes compared are read from the stored
    /// fields, which hold every brief whole: reading them all on a first fill at 100,000 briefs swept the page cache
    /// for minutes and slowed every request meanwhile (docs/scaling.md).
    /// </summary>
    private Dictionary<string, string> BriefHashes(Dictionary<string, string> stored, LoadPacing? pacing = null)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        using var lease = _index.AcquireSearcher();
        var searcher = lease.Searcher;
        var ids = new BriefIdLookup(searcher);
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var postings = reader.GetTermDocsEnum(new Term(IndexFields.DocType, IndexFields.BriefDoc));
            if (postings is null) continue;
            var live = reader.LiveDocs;
            while (postings.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
            {
                var doc = postings.DocID;
                if (live is not null && !live.Get(doc)) continue;
                var briefId = ids.Get(leaf.DocBase + doc);
                hashes[briefId] = stored.ContainsKey(briefId) ? BriefDocuments.StoredContentHash(reader, doc) ?? "" : "";
                if (hashes.Count % BriefsBetweenRests == 0) pacing?.Rest();
            }
        }
        return hashes;
    }


    public void Dispose()
    {
        _index.Committed -= OnCommitted;
        _stopping.Cancel();
        foreach (var worker in _workers ?? []) worker.Join(TimeSpan.FromSeconds(30));
        _store.Dispose();
        _stopping.Dispose();
    }
}

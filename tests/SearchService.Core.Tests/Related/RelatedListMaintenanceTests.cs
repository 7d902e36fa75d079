using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Semantic;
using SearchService.Core.Tests.Semantic;
using SearchService.Embeddings;
using SearchService.Core.Relevance;

namespace SearchService.Core.Tests.Related;

/// <summary>
/// Related lists are computed per brief, persisted with the index and kept current by writes: on 60 real GAO
/// summaries with MiniLM vectors, in a live index of their own.
/// </summary>
public sealed class RelatedListMaintenanceTests : IDisposable
{
    private const string Source = "GAO-19-373";
    private readonly TempFolder _folder = new();
    private readonly ITextEncoder _encoder = TextEncoders.Create(TextEncoders.MiniLm);
    private readonly EmbeddingCache _cache;
    private readonly BeirDataset _dataset = BeirDataset.Load(GaoRelatedSlice.DatasetFolder);
    private LiveIndex _index;

    public RelatedListMaintenanceTests()
    {
        _cache = new EmbeddingCache(SemanticSampleIndex.SharedCacheFolder, _encoder.ModelName, _encoder.Dimensions);
        _index = Open();
        using var lease = _index.Acquire();
        BeirIndexer.Index(lease.Index, _dataset, new PassageEmbedder(_encoder, _cache));
    }

    private LiveIndex Open() => LiveIndex.Open(Path.Combine(_folder.Path, "index"), new PassageEmbedder(_encoder, _cache));

    private static RelatedLists Lists(IndexLease lease) => RelatedLists.For(lease.Index, RelatedModel.None);

    private IReadOnlyList<RelatedBrief> Related(string id)
    {
        using var lease = _index.Acquire();
        return new RelatedBriefFinder(lease.Index, RelatedModel.None).Find(id, RelatedBriefFinder.MaxK)!;
    }

    [Fact]
    public void A_near_copy_enters_the_list_of_the_brief_it_copies_and_leaves_it_when_deleted()
    {
        Assert.DoesNotContain(Related(Source), r => r.Id == "near-copy");
        var original = _dataset.Corpus.Single(d => d.Id == Source);
        var copy = BeirIndexer.ToBrief(original) with { Id = "near-copy", Title = original.Title + " (reissued)" };

        _index.Add(copy);
        Assert.Equal("near-copy", Related(Source)[0].Id);

        _index.Delete(copy.Id);
        Assert.DoesNotContain(Related(Source), r => r.Id == "near-copy");
    }

    [Fact]
    public void Background_workers_fill_every_list_even_while_requests_never_stop()
    {
        using var lease = _index.Acquire();
        var lists = Lists(lease);
        var load = new AlwaysBusy();
        Assert.Throws<ArgumentOutOfRangeException>(() => lists.Start(load: load, shareUnderLoad: 0));
        // Every worker but the first waits while requests are answered; the first never stops (it rests after each list
        // for as long again), so the fill ends.
        lists.Start(threads: 2, load: load, shareUnderLoad: 0.5);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((!lists.Scanned || lists.Pending > 0) && waited.Elapsed < TimeSpan.FromMinutes(5)) Thread.Sleep(50);

        Assert.True(lists.Scanned);
        Assert.Equal(0, lists.Pending);
        Assert.All(_dataset.Corpus, d => Assert.NotNull(lists.Ready(d.Id)));
        // Both workers run at the lowest scheduling priority: requests get the cores whenever they want them.
        var workers = ThreadNices().Where(t => t.Name.StartsWith("related-lists", StringComparison.Ordinal)).ToList();
        Assert.True(workers.Count >= 2, $"{workers.Count} related-list workers found"); // other tests may run lists of their own
        Assert.All(workers, w => Assert.Equal(BackgroundPriority.Nice, w.Nice));
    }

    /// <summary>Requests always in flight: the service is busy every moment since it started.</summary>
    private sealed class AlwaysBusy : IRequestLoad
    {
        private readonly System.Diagnostics.Stopwatch _since = System.Diagnostics.Stopwatch.StartNew();
        public bool Serving => true;
        public TimeSpan Busy => _since.Elapsed;
    }

    /// <summary>Every thread of this process by name, with its nice value (Linux: /proc/self/task; a thread that ends meanwhile is left out).</summary>
    private static IEnumerable<(string Name, int Nice)> ThreadNices()
    {
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(task, "stat"));
            }
            catch (IOException)
            {
                continue;
            }
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            yield return (stat[(open + 1)..close], int.Parse(stat[(close + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void A_write_recomputes_only_the_lists_it_affects()
    {
        using (var lease = _index.Acquire()) Lists(lease).ComputeAll();
        long before;
        using (var lease = _index.Acquire()) before = Lists(lease).Computed;
        var original = _dataset.Corpus.Single(d => d.Id == Source);

        _index.Add(BeirIndexer.ToBrief(original) with { Id = "near-copy", Title = original.Title + " (reissued)" });
        using (var lease = _index.Acquire())
        {
            Lists(lease).ComputeAll();
            var recomputed = Lists(lease).Computed - before;
            Assert.InRange(recomputed, 2, _dataset.Corpus.Count - 1); // the new brief's, its neighbours', not all 61
        }
    }

    [Fact]
    public void Lists_persisted_with_the_index_are_read_after_a_restart_not_computed()
    {
        List<IReadOnlyList<RelatedBrief>> first;
        using (var lease = _index.Acquire()) Lists(lease).ComputeAll();
        first = _dataset.Judgments.Keys.Select(Related).ToList();

        _index.Dispose();
        _index = Open();

        var again = _dataset.Judgments.Keys.Select(Related).ToList();
        using var reopened = _index.Acquire();
        Assert.Equal(0, Lists(reopened).Computed);
        Assert.Equal(first.Select(l => l.Select(r => r.Id)), again.Select(l => l.Select(r => r.Id)));
    }

    [Fact]
    public void A_reindex_carries_the_lists_into_the_new_generation_and_computes_only_what_changed()
    {
        using (var lease = _index.Acquire()) Lists(lease).ComputeAll();
        var before = _dataset.Judgments.Keys.Select(Related).ToList();

        _index.Rebuild();

        using (var lease = _index.Acquire())
        {
            Assert.Equal(0, Lists(lease).ComputeAll());
            Assert.Equal(0, Lists(lease).Computed);
        }
        Assert.Equal(before.Select(l => l.Select(r => r.Id)), _dataset.Judgments.Keys.Select(Related).Select(l => l.Select(r => r.Id)));

    }

    [Fact]
    public void A_brief_deleted_while_no_list_listened_leaves_no_list_naming_it_after_the_next_scan()
    {
        List<string> ids;
        using (var lease = _index.Acquire())
        {
            Lists(lease).ComputeAll();
            ids = lease.Index.AllBriefs().Select(b => b.Id).ToList();
        }
        var naming = ids.Where(id => id != Source && Related(id).Any(r => r.Id == Source)).ToList();
        Assert.NotEmpty(naming);
        _index.Dispose();
        _index = Open();

        // No related lists are open for this index: nothing forgets the lists that name the deleted brief.
        Assert.True(_index.Delete(Source));

        using var reopened = _index.Acquire();
        Assert.Equal(0, Lists(reopened).ComputeAll());
        Assert.Equal(naming.Count, Lists(reopened).Computed);
        Assert.All(naming, id => Assert.DoesNotContain(Related(id), r => r.Id == Source));
    }

    [Fact]
    public void A_brief_changed_while_no_list_listened_gets_its_list_computed_again_at_the_next_scan()
    {
        using (var lease = _index.Acquire()) Lists(lease).ComputeAll();
        _index.Dispose();
        _index = Open();

        // No related lists are open for this index: the stored list of the changed brief is of its former text.
        var original = _dataset.Corpus.Single(d => d.Id == Source);
        _index.Add(BeirIndexer.ToBrief(original) with { Body = original.Text + " Revised to cover lead pipes in schools." });

        using var reopened = _index.Acquire();
        var lists = Lists(reopened);
        Assert.Equal(0, lists.ComputeAll());
        Assert.True(lists.Computed >= 1);
        Assert.Equal(reopened.Index.StoredHash(Source), lists.Ready(Source)!.SourceHash);
    }

    [Fact]
    public void Lists_of_another_model_are_not_served()
    {
        using var lease = _index.Acquire();
        Lists(lease).ComputeAll();
        var other = RelatedLists.For(lease.Index, new RelatedModel(text: null, ranker: null));

        Assert.Null(other.Ready(Source));
        Assert.NotNull(other.Get(Source));
        Assert.Equal(1, other.Computed);
    }

    [Fact]
    public void While_lists_are_pending_a_request_is_answered_at_once_by_the_nearest_briefs_by_vector()
    {
        using var lease = _index.Acquire();
        var finder = new RelatedBriefFinder(lease.Index, RelatedModel.None);
        finder.Lists.Defer();

        var answer = finder.FindForRequest(Source, 5);

        Assert.NotNull(answer);
        Assert.True(answer.Interim);
        var byVector = finder.FindIds(Source, 5, RelatedScoring.Vector).Select(r => r.Id);
        Assert.Equal(byVector, answer.Related.Select(r => r.Id));
        Assert.DoesNotContain(answer.Related, r => r.Id == Source);
        Assert.Equal(0, finder.Lists.Computed); // nothing ranked for it: the list is queued for the workers
    }

    [Fact]
    public void A_request_does_not_wait_for_a_list_a_background_worker_is_computing()
    {
        using var lease = _index.Acquire();
        var finder = new RelatedBriefFinder(lease.Index, RelatedModel.None);

        // The worker runs at the lowest priority: on a busy machine joining its computation could take seconds.
        using (finder.Lists.ComputingInBackground(Source))
        {
            var answer = finder.FindForRequest(Source, 5);
            Assert.NotNull(answer);
            Assert.True(answer.Interim);
            Assert.Equal(0, finder.Lists.Computed);
        }

        // Once no worker is on it, a small backlog is computed on request, as before.
        var computed = finder.FindForRequest(Source, 5);
        Assert.NotNull(computed);
        Assert.False(computed.Interim);
        Assert.Equal(1, finder.Lists.Computed);
    }

    public void Dispose()
    {
        _index.Dispose();
        _cache.Dispose();
        _encoder.Dispose();
        _folder.Dispose();
    }
}

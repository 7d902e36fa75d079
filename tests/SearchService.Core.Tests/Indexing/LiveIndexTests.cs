using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using SearchService.Core.Search;

namespace SearchService.Core.Tests.Indexing;

public sealed class LiveIndexTests
{
    private static BriefOriginal OriginalOf(string fixture) => new(fixture, File.ReadAllBytes(Fixtures.Brief(fixture)));

    private static long Total(IndexLease lease, string query) => new BriefSearcher(lease.Index).Search(new SearchRequest(query)).Total;

    private static string[] GenerationFolders(string root) =>
        Directory.GetDirectories(Path.Combine(root, "generations")).Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public void A_new_index_is_generation_1_and_reopens_as_the_same_generation()
    {
        using var folder = new TempFolder();
        var root = Path.Combine(folder.Path, "index");
        Assert.False(LiveIndex.Exists(root));

        using (var index = LiveIndex.Open(root))
        {
            Assert.Equal(1, index.Generation);
            index.Add(BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed)));
        }

        Assert.True(LiveIndex.Exists(root));
        Assert.Equal("1", File.ReadAllText(Path.Combine(root, "current")).Trim());
        using var reopened = LiveIndex.Open(root);
        Assert.Equal(1, reopened.Generation);
        using var lease = reopened.Acquire();
        Assert.Equal(1, lease.Index.Count);
    }

    [Fact]
    public void An_index_folder_open_here_is_refused_to_a_second_opener_and_free_again_once_closed()
    {
        using var folder = new TempFolder();
        var root = Path.Combine(folder.Path, "index");
        using (var first = LiveIndex.Open(root))
        {
            var refused = Assert.Throws<IOException>(() => LiveIndex.Open(root));
            Assert.Contains("in use by another process", refused.Message);
            Assert.Contains(Path.GetFullPath(root), refused.Message);

            first.Add(BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed))); // the first opener is untouched
        }

        using var reopened = LiveIndex.Open(root);
        using var lease = reopened.Acquire();
        Assert.Equal(1, lease.Index.Count);
    }


    [Fact]
    public void An_opener_that_may_wait_gets_the_folder_once_its_holder_closes_it()
    {
        using var folder = new TempFolder();
        var root = Path.Combine(folder.Path, "index");
        var holder = LiveIndex.Open(root);
        holder.Add(BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed)));
        var closing = Task.Run(() =>
        {
            Thread.Sleep(300);
            holder.Dispose();
        });

        using var next = LiveIndex.Open(root, lockWait: TimeSpan.FromSeconds(30));
        Assert.True(closing.IsCompleted); // it had to wait for the holder
        using var lease = next.Acquire();
        Assert.Equal(1, lease.Index.Count);

        var refused = Assert.Throws<IOException>(() => LiveIndex.Open(root, lockWait: TimeSpan.FromMilliseconds(500)));
        Assert.Contains("in use by another process (a running service or CLI command) (waited 0.5 s for it)", refused.Message);
    }
    [Fact]
    public void Writes_are_visible_to_the_next_lease_and_idempotent_by_content_hash()
    {
        using var folder = new TempFolder();
        using var index = LiveIndex.Open(Path.Combine(folder.Path, "index"));
        var seed = BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed));

        Assert.Equal(BriefWriteOutcome.Created, index.Add(seed, OriginalOf(Fixtures.Seed)));
        Assert.Equal(BriefWriteOutcome.Unchanged, index.Add(seed, OriginalOf(Fixtures.Seed)));
        using (var lease = index.Acquire()) Assert.Equal(1, Total(lease, "sovereignty"));

        var retitled = seed with { Title = "Kelp Farming Subsidies" };
        Assert.Equal(BriefWriteOutcome.Updated, index.Replace(retitled));
        Assert.Equal(BriefWriteOutcome.NotFound, index.Replace(seed with { Id = "no-such-brief" }));
        using (var lease = index.Acquire())
        {
            Assert.Equal(1, Total(lease, "kelp"));
            Assert.Null(lease.Index.Original(seed.Id)); // the replacement came without a file
        }

        Assert.True(index.Delete(seed.Id));
        Assert.False(index.Delete(seed.Id));
        using (var lease = index.Acquire()) Assert.Equal(0, Total(lease, "kelp"));
    }

    [Fact]
    public void Rebuild_swaps_in_a_new_generation_while_a_lease_on_the_old_one_keeps_answering()
    {
        using var folder = new TempFolder();
        var root = Path.Combine(folder.Path, "index");
        using var index = LiveIndex.Open(root);
        using (var lease = index.Acquire()) BriefIngestor.Ingest(lease.Index, [Fixtures.BriefsFolder]);

        var old = index.Acquire();
        var report = index.Rebuild();

        Assert.Equal(2, report.Generation);
        Assert.Equal(2, index.Generation);
        Assert.Equal(5, report.Report.Indexed.Count);
        Assert.Empty(report.Report.Failed);
        Assert.Equal("2", File.ReadAllText(Path.Combine(root, "current")).Trim());
        // The old generation is retired but still open for the lease taken before the swap.
        Assert.Equal(1, old.Generation);
        Assert.Equal(1, Total(old, "quantum workforce"));
        Assert.Equal(["1", "2"], GenerationFolders(root));

        old.Dispose();
        Assert.Equal(["2"], GenerationFolders(root));
        using var current = index.Acquire();
        Assert.Equal(5, current.Index.Count);
        Assert.Equal(1, Total(current, "quantum workforce"));
        Assert.NotNull(current.Index.Original("gao-26-107759"));
    }

    [Fact]
    public void Writes_made_during_a_rebuild_are_in_the_new_generation()
    {
        using var folder = new TempFolder();
        using var index = LiveIndex.Open(Path.Combine(folder.Path, "index"));
        using (var lease = index.Acquire()) BriefIngestor.Ingest(lease.Index, [Fixtures.BriefsFolder]);
        var added = BriefExtractor.ExtractMarkdown("# Kelp Farming\n\nKelp farms along the northern coast doubled their harvest this year.", "kelp.md");
        var written = false;

        // The progress callback runs inside the rebuild, after its snapshot was taken: a write from it is a
        // write that arrives while the rebuild is under way.
        index.Rebuild(progress: (_, _, _) =>
        {
            if (written) return;
            written = true;
            Assert.Equal(BriefWriteOutcome.Created, index.Add(added));
            Assert.True(index.Delete("gao-26-107815"));
            using var during = index.Acquire();
            Assert.Equal(1, during.Generation);
            Assert.Equal(1, Total(during, "kelp"));
        });

        using var after = index.Acquire();
        Assert.Equal(2, after.Generation);
        Assert.Equal(1, Total(after, "kelp"));
        Assert.Null(after.Index.Get("gao-26-107815"));
        Assert.Equal(5, after.Index.Count);
    }

    [Fact]
    public void Rebuild_keeps_ids_given_by_a_replacement_and_briefs_without_an_original()
    {
        using var folder = new TempFolder();
        using var index = LiveIndex.Open(Path.Combine(folder.Path, "index"));
        var seed = BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed));
        index.Add(seed with { Id = "renamed-by-put" }, OriginalOf(Fixtures.Seed));
        index.Add(BriefExtractor.Extract(Fixtures.Brief(Fixtures.GaoQuantum)));

        var report = index.Rebuild();

        Assert.Equal(["gao-26-107759", "renamed-by-put"], report.Report.Indexed.Select(f => f.Id).Order());
        using var lease = index.Acquire();
        Assert.NotNull(lease.Index.Get("renamed-by-put"));
        Assert.Null(lease.Index.Get(seed.Id));
        Assert.Equal(1, Total(lease, "quantum"));
    }

    [Fact]
    public void A_cancelled_rebuild_leaves_the_current_generation_and_deletes_the_new_one()
    {
        using var folder = new TempFolder();
        var root = Path.Combine(folder.Path, "index");
        using var index = LiveIndex.Open(root);
        using (var lease = index.Acquire()) BriefIngestor.Ingest(lease.Index, [Fixtures.BriefsFolder]);
        using var cancel = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => index.Rebuild(progress: (_, n, _) => { if (n == 2) cancel.Cancel(); }, cancellationToken: cancel.Token));

        Assert.Equal(1, index.Generation);
        Assert.Equal(["1"], GenerationFolders(root));
        Assert.False(index.IsRebuilding);
        using var lease2 = index.Acquire();
        Assert.Equal(5, lease2.Index.Count);
    }

    [Fact]
    public void A_second_rebuild_while_one_runs_is_refused()
    {
        using var folder = new TempFolder();
        using var index = LiveIndex.Open(Path.Combine(folder.Path, "index"));
        index.Add(BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed)), OriginalOf(Fixtures.Seed));
        InvalidOperationException? refused = null;

        index.Rebuild(progress: (_, _, _) => refused ??= Assert.Throws<InvalidOperationException>(() => index.Rebuild()));

        Assert.NotNull(refused);
        Assert.Contains("already running", refused.Message);
    }

    [Fact]
    public void Rebuild_from_a_folder_holds_exactly_that_folders_briefs()
    {
        using var folder = new TempFolder();
        using var index = LiveIndex.Open(Path.Combine(folder.Path, "index"));
        index.Add(BriefExtractor.ExtractMarkdown("# Kelp\n\nKelp farms grew.", "kelp.md"));
        var only = Path.Combine(folder.Path, "only");
        Directory.CreateDirectory(only);
        File.Copy(Fixtures.Brief(Fixtures.Seed), Path.Combine(only, Fixtures.Seed));

        index.Rebuild(only);

        using var lease = index.Acquire();
        Assert.Equal(1, lease.Index.Count);
        Assert.NotNull(lease.Index.Get("navigating-ai-sovereignty"));
    }

    [Fact]
    public void Opening_after_a_crash_deletes_abandoned_generations_and_keeps_the_current_one()
    {
        using var folder = new TempFolder();
        var root = Path.Combine(folder.Path, "index");
        using (var index = LiveIndex.Open(root)) index.Add(BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed)));
        // What a crash mid-rebuild leaves: a half-written generation and a pointer that was never renamed.
        var abandoned = Path.Combine(root, "generations", "7");
        Directory.CreateDirectory(abandoned);
        File.WriteAllText(Path.Combine(abandoned, "_0.cfs"), "half written");
        File.WriteAllText(Path.Combine(root, "current.tmp"), "7");

        using var reopened = LiveIndex.Open(root);

        Assert.Equal(1, reopened.Generation);
        Assert.False(Directory.Exists(abandoned));
        using var lease = reopened.Acquire();
        Assert.Equal(1, lease.Index.Count);
        // The next rebuild numbers past the abandoned one, never reusing a folder.
        Assert.Equal(2, reopened.Rebuild().Generation);
    }

    [Fact]
    public void An_index_in_the_layout_before_generations_is_replaced_by_an_empty_generation()
    {
        using var folder = new TempFolder();
        var root = Path.Combine(folder.Path, "index");
        using (var unversioned = BriefIndex.Open(root)) BriefIngestor.Ingest(unversioned, [Fixtures.Brief(Fixtures.Seed)]);

        using var index = LiveIndex.Open(root);

        using var lease = index.Acquire();
        Assert.Equal(0, lease.Index.Count);
        Assert.DoesNotContain(Directory.GetFiles(root), f => Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal));
    }
}

using SearchService.Core.Extraction;
using SearchService.Core.Indexing;

namespace SearchService.Core.Tests.Indexing;

public sealed class SearcherLeaseTests
{
    [Fact]
    public void A_lease_disposed_twice_releases_its_searcher_once()
    {
        using var folder = new TempFolder();
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));
        index.Upsert(BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed)));
        index.Commit();

        var lease = index.AcquireSearcher();
        lease.Dispose();
        lease.Dispose(); // a second release would close the reader every later search shares

        Assert.Equal(1, index.Count);
        Assert.NotNull(index.Get("navigating-ai-sovereignty"));
    }

    [Fact]
    public void A_held_lease_keeps_its_point_in_time_view_while_the_index_changes()
    {
        using var folder = new TempFolder();
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));
        index.Upsert(BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed)));
        index.Commit();

        using var lease = index.AcquireSearcher();
        index.Upsert(BriefExtractor.Extract(Fixtures.Brief(Fixtures.GaoQuantum)));
        index.Delete("navigating-ai-sovereignty");
        index.Commit();

        Assert.Equal(1, lease.Searcher.Search(IndexQueries.AllBriefs(), 10).TotalHits);
        Assert.Equal("navigating-ai-sovereignty", lease.Searcher.Doc(lease.Searcher.Search(IndexQueries.AllBriefs(), 1).ScoreDocs[0].Doc).Get(IndexFields.BriefId));
        Assert.Equal(["gao-26-107759"], index.AllBriefs().Select(b => b.Id));
    }
}

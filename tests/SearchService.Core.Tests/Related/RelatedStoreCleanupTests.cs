using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Relevance;

namespace SearchService.Core.Tests.Related;

/// <summary>The service removes the related stores other models left in its index generation, and nothing else.</summary>
public sealed class RelatedStoreCleanupTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly BriefIndex _index;

    public RelatedStoreCleanupTests()
    {
        _index = BriefIndex.Open(Path.Combine(_folder.Path, "index"));
        BeirIndexer.Index(_index, BeirDataset.Load(GaoRelatedSlice.DatasetFolder));
    }

    public void Dispose()
    {
        _index.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void Stores_of_other_models_go_with_their_journals_and_the_served_models_store_keeps_working()
    {
        var finder = new RelatedBriefFinder(_index, RelatedModel.None);
        var before = finder.Find("GAO-17-17", 5)!.Select(r => r.Id).ToList();
        var served = Directory.GetFiles(_index.Path, "related-*.db").Select(Path.GetFileName).Single()!;
        var others = new[] { "related-0123456789abcdef.db", "related-0123456789abcdef.db-wal", "related-0123456789abcdef.db-shm", "related-fedcba9876543210.db" };
        foreach (var name in others) File.WriteAllBytes(Path.Combine(_index.Path, name), new byte[100]);
        File.WriteAllText(Path.Combine(_index.Path, "related-notes.txt"), "not a store");

        var (files, bytes) = RelatedLists.RemoveStoresOfOtherModels(_index, RelatedModel.None);

        Assert.Equal((4, 400L), (files, bytes));
        Assert.All(others, name => Assert.False(File.Exists(Path.Combine(_index.Path, name)), name));
        Assert.True(File.Exists(Path.Combine(_index.Path, served)));
        Assert.True(File.Exists(Path.Combine(_index.Path, "related-notes.txt")));
        Assert.Equal(before, new RelatedBriefFinder(_index, RelatedModel.None).Find("GAO-17-17", 5)!.Select(r => r.Id));
        Assert.Equal((0, 0L), RelatedLists.RemoveStoresOfOtherModels(_index, RelatedModel.None));
    }
}

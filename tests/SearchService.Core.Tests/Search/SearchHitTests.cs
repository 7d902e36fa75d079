using SearchService.Core.Indexing;
using SearchService.Core.Search;

namespace SearchService.Core.Tests.Search;

public sealed class SearchHitTests
{
    [Fact]
    public void A_hit_shows_the_title_tags_and_date_it_was_indexed_with_and_a_new_version_when_the_brief_changes()
    {
        using var folder = new TempFolder();
        var path = folder.File("floods.md", """
            ---
            title: "River Floods"
            date: 2024-05-02
            tags: [Water, "Climate & Weather"]
            ---
            Spring floods damage homes and farms.
            """);
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));
        BriefIngestor.Ingest(index, [path]);
        var searcher = new BriefSearcher(index);

        var hit = Assert.Single(searcher.Search(new SearchRequest("floods")).Hits);
        Assert.Equal(("River Floods", new DateOnly(2024, 5, 2)), (hit.Title, hit.Date));
        Assert.Equal(["Water", "Climate & Weather"], hit.Tags);

        File.WriteAllText(path, File.ReadAllText(path).Replace("River Floods", "Coastal Floods").Replace("[Water, ", "["));
        BriefIngestor.Ingest(index, [path]);
        var changed = Assert.Single(searcher.Search(new SearchRequest("floods")).Hits);
        Assert.Equal("Coastal Floods", changed.Title);
        Assert.Equal(["Climate & Weather"], changed.Tags);
    }

    [Fact]
    public void A_correction_remembered_for_a_word_is_forgotten_when_the_index_changes()
    {
        using var folder = new TempFolder();
        var briefs = Enumerable.Range(1, 4).Select(i => folder.File($"b{i}.md", $"""
            ---
            title: "Brief {i}"
            ---
            Drought planning for river basins, part {i}.
            """)).ToList();
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));
        BriefIngestor.Ingest(index, briefs);
        var searcher = new BriefSearcher(index);
        Assert.Equal("drought", searcher.Search(new SearchRequest("drougth")).DidYouMean);

        // Now the typed word is a word of the index: no longer doubted (it is in as many briefs as any neighbour).
        var more = Enumerable.Range(1, 4).Select(i => folder.File($"c{i}.md", $"""
            ---
            title: "Note {i}"
            ---
            The drougth of record, note {i}.
            """)).ToList();
        BriefIngestor.Ingest(index, more);
        var after = searcher.Search(new SearchRequest("drougth"));
        Assert.Null(after.DidYouMean);
        Assert.Equal(4, after.Total);
    }
}

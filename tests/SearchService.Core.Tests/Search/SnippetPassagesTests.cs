using SearchService.Core.Indexing;
using SearchService.Core.Search;

namespace SearchService.Core.Tests.Search;

/// <summary>
/// Snippets are made from remembered passages, but never from what a write made stale: a passage shown before its
/// publisher's boilerplate was learned is shown cleaned after the write that taught it.
/// </summary>
public sealed class SnippetPassagesTests
{
    private const string Shared = "Questions about this report may be sent to the agency's office of congressional relations and public affairs.";

    [Fact]
    public void A_snippet_remembered_before_a_write_is_cleaned_of_the_boilerplate_the_write_taught()
    {
        using var folder = new TempFolder();
        var briefs = Enumerable.Range(0, 3).Select(i => folder.File($"b{i}.md", $"""
            ---
            title: "Brief {i}"
            publisher: Agency
            ---
            {Shared}

            Brief {i} examines rural broadband grant number {i} with care and detail.
            """)).ToList();
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));
        BriefIngestor.Ingest(index, [briefs[0]]);
        LearnedBoilerplate.For(index);

        // One brief alone: the paragraph is its own text, and a search for its words shows it, twice (remembered).
        Assert.Contains(Snippets(index), s => s.Contains("relations"));
        Assert.Contains(Snippets(index), s => s.Contains("relations"));
        Assert.True(SnippetPassages.For(index).Hits > 0, "the second search read the remembered passage");

        // Two more briefs of the publisher print it: it is boilerplate now, also in the passage stored before.
        BriefIngestor.Ingest(index, briefs[1..]);

        Assert.DoesNotContain(Snippets(index), s => s.Contains("relations"));
    }

    private static List<string> Snippets(BriefIndex index) =>
        new BriefSearcher(index).Search(new SearchRequest("congressional relations")).Hits.Where(h => h.Id == "b0").SelectMany(h => h.Snippets).ToList();
}

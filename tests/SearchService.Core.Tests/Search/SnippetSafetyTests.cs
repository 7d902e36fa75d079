using SearchService.Core.Indexing;
using SearchService.Core.Search;

namespace SearchService.Core.Tests.Search;

public sealed class SnippetSafetyTests
{
    [Fact]
    public void Markup_in_a_brief_is_escaped_and_only_mark_tags_are_added()
    {
        using var folder = new TempFolder();
        var path = folder.File("xss.md", """
            ---
            title: "<img src=x onerror=alert(1)> Floods"
            summary: "Spring floods and <b>bold</b> claims."
            ---
            ## Key Findings

            - River floods <script>alert('x')</script> damage homes & farms every spring.
            """);
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));
        BriefIngestor.Ingest(index, [path]);

        var hit = Assert.Single(new BriefSearcher(index).Search(new SearchRequest("floods")).Hits);

        Assert.Equal("<img src=x onerror=alert(1)> Floods", hit.Title); // JSON carries text; the page escapes it
        foreach (var snippet in hit.Snippets)
        {
            Assert.DoesNotContain("<script", snippet);
            Assert.DoesNotContain("<img", snippet);
            var withoutMarks = snippet.Replace("<mark>", "").Replace("</mark>", "");
            Assert.DoesNotContain('<', withoutMarks);
        }
        Assert.Contains(hit.Snippets, s => s.Contains("&lt;img src=x onerror=alert(1)&gt;"));
        Assert.Contains(hit.Snippets, s => s.Contains("<mark>floods</mark>") && s.Contains("homes &amp; farms"));
    }
}

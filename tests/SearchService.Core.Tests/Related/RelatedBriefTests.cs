using SearchService.Core.Related;
using SearchService.Core.Tests.Indexing;

namespace SearchService.Core.Tests.Related;

[Collection(SampleIndexCollection.Name)]
public sealed class RelatedBriefTests(SampleIndex sample)
{
    private readonly RelatedBriefFinder _finder = new(sample.Index);

    [Fact]
    public void Related_briefs_exclude_the_brief_itself_and_duplicates()
    {
        var related = _finder.Find("navigating-ai-sovereignty", 10)!;

        Assert.NotEmpty(related);
        Assert.DoesNotContain(related, r => r.Id == "navigating-ai-sovereignty");
        Assert.Equal(related.Count, related.Select(r => r.Id).Distinct().Count());
        // Asked for fewer than there are, the list is cut to that many.
        Assert.Equal(2, _finder.Find("navigating-ai-sovereignty", 2)!.Count);
        Assert.Equal(related.OrderByDescending(r => r.Score).Select(r => r.Id), related.Select(r => r.Id));
    }

    [Fact]
    public void Each_related_brief_says_why_in_words_a_reader_knows()
    {
        var related = _finder.Find("gao-26-107551", 3)!;
        var first = related[0];
        Assert.NotEmpty(first.Reasons);
        Assert.Contains(first.Reasons, r => r.StartsWith("shared phrases: ") || r.StartsWith("shared terms: "));
        Assert.Contains(related, r => r.Reasons.Contains("same publisher: U.S. Government Accountability Office"));
    }

    [Fact]
    public void Unknown_brief_has_no_related_list() => Assert.Null(_finder.Find("no-such-brief", 5));
}

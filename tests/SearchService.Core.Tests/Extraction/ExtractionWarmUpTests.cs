using SearchService.Core.Extraction;

namespace SearchService.Core.Tests.Extraction;

/// <summary>The service's start-up extraction goes through every part a real upload does, so none is left to compile on the first upload.</summary>
public sealed class ExtractionWarmUpTests
{
    [Fact]
    public void The_warm_up_brief_exercises_front_matter_sections_findings_and_recommendations()
    {
        var brief = BriefExtractor.WarmUp();

        Assert.Equal("Water Infrastructure: Rural Systems Need Better Planning", brief.Title);
        Assert.Equal("Example Office", brief.Publisher);
        Assert.Contains("water", brief.Tags);
        Assert.Equal(2, brief.Findings.Count);
        Assert.Equal(2, brief.Recommendations.Count);
    }
}

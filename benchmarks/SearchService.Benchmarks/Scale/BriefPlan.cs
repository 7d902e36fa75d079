namespace SearchService.Benchmarks.Scale;

/// <summary>
/// What one generated brief holds, kept in memory next to its Markdown file: the metadata, and for every piece of
/// text the source unit it came from, so each passage the service cuts from the file can be traced to a real vector.
/// </summary>
public sealed record BriefPlan
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required DateOnly Date { get; init; }
    public required string Type { get; init; }
    public required string Publisher { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required IReadOnlyList<string> Authors { get; init; }

    /// <summary>The front-matter summary: the first sentences of <see cref="SummarySection"/>'s text.</summary>
    public required string Summary { get; init; }

    /// <summary>The opening section; its unit is the brief's main source, which anything untraceable derives from.</summary>
    public required PlannedSection SummarySection { get; init; }

    public required string FindingsHeading { get; init; }
    public required IReadOnlyList<SourceStatement> Findings { get; init; }
    public required IReadOnlyList<PlannedSection> Body { get; init; }
    public required string RecommendationsHeading { get; init; }
    public required IReadOnlyList<PlannedRecommendation> Recommendations { get; init; }

    public int PrimaryUnit => SummarySection.Unit;

    public string FileName => Id + ".md";
}

namespace SearchService.Benchmarks.Scale;

/// <summary>One numbered recommendation; with a <see cref="Title"/> it is written "**Title.** statement".</summary>
public sealed record PlannedRecommendation(string? Title, SourceStatement Statement)
{
    /// <summary>The recommendation's text as the service extracts it: the bold title's markers are dropped.</summary>
    public string ExtractedText => Title is null ? Statement.Text : $"{Title}. {Statement.Text}";
}

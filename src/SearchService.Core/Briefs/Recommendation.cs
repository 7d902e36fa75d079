namespace SearchService.Core.Briefs;

/// <summary>
/// One recommendation. <see cref="Title"/> and <see cref="Detail"/> are set when the source gives a
/// short title and a detail separately; <see cref="Text"/> always holds the whole recommendation.
/// </summary>
public sealed record Recommendation(string? Title, string? Detail, string Text, string Section, string Origin);

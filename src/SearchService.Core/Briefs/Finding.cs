namespace SearchService.Core.Briefs;

/// <summary>One finding, with the heading of the section it came from and where that section lives
/// ("body" or a front-matter field such as "front matter: content").</summary>
public sealed record Finding(string Text, string Section, string Origin);

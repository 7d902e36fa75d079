namespace SearchService.Core.Briefs;

/// <summary>A heading and the clean text under it, with the role its wording suggests.</summary>
public sealed record Section(string Heading, string Text, SectionRole Role, string Origin);

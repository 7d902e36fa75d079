namespace SearchService.Core.Briefs;

/// <summary>A link the brief's metadata offers, such as its PDF.</summary>
public sealed record Link(string Url, string? Text);

namespace SearchService.Core.Briefs;

/// <summary>
/// One recommendation. <see cref="Title"/> and <see cref="Detail"/> are set when the source gives a
/// short title and a detail separately; <see cref="Text"/> always holds the whole recommendation.
/// <see cref="Addressee"/> is whom it addresses when the text says so: the agency or official named
/// as its subject ("Secretary of State"), or "Congress" for a matter for a legislature.
/// </summary>
public sealed record Recommendation(string? Title, string? Detail, string Text, string Section, string Origin, string? Addressee = null);

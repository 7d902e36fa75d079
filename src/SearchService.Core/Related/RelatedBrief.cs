namespace SearchService.Core.Related;

/// <summary>A brief related to another, with a score and the reasons a reader would recognise.</summary>
public sealed record RelatedBrief(string Id, string Title, float Score, IReadOnlyList<string> Reasons);

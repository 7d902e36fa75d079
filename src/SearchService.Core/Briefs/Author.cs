namespace SearchService.Core.Briefs;

/// <summary>A named author and, where the publisher gives it, their role.</summary>
public sealed record Author(string Name, string? Role);

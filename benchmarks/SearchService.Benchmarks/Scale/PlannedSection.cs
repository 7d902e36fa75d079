namespace SearchService.Benchmarks.Scale;

/// <summary>A section of a generated brief: a heading over one source unit's text, kept whole as one passage.</summary>
public sealed record PlannedSection(string Heading, int Unit);

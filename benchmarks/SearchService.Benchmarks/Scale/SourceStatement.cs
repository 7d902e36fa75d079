namespace SearchService.Benchmarks.Scale;

/// <summary>
/// A real sentence or statement usable as a finding or a recommendation, with the source unit its vector derives
/// from: the chunk it was taken from, or its report's first chunk for a report's own findings and recommendations.
/// </summary>
public sealed record SourceStatement(string Text, int Unit);

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// What seeding the service's embedding cache found and wrote for one corpus: the briefs extracted and their
/// passages (cut as the service cuts them); how many passages were <see cref="Traced"/> to their own source text
/// (body chunks kept whole, findings, recommendations, summaries) and how many the service composed itself (a
/// findings or recommendations section's text) and so derive <see cref="FromMainSource"/>, the brief's main unit;
/// how many of the planned one-chunk sections came out as exactly one passage (<see cref="SectionsKeptWhole"/> of
/// <see cref="SectionsPlanned"/>); the vectors <see cref="Written"/> this time (the rest were there from an earlier
/// run); and the generated files the extractor refused, with the reason.
/// </summary>
public sealed record SeedReport(
    int Briefs, int Passages, int Traced, int FromMainSource, int SectionsPlanned, int SectionsKeptWhole, int Written, IReadOnlyList<string> Failures);

namespace SearchService.Benchmarks.Scale;

/// <summary>One endpoint under load ("keyword", "hybrid", …) and the request paths a load run rotates through.</summary>
public sealed record LoadEndpoint(string Name, IReadOnlyList<string> Paths);

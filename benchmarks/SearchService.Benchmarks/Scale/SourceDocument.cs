namespace SearchService.Benchmarks.Scale;

/// <summary>
/// One source report or abstract and the units cut from it: its body <see cref="Chunks"/>, and the unit holding its
/// own <see cref="Summary"/> text when it has one (the related-reports abstracts).
/// </summary>
public sealed record SourceDocument(int Index, SourceCollection Collection, string Title, IReadOnlyList<int> Chunks, int? Summary);

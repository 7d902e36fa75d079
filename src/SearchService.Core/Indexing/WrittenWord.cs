namespace SearchService.Core.Indexing;

/// <summary>A normalised word and the span of the original text it was read from.</summary>
public readonly record struct WrittenWord(string Term, int Start, int End);

namespace SearchService.Core.Indexing.Suggestions;

/// <summary>One suggestion a brief contributes, with how strongly the brief backs it.</summary>
internal sealed record SuggestionEntry(string Text, string Kind, int Weight);

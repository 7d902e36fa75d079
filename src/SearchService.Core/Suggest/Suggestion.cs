namespace SearchService.Core.Suggest;

/// <summary>A completion for what the user is typing, and what kind of thing it is (<see cref="Indexing.Suggestions.SuggestionKinds"/>).</summary>
public sealed record Suggestion(string Text, string Kind);

namespace SearchService.Core.Indexing.Suggestions;

/// <summary>The kinds of suggestion, as they appear in JSON.</summary>
public static class SuggestionKinds
{
    public const string Title = "title";
    public const string Tag = "tag";
    public const string Author = "author";
    public const string Phrase = "phrase";

    /// <summary>When two kinds offer the same words, the more specific one names the suggestion.</summary>
    internal static int Precedence(string kind) => kind switch
    {
        Title => 0,
        Tag => 1,
        Author => 2,
        _ => 3,
    };
}

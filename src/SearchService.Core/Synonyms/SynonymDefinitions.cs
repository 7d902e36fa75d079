namespace SearchService.Core.Synonyms;

/// <summary>
/// A site's vocabulary as it is written and stored: <see cref="Groups"/> of terms that mean the same (each finds the
/// others) and one-way <see cref="Rules"/> (a query for <see cref="SynonymRule.From"/> also finds its
/// <see cref="SynonymRule.To"/> terms, not the other way round). A term of several words is searched as a phrase.
/// </summary>
public sealed record SynonymDefinitions(IReadOnlyList<IReadOnlyList<string>> Groups, IReadOnlyList<SynonymRule> Rules)
{
    public const int MaxEntries = 2_000;
    public const int MaxTermLength = 100;
    public const int MaxTermsPerEntry = 20;

    public static SynonymDefinitions None { get; } = new([], []);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Groups.Count == 0 && Rules.Count == 0;
}

/// <summary>A one-way synonym: a query for <see cref="From"/> also finds <see cref="To"/>.</summary>
public sealed record SynonymRule(string From, IReadOnlyList<string> To);

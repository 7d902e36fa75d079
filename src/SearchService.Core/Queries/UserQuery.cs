namespace SearchService.Core.Queries;

/// <summary>
/// What a person typed into a search box, parsed without ever throwing: words, "quoted phrases",
/// <c>-excluded</c> words or phrases, and <c>OR</c> between alternatives. Anything else (stray quotes,
/// lone operators, Lucene syntax) is read as plain words.
/// </summary>
public sealed class UserQuery
{
    /// <summary>Groups that should all match; the parts of one group are alternatives (joined by OR).</summary>
    public IReadOnlyList<IReadOnlyList<QueryPart>> Groups { get; }

    /// <summary>Words and phrases that must not appear.</summary>
    public IReadOnlyList<QueryPart> Excluded { get; }

    private UserQuery(List<IReadOnlyList<QueryPart>> groups, List<QueryPart> excluded)
    {
        Groups = groups;
        Excluded = excluded;
    }

    /// <summary>A query made of already parsed parts (synonym expansion builds one).</summary>
    internal static UserQuery From(List<IReadOnlyList<QueryPart>> groups, List<QueryPart> excluded) => new(groups, excluded);

    public bool IsEmpty => Groups.Count == 0 && Excluded.Count == 0;

    /// <summary>Every positive word and phrase, in the order typed.</summary>
    public IEnumerable<QueryPart> PositiveParts => Groups.SelectMany(g => g);

    /// <summary>The same query with <paramref name="alternatives"/> of each positive part added as OR alternatives.</summary>
    public UserQuery WithAlternatives(Func<QueryPart, IEnumerable<QueryPart>> alternatives) => new(
        Groups.Select(group => (IReadOnlyList<QueryPart>)group.SelectMany(part => alternatives(part).Prepend(part)).Distinct().ToList()).ToList(),
        Excluded.ToList());

    /// <summary>The same query with each positive part replaced by <paramref name="replace"/>'s choice.</summary>
    public UserQuery Replace(Func<QueryPart, QueryPart> replace) => new(
        Groups.Select(group => (IReadOnlyList<QueryPart>)group.Select(replace).ToList()).ToList(),
        Excluded.ToList());

    /// <summary>The query written out again: words, "phrases", <c>OR</c> between alternatives, <c>-excluded</c> parts.</summary>
    public override string ToString() => string.Join(' ',
        Groups.Select(group => string.Join(" OR ", group.Select(Written)))
            .Concat(Excluded.Select(part => "-" + Written(part))));

    private static string Written(QueryPart part) => part.IsPhrase ? $"\"{part.Text}\"" : part.Text;

    public static UserQuery Parse(string? input)
    {
        var groups = new List<IReadOnlyList<QueryPart>>();
        var excluded = new List<QueryPart>();
        var joinNext = false;
        var lastWasPositive = false;

        foreach (var token in Tokenize(input ?? ""))
        {
            if (token is { Text: "OR", IsPhrase: false, Negated: false })
            {
                joinNext = lastWasPositive;
                continue;
            }
            if (token is { Text: "AND" or "&&", IsPhrase: false, Negated: false }) continue;

            var part = new QueryPart(token.Text, token.IsPhrase);
            lastWasPositive = !token.Negated;
            if (token.Negated)
            {
                excluded.Add(part);
            }
            else if (joinNext)
            {
                groups[^1] = [.. groups[^1], part];
            }
            else
            {
                groups.Add([part]);
            }
            joinNext = false;
        }
        return new UserQuery(groups, excluded);
    }

    private readonly record struct Token(string Text, bool IsPhrase, bool Negated);

    private static IEnumerable<Token> Tokenize(string input)
    {
        var i = 0;
        while (i < input.Length)
        {
            while (i < input.Length && char.IsWhiteSpace(input[i])) i++;
            if (i >= input.Length) yield break;

            var negated = false;
            if (input[i] == '-' && i + 1 < input.Length && !char.IsWhiteSpace(input[i + 1]))
            {
                negated = true;
                i++;
            }
            else if (input[i] == '+' && i + 1 < input.Length)
            {
                i++;
            }

            if (input[i] is '"' or '\u201C' or '\u201D')
            {
                var close = input.IndexOfAny(['"', '\u201C', '\u201D'], i + 1);
                if (close > i)
                {
                    var phrase = input[(i + 1)..close].Trim();
                    if (phrase.Length > 0) yield return new Token(phrase, true, negated);
                    i = close + 1;
                    continue;
                }
                i++; // an unbalanced quote is ignored; what follows is read as words
                continue;
            }

            var start = i;
            while (i < input.Length && !char.IsWhiteSpace(input[i]) && input[i] is not ('"' or '\u201C' or '\u201D')) i++;
            var word = input[start..i];
            if (word.Length > 0) yield return new Token(word, false, negated);
        }
    }
}

/// <summary>One word or quoted phrase of a <see cref="UserQuery"/>.</summary>
public sealed record QueryPart(string Text, bool IsPhrase);

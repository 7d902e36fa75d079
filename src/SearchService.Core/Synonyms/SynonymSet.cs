using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SearchService.Core.Indexing;
using SearchService.Core.Queries;

namespace SearchService.Core.Synonyms;

/// <summary>
/// Synonym definitions compiled for query time: each term is keyed by its analysed form (lower case, folded,
/// stemmed, as the index sees it), so "LLMs" is found by a rule written for "LLM". Immutable: a change makes a new
/// set with a new <see cref="Version"/>, which search result caches include in their keys.
/// </summary>
public sealed class SynonymSet
{
    private readonly Dictionary<string, List<QueryPart>> _alternatives;

    /// <summary>The longest term, in analysed words: how far consecutive query words are looked at.</summary>
    private readonly int _longestKey;

    private SynonymSet(SynonymDefinitions definitions, Dictionary<string, List<QueryPart>> alternatives, int longestKey, string version)
    {
        Definitions = definitions;
        _alternatives = alternatives;
        _longestKey = longestKey;
        Version = version;
    }

    public static SynonymSet Empty { get; } = new(SynonymDefinitions.None, [], 0, "none");

    public SynonymDefinitions Definitions { get; }

    /// <summary>A short hash of the definitions: equal definitions, equal version (also across restarts).</summary>
    public string Version { get; }

    public bool IsEmpty => _alternatives.Count == 0;

    /// <summary>
    /// Compiles <paramref name="definitions"/> with <paramref name="analyzer"/>. Throws <see cref="ArgumentException"/>
    /// saying which entry is wrong (too long, empty after analysis, a group of one term) so an API can answer 400.
    /// </summary>
    internal static SynonymSet Create(SynonymDefinitions definitions, EnglishSearchAnalyzer analyzer)
    {
        if (definitions.Groups.Count + definitions.Rules.Count > SynonymDefinitions.MaxEntries)
            throw new ArgumentException($"{definitions.Groups.Count + definitions.Rules.Count} groups and rules; at most {SynonymDefinitions.MaxEntries} are kept.");
        var alternatives = new Dictionary<string, List<QueryPart>>(StringComparer.Ordinal);
        var longest = 0;
        void Add(string from, string to)
        {
            var key = Key(from, analyzer);
            if (key == Key(to, analyzer)) return;
            if (!alternatives.TryGetValue(key, out var list)) alternatives[key] = list = [];
            var part = AsPart(to);
            if (!list.Contains(part)) list.Add(part);
            longest = Math.Max(longest, from.Split(' ').Length); // typed words, stop words included
        }

        for (var g = 0; g < definitions.Groups.Count; g++)
        {
            var group = definitions.Groups[g] ?? throw new ArgumentException($"groups[{g}] is null; a group is a list of terms.");
            var terms = group.Select((term, i) => CheckTerm(term, $"groups[{g}][{i}]", analyzer)).ToList();
            if (terms.Select(t => Key(t, analyzer)).Distinct().Count() < 2)
                throw new ArgumentException($"groups[{g}] needs at least two different terms (got {string.Join(", ", terms.Select(t => $"\"{t}\""))}).");
            if (terms.Count > SynonymDefinitions.MaxTermsPerEntry)
                throw new ArgumentException($"groups[{g}] has {terms.Count} terms; at most {SynonymDefinitions.MaxTermsPerEntry}.");
            foreach (var from in terms)
                foreach (var to in terms) Add(from, to);
        }
        for (var r = 0; r < definitions.Rules.Count; r++)
        {
            var rule = definitions.Rules[r] ?? throw new ArgumentException($"rules[{r}] is null; a rule is {{ \"from\": \"LLM\", \"to\": [\"large language model\"] }}.");
            var from = CheckTerm(rule.From, $"rules[{r}].from", analyzer);
            if (rule.To is null || rule.To.Count == 0) throw new ArgumentException($"rules[{r}].to needs at least one term that \"{from}\" should also find.");
            if (rule.To.Count > SynonymDefinitions.MaxTermsPerEntry) throw new ArgumentException($"rules[{r}].to has {rule.To.Count} terms; at most {SynonymDefinitions.MaxTermsPerEntry}.");
            for (var t = 0; t < rule.To.Count; t++) Add(from, CheckTerm(rule.To[t], $"rules[{r}].to[{t}]", analyzer));
        }
        var cleaned = new SynonymDefinitions(
            definitions.Groups.Select(g => (IReadOnlyList<string>)g.Select(Clean).ToList()).ToList(),
            definitions.Rules.Select(r => new SynonymRule(Clean(r.From), r.To.Select(Clean).ToList())).ToList());
        return cleaned.IsEmpty ? Empty : new SynonymSet(cleaned, alternatives, longest, Hash(cleaned));
    }

    /// <summary>
    /// <paramref name="query"/> with the synonyms of its words and phrases added as OR alternatives: a typed word or
    /// phrase that is a term gets the term's synonyms (several-word synonyms as phrases), and consecutive typed words
    /// that together are a term ("artificial intelligence") become that phrase or its synonyms. Excluded parts exclude
    /// their synonyms too. Returns the same instance when nothing applies.
    /// </summary>
    internal UserQuery Expand(UserQuery query, EnglishSearchAnalyzer analyzer)
    {
        if (IsEmpty || query.IsEmpty) return query;
        var changed = false;
        var groups = new List<IReadOnlyList<QueryPart>>();
        var typed = query.Groups;
        for (var i = 0; i < typed.Count; i++)
        {
            if (LongestRunAt(typed, i, analyzer) is { } run)
            {
                var phrase = new QueryPart(string.Join(' ', typed.Skip(i).Take(run.Length).Select(g => g[0].Text)), true);
                groups.Add([phrase, .. run.Alternatives]);
                i += run.Length - 1;
                changed = true;
                continue;
            }
            var group = typed[i];
            var expanded = group.SelectMany(part => AlternativesOf(part, analyzer).Prepend(part)).Distinct().ToList();
            changed |= expanded.Count != group.Count;
            groups.Add(expanded);
        }
        var excluded = query.Excluded.SelectMany(part => AlternativesOf(part, analyzer).Prepend(part)).Distinct().ToList();
        changed |= excluded.Count != query.Excluded.Count;
        return changed ? UserQuery.From(groups, excluded) : query;
    }

    private IEnumerable<QueryPart> AlternativesOf(QueryPart part, EnglishSearchAnalyzer analyzer) =>
        _alternatives.TryGetValue(Key(part.Text, analyzer), out var list) ? list : [];

    /// <summary>The longest run of two or more single typed words from <paramref name="start"/> that together are a term.</summary>
    private (int Length, List<QueryPart> Alternatives)? LongestRunAt(IReadOnlyList<IReadOnlyList<QueryPart>> groups, int start, EnglishSearchAnalyzer analyzer)
    {
        var words = new List<string>();
        for (var end = start; end < groups.Count && end - start < _longestKey; end++)
        {
            if (groups[end] is not [{ IsPhrase: false } word]) break;
            words.Add(word.Text);
        }
        for (var length = words.Count; length >= 2; length--)
        {
            if (_alternatives.TryGetValue(Key(string.Join(' ', words.Take(length)), analyzer), out var list)) return (length, list);
        }
        return null;
    }

    private static string Key(string text, EnglishSearchAnalyzer analyzer) => string.Join(' ', analyzer.Terms(text));

    private static QueryPart AsPart(string term) => new(term, term.Contains(' '));

    private static string Clean(string term) => string.Join(' ', term.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string CheckTerm(string? term, string where, EnglishSearchAnalyzer analyzer)
    {
        if (string.IsNullOrWhiteSpace(term)) throw new ArgumentException($"{where} is empty; write the word or phrase it stands for.");
        var clean = Clean(term);
        if (clean.Length > SynonymDefinitions.MaxTermLength) throw new ArgumentException($"{where} is {clean.Length} characters long; at most {SynonymDefinitions.MaxTermLength}.");
        if (clean.Contains('"')) throw new ArgumentException($"{where} (\"{clean}\") contains a double quote; write a phrase as plain words, it is searched as a phrase.");
        if (analyzer.Terms(clean).Count == 0) throw new ArgumentException($"{where} (\"{clean}\") has only stop words or punctuation, which search ignores.");
        return clean;
    }

    private static string Hash(SynonymDefinitions definitions) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(definitions))))[..16];
}

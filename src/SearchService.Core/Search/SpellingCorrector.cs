using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Core.Caching;
using SearchService.Core.Indexing;
using SearchService.Core.Queries;

namespace SearchService.Core.Search;

/// <summary>
/// Finds the words of a query that look misspelled and the indexed words they were probably meant to
/// be. A word looks misspelled when no brief contains it, or when it is rare and a word a few edits
/// away is far more common. Candidates come from the unstemmed <see cref="IndexFields.Spell"/> field
/// through Lucene's fuzzy term enumeration (the automaton behind FuzzyQuery), so corrections are real
/// words; the nearest (fewest edits), then most common (most briefs) comes first. Finding them walks a Levenshtein
/// automaton over the vocabulary (milliseconds a word) while a search box sees the same words again and again, so
/// with a <c>memory</c> each word's alternatives are computed once per index version.
/// </summary>
internal sealed class SpellingCorrector(EnglishSearchAnalyzer analyzer, ReaderVersionCache<IReadOnlyList<string>>? memory = null)
{
    /// <summary>Alternatives searched for one misspelled word (the best one also makes the "did you mean").</summary>
    private const int MaxAlternatives = 3;
    /// <summary>Enough neighbours to rank; a short word in a huge vocabulary could have thousands.</summary>
    private const int MaxNeighbours = 200;

    /// <summary>Fields in which a word counts as found; tags and authors are not part of the whole text.</summary>
    private static readonly string[] MatchFields = [IndexFields.All, IndexFields.TagsText, IndexFields.AuthorsText];

    /// <summary>Edits allowed for a word of <paramref name="length"/> letters: none up to 3, one up to 7, two beyond.</summary>
    public static int MaxEdits(int length) => length switch
    {
        <= 3 => 0,
        <= 7 => 1,
        _ => 2,
    };

    /// <summary>The corrections for <paramref name="query"/>, or null when no word looks misspelled.</summary>
    public SpellingCorrection? Correct(IndexReader reader, UserQuery query)
    {
        var vocabulary = MultiFields.GetTerms(reader, IndexFields.Spell);
        if (vocabulary is null) return null;
        var corrections = new Dictionary<QueryPart, IReadOnlyList<string>>();
        foreach (var part in query.PositiveParts.Where(p => !p.IsPhrase).Distinct())
        {
            var alternatives = memory is null
                ? Alternatives(reader, vocabulary, part.Text)
                : memory.GetOrAdd(reader, part.Text, () => Alternatives(reader, vocabulary, part.Text));
            if (alternatives.Count > 0) corrections[part] = alternatives;
        }
        if (corrections.Count == 0) return null;
        return new SpellingCorrection(
            query.WithAlternatives(part => corrections.TryGetValue(part, out var words) ? words.Select(w => new QueryPart(w, false)) : []),
            query.Replace(part => corrections.TryGetValue(part, out var words) ? new QueryPart(InCaseOf(part.Text, words[0]), false) : part));
    }

    private IReadOnlyList<string> Alternatives(IndexReader reader, Terms vocabulary, string typed)
    {
        var words = PlainWordsAnalyzer.Instance.Words(typed);
        if (words.Count != 1) return [];
        var word = words[0].Term;
        var maxEdits = MaxEdits(word.Length);
        if (maxEdits == 0 || word.Any(char.IsDigit)) return [];
        var stems = analyzer.Terms(typed);
        if (stems.Count != 1) return []; // a stop word, or a word the analyser splits
        var stem = stems[0];
        var found = MatchFields.Max(field => reader.DocFreq(new Term(field, stem)));
        // A word some briefs contain is only doubted against a far more common word one edit away: real
        // words two edits apart are usually different words, and the two-edit automaton is the slow part.
        if (found > 0) maxEdits = 1;
        var commonEnough = found == 0 ? 0 : Math.Max(3, 4 * found);
        // No word can be in more briefs than the index holds: then there is nothing to look for.
        if (commonEnough > reader.GetDocCount(IndexFields.Spell)) return [];

        var neighbours = Neighbours(vocabulary, word, maxEdits)
            .Where(n => n.Briefs >= commonEnough)
            // "qubits" for "qubit" is the same word to the search, not a correction.
            .Where(n => analyzer.Terms(n.Word) is [var other] && other != stem)
            .OrderBy(n => n.Edits)
            .ThenByDescending(n => n.Briefs)
            .ThenBy(n => n.Word, StringComparer.Ordinal);
        return neighbours
            .DistinctBy(n => analyzer.Terms(n.Word)[0])
            .Take(MaxAlternatives)
            .Select(n => n.Word)
            .ToList();
    }

    private static List<(string Word, int Edits, int Briefs)> Neighbours(Terms vocabulary, string word, int maxEdits)
    {
        var neighbours = new List<(string, int, int)>();
        var fuzzy = new FuzzyTermsEnum(vocabulary, new AttributeSource(), new Term(IndexFields.Spell, word), maxEdits, prefixLength: 0, transpositions: true);
        while (neighbours.Count < MaxNeighbours && fuzzy.MoveNext())
        {
            var candidate = fuzzy.Term.Utf8ToString();
            if (candidate != word) neighbours.Add((candidate, EditDistance(word, candidate), fuzzy.DocFreq));
        }
        return neighbours;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    internal static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    /// <summary>"Soverignty" is corrected to "Sovereignty", "NASAA" to "NASA": the correction keeps the typed case.</summary>
    private static string InCaseOf(string typed, string correction)
    {
        var letters = typed.Where(char.IsLetter).ToList();
        if (letters.Count > 1 && letters.All(char.IsUpper)) return correction.ToUpperInvariant();
        if (letters.Count > 0 && char.IsUpper(letters[0])) return char.ToUpperInvariant(correction[0]) + correction[1..];
        return correction;
    }
}

/// <summary>
/// A query's spelling corrections: <see cref="Expanded"/> searches each misspelled word or its likely
/// corrections; <see cref="DidYouMean"/> is the query with each replaced by its best correction.
/// </summary>
internal sealed record SpellingCorrection(UserQuery Expanded, UserQuery DidYouMean);

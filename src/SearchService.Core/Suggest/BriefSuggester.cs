using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Indexing;

namespace SearchService.Core.Suggest;

/// <summary>
/// Search-as-you-type completions from the suggestion documents each brief contributes (titles, tags,
/// authors, frequent phrases). Every finished word must be a word of the suggestion and the word being
/// typed a prefix of one (one term lookup in the edge n-gram field), in any order: "ai sove" finds
/// "AI sovereignty". Suggestions that begin with what was typed come first, then the more briefs
/// back them, the better.
/// </summary>
public sealed class BriefSuggester(BriefIndex index)
{
    public const int DefaultSize = 8;
    public const int MaxSize = 20;
    public const int MaxInputLength = 200;
    /// <summary>Nothing useful completes more words than the longest titles have.</summary>
    private const int MaxWords = 16;
    /// <summary>Suggestion documents read per keystroke: the heaviest first, merged by their words.</summary>
    private const int CandidateLimit = 200;

    private static readonly Sort HeaviestFirst = new(new SortField(IndexFields.SuggestWeight, SortFieldType.INT64, reverse: true), SortField.FIELD_DOC);
    private static readonly HashSet<string> StoredFields = [IndexFields.SuggestText, IndexFields.SuggestKey, IndexFields.SuggestKind, IndexFields.SuggestWeight];

    /// <summary>Why these arguments cannot be served, in words for the person who sent them; null when they are fine.</summary>
    public static string? Validate(string? typed, int size)
    {
        if (typed is { Length: > MaxInputLength })
            return $"q is {typed.Length:N0} characters long; suggestions complete what is being typed, up to {MaxInputLength} characters.";
        if (size is < 1 or > MaxSize) return $"size must be between 1 and {MaxSize} (got {size}).";
        return null;
    }

    /// <summary>Up to <paramref name="size"/> completions of <paramref name="typed"/>, best first; none for empty input.</summary>
    public IReadOnlyList<Suggestion> Suggest(string? typed, int size = DefaultSize)
    {
        if (Validate(typed, size) is { } problem) throw new ArgumentException(problem);
        if (string.IsNullOrWhiteSpace(typed)) return [];
        var words = PlainWordsAnalyzer.Instance.Words(typed);
        if (words.Count is 0 or > MaxWords) return [];
        // "ai sove" is still typing "sove"; "ai sove " or "ai sove," has finished it.
        var typingLastWord = words[^1].End == typed.Length;

        var query = new BooleanQuery { { new TermQuery(new Term(IndexFields.DocType, IndexFields.SuggestionDoc)), Occur.MUST } };
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].Term;
            Query clause = i < words.Count - 1 || !typingLastWord ? new TermQuery(new Term(IndexFields.SuggestWords, word))
                : word.Length <= WordPrefixesAnalyzer.MaxPrefixLength ? new TermQuery(new Term(IndexFields.SuggestPrefixes, word))
                : new PrefixQuery(new Term(IndexFields.SuggestWords, word));
            query.Add(clause, Occur.MUST);
        }

        var searcher = index.Searchers.Acquire();
        try
        {
            var top = searcher.Search(query, null, CandidateLimit, HeaviestFirst, doDocScores: false, doMaxScore: false);
            var typedKey = string.Join(' ', words.Select(w => w.Term));
            return top.ScoreDocs
                .Select(hit => searcher.Doc(hit.Doc, StoredFields))
                .GroupBy(doc => doc.Get(IndexFields.SuggestKey), StringComparer.Ordinal)
                .Select(group => new
                {
                    Key = group.Key,
                    Weight = group.Sum(doc => doc.GetField(IndexFields.SuggestWeight)?.GetInt32Value() ?? 1),
                    Named = group
                        .OrderBy(doc => SuggestionKinds.Precedence(doc.Get(IndexFields.SuggestKind)))
                        .ThenByDescending(doc => doc.GetField(IndexFields.SuggestWeight)?.GetInt32Value() ?? 1)
                        .First(),
                })
                .OrderByDescending(s => s.Key.StartsWith(typedKey, StringComparison.Ordinal))
                .ThenByDescending(s => s.Weight)
                .ThenBy(s => s.Key.Length)
                .ThenBy(s => s.Key, StringComparer.Ordinal)
                .Take(size)
                .Select(s => new Suggestion(s.Named.Get(IndexFields.SuggestText), s.Named.Get(IndexFields.SuggestKind)))
                .ToList();
        }
        finally
        {
            index.Searchers.Release(searcher);
        }
    }
}

using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Core.Caching;
using SearchService.Core.Indexing;
using SearchService.Core.Indexing.Suggestions;

namespace SearchService.Core.Suggest;

/// <summary>
/// Search-as-you-type completions from the suggestion documents each brief contributes (titles, tags,
/// authors, frequent phrases). Every finished word must be a word of the suggestion and the word being
/// typed a prefix of one (one term lookup in the edge n-gram field), in any order: "ai sove" finds
/// "AI sovereignty". Suggestions that begin with what was typed come first, then the more briefs
/// back them, the better.
/// </summary>
public sealed class BriefSuggester(BriefIndex index, int rememberedAnswers = BriefSuggester.DefaultRememberedAnswers)
{
    /// <summary>Answers remembered per index version: readers type the same beginnings ("ai s", "cyber") again and again.</summary>
    public const int DefaultRememberedAnswers = 2_000;

    public const int DefaultSize = 8;
    public const int MaxSize = 20;
    public const int MaxInputLength = 200;
    /// <summary>Nothing useful completes more words than the longest titles have.</summary>
    private const int MaxWords = 16;
    /// <summary>Suggestion documents read per keystroke: the heaviest first, merged by their words.</summary>
    private const int CandidateLimit = 200;

    private static readonly Sort HeaviestFirst = new(new SortField(IndexFields.SuggestWeight, SortFieldType.INT64, reverse: true), SortField.FIELD_DOC);
    private static readonly HashSet<string> StoredFields = [IndexFields.SuggestText, IndexFields.SuggestKey, IndexFields.SuggestKind, IndexFields.SuggestWeight];

    private readonly ReaderVersionCache<IReadOnlyList<Suggestion>> _answers =
        index.Derived("suggestions", () => new ReaderVersionCache<IReadOnlyList<Suggestion>>(rememberedAnswers));

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

        // Only suggestion documents have the suggest fields, so the words alone select them: a clause on the document
        // type would make every keystroke step through the postings of every suggestion document as well.
        var query = new BooleanQuery();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].Term;
            Query clause = i < words.Count - 1 || !typingLastWord ? new TermQuery(new Term(IndexFields.SuggestWords, word))
                : word.Length <= WordPrefixesAnalyzer.MaxPrefixLength ? new TermQuery(new Term(IndexFields.SuggestPrefixes, word))
                : new PrefixQuery(new Term(IndexFields.SuggestWords, word));
            query.Add(clause, Occur.MUST);
        }

        using var lease = index.AcquireSearcher();
        var searcher = lease.Searcher;
        var typedKey = string.Join(' ', words.Select(w => w.Term));
        return _answers.GetOrAdd(searcher.IndexReader, $"{size}\n{typingLastWord}\n{typedKey}", () => Complete(searcher, query, typedKey, size));
    }

    private static List<Suggestion> Complete(IndexSearcher searcher, Query query, string typedKey, int size)
    {
        var top = searcher.Search(query, null, CandidateLimit, HeaviestFirst, doDocScores: false, doMaxScore: false);
        var entries = new Entries(searcher.IndexReader);
        return top.ScoreDocs
            .Select(hit => entries.Read(hit.Doc))
            .GroupBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(group => new
            {
                group.Key,
                Weight = group.Sum(entry => entry.Weight),
                Named = group.OrderBy(entry => SuggestionKinds.Precedence(entry.Kind)).ThenByDescending(entry => entry.Weight).First(),
            })
            .OrderByDescending(s => s.Key.StartsWith(typedKey, StringComparison.Ordinal))
            .ThenByDescending(s => s.Weight)
            .ThenBy(s => s.Key.Length)
            .ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(size)
            .Select(s => new Suggestion(s.Named.Text, s.Named.Kind))
            .ToList();
    }

    private readonly record struct Entry(string Key, string Text, string Kind, int Weight);

    /// <summary>Suggestion documents' entries from doc values; from stored fields for documents indexed before those existed.</summary>
    private sealed class Entries(IndexReader reader)
    {
        private readonly BytesRef _scratch = new();

        public Entry Read(int doc)
        {
            var leaf = reader.Leaves[ReaderUtil.SubIndex(doc, reader.Leaves)];
            var local = doc - leaf.DocBase;
            var weight = (int)(leaf.AtomicReader.GetNumericDocValues(IndexFields.SuggestWeight)?.Get(local) ?? 1);
            if (leaf.AtomicReader.GetBinaryDocValues(IndexFields.SuggestEntry) is { } values)
            {
                values.Get(local, _scratch);
                if (SuggestionEntryValue.Decode(_scratch) is { } entry) return new Entry(entry.Key, entry.Text, entry.Kind, weight);
            }
            var stored = reader.Document(doc, StoredFields);
            return new Entry(stored.Get(IndexFields.SuggestKey), stored.Get(IndexFields.SuggestText), stored.Get(IndexFields.SuggestKind), weight);
        }
    }
}

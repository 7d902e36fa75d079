using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// Marks a query's words in a passage and cuts the passage to its best window: the one holding the most
/// different query words, starting at a sentence where that loses none of them. A passage's analysis does not
/// depend on the query (<see cref="PassageWords"/>: kept with a remembered passage); the query's terms are read
/// once. HTML-escaped, matches wrapped in &lt;mark&gt;.
/// </summary>
internal sealed class PassageHighlighter
{
    private readonly Analyzer _analyzer;
    private readonly HashSet<ulong> _terms;
    private readonly int _characters;

    public PassageHighlighter(Analyzer analyzer, Query query, int characters)
    {
        _analyzer = analyzer;
        _characters = characters;
        var terms = new HashSet<Term>();
        query.ExtractTerms(terms);
        _terms = terms.Where(t => t.Field == IndexFields.Text).Select(t => PassageWords.Digest(t.Text)).ToHashSet();
    }

    /// <summary>The best window of <paramref name="text"/> with the query's words marked; null when none of them is in it.</summary>
    public string? Highlight(string text) => Highlight(text, PassageWords.Of(_analyzer, text));

    /// <summary>The same, with the passage's words as analysed before.</summary>
    public string? Highlight(string text, PassageWords words)
    {
        var tokens = Tokens(words);
        if (!tokens.Any(t => t.Term is not null)) return null;
        var (from, to) = BestWindow(text, tokens);
        var marked = new StringBuilder(to - from + 64);
        var at = from;
        foreach (var token in tokens)
        {
            if (token.Term is null || token.Start < from || token.End > to) continue;
            marked.Append(SimpleHTMLEncoder.HtmlEncode(text[at..token.Start])).Append("<mark>")
                .Append(SimpleHTMLEncoder.HtmlEncode(text[token.Start..token.End])).Append("</mark>");
            at = token.End;
        }
        marked.Append(SimpleHTMLEncoder.HtmlEncode(text[at..to]));
        return marked.ToString().Trim();
    }

    /// <summary>A word of the passage: its offsets and, when it is one of the query's, its term's digest.</summary>
    private readonly record struct Token(int Start, int End, ulong? Term);

    private List<Token> Tokens(PassageWords words)
    {
        var tokens = new List<Token>(words.Count);
        foreach (var (start, end, term) in words.Words)
            tokens.Add(new Token(start, end, _terms.Contains(term) ? term : null));
        return tokens;
    }

    /// <summary>
    /// The window of at most the configured length that holds the most different query words; of those, one that
    /// starts a sentence, then the one with the most matches, then the one that comes to its first match soonest. Starts are the text's start, sentence
    /// starts, and a few words before each match (so a match is seen in its context).
    /// </summary>
    private (int From, int To) BestWindow(string text, List<Token> tokens)
    {
        if (text.Length <= _characters) return (0, text.Length);
        var starts = new SortedSet<int> { 0 };
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && EndsSentence(text, tokens[i - 1].End, tokens[i].Start)) starts.Add(tokens[i].Start);
            if (tokens[i].Term is not null) starts.Add(tokens[Math.Max(0, i - 3)].Start);
        }
        var best = (Distinct: -1, Matches: -1, Sentence: false, Lead: int.MaxValue, From: 0);
        var seen = new HashSet<ulong>();
        foreach (var from in starts)
        {
            seen.Clear();
            var matches = 0;
            var lead = int.MaxValue;
            foreach (var token in tokens)
            {
                if (token.Start < from) continue;
                if (token.End > from + _characters) break;
                if (token.Term is null) continue;
                if (seen.Count == 0 && matches == 0) lead = token.Start - from;
                seen.Add(token.Term.Value);
                matches++;
            }
            var sentence = from == 0 || EndsSentence(text, PreviousEnd(tokens, from), from);
            var candidate = (seen.Count, matches, sentence, lead, from);
            if (Better(candidate, best)) best = candidate;
        }
        var end = tokens.Where(t => t.Start >= best.From && t.End <= best.From + _characters).Select(t => t.End).DefaultIfEmpty(Math.Min(text.Length, best.From + _characters)).Max();
        return (best.From, end);
    }

    private static bool Better((int Distinct, int Matches, bool Sentence, int Lead, int From) a, (int Distinct, int Matches, bool Sentence, int Lead, int From) b)
    {
        if (a.Distinct != b.Distinct) return a.Distinct > b.Distinct;
        if (a.Sentence != b.Sentence) return a.Sentence;
        if (a.Matches != b.Matches) return a.Matches > b.Matches;
        return a.Lead < b.Lead;
    }

    private static int PreviousEnd(List<Token> tokens, int start)
    {
        var end = 0;
        foreach (var token in tokens)
        {
            if (token.Start >= start) break;
            end = token.End;
        }
        return end;
    }

    /// <summary>Whether the gap between two words holds the end of a sentence.</summary>
    private static bool EndsSentence(string text, int from, int to) => text.AsSpan(from, Math.Max(0, to - from)).IndexOfAny(".!?:;\n") >= 0;
}

/// <summary>
/// A passage's words as the index analyses them: offsets and a 64-bit digest of each term (FNV-1a; a query's terms
/// are compared by the same digest). Query-independent, so a passage shown again is not analysed again; ~16 bytes a word.
/// </summary>
internal sealed class PassageWords
{
    private PassageWords((int Start, int End, ulong Term)[] words) => Words = words;

    public (int Start, int End, ulong Term)[] Words { get; }
    public int Count => Words.Length;

    public static PassageWords Of(Analyzer analyzer, string text)
    {
        var words = new List<(int, int, ulong)>();
        using var stream = analyzer.GetTokenStream(IndexFields.Text, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offsets = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) words.Add((offsets.StartOffset, offsets.EndOffset, Digest(term.Buffer.AsSpan(0, term.Length))));
        stream.End();
        return new PassageWords([.. words]);
    }

    public static ulong Digest(ReadOnlySpan<char> term)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in term)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}

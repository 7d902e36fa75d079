using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace SearchService.Core.Indexing;

/// <summary>
/// English analysis for briefs and queries alike: standard tokens, possessives removed, lower case,
/// accents folded ("Café" finds "cafe"), English stop words dropped, Porter stemming.
/// </summary>
internal sealed class EnglishSearchAnalyzer : Analyzer
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader) { MaxTokenLength = 64 };
        TokenStream stream = new EnglishPossessiveFilter(Version, tokenizer);
        stream = new LowerCaseFilter(Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>The analysed terms of <paramref name="text"/>, in order.</summary>
    public List<string> Terms(string text, string field = IndexFields.All)
    {
        var terms = new List<string>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) terms.Add(term.ToString());
        stream.End();
        return terms;
    }

    /// <summary>The analysed terms of <paramref name="text"/> with their positions (stop words leave gaps).</summary>
    public List<(string Term, int Position)> TermsWithPositions(string text, string field = IndexFields.All)
    {
        var terms = new List<(string, int)>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var increment = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            terms.Add((term.ToString(), position));
        }
        stream.End();
        return terms;
    }

    /// <summary>
    /// For each stem in <paramref name="text"/>, the word form written most often, so explanations
    /// show "sovereignty" rather than the stem "sovereignti".
    /// </summary>
    public Dictionary<string, string> SurfaceForms(string text, string field = IndexFields.All)
    {
        var counts = new Dictionary<string, Dictionary<string, int>>();
        using var stream = GetTokenStream(field, text);
        var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
        var offsets = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var surface = text[offsets.StartOffset..offsets.EndOffset].ToLowerInvariant();
            var stem = term.ToString();
            if (!counts.TryGetValue(stem, out var forms)) counts[stem] = forms = [];
            forms[surface] = forms.GetValueOrDefault(surface) + 1;
        }
        stream.End();
        return counts.ToDictionary(c => c.Key, c => c.Value.MaxBy(f => f.Value).Key);
    }
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;

namespace SearchService.Core.Indexing;

/// <summary>
/// Words as written, only lower-cased and accent-folded: no stop words removed, no stemming. Used where
/// the user must see real words (spelling corrections, suggestions) rather than stems.
/// </summary>
internal sealed class PlainWordsAnalyzer : Analyzer
{
    /// <summary>One shared instance: analysers are thread-safe and this one holds no configuration.</summary>
    public static PlainWordsAnalyzer Instance { get; } = new();

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(EnglishSearchAnalyzer.Version, reader) { MaxTokenLength = 64 };
        TokenStream stream = new LowerCaseFilter(EnglishSearchAnalyzer.Version, tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }

    /// <summary>The words of <paramref name="text"/> with where each was written.</summary>
    public List<WrittenWord> Words(string text)
    {
        var words = new List<WrittenWord>();
        using var stream = GetTokenStream(IndexFields.Spell, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offsets = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken()) words.Add(new WrittenWord(term.ToString(), offsets.StartOffset, offsets.EndOffset));
        stream.End();
        return words;
    }

    /// <summary>The normalised words of <paramref name="text"/> joined by single spaces ("Défense  Primer" → "defense primer").</summary>
    public string Normalize(string text) => string.Join(' ', Words(text).Select(w => w.Term));
}

using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Analysis.Standard;

namespace SearchService.Core.Indexing;

/// <summary>
/// Every prefix of every word ("sovereignty" → "s", "so", "sov", …), lower-cased and accent-folded, so a
/// word being typed matches with one term lookup instead of a prefix scan.
/// </summary>
internal sealed class WordPrefixesAnalyzer : Analyzer
{
    /// <summary>Longer typed words are matched with a prefix query on the whole words instead.</summary>
    public const int MaxPrefixLength = 20;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(EnglishSearchAnalyzer.Version, reader) { MaxTokenLength = 64 };
        TokenStream stream = new LowerCaseFilter(EnglishSearchAnalyzer.Version, tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        stream = new EdgeNGramTokenFilter(EnglishSearchAnalyzer.Version, stream, 1, MaxPrefixLength);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

using SearchService.Core.Indexing;
using SearchService.Core.Synonyms;
using SearchService.Embeddings;

namespace SearchService.Core.Search;

/// <summary>The search modes beyond keyword that an index offers: semantic and hybrid when an encoder is loaded.</summary>
public static class SearchModes
{
    /// <param name="index">The index the keyword side searches.</param>
    /// <param name="encoder">The query encoder; no modes beyond keyword without one.</param>
    /// <param name="synonyms">The synonyms hybrid mode's keyword side applies (semantic matching reads the query as typed).</param>
    public static IReadOnlyList<ISearchMode> Semantic(BriefIndex index, ITextEncoder? encoder, SynonymSet? synonyms = null)
    {
        if (encoder is null) return [];
        var semantic = new SemanticSearchMode(encoder);
        return [semantic, new HybridSearchMode(new KeywordSearchMode(index, synonyms), semantic)];
    }
}

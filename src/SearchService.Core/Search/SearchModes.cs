using SearchService.Core.Indexing;
using SearchService.Embeddings;

namespace SearchService.Core.Search;

/// <summary>The search modes beyond keyword that an index offers: semantic and hybrid when an encoder is loaded.</summary>
public static class SearchModes
{
    public static IReadOnlyList<ISearchMode> Semantic(BriefIndex index, ITextEncoder? encoder)
    {
        if (encoder is null) return [];
        var semantic = new SemanticSearchMode(encoder);
        return [semantic, new HybridSearchMode(new KeywordSearchMode(index), semantic)];
    }
}

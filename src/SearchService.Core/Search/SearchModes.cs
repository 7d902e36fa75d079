using SearchService.Core.Indexing;
using SearchService.Core.Synonyms;
using SearchService.Embeddings;

namespace SearchService.Core.Search;

/// <summary>
/// The search modes beyond keyword that an index offers (semantic and hybrid when an encoder is loaded), and the one
/// rule for the mode a search gets when it names none: the service, the CLI and their help all read it here.
/// </summary>
public static class SearchModes
{
    /// <summary>The mode parameter's help, worded once for the HTTP API, its OpenAPI document and the CLI.</summary>
    public const string ModeHelp = "How matches are found: keyword, semantic (by meaning, with sentence embeddings) or hybrid (both fused). " +
        "Default: hybrid when embeddings are on, else keyword.";

    /// <summary>
    /// The mode of a search that names none, among the <paramref name="available"/> ones: hybrid, which measures best
    /// (docs/vector-search.md), when semantic search is on; else keyword, which every searcher has.
    /// </summary>
    public static string DefaultOf(IEnumerable<string> available) =>
        available.Contains(HybridSearchMode.ModeName) ? HybridSearchMode.ModeName : KeywordSearchMode.ModeName;

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

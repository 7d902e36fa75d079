using SearchService.Core.Search;
using SearchService.Core.Semantic;

namespace SearchService.Api.Hosting;

/// <summary>
/// Semantic search as configured for this process: the passage embedder and the cached query encoder when it is on,
/// neither when it is off (keyword only, no model loaded). Callers that degrade to keyword read null here.
/// </summary>
public sealed class SemanticEncoding
{
    private SemanticEncoding(PassageEmbedder? passages, CachedQueryEncoder? queries)
    {
        Passages = passages;
        Queries = queries;
    }

    /// <summary>Semantic search turned off: nothing encodes.</summary>
    public static SemanticEncoding Off { get; } = new(null, null);

    /// <summary>Encodes passages as they are indexed (through the embedding cache); null when semantic search is off.</summary>
    public PassageEmbedder? Passages { get; }

    /// <summary>Encodes search queries (through a bounded cache of query vectors); null when semantic search is off.</summary>
    public CachedQueryEncoder? Queries { get; }

    public static SemanticEncoding On(PassageEmbedder passages, int queryVectorsKept) =>
        new(passages, new CachedQueryEncoder(passages.Encoder, queryVectorsKept));
}

using System.ComponentModel.DataAnnotations;

namespace SearchService.Api.Hosting;

/// <summary>Where the index lives and which briefs build it when it does not exist yet ("SearchService" section).</summary>
public sealed class SearchServiceOptions
{
    public const string SectionName = "SearchService";

    /// <summary>Folder of the Lucene index. Relative paths are resolved against the repository root when run from a checkout.</summary>
    [Required]
    public string IndexPath { get; set; } = "index/data";

    /// <summary>Folder of briefs indexed at start-up when the index is empty.</summary>
    [Required]
    public string BriefsPath { get; set; } = "index/briefs";

    /// <summary>
    /// A first build of more files than this indexes their text first and embeds them in the background (the
    /// encoder is the slow part: about 55 passages a second on 2 cores), so keyword search answers within minutes.
    /// Smaller builds embed as they go and serve semantic search from the first request.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int TextFirstAboveFiles { get; set; } = 200;

    /// <summary>Search results, and suggestions, remembered per index generation (0: none, so every request is computed, as benchmarks of distinct queries want).</summary>
    [Range(0, int.MaxValue)]
    public int ResultCacheEntries { get; set; } = Core.Search.SearchResultCache.DefaultCapacity;

    /// <summary>Query vectors remembered (0: every query is encoded).</summary>
    [Range(0, int.MaxValue)]
    public int QueryVectorCacheEntries { get; set; } = Core.Semantic.CachedQueryEncoder.DefaultCapacity;
}

using System.ComponentModel.DataAnnotations;

namespace SearchService.Api.Hosting;

/// <summary>Sentence-embedding settings ("SearchService:Semantic" section).</summary>
public sealed class SemanticOptions
{
    public const string SectionName = "SearchService:Semantic";

    /// <summary>Embed passages and answer semantic and hybrid queries. Off: keyword only, no model loaded.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>"minilm+arctic" (both models combined: measured best), "minilm" or "arctic" (see the README for how they measured).</summary>
    [Required]
    public string Encoder { get; set; } = Embeddings.TextEncoders.MiniLmAndArcticXs;

    /// <summary>
    /// Encode queries with copies of the models on int8 matrix weights (3–4× faster on CPUs with VNNI; passages keep
    /// full precision). False: queries on the float models, batched under load (docs/serving.md).
    /// </summary>
    public bool Int8QueryWeights { get; set; } = true;

    /// <summary>Folder of the embedding cache: vectors by text hash, so re-indexing unchanged text costs nothing.</summary>
    [Required]
    public string CachePath { get; set; } = "index/embedding-cache";
}

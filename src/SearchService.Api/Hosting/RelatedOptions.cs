using System.ComponentModel.DataAnnotations;

namespace SearchService.Api.Hosting;

/// <summary>Where the related-brief model lives ("Related" section); loaded once at start-up.</summary>
public sealed class RelatedOptions
{
    public const string SectionName = "Related";

    /// <summary>
    /// Folder of the trained model (text-model.zip, topics.json, ranker.zip), relative to the repository root
    /// when run from a checkout. Without a model there, related briefs use the documented fixed weighting.
    /// </summary>
    [Required]
    public string ModelPath { get; set; } = "models/related";

    /// <summary>
    /// The share of its time the background computation of related lists keeps while requests keep the service busy:
    /// after each list it rests in proportion to how long requests were in flight meanwhile (with no requests, not at
    /// all). A first fill of a large archive under steady traffic goes at this share; requests meanwhile get lists
    /// computed on demand or interim answers. docs/scaling.md measured 0.1 against 1.
    /// </summary>
    [Range(0.01, 1.0)]
    public double FillShareUnderLoad { get; set; } = 0.1;
}

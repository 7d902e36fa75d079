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
}

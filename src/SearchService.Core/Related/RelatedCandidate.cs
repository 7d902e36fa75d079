namespace SearchService.Core.Related;

/// <summary>A brief considered as related to a source brief: where it is, what is known of it, its pair features and score.</summary>
internal sealed class RelatedCandidate(int doc, BriefFacts facts)
{
    public int Doc { get; } = doc;
    public BriefFacts Facts { get; } = facts;
    public float[] Features { get; } = new float[RelatedFeatures.Count];
    /// <summary>The candidate's brief vector, when the index holds one.</summary>
    public float[]? Vector { get; init; }
    public float VectorScore { get; set; } = float.NaN;
    public float LexicalScore { get; set; }
    public float Score { get; set; }
}

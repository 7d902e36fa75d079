namespace SearchService.Core.Related;

/// <summary>How candidates are ordered: the shipped way, or one signal alone (for evaluation).</summary>
public enum RelatedScoring
{
    /// <summary>
    /// The learned ranker's order fused with the fixed weighting's (<see cref="RelatedRankFusion"/>) when the ranker and
    /// every feature it needs are available, else <see cref="Fixed"/>.
    /// </summary>
    Model,
    /// <summary>The documented fixed weighting of the features (<see cref="FixedRelatedWeighting"/>).</summary>
    Fixed,
    /// <summary>MoreLikeThis alone (the former baseline).</summary>
    Lexical,
    /// <summary>Brief-vector cosine alone.</summary>
    Vector,
}

namespace SearchService.Core.Related;

/// <summary>
/// What the shipped text model makes of one brief: TF-IDF vectors of its word n-grams and of its
/// character n-grams (L2-normalised) and its LDA topic mixture (L2-normalised, so dot products are cosines).
/// </summary>
internal sealed record BriefTextProfile(SparseVector Words, SparseVector Characters, float[] Topics)
{
    public static BriefTextProfile Empty { get; } = new(SparseVector.Empty, SparseVector.Empty, []);
}

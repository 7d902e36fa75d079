namespace SearchService.Core.Related;

/// <summary>
/// The pair features that score how related a candidate brief is to a source brief, in the order the
/// ranking model reads them. A feature that cannot be computed (no vectors in the index, no date) is NaN.
/// </summary>
public static class RelatedFeatures
{
    /// <summary>Cosine of the two briefs' vectors (normalised mean of their passage vectors).</summary>
    public const int BriefCosine = 0;
    /// <summary>Cosine of the closest pair of passages, one from each brief.</summary>
    public const int BestPassageCosine = 1;
    /// <summary>MoreLikeThis (BM25 over the source's distinctive terms) score, divided by the source's best; 0 when not retrieved.</summary>
    public const int LexicalScore = 2;
    /// <summary>Cosine of the briefs' TF-IDF vectors over word 1–2-grams.</summary>
    public const int WordTfidfCosine = 3;
    /// <summary>Cosine of the briefs' TF-IDF vectors over character 4-grams.</summary>
    public const int CharacterTfidfCosine = 4;
    /// <summary>Cosine of the briefs' LDA topic mixtures.</summary>
    public const int TopicCosine = 5;
    public const int SharedTags = 6;
    public const int SharedAuthors = 7;
    /// <summary>1 when both briefs name the same publisher.</summary>
    public const int SamePublisher = 8;
    /// <summary>Years between the two briefs' dates.</summary>
    public const int YearsApart = 9;
    /// <summary>Brief cosine minus the best brief cosine among the source's candidates (0 for the nearest).</summary>
    public const int BriefCosineGap = 10;

    public static IReadOnlyList<string> Names { get; } =
    [
        nameof(BriefCosine), nameof(BestPassageCosine), nameof(LexicalScore), nameof(WordTfidfCosine), nameof(CharacterTfidfCosine),
        nameof(TopicCosine), nameof(SharedTags), nameof(SharedAuthors), nameof(SamePublisher), nameof(YearsApart), nameof(BriefCosineGap),
    ];

    public static int Count => Names.Count;
}

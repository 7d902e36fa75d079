namespace SearchService.Core.Related;

/// <summary>
/// The pair features that score how related a candidate brief is to a source brief, in the order the
/// ranking model reads them. A feature that cannot be computed (no vectors in the index, no date) is NaN.
/// A learned ranker reads a chosen set of them (<see cref="RankerInputs"/>).
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
    /// <summary>Centred cosine minus the best among the source's candidates (0 for the nearest).</summary>
    public const int BriefCosineGap = 10;
    /// <summary>
    /// Cosine of the candidate's brief vector with the centroid of the source's closest candidates (by the
    /// fixed weighting, the candidate itself left out), vectors centred as for <see cref="CentredCosine"/>:
    /// pseudo-relevance feedback, which rewards briefs close to the source's whole neighbourhood rather than to its
    /// wording alone.
    /// </summary>
    public const int NeighbourhoodCosine = 11;
    /// <summary>The same with word TF-IDF vectors.</summary>
    public const int NeighbourhoodWordTfidfCosine = 12;
    /// <summary>The same with LDA topic mixtures.</summary>
    public const int NeighbourhoodTopicCosine = 13;
    /// <summary>Word TF-IDF cosine minus the best among the source's candidates.</summary>
    public const int WordTfidfGap = 14;
    /// <summary>Character TF-IDF cosine minus the best among the source's candidates.</summary>
    public const int CharacterTfidfGap = 15;
    /// <summary>Neighbourhood cosine minus the best among the source's candidates.</summary>
    public const int NeighbourhoodGap = 16;
    /// <summary>Mean cosine of the candidate with its nearest briefs: high for "hub" briefs close to everything.</summary>
    public const int CandidateDensity = 17;
    /// <summary>Mean cosine of the source with its nearest briefs.</summary>
    public const int SourceDensity = 18;
    /// <summary>Cross-domain similarity local scaling: 2·centred cosine − both densities, which discounts hubs.</summary>
    public const int HubnessAdjustedCosine = 19;
    /// <summary>Mean word TF-IDF cosine of the candidate with its nearest briefs.</summary>
    public const int CandidateWordDensity = 20;
    /// <summary>2·word TF-IDF cosine − both briefs' word densities.</summary>
    public const int HubnessAdjustedWordTfidf = 21;
    /// <summary>Share of the source's 20 nearest briefs by vector that are also among the candidate's.</summary>
    public const int SharedNeighbours = 22;
    /// <summary>Share of the source's 20 nearest briefs by word TF-IDF that are also among the candidate's.</summary>
    public const int SharedWordNeighbours = 23;
    /// <summary>1 when the source is among the candidate's 20 nearest briefs by vector (a mutual neighbour).</summary>
    public const int SourceAmongNeighbours = 24;
    /// <summary>The candidate's rank among the source's candidates by centred cosine (1 for the nearest): relative to this source's neighbourhood, whatever its density.</summary>
    public const int BriefCosineRank = 25;
    /// <summary>The candidate's rank among the source's candidates by word TF-IDF cosine.</summary>
    public const int WordTfidfRank = 26;
    /// <summary>The candidate's rank among the source's candidates by MoreLikeThis score (those it did not retrieve rank last).</summary>
    public const int LexicalRank = 27;
    /// <summary>
    /// Cosine of the two brief vectors each measured from the mean brief vector of the index (<see cref="CorpusVectorMean"/>):
    /// how the two differ from the rest of the corpus in the same way, not how much both look like any of its briefs.
    /// </summary>
    public const int CentredCosine = 28;
    /// <summary>
    /// The centred cosine with each brief first moved toward its own nearest briefs among the source's candidates
    /// (document expansion): a short summary borrows what its closest neighbours say, so two briefs about one subject
    /// meet even where their own few sentences differ.
    /// </summary>
    public const int ExpandedCosine = 29;
    /// <summary>Cosine of the two titles' terms, each weighted by its rarity among the index's titles (<see cref="TitleTerms"/>).</summary>
    public const int TitleCosine = 30;
    /// <summary>Cosine of the candidate's title with the titles of the source's best candidates (pseudo-relevance feedback, as <see cref="NeighbourhoodCosine"/>).</summary>
    public const int NeighbourhoodTitleCosine = 31;

    public static IReadOnlyList<string> Names { get; } =
    [
        nameof(BriefCosine), nameof(BestPassageCosine), nameof(LexicalScore), nameof(WordTfidfCosine), nameof(CharacterTfidfCosine),
        nameof(TopicCosine), nameof(SharedTags), nameof(SharedAuthors), nameof(SamePublisher), nameof(YearsApart), nameof(BriefCosineGap),
        nameof(NeighbourhoodCosine), nameof(NeighbourhoodWordTfidfCosine), nameof(NeighbourhoodTopicCosine),
        nameof(WordTfidfGap), nameof(CharacterTfidfGap), nameof(NeighbourhoodGap),
        nameof(CandidateDensity), nameof(SourceDensity), nameof(HubnessAdjustedCosine),
        nameof(CandidateWordDensity), nameof(HubnessAdjustedWordTfidf),
        nameof(SharedNeighbours), nameof(SharedWordNeighbours), nameof(SourceAmongNeighbours),
        nameof(BriefCosineRank), nameof(WordTfidfRank), nameof(LexicalRank),
        nameof(CentredCosine), nameof(ExpandedCosine), nameof(TitleCosine), nameof(NeighbourhoodTitleCosine),
    ];

    public static int Count => Names.Count;

    /// <summary>The index of the feature named <paramref name="name"/>, or -1.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
            if (Names[i] == name) return i;
        return -1;
    }
}

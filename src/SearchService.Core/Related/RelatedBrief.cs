namespace SearchService.Core.Related;

/// <summary>
/// A brief related to another, with a score and the reasons a reader would recognise: <see cref="Reasons"/> in
/// words, and beside them the key phrases and tags both briefs share and the pair of passages (one from each)
/// that are most alike. The structured fields are null where they were not computed (an interim answer, or
/// far down a long list).
/// </summary>
public sealed record RelatedBrief(
    string Id,
    string Title,
    float Score,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string>? SharedPhrases = null,
    IReadOnlyList<string>? SharedTags = null,
    PassageMatch? BestMatch = null);

/// <summary>The passage of the source brief and the passage of the related brief most alike in meaning, and their cosine similarity.</summary>
public sealed record PassageMatch(string SourcePassage, string RelatedPassage, float Similarity);

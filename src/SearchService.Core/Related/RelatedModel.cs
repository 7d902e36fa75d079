namespace SearchService.Core.Related;

/// <summary>
/// The shipped related-brief model: the fitted ML.NET text pipeline (TF-IDF, LDA) and the learned ranker.
/// Either part may be missing; scoring then falls back to <see cref="FixedRelatedWeighting"/> over the
/// features that can still be computed.
/// </summary>
public sealed class RelatedModel
{
    /// <summary>No model: MoreLikeThis and vector features with the fixed weighting.</summary>
    public static RelatedModel None { get; } = new(null, null, "none-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(ScoringIdentity))[..8].ToLowerInvariant());

    public RelatedModel(BriefTextModel? text, LearnedRanker? ranker) : this(text, ranker, Guid.NewGuid().ToString("N"))
    {
    }

    private RelatedModel(BriefTextModel? text, LearnedRanker? ranker, string fingerprint)
    {
        Text = text;
        Ranker = ranker;
        Fingerprint = fingerprint;
    }

    /// <summary>
    /// Identifies the model's content (a hash of its files and of how the service scores with them; a fresh id for a
    /// model built in memory), so lists persisted with an index are only reused by the model and scoring that ranked them.
    /// </summary>
    public string Fingerprint { get; }

    public BriefTextModel? Text { get; }
    public LearnedRanker? Ranker { get; }

    /// <summary>
    /// The model in <paramref name="folder"/>; <see cref="None"/> when the folder does not exist or holds no model.
    /// </summary>
    public static RelatedModel Load(string folder)
    {
        if (!Directory.Exists(folder)) return None;
        var text = BriefTextModel.Load(folder);
        // A ranker learnt on text features is useless without the text model that computes them.
        return text is null ? None : new RelatedModel(text, LearnedRanker.Load(folder), FingerprintOf(folder));
    }

    private static string FingerprintOf(string folder)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in new[] { BriefTextModel.FileName, BriefTextModel.TopicsFileName, LearnedRanker.FileName, LearnedRanker.InputsFileName }.Select(f => Path.Combine(folder, f)).Where(File.Exists))
            hash.AppendData(File.ReadAllBytes(file));
        hash.AppendData(ScoringIdentity);
        return Convert.ToHexString(hash.GetHashAndReset())[..16].ToLowerInvariant();
    }

    /// <summary>
    /// The pair features and the fixed weighting's weights: a release that changes them scores differently with the same
    /// model files, so lists persisted by an earlier release are computed again rather than served stale.
    /// </summary>
    private static byte[] ScoringIdentity => System.Text.Encoding.UTF8.GetBytes(string.Join(",", RelatedFeatures.Names) + ";"
        + string.Join(",", FixedRelatedWeighting.Weights.OrderBy(w => w.Key).Select(w => $"{w.Key}={w.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}")));

    public string Describe() => (Text, Ranker) switch
    {
        (null, _) => "no model: MoreLikeThis and vector features, fixed weighting",
        (_, null) => $"text model ({Text.TopicCount} topics), fixed weighting",
        _ => $"text model ({Text.TopicCount} topics) and LightGbm ranker ({Ranker.Inputs}, {Ranker.VectorDimensions}-dimension brief vectors)",
    };
}

namespace SearchService.Core.Related;

/// <summary>
/// The shipped related-brief model: the fitted ML.NET text pipeline (TF-IDF, LDA) and the learned ranker.
/// Either part may be missing; scoring then falls back to <see cref="FixedRelatedWeighting"/> over the
/// features that can still be computed.
/// </summary>
public sealed class RelatedModel
{
    /// <summary>No model: MoreLikeThis and vector features with the fixed weighting.</summary>
    public static RelatedModel None { get; } = new(null, null);

    public RelatedModel(BriefTextModel? text, LearnedRanker? ranker)
    {
        Text = text;
        Ranker = ranker;
    }

    public BriefTextModel? Text { get; }
    public LearnedRanker? Ranker { get; }

    /// <summary>The model in <paramref name="folder"/>; <see cref="None"/> when the folder does not exist or holds no model.</summary>
    public static RelatedModel Load(string folder)
    {
        if (!Directory.Exists(folder)) return None;
        var text = BriefTextModel.Load(folder);
        // A ranker learnt on text features is useless without the text model that computes them.
        return text is null ? None : new RelatedModel(text, LearnedRanker.Load(folder));
    }

    public string Describe() => (Text, Ranker) switch
    {
        (null, _) => "no model: MoreLikeThis and vector features, fixed weighting",
        (_, null) => $"text model ({Text.TopicCount} topics), fixed weighting",
        _ => $"text model ({Text.TopicCount} topics) and LightGbm ranker ({Ranker.VectorDimensions}-dimension brief vectors)",
    };
}

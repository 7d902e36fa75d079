using Lucene.Net.Search;
using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// Ranks the briefs related to one source brief: its candidates (<see cref="RelatedCandidates"/>), their pair
/// features (<see cref="PairFeatures"/>) from what <see cref="BriefProfiles"/> and <see cref="NeighbourStatistics"/>
/// know of each brief (vectors compared about the corpus's mean, <see cref="CorpusVectorMean"/>; titles by their rare
/// terms, <see cref="TitleTerms"/>), and the fixed weighting (fused with a learned ranker where the model ships one)
/// to order them. Work is bounded by the candidates, never the corpus.
/// </summary>
internal sealed class RelatedBriefRanker(EnglishSearchAnalyzer analyzer, RelatedModel model, BriefProfiles profiles, NeighbourStatistics statistics, CorpusVectorMean corpusMean, TitleTerms titles)
{
    public RelatedModel Model => model;
    public EnglishSearchAnalyzer Analyzer => analyzer;

    /// <summary>The source brief and its ranked candidates; null when no brief has <paramref name="id"/>.</summary>
    public RelatedRanking? Rank(IndexSearcher searcher, string id, RelatedScoring scoring)
    {
        var sourceHits = searcher.Search(IndexQueries.Brief(id), 1);
        return sourceHits.TotalHits == 0 ? null : Rank(searcher, sourceHits.ScoreDocs[0].Doc, scoring);
    }

    public RelatedRanking Rank(IndexSearcher searcher, int sourceDoc, RelatedScoring scoring)
    {
        var leaves = searcher.IndexReader.Leaves;
        var source = profiles.Read(leaves, sourceDoc);
        var sourceVector = BriefVectors.Brief(leaves, sourceDoc);
        var list = Candidates(searcher, sourceDoc, source.Id, sourceVector);
        // The source's own statistics come from the same candidates, so they cost no second search.
        var sourceNeighbours = statistics.Get(source, () => Neighbours(source, sourceVector is not null, list.Select(c => (c.Facts.Id, c.VectorScore, c.Facts.Text?.Words))));
        PairFeatures.Compute(searcher.IndexReader, sourceDoc, source, sourceVector, corpusMean.Of(leaves), sourceNeighbours, list, candidate => NeighboursOf(searcher, candidate), titles);
        var usedModel = Score(list, sourceVector, scoring);
        list.Sort((a, b) => b.Score.CompareTo(a.Score) is var order && order != 0 ? order : a.Doc.CompareTo(b.Doc));
        // Lists keep what a caller can ask for (evaluation reads 100); training reads every candidate.
        if (scoring == RelatedScoring.Model && list.Count > RelatedCandidates.PerSource) list.RemoveRange(RelatedCandidates.PerSource, list.Count - RelatedCandidates.PerSource);
        return new RelatedRanking(source, sourceDoc, sourceVector, list, usedModel);
    }

    private List<RelatedCandidate> Candidates(IndexSearcher searcher, int sourceDoc, string sourceId, float[]? sourceVector)
    {
        var leaves = searcher.IndexReader.Leaves;
        var found = RelatedCandidates.Find(searcher, analyzer, sourceDoc, sourceId, sourceVector);
        var docs = found.Keys.ToList();
        var facts = profiles.Read(leaves, docs);
        return docs.Select((doc, i) => new RelatedCandidate(doc, facts[i])
            {
                Vector = BriefVectors.Brief(leaves, doc),
                VectorScore = found[doc].VectorScore,
                LexicalScore = found[doc].LexicalScore,
            })
            .Where(c => c.Facts.Id.Length > 0 && c.Facts.Id != sourceId)
            .DistinctBy(c => c.Facts.Id)
            .ToList();
    }

    /// <summary>
    /// A brief's own nearest briefs as its statistics read them: id, score by vector and word weights only (not their
    /// vectors or whole text profiles, most of what a first fill would otherwise read for them).
    /// </summary>
    private List<(string Id, float VectorScore, SparseVector? Words)> NearestForStatistics(IndexSearcher searcher, RelatedCandidate brief)
    {
        var leaves = searcher.IndexReader.Leaves;
        var found = RelatedCandidates.Find(searcher, analyzer, brief.Doc, brief.Facts.Id, brief.Vector, withMoreLikeThis: false);
        var docs = found.Keys.ToList();
        var facts = profiles.Facts(leaves, docs);
        var words = profiles.Words(leaves, docs, facts);
        return docs.Select((doc, i) => (facts[i].Id, found[doc].VectorScore, words[i]))
            .Where(n => n.Id.Length > 0 && n.Id != brief.Facts.Id)
            .DistinctBy(n => n.Id)
            .ToList();
    }

    /// <summary>
    /// A brief's nearest briefs by vector, and by words among its nearest by vector (among all its candidates when it
    /// has no vector). Words are not searched for separately: a second MoreLikeThis search per brief doubled a first
    /// fill's cost and changed nothing measurable (docs/scaling.md).
    /// </summary>
    private static BriefNeighbours Neighbours(BriefFacts brief, bool hasVector, IEnumerable<(string Id, float VectorScore, SparseVector? Words)> nearest)
    {
        var candidates = nearest.ToList();
        var byVector = hasVector
            ? NearestBriefs.Of(candidates.Where(c => !float.IsNaN(c.VectorScore)).Select(c => (c.Id, c.VectorScore)))
            : null;
        var byWords = brief.Text is { } text
            ? NearestBriefs.Of(candidates.Where(c => c.Words is not null && (!hasVector || !float.IsNaN(c.VectorScore))).Select(c => (c.Id, text.Words.Dot(c.Words!))))
            : null;
        return new BriefNeighbours(byVector, byWords);
    }

    /// <summary>The statistics of a candidate: remembered, or computed from its own nearest briefs by vector.</summary>
    private BriefNeighbours NeighboursOf(IndexSearcher searcher, RelatedCandidate candidate) =>
        statistics.Get(candidate.Facts, () => Neighbours(candidate.Facts, candidate.Vector is not null, NearestForStatistics(searcher, candidate)));

    /// <summary>
    /// Orders nothing yet: sets each candidate's score. True when the learned ranker scored them (fused with the fixed
    /// weighting, <see cref="RelatedRankFusion"/>): it needs the text features and vectors from the encoder it was trained
    /// with (other vectors fall back to the fixed weighting alone).
    /// </summary>
    private bool Score(List<RelatedCandidate> candidates, float[]? sourceVector, RelatedScoring scoring)
    {
        if (candidates.Count == 0) return false;
        var learned = scoring == RelatedScoring.Model && model.Ranker is { } ranker && sourceVector?.Length == ranker.VectorDimensions
            && candidates.All(c => c.Vector is not null && !float.IsNaN(c.Features[RelatedFeatures.BriefCosine]) && !float.IsNaN(c.Features[RelatedFeatures.WordTfidfCosine]));
        if (learned)
        {
            // The model's inputs are built here and dropped after scoring: lists keep only the named features.
            var scores = model.Ranker!.Score(candidates.Select(c => model.Ranker.Input(c.Features, sourceVector, c.Vector)).ToList());
            var fused = RelatedRankFusion.Fuse(scores, candidates.Select(c => FixedRelatedWeighting.Score(c.Features)).ToArray());
            for (var i = 0; i < candidates.Count; i++) candidates[i].Score = fused[i];
            return true;
        }
        foreach (var candidate in candidates)
        {
            candidate.Score = scoring switch
            {
                RelatedScoring.Lexical => candidate.LexicalScore,
                RelatedScoring.Vector => float.IsNaN(candidate.VectorScore) ? float.NegativeInfinity : candidate.VectorScore,
                _ => FixedRelatedWeighting.Score(candidate.Features),
            };
        }
        return false;
    }
}

/// <summary>The outcome of ranking one source's candidates, best first (the source's brief vector when the index holds one).</summary>
internal sealed record RelatedRanking(BriefFacts Source, int SourceDoc, float[]? SourceVector, List<RelatedCandidate> Candidates, bool UsedLearnedRanker);

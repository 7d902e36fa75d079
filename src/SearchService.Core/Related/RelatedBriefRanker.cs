using Lucene.Net.Search;
using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// Ranks the briefs related to one source brief: its candidates (<see cref="RelatedCandidates"/>), their pair
/// features (<see cref="PairFeatures"/>) from what <see cref="BriefProfiles"/> and <see cref="NeighbourStatistics"/>
/// know of each brief, and the learned ranker (or the fixed weighting) to order them. Work is bounded by the
/// candidates, never the corpus.
/// </summary>
internal sealed class RelatedBriefRanker(EnglishSearchAnalyzer analyzer, RelatedModel model, BriefProfiles profiles, NeighbourStatistics statistics)
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
        var sourceNeighbours = statistics.Get(source, () => Neighbours(source, sourceVector is not null, list));
        PairFeatures.Compute(leaves, sourceDoc, source, sourceVector, sourceNeighbours, list, candidate => NeighboursOf(searcher, candidate));
        var usedModel = Score(list, sourceVector, scoring);
        list.Sort((a, b) => b.Score.CompareTo(a.Score) is var order && order != 0 ? order : a.Doc.CompareTo(b.Doc));
        // Lists keep what a caller can ask for (evaluation reads 100); training reads every candidate.
        if (scoring == RelatedScoring.Model && list.Count > RelatedCandidates.PerSource) list.RemoveRange(RelatedCandidates.PerSource, list.Count - RelatedCandidates.PerSource);
        return new RelatedRanking(source, sourceDoc, sourceVector, list, usedModel);
    }

    private List<RelatedCandidate> Candidates(IndexSearcher searcher, int sourceDoc, string sourceId, float[]? sourceVector, bool withMoreLikeThis = true)
    {
        var leaves = searcher.IndexReader.Leaves;
        var found = RelatedCandidates.Find(searcher, analyzer, sourceDoc, sourceId, sourceVector, withMoreLikeThis);
        var docs = found.Keys.ToList();
        var facts = profiles.Read(leaves, docs);
        // Without MoreLikeThis these are a brief's own nearest, read for their statistics, which use the scores and
        // words alone: their vectors (most of what a first fill reads) are not read.
        return docs.Select((doc, i) => new RelatedCandidate(doc, facts[i])
            {
                Vector = withMoreLikeThis ? BriefVectors.Brief(leaves, doc) : null,
                VectorScore = found[doc].VectorScore,
                LexicalScore = found[doc].LexicalScore,
            })
            .Where(c => c.Facts.Id.Length > 0 && c.Facts.Id != sourceId)
            .DistinctBy(c => c.Facts.Id)
            .ToList();
    }

    /// <summary>
    /// A brief's nearest briefs by vector, and by words among its nearest by vector (among all its candidates when it
    /// has no vector). Words are not searched for separately: a second MoreLikeThis search per brief doubled a first
    /// fill's cost and changed nothing measurable (docs/scaling.md).
    /// </summary>
    private static BriefNeighbours Neighbours(BriefFacts brief, bool hasVector, List<RelatedCandidate> candidates)
    {
        var byVector = hasVector
            ? NearestBriefs.Of(candidates.Where(c => !float.IsNaN(c.VectorScore)).Select(c => (c.Facts.Id, c.VectorScore)))
            : null;
        var byWords = brief.Text is { } text
            ? NearestBriefs.Of(candidates.Where(c => c.Facts.Text is not null && (!hasVector || !float.IsNaN(c.VectorScore))).Select(c => (c.Facts.Id, text.Words.Dot(c.Facts.Text!.Words))))
            : null;
        return new BriefNeighbours(byVector, byWords);
    }

    /// <summary>The statistics of a candidate: remembered, or computed from its own nearest briefs by vector.</summary>
    private BriefNeighbours NeighboursOf(IndexSearcher searcher, RelatedCandidate candidate) =>
        statistics.Get(candidate.Facts, () => Neighbours(candidate.Facts, candidate.Vector is not null, Candidates(searcher, candidate.Doc, candidate.Facts.Id, candidate.Vector, withMoreLikeThis: false)));

    /// <summary>
    /// Orders nothing yet: sets each candidate's score. True when the learned ranker scored them: it needs the text
    /// features and vectors from the encoder it was trained with (other vectors fall back to the fixed weighting).
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
            for (var i = 0; i < candidates.Count; i++) candidates[i].Score = scores[i];
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

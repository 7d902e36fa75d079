using System.Numerics.Tensors;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// Ranks the briefs related to one source brief: its candidates (<see cref="RelatedCandidates"/>), their pair
/// features from what <see cref="BriefProfiles"/> and <see cref="NeighbourStatistics"/> know of each brief, and
/// the learned ranker (or the fixed weighting) to order them. Work is bounded by the candidates, never the corpus.
/// </summary>
internal sealed class RelatedBriefRanker(EnglishSearchAnalyzer analyzer, RelatedModel model, BriefProfiles profiles, NeighbourStatistics statistics)
{
    /// <summary>Passages of the source compared with each candidate's: the first ones (summary, findings, recommendations) say most.</summary>
    private const int SourcePassagesCompared = 32;
    /// <summary>Closest candidates whose centroid the neighbourhood features compare with.</summary>
    private const int NeighbourhoodSize = 10;

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
        Featurize(searcher, sourceDoc, source, sourceVector, sourceNeighbours, list);
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

    /// <summary>A brief's nearest briefs by vector and by words, among its own candidates (which hold its nearest by either).</summary>
    private static BriefNeighbours Neighbours(BriefFacts brief, bool hasVector, List<RelatedCandidate> candidates)
    {
        var byVector = hasVector
            ? NearestBriefs.Of(candidates.Where(c => !float.IsNaN(c.VectorScore)).Select(c => (c.Facts.Id, c.VectorScore)))
            : null;
        var byWords = brief.Text is { } text
            ? NearestBriefs.Of(candidates.Where(c => c.Facts.Text is not null).Select(c => (c.Facts.Id, text.Words.Dot(c.Facts.Text!.Words))))
            : null;
        return new BriefNeighbours(byVector, byWords);
    }

    /// <summary>The statistics of a candidate: remembered, or computed from its own candidates.</summary>
    private BriefNeighbours NeighboursOf(IndexSearcher searcher, RelatedCandidate candidate) =>
        statistics.Get(candidate.Facts, () => Neighbours(candidate.Facts, candidate.Vector is not null, Candidates(searcher, candidate.Doc, candidate.Facts.Id, candidate.Vector)));

    private void Featurize(IndexSearcher searcher, int sourceDoc, BriefFacts source, float[]? sourceVector, BriefNeighbours sourceNeighbours, List<RelatedCandidate> candidates)
    {
        var leaves = searcher.IndexReader.Leaves;
        var bestLexical = candidates.Select(c => c.LexicalScore).DefaultIfEmpty().Max();
        var sourcePassages = sourceVector is null ? [] : BriefVectors.Passages(leaves, sourceDoc, sourceVector.Length, SourcePassagesCompared);
        foreach (var candidate in candidates)
        {
            var features = candidate.Features;
            Array.Fill(features, float.NaN);
            if (sourceVector is not null && candidate.Vector is { } vector)
            {
                features[RelatedFeatures.BriefCosine] = TensorPrimitives.Dot(sourceVector, vector);
                var best = BriefVectors.BestPassageCosine(leaves, candidate.Doc, sourcePassages, sourceVector.Length);
                features[RelatedFeatures.BestPassageCosine] = float.IsNaN(best) ? features[RelatedFeatures.BriefCosine] : best;
            }
            features[RelatedFeatures.LexicalScore] = bestLexical > 0 ? candidate.LexicalScore / bestLexical : 0;

            var (a, b) = (source, candidate.Facts);
            if (a.Text is { } sourceText && b.Text is { } text)
            {
                features[RelatedFeatures.WordTfidfCosine] = sourceText.Words.Dot(text.Words);
                features[RelatedFeatures.CharacterTfidfCosine] = sourceText.Characters.Dot(text.Characters);
                features[RelatedFeatures.TopicCosine] = TensorPrimitives.Dot(sourceText.Topics, text.Topics);
            }
            features[RelatedFeatures.SharedTags] = a.Tags.Intersect(b.Tags, StringComparer.OrdinalIgnoreCase).Count();
            features[RelatedFeatures.SharedAuthors] = a.Authors.Intersect(b.Authors, StringComparer.OrdinalIgnoreCase).Count();
            features[RelatedFeatures.SamePublisher] = a.Publisher is not null && string.Equals(a.Publisher, b.Publisher, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
            if (a.Year is { } year && b.Year is { } otherYear) features[RelatedFeatures.YearsApart] = (float)Math.Abs(year - otherYear);
        }

        AddDensityFeatures(searcher, source, sourceNeighbours, candidates);
        AddNeighbourhoodFeatures(candidates);
        AddGap(candidates, RelatedFeatures.BriefCosine, RelatedFeatures.BriefCosineGap);
        AddGap(candidates, RelatedFeatures.WordTfidfCosine, RelatedFeatures.WordTfidfGap);
        AddGap(candidates, RelatedFeatures.CharacterTfidfCosine, RelatedFeatures.CharacterTfidfGap);
        AddGap(candidates, RelatedFeatures.NeighbourhoodCosine, RelatedFeatures.NeighbourhoodGap);
        AddRank(candidates, RelatedFeatures.BriefCosine, RelatedFeatures.BriefCosineRank);
        AddRank(candidates, RelatedFeatures.WordTfidfCosine, RelatedFeatures.WordTfidfRank);
        AddRank(candidates, RelatedFeatures.LexicalScore, RelatedFeatures.LexicalRank);
    }

    /// <summary>A feature's rank among the source's candidates (1 for the highest; NaN where the feature is).</summary>
    private static void AddRank(List<RelatedCandidate> candidates, int feature, int rank)
    {
        var order = candidates.Where(c => !float.IsNaN(c.Features[feature])).OrderByDescending(c => c.Features[feature]).ThenBy(c => c.Doc);
        var position = 0;
        foreach (var candidate in order) candidate.Features[rank] = ++position;
    }

    /// <summary>Hubness: how close each brief is to its own nearest briefs, and the cosine discounted by it (CSLS).</summary>
    private void AddDensityFeatures(IndexSearcher searcher, BriefFacts source, BriefNeighbours sourceNeighbours, List<RelatedCandidate> candidates)
    {
        foreach (var candidate in candidates)
        {
            var neighbours = NeighboursOf(searcher, candidate);
            if (sourceNeighbours.ByWords is { } sourceWords && neighbours.ByWords is { } words)
            {
                candidate.Features[RelatedFeatures.CandidateWordDensity] = words.Density;
                candidate.Features[RelatedFeatures.HubnessAdjustedWordTfidf] = 2 * candidate.Features[RelatedFeatures.WordTfidfCosine] - words.Density - sourceWords.Density;
                candidate.Features[RelatedFeatures.SharedWordNeighbours] = sourceWords.SharedWith(words);
            }
            if (sourceNeighbours.ByVector is { } sourceNearest && neighbours.ByVector is { } nearest && candidate.Vector is not null)
            {
                candidate.Features[RelatedFeatures.SharedNeighbours] = sourceNearest.SharedWith(nearest);
                candidate.Features[RelatedFeatures.SourceAmongNeighbours] = nearest.Ids.Contains(source.Id) ? 1 : 0;
                candidate.Features[RelatedFeatures.CandidateDensity] = nearest.Density;
                candidate.Features[RelatedFeatures.SourceDensity] = sourceNearest.Density;
                candidate.Features[RelatedFeatures.HubnessAdjustedCosine] = 2 * candidate.Features[RelatedFeatures.BriefCosine] - nearest.Density - sourceNearest.Density;
            }
        }
    }

    /// <summary>A feature relative to the source's best candidate, so the ranker sees how far below the best each one is.</summary>
    private static void AddGap(List<RelatedCandidate> candidates, int feature, int gap)
    {
        var best = candidates.Select(c => c.Features[feature]).Where(v => !float.IsNaN(v)).DefaultIfEmpty(float.NaN).Max();
        foreach (var candidate in candidates) candidate.Features[gap] = candidate.Features[feature] - best;
    }

    /// <summary>Pseudo-relevance feedback: each candidate against the centroid of the source's best candidates by the fixed weighting.</summary>
    private static void AddNeighbourhoodFeatures(List<RelatedCandidate> candidates)
    {
        var neighbours = candidates.OrderByDescending(c => FixedRelatedWeighting.Score(c.Features)).ThenBy(c => c.Doc).Take(NeighbourhoodSize).ToHashSet();
        if (neighbours.Count < 2) return;

        var withVectors = neighbours.Where(n => n.Vector is not null).ToList();
        if (withVectors.Count >= 2)
        {
            var sum = Neighbourhood.DenseSum(withVectors.Select(n => n.Vector!), withVectors[0].Vector!.Length);
            var squaredNorm = TensorPrimitives.Dot(sum, sum);
            foreach (var candidate in candidates)
            {
                if (candidate.Vector is not { } vector) continue;
                candidate.Features[RelatedFeatures.NeighbourhoodCosine] =
                    Neighbourhood.Cosine(TensorPrimitives.Dot(vector, sum), squaredNorm, neighbours.Contains(candidate) && withVectors.Contains(candidate));
            }
        }

        var withText = neighbours.Where(n => n.Facts.Text is not null).ToList();
        if (withText.Count >= 2)
        {
            var words = Neighbourhood.SparseSum(withText.Select(n => n.Facts.Text!.Words));
            var wordsNorm = Neighbourhood.SquaredNorm(words);
            var topics = Neighbourhood.DenseSum(withText.Select(n => n.Facts.Text!.Topics), withText[0].Facts.Text!.Topics.Length);
            var topicsNorm = TensorPrimitives.Dot(topics, topics);
            foreach (var candidate in candidates)
            {
                if (candidate.Facts.Text is not { } text) continue;
                var member = neighbours.Contains(candidate);
                candidate.Features[RelatedFeatures.NeighbourhoodWordTfidfCosine] = text.Words.Indices.Length == 0 ? 0 : Neighbourhood.Cosine(Neighbourhood.Dot(text.Words, words), wordsNorm, member);
                if (text.Topics.Length == topics.Length)
                    candidate.Features[RelatedFeatures.NeighbourhoodTopicCosine] = Neighbourhood.Cosine(TensorPrimitives.Dot(text.Topics, topics), topicsNorm, member);
            }
        }
    }

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

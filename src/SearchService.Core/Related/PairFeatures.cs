using System.Numerics.Tensors;
using Lucene.Net.Index;

namespace SearchService.Core.Related;

/// <summary>
/// The pair features of a source brief and each of its candidates (<see cref="RelatedFeatures"/>): vector, text and
/// title similarities, shared tags, authors and publisher, years apart, hubness, both briefs expanded by their own
/// neighbours, the neighbourhood of the best candidates, and each feature's gap to the best candidate and rank among them.
/// </summary>
internal static class PairFeatures
{
    /// <summary>Passages of the source compared with each candidate's: the first ones (summary, findings, recommendations) say most.</summary>
    private const int SourcePassagesCompared = 32;
    /// <summary>Closest candidates whose centroid the neighbourhood features compare with.</summary>
    private const int NeighbourhoodSize = 10;
    /// <summary>Nearest briefs a brief is expanded by, and how far toward their mean it moves (<see cref="RelatedFeatures.ExpandedCosine"/>).</summary>
    private const int ExpansionSize = 10;
    private const float ExpansionShare = 0.3f;

    /// <summary>
    /// Fills every candidate's <see cref="RelatedCandidate.Features"/> against <paramref name="source"/>;
    /// <paramref name="neighboursOf"/> gives a candidate's own nearest briefs (for the hubness and expansion features).
    /// </summary>
    public static void Compute(IndexReader reader, int sourceDoc, BriefFacts source, float[]? sourceVector, float[]? corpusMean,
        BriefNeighbours sourceNeighbours, List<RelatedCandidate> candidates, Func<RelatedCandidate, BriefNeighbours> neighboursOf, TitleTerms titles)
    {
        var leaves = reader.Leaves;
        var bestLexical = candidates.Select(c => c.LexicalScore).DefaultIfEmpty().Max();
        // Brief vectors are also compared about the corpus's centre (CorpusVectorMean): what ranks and the neighbourhood read.
        float[] Centred(float[] vector) => corpusMean?.Length == vector.Length ? CorpusVectorMean.Centred(vector, corpusMean) : vector;
        var centredSource = sourceVector is null ? null : Centred(sourceVector);
        var centred = candidates.ToDictionary(c => c, c => c.Vector is { } vector ? Centred(vector) : null);
        var sourcePassages = sourceVector is null ? [] : BriefVectors.Passages(leaves, sourceDoc, sourceVector.Length, SourcePassagesCompared);
        var sourceTitle = titles.Weigh(reader, source.Title);
        var titleOf = candidates.ToDictionary(c => c, c => titles.Weigh(reader, c.Facts.Title));
        foreach (var candidate in candidates)
        {
            var features = candidate.Features;
            Array.Fill(features, float.NaN);
            if (sourceVector is not null && candidate.Vector is { } vector)
            {
                features[RelatedFeatures.BriefCosine] = TensorPrimitives.Dot(sourceVector, vector);
                features[RelatedFeatures.CentredCosine] = TensorPrimitives.Dot(centredSource!, centred[candidate]!);
                var best = BriefVectors.BestPassageCosine(leaves, candidate.Doc, sourcePassages, sourceVector.Length);
                features[RelatedFeatures.BestPassageCosine] = float.IsNaN(best) ? features[RelatedFeatures.BriefCosine] : best;
            }
            features[RelatedFeatures.TitleCosine] = sourceTitle.Cosine(titleOf[candidate]);
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

        AddDensityFeatures(source, sourceNeighbours, candidates, neighboursOf);
        if (centredSource is not null) AddExpandedCosine(centredSource, sourceNeighbours, candidates, neighboursOf, c => centred[c]);
        AddNeighbourhoodFeatures(candidates, c => centred[c], c => titleOf[c]);
        AddGap(candidates, RelatedFeatures.CentredCosine, RelatedFeatures.BriefCosineGap);
        AddGap(candidates, RelatedFeatures.WordTfidfCosine, RelatedFeatures.WordTfidfGap);
        AddGap(candidates, RelatedFeatures.CharacterTfidfCosine, RelatedFeatures.CharacterTfidfGap);
        AddGap(candidates, RelatedFeatures.NeighbourhoodCosine, RelatedFeatures.NeighbourhoodGap);
        AddRank(candidates, RelatedFeatures.CentredCosine, RelatedFeatures.BriefCosineRank);
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
    private static void AddDensityFeatures(BriefFacts source, BriefNeighbours sourceNeighbours, List<RelatedCandidate> candidates, Func<RelatedCandidate, BriefNeighbours> neighboursOf)
    {
        foreach (var candidate in candidates)
        {
            var neighbours = neighboursOf(candidate);
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
                candidate.Features[RelatedFeatures.HubnessAdjustedCosine] = 2 * candidate.Features[RelatedFeatures.CentredCosine] - nearest.Density - sourceNearest.Density;
            }
        }
    }

    private static void AddExpandedCosine(float[] centredSource, BriefNeighbours sourceNeighbours, List<RelatedCandidate> candidates,
        Func<RelatedCandidate, BriefNeighbours> neighboursOf, Func<RelatedCandidate, float[]?> centredOf)
    {
        var cosines = ExpandedCosines(centredSource, sourceNeighbours.ByVector?.Ordered ?? [],
            candidates.Select(c => centredOf(c) is { } vector ? new ExpansionInput(c.Facts.Id, vector, neighboursOf(c).ByVector?.Ordered ?? []) : new ExpansionInput(c.Facts.Id, null, [])).ToList());
        for (var i = 0; i < candidates.Count; i++) candidates[i].Features[RelatedFeatures.ExpandedCosine] = cosines[i];
    }

    /// <summary>A candidate's centred vector (null without one) and its nearest briefs' ids, nearest first.</summary>
    internal sealed record ExpansionInput(string Id, float[]? Vector, IReadOnlyList<string> Nearest);

    /// <summary>
    /// Document expansion: the source and each candidate (unit vectors, centred) moved <see cref="ExpansionShare"/> of
    /// the way toward the mean of their <see cref="ExpansionSize"/> nearest briefs that are among the candidates (whose
    /// vectors are at hand), scaled to unit length, then compared. A brief with none of its neighbours among them stays
    /// as it is. NaN for a candidate without a vector.
    /// </summary>
    internal static float[] ExpandedCosines(float[] source, IReadOnlyList<string> sourceNearest, IReadOnlyList<ExpansionInput> candidates)
    {
        var pool = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
            if (candidate.Vector?.Length == source.Length) pool.TryAdd(candidate.Id, candidate.Vector);

        var neighbours = new List<float[]>(ExpansionSize);
        void Expand(float[] vector, IReadOnlyList<string> nearest, float[] expanded)
        {
            neighbours.Clear();
            foreach (var id in nearest)
            {
                if (neighbours.Count == ExpansionSize) break;
                if (pool.TryGetValue(id, out var neighbour)) neighbours.Add(neighbour);
            }
            vector.CopyTo(expanded, 0);
            foreach (var neighbour in neighbours) TensorPrimitives.MultiplyAdd(neighbour, ExpansionShare / neighbours.Count, expanded, expanded);
            var norm = TensorPrimitives.Norm(expanded);
            if (norm > 0) TensorPrimitives.Divide(expanded, norm, expanded);
        }

        var expandedSource = new float[source.Length];
        Expand(source, sourceNearest, expandedSource);
        var expandedCandidate = new float[source.Length];
        var cosines = new float[candidates.Count];
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Vector is not { } vector || vector.Length != source.Length)
            {
                cosines[i] = float.NaN;
                continue;
            }
            Expand(vector, candidates[i].Nearest, expandedCandidate);
            cosines[i] = TensorPrimitives.Dot(expandedSource, expandedCandidate);
        }
        return cosines;
    }

    /// <summary>A feature relative to the source's best candidate, so the ranker sees how far below the best each one is.</summary>
    private static void AddGap(List<RelatedCandidate> candidates, int feature, int gap)
    {
        var best = candidates.Select(c => c.Features[feature]).Where(v => !float.IsNaN(v)).DefaultIfEmpty(float.NaN).Max();
        foreach (var candidate in candidates) candidate.Features[gap] = candidate.Features[feature] - best;
    }

    /// <summary>
    /// Pseudo-relevance feedback: each candidate against the centroid of the source's best candidates by the fixed
    /// weighting, with vectors from <paramref name="vectorOf"/> (centred ones), by words and topics, and by titles.
    /// </summary>
    private static void AddNeighbourhoodFeatures(List<RelatedCandidate> candidates, Func<RelatedCandidate, float[]?> vectorOf, Func<RelatedCandidate, WeightedTerms> titleOf)
    {
        var neighbours = candidates.OrderByDescending(c => FixedRelatedWeighting.Score(c.Features, groupTerms: false)).ThenBy(c => c.Doc).Take(NeighbourhoodSize).ToHashSet();
        if (neighbours.Count < 2) return;

        var withVectors = neighbours.Where(n => vectorOf(n) is not null).ToList();
        if (withVectors.Count >= 2)
        {
            var sum = Neighbourhood.DenseSum(withVectors.Select(n => vectorOf(n)!), vectorOf(withVectors[0])!.Length);
            var squaredNorm = TensorPrimitives.Dot(sum, sum);
            foreach (var candidate in candidates)
            {
                if (vectorOf(candidate) is not { } vector) continue;
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

        var titled = neighbours.Where(n => titleOf(n).Norm > 0).ToList();
        if (titled.Count >= 2)
        {
            var sum = new Dictionary<string, float>(StringComparer.Ordinal);
            foreach (var title in titled) titleOf(title).AddUnitTo(sum);
            var squaredNorm = sum.Values.Sum(v => v * v);
            foreach (var candidate in candidates)
            {
                var title = titleOf(candidate);
                candidate.Features[RelatedFeatures.NeighbourhoodTitleCosine] =
                    title.Norm == 0 ? 0 : Neighbourhood.Cosine(title.UnitDot(sum), squaredNorm, neighbours.Contains(candidate));
            }
        }
    }
}

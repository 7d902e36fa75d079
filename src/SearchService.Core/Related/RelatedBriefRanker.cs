using System.Numerics.Tensors;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;

namespace SearchService.Core.Related;

/// <summary>
/// Ranks the briefs related to a source brief: candidates are the union of its nearest briefs by vector
/// and its MoreLikeThis matches; each candidate gets pair features from data held in memory (vectors
/// and brief facts per segment), and the learned ranker (or the fixed weighting) orders them.
/// </summary>
internal sealed class RelatedBriefRanker(EnglishSearchAnalyzer analyzer, RelatedModel model, VectorStore vectors)
{
    /// <summary>Candidates taken from each source (vectors, MoreLikeThis).</summary>
    public const int CandidatesPerSource = 100;
    /// <summary>Passages of the source compared with each candidate's: the first ones (summary, findings, recommendations) say most.</summary>
    private const int SourcePassagesCompared = 32;
    /// <summary>Closest candidates whose centroid the neighbourhood features compare with.</summary>
    private const int NeighbourhoodSize = 10;

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IndexReader, System.Collections.Concurrent.ConcurrentDictionary<string, RelatedRanking>> _rankings = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NearestBriefs> _nearestByVector = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NearestBriefs> _nearestByWords = new(StringComparer.Ordinal);

    public RelatedModel Model => model;

    /// <summary>
    /// The source brief and its ranked candidates; null when no brief has <paramref name="id"/>. The shipped
    /// ordering is remembered per index generation (every commit starts afresh), so a brief's list is computed
    /// once, at <see cref="Warm"/> or on its first request.
    /// </summary>
    public RelatedRanking? Rank(IndexSearcher searcher, string id, RelatedScoring scoring)
    {
        if (scoring != RelatedScoring.Model) return Compute(searcher, id, scoring);
        var byId = _rankings.GetValue(searcher.IndexReader, _ => new System.Collections.Concurrent.ConcurrentDictionary<string, RelatedRanking>(StringComparer.Ordinal));
        if (byId.TryGetValue(id, out var known)) return known;
        var ranking = Compute(searcher, id, scoring);
        if (ranking is not null) byId[id] = ranking;
        return ranking;
    }

    private RelatedRanking? Compute(IndexSearcher searcher, string id, RelatedScoring scoring)
    {
        var sourceHits = searcher.Search(BriefIndex.BriefQuery(id), 1);
        if (sourceHits.TotalHits == 0) return null;
        var sourceDoc = sourceHits.ScoreDocs[0].Doc;
        var leaves = searcher.IndexReader.Leaves;
        var source = Locate(leaves, sourceDoc);
        var sourceVector = BriefVector(source);
        var lexical = new LexicalNeighbours(searcher, analyzer);

        var candidates = new Dictionary<int, RelatedCandidate>();
        if (sourceVector is not null)
        {
            foreach (var (doc, score) in VectorSearch.Nearest(searcher, IndexFields.BriefVector, sourceVector, CandidatesPerSource + 1))
            {
                if (doc != sourceDoc) Add(candidates, leaves, doc).VectorScore = score;
            }
        }
        foreach (var hit in lexical.Find(sourceDoc, id, CandidatesPerSource).ScoreDocs)
            Add(candidates, leaves, hit.Doc).LexicalScore = hit.Score;

        var list = candidates.Values
            .Where(c => c.Facts.Id.Length > 0 && c.Facts.Id != id)
            .DistinctBy(c => c.Facts.Id)
            .ToList();
        Featurize(leaves, source, sourceVector, list);
        var usedModel = Score(list, sourceVector, scoring);
        list.Sort((a, b) => b.Score.CompareTo(a.Score) is var order && order != 0 ? order : a.Doc.CompareTo(b.Doc));
        // Remembered lists keep what a caller can ask for (evaluation reads 100), not every candidate.
        if (scoring == RelatedScoring.Model && list.Count > CandidatesPerSource) list.RemoveRange(CandidatesPerSource, list.Count - CandidatesPerSource);
        return new RelatedRanking(source.Facts, sourceDoc, sourceVector, list, lexical, usedModel);
    }

    /// <summary>
    /// Computes now what scoring keeps in memory for every brief (facts and text profiles per segment, nearest
    /// briefs by vector and by words) and then every brief's related list, on every core, so requests do not pay for it.
    /// </summary>
    public void Warm(IndexSearcher searcher)
    {
        var leaves = searcher.IndexReader.Leaves;
        var briefs = new List<BriefLocation>();
        foreach (var leaf in leaves)
        {
            var segment = SegmentBriefs.For(leaf.AtomicReader, model.Text);
            var live = leaf.AtomicReader.LiveDocs;
            for (var row = 0; row < segment.Docs.Length; row++)
            {
                if (live is null || live.Get(segment.Docs[row])) briefs.Add(new BriefLocation(leaf, segment, row, segment.Facts[row]));
            }
        }
        Parallel.ForEach(briefs, brief =>
        {
            if (BriefVector(brief) is { } vector) Nearest(leaves, brief.Facts, brief.Leaf.DocBase + brief.Briefs.Docs[brief.Row], vector);
            if (brief.Facts.Text is { } text) NearestByWords(leaves, brief.Facts, text.Words);
        });
        Parallel.ForEach(briefs, brief => Rank(searcher, brief.Facts.Id, RelatedScoring.Model));
    }

    private RelatedCandidate Add(Dictionary<int, RelatedCandidate> candidates, IList<AtomicReaderContext> leaves, int doc)
    {
        if (candidates.TryGetValue(doc, out var candidate)) return candidate;
        var location = Locate(leaves, doc);
        return candidates[doc] = new RelatedCandidate(doc, location.Facts) { Vector = BriefVector(location) };
    }

    private void Featurize(IList<AtomicReaderContext> leaves, BriefLocation source, float[]? sourceVector, List<RelatedCandidate> candidates)
    {
        var bestLexical = candidates.Select(c => c.LexicalScore).DefaultIfEmpty().Max();
        var sourcePassages = sourceVector is null ? (ReadOnlyMemory<float>?)null : PassageVectors(source, sourceVector.Length, SourcePassagesCompared);
        foreach (var candidate in candidates)
        {
            var features = candidate.Features;
            Array.Fill(features, float.NaN);
            if (sourceVector is not null && candidate.Vector is { } vector)
            {
                var location = Locate(leaves, candidate.Doc);
                features[RelatedFeatures.BriefCosine] = TensorPrimitives.Dot(sourceVector, vector);
                features[RelatedFeatures.BestPassageCosine] = BestPassageCosine(sourcePassages!.Value, PassageVectors(location, sourceVector.Length, int.MaxValue), sourceVector.Length) is var best && float.IsNaN(best)
                    ? features[RelatedFeatures.BriefCosine]
                    : best;
            }
            features[RelatedFeatures.LexicalScore] = bestLexical > 0 ? candidate.LexicalScore / bestLexical : 0;

            var (a, b) = (source.Facts, candidate.Facts);
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

        AddDensityFeatures(leaves, source, sourceVector, candidates);
        AddNeighbourhoodFeatures(leaves, candidates);
        AddGap(candidates, RelatedFeatures.BriefCosine, RelatedFeatures.BriefCosineGap);
        AddGap(candidates, RelatedFeatures.WordTfidfCosine, RelatedFeatures.WordTfidfGap);
        AddGap(candidates, RelatedFeatures.CharacterTfidfCosine, RelatedFeatures.CharacterTfidfGap);
        AddGap(candidates, RelatedFeatures.NeighbourhoodCosine, RelatedFeatures.NeighbourhoodGap);
    }

    /// <summary>Hubness: how close each brief is to its own nearest briefs, and the cosine discounted by it (CSLS).</summary>
    private void AddDensityFeatures(IList<AtomicReaderContext> leaves, BriefLocation source, float[]? sourceVector, List<RelatedCandidate> candidates)
    {
        if (source.Facts.Text is { } sourceText)
        {
            var sourceWordNearest = NearestByWords(leaves, source.Facts, sourceText.Words);
            foreach (var candidate in candidates)
            {
                if (candidate.Facts.Text is not { } text) continue;
                var nearest = NearestByWords(leaves, candidate.Facts, text.Words);
                candidate.Features[RelatedFeatures.CandidateWordDensity] = nearest.Density;
                candidate.Features[RelatedFeatures.HubnessAdjustedWordTfidf] = 2 * candidate.Features[RelatedFeatures.WordTfidfCosine] - nearest.Density - sourceWordNearest.Density;
                candidate.Features[RelatedFeatures.SharedWordNeighbours] = sourceWordNearest.SharedWith(nearest);
            }
        }
        if (sourceVector is null) return;
        var sourceNearest = Nearest(leaves, source.Facts, source.Briefs.Docs[source.Row] + source.Leaf.DocBase, sourceVector);
        var sourceDensity = sourceNearest.Density;
        foreach (var candidate in candidates)
        {
            if (candidate.Vector is not { } vector) continue;
            var nearest = Nearest(leaves, candidate.Facts, candidate.Doc, vector);
            var density = nearest.Density;
            candidate.Features[RelatedFeatures.SharedNeighbours] = sourceNearest.SharedWith(nearest);
            candidate.Features[RelatedFeatures.SourceAmongNeighbours] = nearest.Ids.Contains(source.Facts.Id) ? 1 : 0;
            candidate.Features[RelatedFeatures.CandidateDensity] = density;
            candidate.Features[RelatedFeatures.SourceDensity] = sourceDensity;
            candidate.Features[RelatedFeatures.HubnessAdjustedCosine] = 2 * candidate.Features[RelatedFeatures.BriefCosine] - density - sourceDensity;
        }
    }

    /// <summary>
    /// A brief's nearest briefs by vector, remembered by content hash: they change little as the corpus
    /// grows, and finding them costs one pass over the brief vectors.
    /// </summary>
    private NearestBriefs Nearest(IList<AtomicReaderContext> leaves, BriefFacts facts, int doc, float[] vector) =>
        _nearestByVector.GetOrAdd(facts.ContentHash, _ =>
        {
            var all = new List<(string Id, float Score)>();
            foreach (var leaf in leaves)
            {
                var briefVectors = vectors.For(leaf, IndexFields.BriefVector, vector.Length);
                var briefs = SegmentBriefs.For(leaf.AtomicReader, model.Text);
                var live = leaf.AtomicReader.LiveDocs;
                foreach (var briefDoc in briefVectors.Docs)
                {
                    if (leaf.DocBase + briefDoc == doc || live is not null && !live.Get(briefDoc)) continue;
                    var briefRow = briefs.RowOf(briefDoc);
                    if (briefRow < 0) continue;
                    all.Add((briefs.Facts[briefRow].Id, briefVectors.Dot(briefDoc, vector)));
                }
            }
            return NearestBriefs.Of(all);
        });

    /// <summary>A brief's nearest briefs by word TF-IDF cosine, remembered by content hash.</summary>
    private NearestBriefs NearestByWords(IList<AtomicReaderContext> leaves, BriefFacts facts, SparseVector words) =>
        _nearestByWords.GetOrAdd(facts.ContentHash, _ =>
        {
            var all = new List<(string Id, float Score)>();
            foreach (var leaf in leaves)
            {
                var briefs = SegmentBriefs.For(leaf.AtomicReader, model.Text);
                var live = leaf.AtomicReader.LiveDocs;
                for (var row = 0; row < briefs.Docs.Length; row++)
                {
                    var other = briefs.Facts[row];
                    if (other.Text is null || other.Id == facts.Id || live is not null && !live.Get(briefs.Docs[row])) continue;
                    all.Add((other.Id, words.Dot(other.Text.Words)));
                }
            }
            return NearestBriefs.Of(all);
        });

    /// <summary>A feature relative to the source's best candidate, so the ranker sees how far below the best each one is.</summary>
    private static void AddGap(List<RelatedCandidate> candidates, int feature, int gap)
    {
        var best = candidates.Select(c => c.Features[feature]).Where(v => !float.IsNaN(v)).DefaultIfEmpty(float.NaN).Max();
        foreach (var candidate in candidates) candidate.Features[gap] = candidate.Features[feature] - best;
    }

    /// <summary>Pseudo-relevance feedback: each candidate against the centroid of the source's best candidates by the fixed weighting.</summary>
    private void AddNeighbourhoodFeatures(IList<AtomicReaderContext> leaves, List<RelatedCandidate> candidates)
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
            // The model's inputs are built here and dropped after scoring: remembered lists keep only the named features.
            var scores = model.Ranker!.Score(candidates.Select(c => LearnedRanker.Input(c.Features, sourceVector, c.Vector)).ToList());
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

    private BriefLocation Locate(IList<AtomicReaderContext> leaves, int doc)
    {
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var briefs = SegmentBriefs.For(leaf.AtomicReader, model.Text);
        var row = briefs.RowOf(doc - leaf.DocBase);
        return new BriefLocation(leaf, briefs, row, row >= 0 ? briefs.Facts[row] : BriefFacts.Deleted);
    }

    /// <summary>The brief's vector, or null when the index holds none for it.</summary>
    private static float[]? BriefVector(BriefLocation brief)
    {
        if (brief.Row < 0) return null;
        var reader = brief.Leaf.AtomicReader;
        var doc = brief.Briefs.Docs[brief.Row];
        var present = reader.GetDocsWithField(IndexFields.BriefVector);
        if (present is null || !present.Get(doc)) return null;
        var bytes = new BytesRef();
        reader.GetBinaryDocValues(IndexFields.BriefVector).Get(doc, bytes);
        var vector = new float[bytes.Length / sizeof(float)];
        VectorCodec.Read(bytes, vector);
        return vector;
    }

    /// <summary>The vectors of a brief's passages (its block of documents), as one row-major matrix, at most <paramref name="limit"/> rows.</summary>
    private ReadOnlyMemory<float> PassageVectors(BriefLocation brief, int dimensions, int limit)
    {
        if (brief.Row < 0) return ReadOnlyMemory<float>.Empty;
        return vectors.For(brief.Leaf, IndexFields.Vector, dimensions).Rows(brief.Briefs.Docs[brief.Row] + 1, brief.Briefs.EndOfBlock(brief.Row), limit);
    }

    private static float BestPassageCosine(ReadOnlyMemory<float> source, ReadOnlyMemory<float> candidate, int dimensions)
    {
        if (source.IsEmpty || candidate.IsEmpty) return float.NaN;
        var best = float.NegativeInfinity;
        var sourceRows = source.Span;
        var candidateRows = candidate.Span;
        for (var i = 0; i < sourceRows.Length; i += dimensions)
        {
            for (var j = 0; j < candidateRows.Length; j += dimensions)
                best = Math.Max(best, TensorPrimitives.Dot(sourceRows.Slice(i, dimensions), candidateRows.Slice(j, dimensions)));
        }
        return best;
    }

    private readonly record struct BriefLocation(AtomicReaderContext Leaf, SegmentBriefs Briefs, int Row, BriefFacts Facts);
}

/// <summary>The outcome of ranking one source's candidates, best first (the source's brief vector when the index holds one).</summary>
internal sealed record RelatedRanking(BriefFacts Source, int SourceDoc, float[]? SourceVector, List<RelatedCandidate> Candidates, LexicalNeighbours Lexical, bool UsedLearnedRanker);

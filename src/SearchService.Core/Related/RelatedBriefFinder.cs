using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// Related briefs: candidates by vector similarity and MoreLikeThis, scored with the shipped ML.NET model
/// (or the fixed weighting when there is none), each with the reasons a reader would recognise. Lists come from
/// the index generation's <see cref="RelatedLists"/>.
/// </summary>
public sealed class RelatedBriefFinder(BriefIndex index, RelatedModel? model = null)
{
    public const int MaxK = 50;

    private readonly RelatedLists _lists = RelatedLists.For(index, model ?? RelatedModel.None);

    public RelatedModel Model => _lists.Model;

    /// <summary>The index generation's lists this finder reads (their progress, for health reports).</summary>
    public RelatedLists Lists => _lists;

    /// <summary>Up to <paramref name="k"/> briefs related to <paramref name="id"/>, best first; null when no such brief exists.</summary>
    public IReadOnlyList<RelatedBrief>? Find(string id, int k) => _lists.Get(id)?.Related.Take(Math.Clamp(k, 1, MaxK)).ToList();

    /// <summary>
    /// What the service answers: the brief's list when it is ready; while a large backlog of lists is being computed
    /// (a first start, a reindex), its nearest briefs by vector, or MoreLikeThis without vectors, marked
    /// <see cref="RelatedAnswer.Interim"/>. Null when no such brief exists.
    /// </summary>
    public RelatedAnswer? FindForRequest(string id, int k)
    {
        var count = Math.Clamp(k, 1, MaxK);
        if (_lists.GetForRequest(id, out var interim) is { } list) return new RelatedAnswer(list.Related.Take(count).ToList(), Interim: false);
        return interim && Nearest(id, count) is { } nearest ? new RelatedAnswer(nearest, Interim: true) : null;
    }

    /// <summary>Ids and scores of the <paramref name="k"/> most related briefs, without explanations (for evaluation).</summary>
    public IReadOnlyList<(string Id, float Score)> FindIds(string id, int k, RelatedScoring scoring = RelatedScoring.Model)
    {
        if (scoring == RelatedScoring.Model) return _lists.Get(id)?.Related.Take(k).Select(r => (r.Id, r.Score)).ToList() ?? [];
        using var lease = index.AcquireSearcher();
        var searcher = lease.Searcher;
            return _lists.Ranker.Rank(searcher, id, scoring)?.Candidates.Take(k).Select(c => (c.Facts.Id, c.Score)).ToList() ?? [];
        }

    /// <summary>
    /// Computes every brief's list now, so the first request is fast (evaluation; the service fills lists in the
    /// background). Returns how many briefs failed: their lists are computed (and fail, saying why) when asked for.
    /// </summary>
    public int Warm() => _lists.ComputeAll();

    /// <summary>The interim answer: nearest briefs by vector (by MoreLikeThis without one), with the reasons their facts give.</summary>
    private List<RelatedBrief>? Nearest(string id, int k)
    {
        using var lease = index.AcquireSearcher();
        var searcher = lease.Searcher;
        var hits = searcher.Search(IndexQueries.Brief(id), 1);
            if (hits.TotalHits == 0) return null;
            var sourceDoc = hits.ScoreDocs[0].Doc;
            var leaves = searcher.IndexReader.Leaves;
            var best = RelatedCandidates.Nearest(searcher, index.Analyzer, sourceDoc, id, BriefVectors.Brief(leaves, sourceDoc), k);
            var known = _lists.Facts(leaves, [sourceDoc, .. best.Select(c => c.Doc)]);
            var source = known[0];
            var facts = known[1..];
            return best.Select((c, i) =>
            {
                var candidate = new RelatedCandidate(c.Doc, facts[i]);
                candidate.Features[RelatedFeatures.BriefCosine] = c.VectorScore;
                var score = float.IsNaN(c.VectorScore) ? c.LexicalScore : c.VectorScore;
                return new RelatedBrief(facts[i].Id, facts[i].Title, score, RelatedReasons.For(source, candidate, textModel: null, () => []).Reasons);
            }).ToList();
        }
}

/// <summary>A related list for a request; <see cref="Interim"/> while the brief's ranked list is still being computed.</summary>
public sealed record RelatedAnswer(IReadOnlyList<RelatedBrief> Related, bool Interim);

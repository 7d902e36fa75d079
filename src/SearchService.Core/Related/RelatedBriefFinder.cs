using SearchService.Core.Briefs;
using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// Related briefs: candidates by vector similarity and MoreLikeThis, scored with the shipped ML.NET model
/// (or the fixed weighting when there is none), each with the reasons a reader would recognise.
/// </summary>
public sealed class RelatedBriefFinder(BriefIndex index, RelatedModel? model = null)
{
    public const int MaxK = 50;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BriefIndex, System.Collections.Concurrent.ConcurrentDictionary<RelatedModel, RelatedBriefRanker>> Rankers = new();

    /// <summary>One ranker per index and model, so finders made per request share what it remembers.</summary>
    private readonly RelatedBriefRanker _ranker = Rankers.GetValue(index, _ => new())
        .GetOrAdd(model ?? RelatedModel.None, m => new RelatedBriefRanker(index.Analyzer, m, index.Vectors));

    public RelatedModel Model => _ranker.Model;

    /// <summary>Up to <paramref name="k"/> briefs related to <paramref name="id"/>, best first; null when no such brief exists.</summary>
    public IReadOnlyList<RelatedBrief>? Find(string id, int k)
    {
        var searcher = index.Searchers.Acquire();
        try
        {
            var ranking = _ranker.Rank(searcher, id, RelatedScoring.Model);
            if (ranking is null) return null;
            var top = ranking.Candidates.Take(Math.Clamp(k, 1, MaxK)).ToList();
            if (top.Count == 0) return [];

            Func<RelatedCandidate, Func<IEnumerable<string>>> lexicalTerms = _ => () => [];
            if (Model.Text is null)
            {
                var interesting = ranking.Lexical.InterestingTerms(ranking.SourceDoc);
                var sourceBrief = BriefJson.Deserialize(searcher.Doc(ranking.SourceDoc).Get(IndexFields.Json));
                var surfaceForms = index.Analyzer.SurfaceForms(RelatedText.Of(sourceBrief));
                lexicalTerms = c => () => RelatedReasons.LexicalTerms(searcher.IndexReader, c.Doc, interesting, surfaceForms);
            }
            return top
                .Select(c => new RelatedBrief(c.Facts.Id, c.Facts.Title, c.Score, RelatedReasons.For(ranking.Source, c, Model.Text, lexicalTerms(c))))
                .ToList();
        }
        finally
        {
            index.Searchers.Release(searcher);
        }
    }

    /// <summary>Ids and scores of the <paramref name="k"/> most related briefs, without explanations (for evaluation).</summary>
    public IReadOnlyList<(string Id, float Score)> FindIds(string id, int k, RelatedScoring scoring = RelatedScoring.Model)
    {
        var searcher = index.Searchers.Acquire();
        try
        {
            return _ranker.Rank(searcher, id, scoring)?.Candidates.Take(k).Select(c => (c.Facts.Id, c.Score)).ToList() ?? [];
        }
        finally
        {
            index.Searchers.Release(searcher);
        }
    }

    /// <summary>Computes what scoring keeps in memory for every brief now (text profiles), so the first request is fast.</summary>
    public void Warm()
    {
        var searcher = index.Searchers.Acquire();
        try
        {
            _ranker.Warm(searcher);
        }
        finally
        {
            index.Searchers.Release(searcher);
        }
    }
}

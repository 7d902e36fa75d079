using Lucene.Net.Search;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;
using SearchService.Core.Indexing.Vectors;

namespace SearchService.Core.Related;

/// <summary>
/// Candidate generation for related briefs: a brief's nearest briefs by vector and its MoreLikeThis matches, with
/// each one's score from either source. Bounded work per brief (two top-k searches), whatever the corpus size.
/// </summary>
internal static class RelatedCandidates
{
    /// <summary>Candidates taken from each source (vectors, MoreLikeThis).</summary>
    public const int PerSource = 100;

    /// <summary>
    /// Candidates of <paramref name="sourceDoc"/> (never the source itself) by top-level document. Without
    /// <paramref name="withMoreLikeThis"/>, a brief with a vector gets its nearest by vector only (what its neighbourhood
    /// statistics read): the MoreLikeThis search is most of a candidate set's cost.
    /// </summary>
    public static Dictionary<int, (float VectorScore, float LexicalScore)> Find(IndexSearcher searcher, EnglishSearchAnalyzer analyzer, int sourceDoc, string sourceId, float[]? sourceVector, bool withMoreLikeThis = true)
    {
        var candidates = new Dictionary<int, (float VectorScore, float LexicalScore)>();
        if (sourceVector is not null)
        {
            foreach (var (doc, score) in VectorSearch.Nearest(searcher, IndexFields.BriefVector, sourceVector, PerSource + 1))
            {
                if (doc != sourceDoc) candidates[doc] = (score, 0);
            }
        }
        if (!withMoreLikeThis && sourceVector is not null) return candidates;
        foreach (var hit in new LexicalNeighbours(searcher, analyzer).Find(sourceDoc, sourceId, PerSource).ScoreDocs)
        {
            var vectorScore = candidates.TryGetValue(hit.Doc, out var known) ? known.VectorScore : float.NaN;
            candidates[hit.Doc] = (vectorScore, hit.Score);
        }
        return candidates;
    }

    /// <summary>
    /// The <paramref name="k"/> nearest briefs of <paramref name="sourceDoc"/> by one source only: by vector when the
    /// brief has one, else by MoreLikeThis; best first. What an interim answer needs, at a fraction of <see cref="Find"/>'s cost.
    /// </summary>
    public static List<(int Doc, float VectorScore, float LexicalScore)> Nearest(IndexSearcher searcher, EnglishSearchAnalyzer analyzer, int sourceDoc, string sourceId, float[]? sourceVector, int k)
    {
        if (sourceVector is not null)
        {
            return VectorSearch.Nearest(searcher, IndexFields.BriefVector, sourceVector, k + 1)
                .Where(hit => hit.Doc != sourceDoc)
                .OrderByDescending(hit => hit.Score)
                .Take(k)
                .Select(hit => (hit.Doc, hit.Score, 0f))
                .ToList();
        }
        return new LexicalNeighbours(searcher, analyzer).Find(sourceDoc, sourceId, k).ScoreDocs
            .Select(hit => (hit.Doc, float.NaN, hit.Score))
            .ToList();
    }
}

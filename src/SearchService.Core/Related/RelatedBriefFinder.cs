using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;

namespace SearchService.Core.Related;

/// <summary>
/// Related briefs by Lucene MoreLikeThis over each brief's whole text: the brief's most distinctive
/// terms become a query against the other briefs. Explains each result by the distinctive terms it
/// shares, and shared tags and authors.
/// </summary>
public sealed class RelatedBriefFinder(BriefIndex index)
{
    public const int MaxK = 50;
    private const int TermsInReason = 6;

    /// <summary>Up to <paramref name="k"/> briefs related to <paramref name="id"/>; null when no such brief exists.</summary>
    public IReadOnlyList<RelatedBrief>? Find(string id, int k)
    {
        var searcher = index.Searchers.Acquire();
        try
        {
            var sourceHits = searcher.Search(BriefIndex.BriefQuery(id), 1);
            if (sourceHits.TotalHits == 0) return null;
            var sourceDoc = sourceHits.ScoreDocs[0].Doc;
            var source = BriefJson.Deserialize(searcher.Doc(sourceDoc).Get(IndexFields.Json));

            var moreLikeThis = CreateMoreLikeThis(searcher);
            var interesting = moreLikeThis.RetrieveInterestingTerms(sourceDoc);
            var top = searcher.Search(RelatedQuery(moreLikeThis, sourceDoc, id), Math.Clamp(k, 1, MaxK));
            if (top.ScoreDocs.Length == 0) return [];

            var surfaceForms = index.Analyzer.SurfaceForms(SourceText(source));
            return top.ScoreDocs
                .Select(hit =>
                {
                    var candidate = BriefJson.Deserialize(searcher.Doc(hit.Doc).Get(IndexFields.Json));
                    var shared = SharedTerms(searcher.IndexReader, hit.Doc, interesting)
                        .Select(stem => surfaceForms.GetValueOrDefault(stem, stem))
                        .Take(TermsInReason);
                    return new RelatedBrief(candidate.Id, candidate.Title, hit.Score, Reasons(source, candidate, shared));
                })
                .DistinctBy(r => r.Id)
                .ToList();
        }
        finally
        {
            index.Searchers.Release(searcher);
        }
    }

    /// <summary>Ids and scores of the <paramref name="k"/> most related briefs, without explanations (for evaluation).</summary>
    public IReadOnlyList<(string Id, float Score)> FindIds(string id, int k)
    {
        var searcher = index.Searchers.Acquire();
        try
        {
            var sourceHits = searcher.Search(BriefIndex.BriefQuery(id), 1);
            if (sourceHits.TotalHits == 0) return [];
            var sourceDoc = sourceHits.ScoreDocs[0].Doc;
            var ids = new BriefIdLookup(searcher);
            return searcher.Search(RelatedQuery(CreateMoreLikeThis(searcher), sourceDoc, id), k).ScoreDocs
                .Select(d => (ids.Get(d.Doc), d.Score))
                .ToList();
        }
        finally
        {
            index.Searchers.Release(searcher);
        }
    }

    private MoreLikeThis CreateMoreLikeThis(IndexSearcher searcher) => new(searcher.IndexReader)
    {
        FieldNames = [IndexFields.All],
        Analyzer = index.Analyzer,
        MinTermFreq = 2,
        MinDocFreq = 1,
        MaxQueryTerms = 40,
        MinWordLen = 3,
        // Words most briefs use ("policy", "public") say nothing about what two briefs share.
        MaxDocFreq = Math.Max(2, searcher.IndexReader.DocFreq(new Term(IndexFields.DocType, IndexFields.BriefDoc)) / 2),
    };

    private static BooleanQuery RelatedQuery(MoreLikeThis moreLikeThis, int sourceDoc, string id) => new()
    {
        { moreLikeThis.Like(sourceDoc), Occur.MUST },
        { new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc)), Occur.MUST },
        { new TermQuery(new Term(IndexFields.BriefId, id)), Occur.MUST_NOT },
    };

    private static string SourceText(Brief brief) =>
        string.Join("\n", [brief.Title, brief.Summary ?? "", .. brief.Findings.Select(f => f.Text), .. brief.Recommendations.Select(r => r.Text), brief.Body]);

    /// <summary>The source's distinctive terms that the candidate's text also contains, most distinctive first.</summary>
    private static IEnumerable<string> SharedTerms(IndexReader reader, int doc, string[] interesting)
    {
        var vector = reader.GetTermVector(doc, IndexFields.All);
        if (vector is null) yield break;
        var terms = vector.GetEnumerator();
        foreach (var term in interesting)
        {
            if (terms.SeekExact(new BytesRef(term))) yield return term;
        }
    }

    internal static List<string> Reasons(Brief source, Brief candidate, IEnumerable<string> sharedTerms)
    {
        var reasons = new List<string>();
        var terms = sharedTerms.ToList();
        if (terms.Count > 0) reasons.Add("shared terms: " + string.Join(", ", terms));
        var tags = source.Tags.Intersect(candidate.Tags, StringComparer.OrdinalIgnoreCase).ToList();
        if (tags.Count > 0) reasons.Add("shared tags: " + string.Join(", ", tags));
        var authors = source.Authors.Select(a => a.Name).Intersect(candidate.Authors.Select(a => a.Name), StringComparer.OrdinalIgnoreCase).ToList();
        if (authors.Count > 0) reasons.Add("same authors: " + string.Join(", ", authors));
        if (source.Publisher is { } publisher && string.Equals(publisher, candidate.Publisher, StringComparison.OrdinalIgnoreCase))
            reasons.Add("same publisher: " + publisher);
        return reasons;
    }
}

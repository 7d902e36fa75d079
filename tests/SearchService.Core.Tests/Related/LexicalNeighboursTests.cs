using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Tests.Indexing;

namespace SearchService.Core.Tests.Related;

[Collection(SampleIndexCollection.Name)]
public sealed class LexicalNeighboursTests(SampleIndex sample)
{
    [Fact]
    public void MoreLikeThis_matches_and_scores_as_the_query_the_related_model_was_trained_on()
    {
        using var lease = sample.Index.AcquireSearcher();
        var searcher = lease.Searcher;
        var neighbours = new LexicalNeighbours(searcher, sample.Index.Analyzer);
        var briefs = searcher.Search(new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc)), 100).ScoreDocs;
        Assert.Equal(5, briefs.Length);

        foreach (var brief in briefs)
        {
            var id = BriefProfiles.Brief(searcher.IndexReader.Leaves, brief.Doc).Id;
            // The training-time query: the distinctive terms required, briefs only, the source excluded.
            var trained = searcher.Search(new BooleanQuery
            {
                { LikeQuery(searcher, brief.Doc), Occur.MUST },
                { new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc)), Occur.MUST },
                { new TermQuery(new Term(IndexFields.BriefId, id)), Occur.MUST_NOT },
            }, 10).ScoreDocs;

            var found = neighbours.Find(brief.Doc, id, 10).ScoreDocs;

            Assert.NotEmpty(found);
            Assert.Equal(trained.Select(h => h.Doc), found.Select(h => h.Doc));
            Assert.Equal(trained.Select(h => h.Score), found.Select(h => h.Score), (a, b) => Math.Abs(a - b) <= 1e-4f * Math.Abs(a));
            Assert.DoesNotContain(brief.Doc, found.Select(h => h.Doc));
        }
    }

    private Query LikeQuery(IndexSearcher searcher, int doc)
    {
        var text = RelatedText.Of(BriefProfiles.Brief(searcher.IndexReader.Leaves, doc));
        var moreLikeThis = new Lucene.Net.Queries.Mlt.MoreLikeThis(searcher.IndexReader)
        {
            FieldNames = [IndexFields.All], Analyzer = sample.Index.Analyzer, MinTermFreq = 1, MinDocFreq = 1, MaxQueryTerms = 100, ApplyBoost = true, MinWordLen = 3,
            MaxDocFreq = Math.Max(2, searcher.IndexReader.DocFreq(new Term(IndexFields.DocType, IndexFields.BriefDoc)) / 2),
            MaxNumTokensParsed = LexicalNeighbours.MaxWordsRead,
        };
        return moreLikeThis.Like(new StringReader(text), IndexFields.All);
    }
}

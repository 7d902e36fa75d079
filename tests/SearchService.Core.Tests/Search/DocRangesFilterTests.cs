using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SearchService.Core.Search;

namespace SearchService.Core.Tests.Search;

/// <summary>
/// The filter that restricts a page's snippet search to its briefs' passages: exactly the documents of its ranges,
/// across segments, without deleted ones, whichever way a search walks it.
/// </summary>
public sealed class DocRangesFilterTests
{
    [Fact]
    public void A_search_sees_exactly_the_live_documents_of_the_ranges_in_every_segment()
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())))
        {
            for (var n = 0; n < 30; n++)
            {
                writer.AddDocument(new Document { new StringField("n", n.ToString(System.Globalization.CultureInfo.InvariantCulture), Field.Store.YES), new TextField("text", n % 2 == 0 ? "even" : "odd", Field.Store.NO) });
                if (n == 14) writer.Commit(); // two segments: documents 0-14 and 15-29
            }
            writer.DeleteDocuments(new Term("n", "5"));
            writer.Commit();
        }
        using var reader = DirectoryReader.Open(directory);
        Assert.Equal(2, reader.Leaves.Count);
        var searcher = new IndexSearcher(reader);
        // Out of order, one range across the segment boundary, one empty, one past the end.
        var filter = new DocRangesFilter([(25, 27), (3, 7), (12, 18), (20, 20), (29, 40)]);

        var all = Found(searcher, new FilteredQuery(new MatchAllDocsQuery(), filter));
        Assert.Equal([3, 4, 6, 12, 13, 14, 15, 16, 17, 25, 26, 29], all);

        // A query sparser than the filter (the search leaps through the query's postings to the ranges).
        var even = Found(searcher, new FilteredQuery(new TermQuery(new Term("text", "even")), filter));
        Assert.Equal([4, 6, 12, 14, 16, 26], even);
    }

    private static int[] Found(IndexSearcher searcher, Query query) =>
        searcher.Search(query, 100).ScoreDocs.Select(hit => int.Parse(searcher.Doc(hit.Doc).Get("n"), System.Globalization.CultureInfo.InvariantCulture)).Order().ToArray();
}

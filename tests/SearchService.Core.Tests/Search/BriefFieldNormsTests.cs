using Lucene.Net.Search;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using SearchService.Core.Queries;
using SearchService.Core.Search;

namespace SearchService.Core.Tests.Search;

/// <summary>
/// Searchers score with BM25 reading the brief fields' norms from a table held per brief (<see cref="BriefFieldNorms"/>,
/// <see cref="BriefBm25Similarity"/>). These tests search real CRS reports, over several segments with replaced briefs,
/// both ways — with that similarity and with Lucene's own BM25 over Lucene's norms — and require the same documents
/// with bit-for-bit equal scores.
/// </summary>
public sealed class BriefFieldNormsTests : IDisposable
{
    private readonly CrsReportsIndex _reports = new();

    public BriefFieldNormsTests()
    {
        // Replaced briefs leave deleted documents behind, and their new versions a second segment.
        foreach (var file in Directory.GetFiles(Fixtures.BriefsFolder, "*.md").Order(StringComparer.Ordinal).Take(5))
            _reports.Index.Upsert(BriefExtractor.Extract(file));
        _reports.Index.Commit();
    }

    public void Dispose() => _reports.Dispose();

    [Fact]
    public void Scores_equal_Lucenes_BM25_over_its_own_norms_for_brief_and_passage_fields()
    {
        var builder = new LuceneQueryBuilder(_reports.Index.Analyzer);
        using var lease = _reports.Index.AcquireSearcher();
        Assert.True(lease.Searcher.IndexReader.Leaves.Count > 1, "the index was meant to have several segments");
        Assert.IsType<BriefBm25Similarity>(lease.Searcher.Similarity);
        var lucene = new IndexSearcher(lease.Searcher.IndexReader) { Similarity = BriefIndex.Similarity };
        var compared = 0;
        foreach (var text in Queries())
        {
            foreach (var fields in new[] { FieldWeights.Briefs, FieldWeights.Passages })
            {
                if (builder.Build(UserQuery.Parse(text), fields, requireAll: false) is not { } query) continue;
                var expected = Scores(lucene, query);
                var actual = Scores(lease.Searcher, query);
                Assert.True(expected.Keys.Order().SequenceEqual(actual.Keys.Order()), $"\"{text}\" matched other documents");
                foreach (var (doc, score) in expected)
                    Assert.True(actual[doc] == score, $"\"{text}\" in {fields.DocType} fields: document {doc} scored {actual[doc]} instead of {score}");
                compared += expected.Count;
            }
        }
        Assert.True(compared > 5_000, $"only {compared} matches compared");
    }

    [Fact]
    public void Every_field_keyword_search_scores_has_its_norms_held_per_brief()
    {
        // A field missing from the list still scores right (Lucene's norms), only slower: keep the two lists together.
        Assert.Empty(FieldWeights.Briefs.Weights.Keys.Except(IndexFields.BriefTextFields));
    }

    [Fact]
    public void An_explanation_gives_the_score()
    {
        using var lease = _reports.Index.AcquireSearcher();
        var query = new LuceneQueryBuilder(_reports.Index.Analyzer).Build(UserQuery.Parse("federal budget appropriations"), FieldWeights.Briefs, requireAll: false)!;
        var hits = lease.Searcher.Search(query, 20).ScoreDocs;
        Assert.NotEmpty(hits);
        foreach (var hit in hits)
            Assert.Equal(hit.Score, lease.Searcher.Explain(query, hit.Doc).Value, 4);
    }

    /// <summary>Words and pairs of the indexed titles, tags and authors, and words many briefs and passages share.</summary>
    private IEnumerable<string> Queries()
    {
        foreach (var name in _reports.TagsAndAuthors.Distinct().Take(30)) yield return name;
        foreach (var title in _reports.Titles)
        {
            var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(w => w.All(char.IsLetterOrDigit)).ToList();
            foreach (var word in words.Take(2)) yield return word;
            if (words.Count >= 2) yield return $"\"{words[0]} {words[1]}\"";
        }
        yield return "congress appropriations oversight federal program";
    }

    private static Dictionary<int, float> Scores(IndexSearcher searcher, Query query) =>
        searcher.Search(query, 100_000).ScoreDocs.ToDictionary(hit => hit.Doc, hit => hit.Score);
}

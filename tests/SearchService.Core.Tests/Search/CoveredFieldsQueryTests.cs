using Lucene.Net.Search;
using SearchService.Core.Indexing;
using SearchService.Core.Queries;
using SearchService.Core.Search;

namespace SearchService.Core.Tests.Search;

/// <summary>
/// A keyword query matches briefs through the whole-text, tags and authors fields and reads the title, summary, findings
/// and recommendations only to score what matched (<see cref="CoveredDisjunctionMaxQuery"/>). That is right only while
/// the whole text holds those four fields' words: these tests search real CRS reports both ways, with every field
/// walked and with the covered ones only scored, and require the same briefs with the same scores.
/// </summary>
public sealed class CoveredFieldsQueryTests : IDisposable
{
    private readonly CrsReportsIndex _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public void Matching_through_the_covering_fields_finds_the_same_briefs_with_the_same_scores()
    {
        var builder = new LuceneQueryBuilder(_reports.Index.Analyzer);
        var everyField = FieldWeights.Briefs with { Covered = new HashSet<string>() };
        var compared = 0;
        using var lease = _reports.Index.AcquireSearcher();
        foreach (var text in Queries())
        {
            foreach (var requireAll in new[] { true, false })
            {
                var query = UserQuery.Parse(text);
                var covered = builder.Build(query, FieldWeights.Briefs, requireAll);
                var plain = builder.Build(query, everyField, requireAll);
                if (covered is null || plain is null) continue;
                var expected = Scores(lease.Searcher, plain);
                var actual = Scores(lease.Searcher, covered);
                Assert.True(expected.Keys.Order().SequenceEqual(actual.Keys.Order()), $"\"{text}\" (every word required: {requireAll}) matched other briefs");
                foreach (var (doc, score) in expected)
                    Assert.True(Math.Abs(actual[doc] - score) <= 1e-5f * score, $"\"{text}\": document {doc} scored {actual[doc]} instead of {score}");
                compared += expected.Count;
            }
        }
        Assert.True(compared > 1_000 && _reports.TagsAndAuthors.Count > 20, $"only {compared} matches of {_reports.TagsAndAuthors.Count} tags and authors compared");
    }

    [Fact]
    public void The_query_is_covered_only_where_a_field_is_held_by_another()
    {
        var builder = new LuceneQueryBuilder(_reports.Index.Analyzer);
        Assert.IsType<CoveredDisjunctionMaxQuery>(Unwrap(builder.Build(UserQuery.Parse("tariffs"), FieldWeights.Briefs, requireAll: true)!));
        Assert.IsType<TermQuery>(Unwrap(builder.Build(UserQuery.Parse("tariffs"), FieldWeights.Passages, requireAll: true)!));
    }

    /// <summary>Words, pairs and phrases of the indexed titles, tags and authors (words the whole text may lack), and words no brief has.</summary>
    private IEnumerable<string> Queries()
    {
        foreach (var name in _reports.TagsAndAuthors.Distinct())
        {
            yield return name;
            yield return name.Split(' ')[^1];
        }
        foreach (var title in _reports.Titles)
        {
            var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(w => w.All(char.IsLetterOrDigit)).ToList();
            foreach (var word in words.Take(3)) yield return word;
            for (var i = 0; i + 1 < words.Count && i < 4; i++) yield return $"{words[i]} {words[i + 1]}";
            if (words.Count >= 2) yield return $"\"{words[0]} {words[1]}\"";
            if (words.Count >= 3) yield return string.Join(' ', words.Take(3)) + " -policy";
        }
        yield return "congress appropriations oversight";
        yield return "zzzunknownword";
    }

    private static Dictionary<int, float> Scores(IndexSearcher searcher, Query query) =>
        searcher.Search(query, 10_000).ScoreDocs.ToDictionary(hit => hit.Doc, hit => hit.Score);

    private static Query Unwrap(Query query) => query is BooleanQuery { Clauses.Count: 1 } single ? single.Clauses[0].Query : query;
}

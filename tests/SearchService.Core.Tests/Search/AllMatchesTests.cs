using Lucene.Net.Search;
using SearchService.Core.Indexing;
using SearchService.Core.Queries;
using SearchService.Core.Search;

namespace SearchService.Core.Tests.Search;

/// <summary>
/// A broad query's segment is scored in parts on several threads when cores are idle (<see cref="AllMatches"/>): the
/// matches must be the same briefs with the same scores, in document order, as when it is scored whole. Real CRS
/// reports, every segment split.
/// </summary>
public sealed class AllMatchesTests : IDisposable
{
    private readonly CrsReportsIndex _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public void A_segment_scored_in_parts_gives_the_matches_it_gives_whole()
    {
        var whole = new AllMatches(_reports.Index, cores: 1);
        // As many parts as there are briefs: nearly every brief starts a part.
        var halves = new AllMatches(_reports.Index, cores: 60, splitFrom: 1);
        var builder = new LuceneQueryBuilder(_reports.Index.Analyzer);
        using var lease = _reports.Index.AcquireSearcher();
        var searcher = lease.Searcher;
        var compared = 0;
        foreach (var text in _reports.Titles.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3)).Append("congress appropriations oversight").Distinct())
        {
            foreach (var requireAll in new[] { true, false })
            {
                if (builder.Build(UserQuery.Parse(text), FieldWeights.Briefs, requireAll) is not { } query) continue;
                var expected = whole.Collect(searcher, query);
                var actual = halves.Collect(searcher, query);
                Assert.Equal(expected, actual);
                Assert.True(actual.Zip(actual.Skip(1)).All(pair => pair.First.Doc < pair.Second.Doc), $"\"{text}\": matches out of document order");
                Assert.Equal(searcher.Search(query, 10_000).ScoreDocs.Select(hit => hit.Doc).Order(), actual.Select(match => match.Doc));
                compared += actual.Count;
            }
        }
        Assert.Equal(0, whole.Splits);
        Assert.True(halves.Splits > 100, $"only {halves.Splits} segments split");
        Assert.True(compared > 1_000, $"only {compared} matches compared");
    }
}

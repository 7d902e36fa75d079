using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Tests.Search;

namespace SearchService.Core.Tests.Related;

/// <summary>
/// The facts pair features compare are read from doc values, not from the stored brief: they must be the facts the
/// stored brief gives, on real reports and on a brief whose front matter is untidy.
/// </summary>
public sealed class BriefFactsTests
{
    [Fact]
    public void Facts_read_from_doc_values_are_the_facts_of_the_stored_brief()
    {
        using var crs = new CrsReportsIndex();
        crs.Index.Upsert(new Brief
        {
            Id = "untidy",
            Title = "Water Infrastructure: Lead Pipes",
            Tags = [" water ", "Water", "", "lead pipes"],
            Authors = [new Author(" A. Analyst ", null), new Author("a. analyst", null), new Author("B. Writer", null)],
            Publisher = "  ",
            Date = new DateOnly(2024, 12, 31),
            Body = "Lead service lines remain in many cities.",
        });
        crs.Index.Upsert(new Brief { Id = "bare", Title = "No metadata", Body = "Only text." });
        crs.Index.Commit();

        using var lease = crs.Index.AcquireSearcher();
        var leaves = lease.Searcher.IndexReader.Leaves;
        var briefDocs = new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc));
        var docs = lease.Searcher.Search(briefDocs, lease.Searcher.IndexReader.MaxDoc).ScoreDocs.Select(hit => hit.Doc).Order().ToList();
        var facts = new BriefProfiles(textModel: null, store: null).Facts(leaves, docs);

        Assert.Contains(facts, f => f.Authors.Length > 0 && f.Publisher is not null && f.Tags.Length > 0);
        for (var i = 0; i < docs.Count; i++)
        {
            var stored = lease.Searcher.Doc(docs[i]);
            var expected = BriefFacts.Of(BriefProfiles.Brief(leaves, docs[i]), stored.Get(IndexFields.ContentHash), null);
            var actual = facts[i];
            Assert.Equal(expected.Id, actual.Id);
            Assert.Equal(expected.ContentHash, actual.ContentHash);
            Assert.Equal(expected.Title, actual.Title);
            Assert.Equal(expected.Tags, actual.Tags);
            Assert.Equal(expected.Authors.Order(StringComparer.OrdinalIgnoreCase).Select(a => a.ToLowerInvariant()), actual.Authors.Order(StringComparer.OrdinalIgnoreCase).Select(a => a.ToLowerInvariant()));
            Assert.Equal(expected.Publisher, actual.Publisher);
            Assert.Equal(expected.Year, actual.Year);
        }
        var untidy = facts.Single(f => f.Id == "untidy");
        Assert.Equal(["water", "lead pipes"], untidy.Tags);
        Assert.Equal(2, untidy.Authors.Length);
        Assert.Null(untidy.Publisher);
    }
}

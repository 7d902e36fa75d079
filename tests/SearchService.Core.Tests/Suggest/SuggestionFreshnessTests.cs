using Lucene.Net.Index;
using Lucene.Net.Store;
using SearchService.Core.Briefs;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using SearchService.Core.Search;
using SearchService.Core.Suggest;
using SearchService.Core.Indexing.Vectors;
using SearchService.Core.Indexing.Suggestions;
using SearchService.Core.Passages;

namespace SearchService.Core.Tests.Suggest;

/// <summary>Suggestions live with their brief: replaced, deleted and upgraded together with it.</summary>
public sealed class SuggestionFreshnessTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private string IndexPath => Path.Combine(_folder.Path, "index");

    [Fact]
    public void Suggestions_follow_upserts_and_deletes_of_their_brief()
    {
        using var index = BriefIndex.Open(IndexPath);
        var suggester = new BriefSuggester(index);
        var seed = BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed));

        index.Upsert(seed);
        index.Commit();
        Assert.Contains(new Suggestion("AI sovereignty", SuggestionKinds.Phrase), suggester.Suggest("ai sov"));

        index.Upsert(seed with { Title = "Sovereign Compute for Britain", Tags = ["Compute"] });
        index.Commit();
        Assert.Contains(new Suggestion("Sovereign Compute for Britain", SuggestionKinds.Title), suggester.Suggest("sovereign comp"));
        Assert.DoesNotContain(suggester.Suggest("navigating"), s => s.Kind == SuggestionKinds.Title);
        Assert.Equal(new Suggestion("Compute", SuggestionKinds.Tag), Assert.Single(suggester.Suggest("comp"), s => s.Kind == SuggestionKinds.Tag));

        Assert.True(index.Delete(seed.Id));
        index.Commit();
        Assert.Empty(suggester.Suggest("ai sov"));
        Assert.Empty(suggester.Suggest("sovereign comp"));
    }

    [Fact]
    public void An_index_written_before_facets_and_suggestions_is_upgraded_when_opened()
    {
        using (var index = BriefIndex.Open(IndexPath))
        {
            BriefIngestor.Ingest(index, [Fixtures.Brief(Fixtures.Seed), Fixtures.Brief(Fixtures.GaoQuantum)]);
        }
        ForgetLayout();

        using var upgraded = BriefIndex.Open(IndexPath);
        Assert.Equal(2, upgraded.Count);
        Assert.Equal("AI sovereignty", new BriefSuggester(upgraded).Suggest("ai sove")[0].Text);
        var facets = new BriefSearcher(upgraded).Search(new SearchRequest("")).Facets;
        Assert.Equal(2, facets.Type.Sum(v => v.Count));
    }

    [Fact]
    public void Upgrading_an_index_keeps_the_passage_vectors_it_holds()
    {
        var seed = BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed));
        var passages = PassageBuilder.Build(seed);
        // One-hot vectors: passage i points along axis i, so each is found only by its own direction.
        var vectors = passages.Select((_, i) => Enumerable.Range(0, passages.Count).Select(d => d == i ? 1f : 0f).ToArray()).ToList();
        using (var index = BriefIndex.Open(IndexPath))
        {
            index.Upsert(seed, passages, vectors);
            index.Commit();
        }
        ForgetLayout();

        using var upgraded = BriefIndex.Open(IndexPath);
        Assert.NotEmpty(new BriefSuggester(upgraded).Suggest("ai sove"));
        using var lease = upgraded.AcquireSearcher();
        var searcher = lease.Searcher;
        var third = VectorSearch.Nearest(searcher, IndexFields.Vector, vectors[2], 1).Single();
        Assert.Equal(1f, third.Score);
        Assert.Equal(passages[2].Id, searcher.Doc(third.Doc).Get(IndexFields.PassageId));
    }

    /// <summary>Makes the index look like the first layout: no suggestion documents, no layout version.</summary>
    private void ForgetLayout()
    {
        using var directory = FSDirectory.Open(IndexPath);
        using var writer = new IndexWriter(directory, new IndexWriterConfig(EnglishSearchAnalyzer.Version, new EnglishSearchAnalyzer()));
        writer.DeleteDocuments(new Term(IndexFields.DocType, IndexFields.SuggestionDoc));
        writer.SetCommitData(new Dictionary<string, string>());
        writer.Commit();
    }

    public void Dispose() => _folder.Dispose();
}

using SearchService.Core.Briefs;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;
using SearchService.Core.Search;
using SearchService.Embeddings;
using SearchService.Core.Passages;

namespace SearchService.Core.Tests.Semantic;

[Collection(SemanticSampleIndexCollection.Name)]
public sealed class SemanticSearchTests(SemanticSampleIndex sample)
{
    private const string NoSharedWords = "national control over artificial intelligence capabilities";

    [Fact]
    public void A_query_sharing_no_words_with_the_seed_brief_finds_it_by_meaning()
    {
        var hits = new SemanticSearcher(sample.Index, sample.Encoder).Search(NoSharedWords, 3);

        Assert.Equal("navigating-ai-sovereignty", hits[0].BriefId);
    }

    [Fact]
    public void Passages_roll_up_to_one_hit_per_brief_with_its_best_passages()
    {
        var hits = new SemanticSearcher(sample.Index, sample.Encoder).Search("quantum computing workforce", 5);

        Assert.Equal(hits.Count, hits.Select(h => h.BriefId).Distinct().Count());
        Assert.Equal("gao-26-107759", hits[0].BriefId);
        Assert.All(hits, h =>
        {
            Assert.InRange(h.Passages.Count, 1, 3);
            Assert.Equal(h.Score, h.Passages[0].Score);
            Assert.Equal(h.Passages.Select(p => p.Score).OrderDescending(), h.Passages.Select(p => p.Score));
            // Hits outlive the searcher they came from, so they name passages by id, and only passages of their brief.
            var ofBrief = PassageBuilder.Build(sample.Index.Get(h.BriefId)!).Select(p => p.Id).ToHashSet();
            Assert.All(h.Passages, p => Assert.Contains(p.PassageId, ofBrief));
        });
        Assert.Equal(hits.Select(h => h.Score).OrderDescending(), hits.Select(h => h.Score));
    }

    [Fact]
    public void Vectors_follow_updates_and_deletes_and_survive_a_restart()
    {
        using var folder = new TempFolder();
        var indexPath = Path.Combine(folder.Path, "index");
        var path = folder.File("rivers.md", "---\ntitle: Rivers\n---\n## Key Findings\n\n- Floods along the lower river destroy harvests every spring.\n");
        var counting = new CountingEncoder(sample.Encoder);
        using (var index = BriefIndex.Open(indexPath))
        {
            var embedder = new PassageEmbedder(counting, cache: null);
            BriefIngestor.Ingest(index, [path], embedder: embedder);
            var searcher = new SemanticSearcher(index, sample.Encoder);
            Assert.Equal("rivers", searcher.Search("flooding destroys crops", 1)[0].BriefId);

            // Replace the text: the old passage's vector must go with it.
            File.WriteAllText(path, "---\ntitle: Rivers\n---\n## Key Findings\n\n- Drought dries out reservoirs in late summer.\n");
            BriefIngestor.Ingest(index, [path], embedder: embedder);
            var after = searcher.Search("reservoirs running dry", 5);
            Assert.Equal("rivers", Assert.Single(after).BriefId);
            Assert.Equal(2, after[0].Passages.Count); // the new finding and its section's chunk; none of the old

            index.Delete("rivers");
            index.Commit();
            Assert.Empty(searcher.Search("reservoirs running dry", 5));

            BriefIngestor.Ingest(index, [path], embedder: embedder);
        }

        var encodedBeforeRestart = counting.Passages;
        using var reopened = BriefIndex.Open(indexPath);
        var hits = new SemanticSearcher(reopened, counting).Search("reservoirs running dry", 1);
        Assert.Equal("rivers", hits[0].BriefId);
        Assert.Equal(encodedBeforeRestart, counting.Passages); // vectors came from the index, not the encoder
    }

    [Fact]
    public void Each_hit_points_to_its_own_brief_document_through_updates_deletes_and_merges()
    {
        using var folder = new TempFolder();
        using var index = BriefIndex.Open(Path.Combine(folder.Path, "index"));
        var embedder = new PassageEmbedder(sample.Encoder, cache: null);
        string Write(string name, string finding) =>
            folder.File($"{name}.md", $"---\ntitle: {name}\n---\n## Key Findings\n\n- {finding}\n\n## Background\n\n{finding} More on {name}.\n");
        // One commit per brief: one segment each, so the lookup crosses segments.
        foreach (var (name, finding) in new[] { ("rivers", "Floods along the lower river destroy harvests."), ("ports", "Ships wait days to unload at crowded ports."), ("farms", "Drought cuts wheat yields on small farms.") })
        {
            BriefIngestor.Ingest(index, [Write(name, finding)], embedder: embedder);
            index.Commit();
        }
        BriefIngestor.Ingest(index, [Write("rivers", "Rivers flood the harvest fields in spring.")], embedder: embedder); // a new block in a new segment
        index.Delete("ports");
        index.Commit();

        void AssertHitsPointToTheirBriefs()
        {
            // Documents are read in the searcher the matches came from: they mean nothing in another one.
            using var lease = index.AcquireSearcher();
            var searcher = lease.Searcher;
            var matches = SemanticSearcher.Search(searcher, SegmentBriefDocs.Of(index), sample.Encoder.EncodeQuery("water and crops"), 10);
            Assert.Equal(["farms", "rivers"], matches.Select(m => m.BriefId).Order());
            Assert.All(matches, m => Assert.Equal(m.BriefId, searcher.Doc(m.BriefDoc).Get(IndexFields.BriefId)));
            Assert.All(matches, m => Assert.NotNull(searcher.Doc(m.BriefDoc).Get(IndexFields.Json))); // the brief itself, not a passage
            Assert.All(matches, m => Assert.All(m.Passages, p => Assert.Equal(m.BriefId, searcher.Doc(p.Doc).Get(IndexFields.BriefId))));
        }

        AssertHitsPointToTheirBriefs();
        index.Compact();
        AssertHitsPointToTheirBriefs();
    }

    [Fact]
    public void The_cache_spares_encoding_unchanged_text_and_survives_reopening()
    {
        using var folder = new TempFolder();
        var brief = BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed));
        var passages = PassageBuilder.Build(brief).Select(p => (brief, p)).ToList();
        var counting = new CountingEncoder(sample.Encoder);

        float[][] first;
        using (var cache = new EmbeddingCache(folder.Path, counting.ModelName, counting.Dimensions))
        {
            first = new PassageEmbedder(counting, cache).Embed(passages);
            Assert.Equal(passages.Count, counting.Passages);
            Assert.Equal(passages.Select(p => PassageEmbedder.TextToEncode(p.brief, p.p)).Distinct().Count(), cache.Count);
        }

        // A crash mid-append leaves a torn record: it is dropped, the rest is kept.
        var file = Directory.GetFiles(folder.Path).Single();
        File.AppendAllText(file, "torn");
        using var reopened = new EmbeddingCache(folder.Path, counting.ModelName, counting.Dimensions);
        var second = new PassageEmbedder(counting, reopened).Embed(passages);
        Assert.Equal(passages.Count, counting.Passages);
        Assert.Equal(first.Select(v => v[0]), second.Select(v => v[0]));
    }

    [Fact]
    public void Brief_vector_is_the_normalised_mean()
    {
        var vector = PassageEmbedder.BriefVector([[1f, 0f], [0f, 1f]]);
        Assert.Equal(MathF.Sqrt(0.5f), vector[0], 5);
        Assert.Equal(MathF.Sqrt(0.5f), vector[1], 5);
    }

    /// <summary>The real encoder, counting the passages it is asked to encode.</summary>
    private sealed class CountingEncoder(ITextEncoder inner) : ITextEncoder
    {
        public int Passages;
        public int Dimensions => inner.Dimensions;
        public string ModelName => inner.ModelName;
        public int MaxTokens => inner.MaxTokens;
        public SimilarityScale Similarity => inner.Similarity;
        public float[] EncodeQuery(string query, CancellationToken cancellationToken = default) => inner.EncodeQuery(query, cancellationToken);

        public float[] EncodePassage(string passage, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Passages);
            return inner.EncodePassage(passage, cancellationToken);
        }

        public float[][] EncodePassages(IReadOnlyList<string> passages, Action<int, int>? progress = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref Passages, passages.Count);
            return inner.EncodePassages(passages, progress, cancellationToken);
        }

        public void Dispose() { /* the shared encoder belongs to the fixture */ }
    }
}

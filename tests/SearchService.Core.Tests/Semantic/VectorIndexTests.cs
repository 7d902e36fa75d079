using System.Numerics.Tensors;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Briefs;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;
using SearchService.Embeddings;
using SearchService.Core.Indexing.Vectors;
using SearchService.Core.Passages;
using SearchService.Core.Search;

namespace SearchService.Core.Tests.Semantic;

/// <summary>
/// The HNSW path of vector search, forced onto the fixture briefs (real MiniLM vectors) by a threshold of zero rows,
/// against the exact scan of the same briefs.
/// </summary>
public sealed class VectorIndexTests : IDisposable
{
    /// <summary>
    /// Every segment indexed, every filter searched inside the graph, and 40 candidates re-scored for 10 results (the
    /// service takes 400 for 100): on a few hundred passages the defaults would read nearly all of them and test nothing.
    /// </summary>
    private static readonly VectorIndexOptions Approximate = new() { ExactScanMaxRows = 0, ExactScanMaxAcceptedShare = 0, MinimumCandidates = 40, BuildThreads = 2 };
    private static readonly VectorIndexOptions Exact = new() { ExactScanMaxRows = int.MaxValue };

    private static readonly string[] Queries =
    [
        "national control over artificial intelligence capabilities",
        "quantum computing workforce",
        "biometric identification and border security",
        "farm conservation programs funding",
        "federal agencies should improve oversight",
        "cybersecurity of election infrastructure",
        "space launch and satellites",
        "export controls on semiconductors",
        "recommendations to the secretary of defense",
        "privacy risks of facial recognition",
    ];

    private readonly TempFolder _folder = new();
    private readonly ITextEncoder _encoder = TextEncoders.Create(TextEncoders.MiniLm);
    private readonly EmbeddingCache _cache;
    private readonly PassageEmbedder _embedder;

    public VectorIndexTests()
    {
        _cache = new EmbeddingCache(SemanticSampleIndex.SharedCacheFolder, _encoder.ModelName, _encoder.Dimensions);
        _embedder = new PassageEmbedder(_encoder, _cache);
    }

    private BriefIndex Build(string name, VectorIndexOptions options)
    {
        var index = BriefIndex.Open(Path.Combine(_folder.Path, name), options);
        BriefIngestor.Ingest(index, [Fixtures.BriefsFolder], embedder: _embedder);
        index.Compact();
        return index;
    }

    private static List<(int Doc, float Score)> TopTen(BriefIndex index, float[] query) =>
        Search(index, s => VectorSearch.Nearest(s, IndexFields.Vector, query, 10));

    /// <summary>The exact top 10 of an index of the fixture briefs built (and closed again) in folder <paramref name="name"/>.</summary>
    private List<(int Doc, float Score)> ExactTopTen(string name, float[] query)
    {
        using var index = Build(name, Exact);
        return TopTen(index, query);
    }

    private static T Search<T>(BriefIndex index, Func<IndexSearcher, T> search)
    {
        using var lease = index.AcquireSearcher();
        var searcher = lease.Searcher;
        return search(searcher);
    }

    [Fact]
    public void Approximate_search_finds_what_the_exact_scan_finds_on_real_vectors()
    {
        using var exact = Build("exact", Exact);
        using var approximate = Build("approximate", Approximate);
        Assert.True(approximate.Vectors.Builds > 0);
        Assert.True(Search(approximate, s => s.IndexReader.Leaves.All(l => approximate.Vectors.For(l, IndexFields.Vector, _encoder.Dimensions).IsIndexed)));

        var recalls = new List<double>();
        foreach (var query in Queries.Select(q => _encoder.EncodeQuery(q)))
        {
            // Doc ids agree: both indexes hold the same briefs added in the same order and merged into one segment.
            var truth = Search(exact, s => VectorSearch.Nearest(s, IndexFields.Vector, query, 10));
            var found = Search(approximate, s => VectorSearch.Nearest(s, IndexFields.Vector, query, 10));
            recalls.Add(truth.Select(t => t.Doc).Intersect(found.Select(f => f.Doc)).Count() / (double)truth.Count);
            // Re-scored with the float vectors: a document found has its exact score.
            var exactScores = truth.ToDictionary(t => t.Doc, t => t.Score);
            Assert.All(found.Where(f => exactScores.ContainsKey(f.Doc)), f => Assert.Equal(exactScores[f.Doc], f.Score, 5));
        }
        Assert.True(recalls.Average() >= 0.97, $"recall@10 {recalls.Average():F3}");
    }

    [Fact]
    public void Candidates_past_the_rescored_ones_keep_the_graphs_corrected_cosine_below_them()
    {
        using var exact = Build("exact", Exact);
        using var approximate = Build("approximate", Approximate with { RescoredCandidates = 10 });
        var errors = new List<double>();
        foreach (var query in Queries.Select(q => _encoder.EncodeQuery(q)))
        {
            var found = Search(approximate, s => VectorSearch.Nearest(s, IndexFields.Vector, query, 40));
            var exactScores = Search(exact, s => found.ToDictionary(f => f.Doc, f => TensorPrimitives.Dot(query, VectorOf(s, f.Doc))));
            Assert.Equal(40, found.Count);
            // The graph's nearest 10 carry their exact scores and rank first; the rest never rank above them.
            Assert.All(found.Take(10), f => Assert.Equal(exactScores[f.Doc], f.Score, 5));
            Assert.All(found.Skip(10), f => Assert.True(f.Score <= found[9].Score));
            errors.AddRange(found.Skip(10).Select(f => (double)Math.Abs(f.Score - exactScores[f.Doc])));
        }
        Assert.True(errors.Average() < 0.01, $"mean error of the graph's corrected cosine {errors.Average():F4}");
        Assert.Contains(errors, e => e > 1e-5); // past the tenth, scores do come from the graph
    }

    private float[] VectorOf(IndexSearcher searcher, int doc)
    {
        var leaf = searcher.IndexReader.Leaves[ReaderUtil.SubIndex(doc, searcher.IndexReader.Leaves)];
        return VectorSearch.Segment(searcher, leaf, IndexFields.Vector, _encoder.Dimensions).Vector(doc - leaf.DocBase)!;
    }

    [Fact]
    public void A_reopened_index_maps_its_hnsw_files_instead_of_building_them()
    {
        var path = Path.Combine(_folder.Path, "reopened");
        var query = _encoder.EncodeQuery(Queries[0]);
        List<(int Doc, float Score)> before;
        using (var index = Build("reopened", Approximate))
        {
            Assert.True(index.Vectors.Builds > 0);
            before = TopTen(index, query);
        }
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(path, "vectors"), "*.usearch"));

        using var reopened = BriefIndex.Open(path, Approximate);
        var after = Search(reopened, s => VectorSearch.Nearest(s, IndexFields.Vector, query, 10));

        Assert.Equal(0, reopened.Vectors.Builds);
        Assert.True(reopened.Vectors.FilesOpened > 0);
        Assert.Equal(before, after);
    }

    [Fact]
    public void A_large_segment_without_its_file_is_searched_exactly_until_a_background_build_provides_it()
    {
        var path = Path.Combine(_folder.Path, "upgraded");
        var query = _encoder.EncodeQuery(Queries[2]);
        var truth = ExactTopTen("upgraded", query); // leaves the index at path, closed

        using var index = BriefIndex.Open(path, Approximate);
        var meanwhile = TopTen(index, query);
        index.Vectors.WaitForBuilds();
        var after = TopTen(index, query);

        Assert.Equal(truth, meanwhile);
        Assert.Equal(1, index.Vectors.Builds);
        Assert.Equal(1, index.Vectors.FilesOpened);
        Assert.Equal(truth.Select(t => t.Doc), after.Select(a => a.Doc));
    }

    [Fact]
    public void A_graph_built_with_earlier_settings_is_searched_until_its_successor_is_built_then_removed()
    {
        var path = Path.Combine(_folder.Path, "resettled");
        var query = _encoder.EncodeQuery(Queries[1]);
        var truth = ExactTopTen("resettled", query); // leaves the index at path, closed
        // What an earlier version left: a graph of the same segment under other settings (its name says which), compared
        // by cosine as every graph was before the inner product.
        using (var earlier = BriefIndex.Open(path, Approximate with { Hnsw = Approximate.Hnsw with { ExpansionAdd = 128, Metric = USearchNative.MetricKind.Cosine } }))
        {
            Search(earlier, s => VectorSearch.Nearest(s, IndexFields.Vector, query, 10));
            earlier.Vectors.WaitForBuilds();
        }
        var stale = Assert.Single(Directory.GetFiles(Path.Combine(path, "vectors")));
        Assert.Contains(".vector.", stale);
        Assert.EndsWith(".int8-m16-a128.usearch", stale);

        using var index = BriefIndex.Open(path, Approximate);
        Assert.True(File.Exists(stale)); // no successor yet: kept
        var meanwhile = TopTen(index, query);
        index.Vectors.WaitForBuilds();
        var after = TopTen(index, query);

        Assert.Equal(1, index.Vectors.Builds);
        Assert.Equal(2, index.Vectors.FilesOpened); // the earlier graph served meanwhile, then the new one
        Assert.False(File.Exists(stale));
        Assert.EndsWith(".int8-ip-m16-a256.usearch", Assert.Single(Directory.GetFiles(index.Vectors.Folder)));
        Assert.Equal(truth.Select(t => t.Doc), meanwhile.Select(m => m.Doc));
        Assert.Equal(truth.Select(t => t.Doc), after.Select(a => a.Doc));
    }

    [Fact]
    public void The_files_of_merged_away_segments_are_deleted()
    {
        using var index = Build("merged", Approximate);
        var first = Directory.GetFiles(index.Vectors.Folder).Select(Path.GetFileName).ToHashSet();

        var copy = BriefExtractor.Extract(Fixtures.Brief(Fixtures.GaoQuantum)) with { Id = "gao-quantum-copy" };
        var passages = PassageBuilder.Build(copy);
        index.Upsert(copy, passages, _embedder.Embed(passages.Select(p => (copy, p)).ToList()));
        index.Compact();

        var segments = Search(index, s => s.IndexReader.Leaves.Select(l => ((SegmentReader)l.AtomicReader).SegmentName).ToHashSet());
        var files = Directory.GetFiles(index.Vectors.Folder).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Contains(f!.Split('.')[0], segments));
        Assert.Empty(first.Intersect(files));
    }

    [Fact]
    public void A_background_worker_searching_every_segment_on_its_own_thread_finds_what_a_request_finds()
    {
        using var index = Build("background", Approximate);
        var copy = BriefExtractor.Extract(Fixtures.Brief(Fixtures.GaoQuantum)) with { Id = "gao-quantum-copy" };
        var passages = PassageBuilder.Build(copy);
        index.Upsert(copy, passages, _embedder.Embed(passages.Select(p => (copy, p)).ToList()));
        index.Commit();
        Assert.True(Search(index, s => s.IndexReader.Leaves.Count) > 1);
        var query = _encoder.EncodeQuery(Queries[1]);

        var byRequest = Search(index, s => VectorSearch.Nearest(s, IndexFields.Vector, query, 30));
        List<(int Doc, float Score)>? byWorker = null;
        var lowered = false;
        var worker = new Thread(() =>
        {
            BackgroundPriority.LowerCurrentThread();
            lowered = BackgroundPriority.CurrentThreadLowered;
            byWorker = Search(index, s => VectorSearch.Nearest(s, IndexFields.Vector, query, 30));
        });
        worker.Start();
        worker.Join();

        Assert.True(lowered);
        Assert.False(BackgroundPriority.CurrentThreadLowered);
        Assert.Contains(byRequest, hit => Search(index, s => new BriefIdLookup(s).Get(hit.Doc)) == "gao-quantum-copy");
        // The copy ties with its original, so only the scores and the documents above the last score must agree.
        Assert.NotNull(byWorker);
        Assert.Equal(byRequest.Select(hit => hit.Score), byWorker.Select(hit => hit.Score));
        var last = byRequest[^1].Score;
        Assert.Equal(byRequest.Where(hit => hit.Score > last).Select(hit => hit.Doc).Order(), byWorker.Where(hit => hit.Score > last).Select(hit => hit.Doc).Order());
    }

    [Fact]
    public void Filtered_approximate_search_returns_only_accepted_live_documents()
    {
        using var exact = Build("exact-filtered", Exact);
        using var approximate = Build("approximate-filtered", Approximate);
        var filter = new QueryWrapperFilter(new TermQuery(new Term(IndexFields.BriefId, "gao-26-107759")));
        var query = _encoder.EncodeQuery(Queries[1]);

        var truth = Search(exact, s => VectorSearch.Nearest(s, IndexFields.Vector, query, 20, filter));
        var found = Search(approximate, s => VectorSearch.Nearest(s, IndexFields.Vector, query, 20, filter));

        Assert.NotEmpty(found);
        Assert.All(found, f => Assert.Equal("gao-26-107759", Search(approximate, s => new BriefIdLookup(s).Get(f.Doc))));
        Assert.Equal(truth.Select(t => t.Doc), found.Select(f => f.Doc));

        // A deleted brief's passages stay in the segment's graph until a merge, and are skipped.
        approximate.Delete("navigating-ai-sovereignty");
        approximate.Commit();
        var afterDelete = Search(approximate, s => VectorSearch.Nearest(s, IndexFields.Vector, _encoder.EncodeQuery(Queries[0]), 50));
        Assert.DoesNotContain(afterDelete, f => Search(approximate, s => new BriefIdLookup(s).Get(f.Doc)) == "navigating-ai-sovereignty");
    }

    [Fact]
    public void A_brief_the_graph_walk_missed_is_scored_exactly_and_put_back_where_it_belongs()
    {
        using var index = Build("missed", Exact);
        const string query = "government agencies should strengthen oversight of programs";
        var vector = _encoder.EncodeQuery(query);
        var minimum = _encoder.Similarity.Above(SemanticSearcher.MinimumSpreadsAboveUnrelated);
        using var lease = index.AcquireSearcher();
        var snapshot = new SearchSnapshot(lease.Searcher, SegmentBriefDocs.Of(index));
        var truth = new SemanticSearchMode(_encoder).Hits(query, snapshot);
        Assert.True(truth.Count >= 3, $"{truth.Count} briefs above the cut-off");
        var unrelated = lease.Searcher.Search(new TermQuery(new Term(IndexFields.DocType, IndexFields.BriefDoc)), 1000).ScoreDocs
            .Select(d => d.Doc).Where(doc => truth.All(h => h.BriefDoc != doc)).ToList();
        Assert.NotEmpty(unrelated);

        // What a walk that lost the second brief returns; the keyword side offers it, the best one, and briefs below the cut-off.
        var missed = truth[1];
        var walked = truth.Where(h => h != missed).ToList();
        var repaired = SemanticSearchMode.WithMissedBriefs(walked, [.. unrelated, missed.BriefDoc, truth[0].BriefDoc], vector, minimum, snapshot);

        Assert.Equal(truth.Select(h => (h.BriefDoc, h.BriefId, h.Score)), repaired.Select(h => (h.BriefDoc, h.BriefId, h.Score)));
        Assert.Equal(missed.Passages, repaired[1].Passages);
    }

    [Fact]
    public void Offsets_into_three_million_rows_of_768_dimensions_do_not_wrap()
    {
        const long rows = 3_000_000;
        const int dimensions = 768;

        Assert.Equal(2_304_000_000L, VectorLayout.Length(rows, dimensions));
        Assert.Equal(2_303_999_232L, VectorLayout.Offset(rows - 1, dimensions));
        Assert.True(VectorLayout.Offset(rows - 1, dimensions) > int.MaxValue);
        Assert.Throws<InvalidOperationException>(() => VectorLayout.ArrayLength(rows, dimensions));
        Assert.Equal(20_000 * dimensions, VectorLayout.ArrayLength(20_000, dimensions));
    }

    public void Dispose()
    {
        _cache.Dispose();
        _encoder.Dispose();
        _folder.Dispose();
    }
}

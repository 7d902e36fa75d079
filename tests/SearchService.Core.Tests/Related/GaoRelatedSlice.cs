using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Semantic;
using SearchService.Embeddings;
using SearchService.Core.Relevance;

namespace SearchService.Core.Tests.Related;

/// <summary>
/// 60 real GAO report summaries with GAO's own relatedness judgments for 6 of them, indexed with the default
/// encoder's passage vectors (as the service indexes with semantic search on, and as the shipped model was
/// trained), without any, and (on first use) with MiniLM's alone. Vectors come from the tests' shared embedding cache.
/// </summary>
public sealed class GaoRelatedSlice : IDisposable
{
    private readonly TempFolder _folder = new();

    public static string DatasetFolder => Path.Combine(AppContext.BaseDirectory, "fixtures", "gao-related-mini");

    /// <summary>The model shipped in the repository (models/related).</summary>
    public static string ShippedModelFolder => RepositoryPaths.Resolve(Path.Combine("models", "related"));

    public BeirDataset Dataset { get; } = BeirDataset.Load(DatasetFolder);
    private readonly Lazy<BriefIndex> _withMiniLmVectors;

    public BriefIndex WithVectors { get; }
    public BriefIndex WithoutVectors { get; }

    /// <summary>Vectors of another encoder than the shipped model's.</summary>
    public BriefIndex WithMiniLmVectors => _withMiniLmVectors.Value;

    /// <summary>
    /// A model trained on this slice (8 topics) with its ranker saved whatever the split measured, and the training's
    /// report: trained on first use, with one more judged source that the corpus lacks.
    /// </summary>
    public (RelatedTrainingReport Report, string Folder, RelatedModel Model) Trained => _trained.Value;
    private readonly Lazy<(RelatedTrainingReport, string, RelatedModel)> _trained;

    public GaoRelatedSlice()
    {
        WithVectors = Embedded("vectors", TextEncoders.MiniLmAndArcticXs);
        WithoutVectors = BriefIndex.Open(Path.Combine(_folder.Path, "keyword"));
        BeirIndexer.Index(WithoutVectors, Dataset);
        _withMiniLmVectors = new(() => Embedded("minilm", TextEncoders.MiniLm));
        _trained = new(Train);
    }

    private (RelatedTrainingReport, string, RelatedModel) Train()
    {
        using var encoder = TextEncoders.Create(TextEncoders.MiniLmAndArcticXs);
        using var cache = new EmbeddingCache(Semantic.SemanticSampleIndex.SharedCacheFolder, encoder.ModelName, encoder.Dimensions);
        var folder = Path.Combine(_folder.Path, "trained-model");
        var withBadSource = new BeirDataset
        {
            Name = Dataset.Name,
            Corpus = Dataset.Corpus,
            Queries = Dataset.Queries,
            Judgments = Dataset.Judgments.Append(new("GAO-00-000", new Dictionary<string, int> { ["GAO-17-17"] = 1 })).ToDictionary(),
        };
        var report = RelatedModelTrainer.Train(withBadSource, new PassageEmbedder(encoder, cache), folder,
            new RelatedModelTrainer.Settings(Topics: 8) { ShipRanker = RelatedModelTrainer.RankerShipping.Always }, log: null);
        return (report, folder, RelatedModel.Load(folder));
    }

    private BriefIndex Embedded(string name, string encoderName)
    {
        var index = BriefIndex.Open(Path.Combine(_folder.Path, name));
        using var encoder = TextEncoders.Create(encoderName);
        // The shared test cache: a second run encodes none of the 60 documents again.
        using var cache = new EmbeddingCache(Semantic.SemanticSampleIndex.SharedCacheFolder, encoder.ModelName, encoder.Dimensions);
        BeirIndexer.Index(index, Dataset, new PassageEmbedder(encoder, cache));
        return index;
    }

    public void Dispose()
    {
        WithVectors.Dispose();
        WithoutVectors.Dispose();
        if (_withMiniLmVectors.IsValueCreated) _withMiniLmVectors.Value.Dispose();
        _folder.Dispose();
    }
}

using SearchService.Core.Indexing;
using SearchService.Core.Semantic;
using SearchService.Embeddings;
using SearchService.Core.Relevance;

namespace SearchService.Core.Tests.Related;

/// <summary>
/// 60 real GAO report summaries with GAO's own relatedness judgments for 6 of them, indexed with the default
/// encoder's passage vectors (as the service indexes with semantic search on, and as the shipped model was
/// trained), without any, and (on first use) with MiniLM's alone.
/// </summary>
public sealed class GaoRelatedSlice : IDisposable
{
    private readonly TempFolder _folder = new();

    public static string DatasetFolder => Path.Combine(AppContext.BaseDirectory, "fixtures", "gao-related-mini");

    /// <summary>The model shipped in the repository (models/related).</summary>
    public static string ShippedModelFolder
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "SearchService.sln"))) return Path.Combine(folder.FullName, "models", "related");
            }
            throw new DirectoryNotFoundException("The tests run outside the repository: models/related cannot be found.");
        }
    }

    public BeirDataset Dataset { get; } = BeirDataset.Load(DatasetFolder);
    private readonly Lazy<BriefIndex> _withMiniLmVectors;

    public BriefIndex WithVectors { get; }
    public BriefIndex WithoutVectors { get; }

    /// <summary>Vectors of another encoder than the shipped model's.</summary>
    public BriefIndex WithMiniLmVectors => _withMiniLmVectors.Value;

    public GaoRelatedSlice()
    {
        WithVectors = Embedded("vectors", TextEncoders.MiniLmAndArcticXs);
        WithoutVectors = BriefIndex.Open(Path.Combine(_folder.Path, "keyword"));
        BeirIndexer.Index(WithoutVectors, Dataset);
        _withMiniLmVectors = new(() => Embedded("minilm", TextEncoders.MiniLm));
    }

    private BriefIndex Embedded(string name, string encoderName)
    {
        var index = BriefIndex.Open(Path.Combine(_folder.Path, name));
        using var encoder = TextEncoders.Create(encoderName);
        BeirIndexer.Index(index, Dataset, new PassageEmbedder(encoder, cache: null));
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

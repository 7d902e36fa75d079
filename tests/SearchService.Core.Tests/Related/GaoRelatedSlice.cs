using SearchService.Core.Evaluation;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Core.Tests.Related;

/// <summary>
/// 60 real GAO report summaries with GAO's own relatedness judgments for 6 of them, indexed twice: with
/// MiniLM passage vectors (as the service indexes with semantic search on) and without any.
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
    public BriefIndex WithVectors { get; }
    public BriefIndex WithoutVectors { get; }

    public GaoRelatedSlice()
    {
        WithVectors = BriefIndex.Open(Path.Combine(_folder.Path, "vectors"));
        using (var encoder = TextEncoders.Create(TextEncoders.MiniLm))
            BeirIndexer.Index(WithVectors, Dataset, new PassageEmbedder(encoder, cache: null));
        WithoutVectors = BriefIndex.Open(Path.Combine(_folder.Path, "keyword"));
        BeirIndexer.Index(WithoutVectors, Dataset);
    }

    public void Dispose()
    {
        WithVectors.Dispose();
        WithoutVectors.Dispose();
        _folder.Dispose();
    }
}

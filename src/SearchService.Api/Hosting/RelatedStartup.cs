using Microsoft.Extensions.Options;
using SearchService.Core.Indexing;
using SearchService.Core.Related;

namespace SearchService.Api.Hosting;

/// <summary>Loads the related-brief model once, and prepares what related scoring keeps in memory before the service listens.</summary>
public static partial class RelatedStartup
{
    public static RelatedModel LoadModel(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<RelatedOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SearchService.Related");
        var path = RepositoryPaths.Resolve(options.ModelPath);
        var model = RelatedModel.Load(path);
        LogModel(logger, path, model.Describe());
        // The ranker reads brief vectors of the encoder it was trained with; with another one, the fixed weighting ranks.
        if (model.Ranker is { } ranker && services.GetRequiredService<SemanticEncoding>().Passages?.Encoder is { } encoder && encoder.Dimensions != ranker.VectorDimensions)
            LogOtherEncoder(logger, ranker.VectorDimensions, encoder.ModelName, encoder.Dimensions);
        return model;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Related briefs: model folder {Path}: {Model}")]
    private static partial void LogModel(ILogger logger, string path, string model);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Related briefs: the ranker was trained on {ModelDimensions}-dimension vectors but the encoder {Encoder} makes {Dimensions}: the fixed weighting ranks (retrain with searchservice train-related --encoder)")]
    private static partial void LogOtherEncoder(ILogger logger, int modelDimensions, string encoder, int dimensions);
}

using Microsoft.Extensions.Options;
using SearchService.Core.Indexing;
using SearchService.Core.Related;

namespace SearchService.Api.Hosting;

/// <summary>Loads the related-brief model once and prepares what related scoring keeps in memory.</summary>
public static partial class RelatedStartup
{
    public static RelatedBriefFinder Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<RelatedOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("SearchService.Related");
        var path = ProjectPaths.Resolve(options.ModelPath);
        var model = RelatedModel.Load(path);
        LogModel(logger, path, model.Describe());
        var finder = new RelatedBriefFinder(services.GetRequiredService<BriefIndex>(), model);
        finder.Warm();
        return finder;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Related briefs: model folder {Path}: {Model}")]
    private static partial void LogModel(ILogger logger, string path, string model);
}

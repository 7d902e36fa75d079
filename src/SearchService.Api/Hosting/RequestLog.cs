using System.Diagnostics;
using SearchService.Core.Search;

namespace SearchService.Api.Hosting;

/// <summary>
/// One Debug line per request (category <see cref="Category"/>): method, route, status and time, and for a search its
/// mode, whether the result cache answered, and each stage's time as its own property. Off at the default Information
/// level, and then costs one level check per request. Query text is not logged: it can be personal.
/// </summary>
public static partial class RequestLog
{
    public const string Category = "SearchService.Requests";

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            if (!logger.IsEnabled(LogLevel.Debug))
            {
                await next(context);
                return;
            }
            var started = Stopwatch.GetTimestamp();
            // Only a request that will be logged carries a place for its search's stages.
            context.Features.Set(new SearchStagesFeature());
            try
            {
                await next(context);
            }
            finally
            {
                Write(logger, context, Stopwatch.GetElapsedTime(started));
            }
        });
    }

    /// <summary>Hands a search's stage times to the request's log line.</summary>
    public static void AddSearch(HttpContext context, string mode, StageTimings timings)
    {
        if (context.Features.Get<SearchStagesFeature>() is { } search) (search.Mode, search.Timings) = (mode, timings);
    }

    private static void Write(ILogger logger, HttpContext context, TimeSpan elapsed)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        var milliseconds = Math.Round(elapsed.TotalMilliseconds, 2);
        if (context.Features.Get<SearchStagesFeature>() is not { Mode: { } mode, Timings: { } timings })
        {
            LogRequest(logger, context.Request.Method, route, context.Response.StatusCode, milliseconds);
            return;
        }
        var stages = timings.Stages.ToDictionary(s => s.Key, s => (double?)Math.Round(s.Value, 2));
        LogSearch(logger, context.Request.Method, route, context.Response.StatusCode, milliseconds, mode, timings.FromCache,
            stages.GetValueOrDefault(SearchStages.Keyword), stages.GetValueOrDefault(SearchStages.Spelling), stages.GetValueOrDefault(SearchStages.Encode),
            stages.GetValueOrDefault(SearchStages.Vectors), stages.GetValueOrDefault(SearchStages.Fusion), stages.GetValueOrDefault(SearchStages.Facets),
            stages.GetValueOrDefault(SearchStages.Snippets));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Method} {Route} answered {Status} in {ElapsedMs} ms")]
    private static partial void LogRequest(ILogger logger, string method, string route, int status, double elapsedMs);

    // A stage that did not run (encode in keyword mode, every stage of a cached answer) is null.
    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Method} {Route} answered {Status} in {ElapsedMs} ms: {Mode} search, from cache {FromCache}; " +
        "stages (ms): keyword {KeywordMs}, spelling {SpellingMs}, encode {EncodeMs}, vectors {VectorsMs}, fusion {FusionMs}, facets {FacetsMs}, snippets {SnippetsMs}")]
    private static partial void LogSearch(ILogger logger, string method, string route, int status, double elapsedMs, string mode, bool fromCache,
        double? keywordMs, double? spellingMs, double? encodeMs, double? vectorsMs, double? fusionMs, double? facetsMs, double? snippetsMs);

    /// <summary>Set by the middleware when the line will be written; a search fills it in.</summary>
    private sealed class SearchStagesFeature
    {
        public string? Mode { get; set; }
        public StageTimings? Timings { get; set; }
    }
}

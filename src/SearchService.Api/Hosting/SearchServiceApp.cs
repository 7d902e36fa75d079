using OpenTelemetry.Metrics;
using Microsoft.AspNetCore.Http.Json;
using SearchService.Api.Analytics;
using SearchService.Api.Endpoints;
using SearchService.Api.OpenApi;
using SearchService.Api.Reindexing;
using SearchService.Api.Security;
using SearchService.Api.Uploads;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Search;
using SearchService.Core.Semantic;
using SearchService.Core.Suggest;
using SearchService.Core.Synonyms;
using SearchService.Core.Themes;

namespace SearchService.Api.Hosting;

/// <summary>Composes the web application: configuration, services, endpoints. Used by Program and by <c>searchservice serve</c>.</summary>
public static class SearchServiceApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // On SIGTERM the host stops taking connections and lets requests in flight finish for this long; orchestrators
        // kill 30 s after SIGTERM by default. Index writes are committed before their response, and the index is
        // closed (committing) after the host stops. "shutdownTimeoutSeconds" in configuration overrides it.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("shutdownTimeoutSeconds", DefaultShutdownSeconds)));
        builder.Services.AddOptions<SearchServiceOptions>()
            .BindConfiguration(SearchServiceOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<RelatedOptions>()
            .BindConfiguration(RelatedOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<SemanticOptions>()
            .BindConfiguration(SemanticOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => Embeddings.TextEncoders.Names.Contains(o.Encoder), $"SearchService:Semantic:Encoder must be one of: {string.Join(", ", Embeddings.TextEncoders.Names)}")
            .ValidateOnStart();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = UploadReader.ExplainUnsupportedMediaType);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddSearchServiceOpenApi();
        builder.Services.AddRequestLimits();
        builder.Services.AddOptions<ApiKeyOptions>()
            .BindConfiguration(ApiKeyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiKeyValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSearchSite();

        builder.Services.AddSearchAnalytics();
        // Synonyms live beside the index's generations; each request reads the set in force once, for every mode and its cache key.
        builder.Services.AddSingleton(sp => new SynonymStore(RepositoryPaths.Resolve(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchServiceOptions>>().Value.IndexPath)));
        builder.Services.AddScoped(sp => sp.GetRequiredService<SynonymStore>().Current);
        builder.Services.AddSemanticSearch();
        // One live index for the process; each request leases its current generation (returned when the request
        // ends), so a reindex can swap generations without pulling an index from under a running search. It is
        // opened (or built) once the service listens; requests other than probes wait for it (see below).
        builder.Services.AddSingleton<IndexOpening>();
        builder.Services.AddHostedService<IndexOpener>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IndexOpening>().Opened.GetAwaiter().GetResult());
        builder.Services.AddScoped(sp => sp.GetRequiredService<LiveIndex>().Acquire());
        // Results are remembered per index generation (and version): any write or a reindex makes them new.
        builder.Services.AddScoped(sp =>
        {
            var index = sp.GetRequiredService<IndexLease>().Index;
            var capacity = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchServiceOptions>>().Value.ResultCacheEntries;
            return new BriefSearcher(index, sp.GetRequiredService<IReadOnlyList<ISearchMode>>(), SearchResultCache.For(index, capacity), sp.GetRequiredService<SynonymSet>());
        });
        // Suggestions are remembered like search results (the same setting bounds both; 0 computes every keystroke).
        builder.Services.AddScoped(sp => new BriefSuggester(sp.GetRequiredService<IndexLease>().Index,
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchServiceOptions>>().Value.ResultCacheEntries));
        builder.Services.AddSingleton(RelatedStartup.LoadModel);
        builder.Services.AddScoped(sp => new RelatedBriefFinder(sp.GetRequiredService<IndexLease>().Index, sp.GetRequiredService<RelatedModel>()));
        builder.Services.AddScoped(sp => new ThemeExplorer(sp.GetRequiredService<IndexLease>().Index, sp.GetRequiredService<SemanticEncoding>().Queries));
        builder.Services.AddSingleton<ReindexRunner>();
        builder.Services.AddSingleton(sp => new EmbeddingBackfill(sp.GetRequiredService<LiveIndex>()));
        builder.Services.AddHostedService<BackgroundIndexWork>();
        builder.Services.AddSingleton<ServiceMetrics>();
        builder.Services.AddSingleton<RequestActivity>();
        builder.Services.AddHealthProbes();
        // Every probe's result would be a log line (Warning while Degraded, for hours of a first related-list fill at
        // scale); the probe's answer carries the reason, and the work logs its own progress.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Critical);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(ServiceMetrics.MeterName)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)); // a scrape shows now, not 300 ms ago

        var app = builder.Build();
        var activity = app.Services.GetRequiredService<RequestActivity>();
        var opening = app.Services.GetRequiredService<IndexOpening>();
        app.UseRequestLog();
        app.Use(async (context, next) =>
        {
            // Monitoring (health checks, metric scrapes) is not readers: background work need not wait for it.
            if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics"))
            {
                await next(context);
                return;
            }
            activity.Started();
            try
            {
                await next(context);
            }
            finally
            {
                activity.Finished();
            }
        });
        app.UseExceptionHandler();
        app.Use(async (context, next) =>
        {
            // Probes and scrapes answer during a first build; everything else waits for the index (as a client of
            // a service that did not listen yet would have waited to connect).
            if (!HealthEndpoints.IsMonitoring(context.Request.Path)) await opening.Opened.WaitAsync(context.RequestAborted);
            await next(context);
        });
        app.UseStatusCodePages();
        app.UseSearchSite();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthApi();
        app.MapSearchApi();
        app.MapSuggestApi();
        app.MapBriefsApi();
        app.MapThemesApi();
        app.MapThemesPage(app.Environment);
        app.MapBriefWritesApi();
        app.MapAdminApi();
        app.MapAnalyticsApi();
        app.MapSynonymsApi();

        // The index is opened or built in the background once the host starts (IndexOpener); embedding of a large
        // first build and related lists are completed after that (BackgroundIndexWork).
        app.Services.GetRequiredService<ServiceMetrics>();
        return app;
    }

    /// <summary>Seconds the host gives requests in flight to finish after SIGTERM (see Create).</summary>
    public const int DefaultShutdownSeconds = 25;
}

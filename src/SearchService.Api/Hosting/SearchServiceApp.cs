using OpenTelemetry.Metrics;
using Microsoft.AspNetCore.Http.Json;
using SearchService.Api.Analytics;
using SearchService.Api.Endpoints;
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
        builder.Services.AddOpenApi();
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
        // ends), so a reindex can swap generations without pulling an index from under a running search.
        builder.Services.AddSingleton(IndexStartup.OpenOrBuild);
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
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddMeter(ServiceMetrics.MeterName)
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)); // a scrape shows now, not 300 ms ago

        var app = builder.Build();
        var activity = app.Services.GetRequiredService<RequestActivity>();
        app.Use((context, next) =>
        {
            // Monitoring (health checks, metric scrapes) is not readers: background work need not wait for it.
            if (!context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/metrics")) activity.Seen();
            return next(context);
        });
        app.UseExceptionHandler();
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

        // Build or open the index before the first request; embedding of a large first build and related lists
        // are completed in the background (BackgroundIndexWork).
        app.Services.GetRequiredService<LiveIndex>();
        app.Services.GetRequiredService<ServiceMetrics>();
        return app;
    }
}

using Microsoft.AspNetCore.Http.Json;
using SearchService.Api.Endpoints;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Search;
using SearchService.Core.Suggest;

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
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddSearchSite();

        builder.Services.AddSingleton(IndexStartup.OpenOrBuild);
        builder.Services.AddSingleton(sp => new BriefSearcher(sp.GetRequiredService<BriefIndex>(), sp.GetServices<ISearchMode>()));
        builder.Services.AddSingleton(sp => new BriefSuggester(sp.GetRequiredService<BriefIndex>()));
        builder.Services.AddSingleton(sp => new RelatedBriefFinder(sp.GetRequiredService<BriefIndex>()));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSearchSite();
        app.MapOpenApi();
        app.MapHealthApi();
        app.MapSearchApi();
        app.MapSuggestApi();
        app.MapBriefsApi();

        // Build or open the index before the first request, so the service is ready when it listens.
        app.Services.GetRequiredService<BriefIndex>();
        return app;
    }
}

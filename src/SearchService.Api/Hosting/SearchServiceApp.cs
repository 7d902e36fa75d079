using Microsoft.AspNetCore.Http.Json;
using SearchService.Api.Endpoints;
using SearchService.Core.Indexing;
using SearchService.Core.Related;
using SearchService.Core.Search;
using SearchService.Core.Semantic;
using SearchService.Core.Suggest;
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
        builder.Services.AddOptions<SemanticOptions>()
            .BindConfiguration(SemanticOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => Embeddings.TextEncoders.Names.Contains(o.Encoder), $"SearchService:Semantic:Encoder must be one of: {string.Join(", ", Embeddings.TextEncoders.Names)}")
            .ValidateOnStart();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.AddSearchSite();

        builder.Services.AddSemanticSearch();
        builder.Services.AddSingleton(IndexStartup.OpenOrBuild);
        builder.Services.AddSingleton(sp => new BriefSearcher(sp.GetRequiredService<BriefIndex>(), sp.GetRequiredService<IReadOnlyList<ISearchMode>>()));
        builder.Services.AddSingleton(sp => new BriefSuggester(sp.GetRequiredService<BriefIndex>()));
        builder.Services.AddSingleton(sp => new RelatedBriefFinder(sp.GetRequiredService<BriefIndex>()));
        builder.Services.AddSingleton(sp => new ThemeExplorer(sp.GetRequiredService<BriefIndex>(), sp.GetService<PassageEmbedder>()?.Encoder));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSearchSite();
        app.MapOpenApi();
        app.MapHealthApi();
        app.MapSearchApi();
        app.MapSuggestApi();
        app.MapBriefsApi();
        app.MapThemesApi();

        // Build or open the index before the first request, so the service is ready when it listens.
        app.Services.GetRequiredService<BriefIndex>();
        return app;
    }
}

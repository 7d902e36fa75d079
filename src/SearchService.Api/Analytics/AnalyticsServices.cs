using Microsoft.Extensions.Options;
using SearchService.Api.Hosting;
using SearchService.Core.Analytics;

namespace SearchService.Api.Analytics;

/// <summary>Registers search analytics: the queue searches record to, its writer, the SQLite store beside the index, and the reporter.</summary>
public static class AnalyticsServices
{
    public static IServiceCollection AddSearchAnalytics(this IServiceCollection services)
    {
        services.AddOptions<AnalyticsOptions>()
            .BindConfiguration(AnalyticsOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.PruneInterval >= TimeSpan.Zero, "SearchService:Analytics:PruneInterval may not be negative.")
            .ValidateOnStart();
        services.AddSingleton<SearchAnalytics>();
        services.AddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<AnalyticsOptions>>().Value.Path;
            var indexPath = sp.GetRequiredService<IOptions<SearchServiceOptions>>().Value.IndexPath;
            // Beside the index's generations, never in one: a reindex deletes the old generation's folder.
            return new AnalyticsStore(RepositoryPaths.Resolve(path.Length > 0 ? path : Path.Combine(indexPath, AnalyticsStore.FileName)));
        });
        services.AddSingleton(sp => new AnalyticsReporter(sp.GetRequiredService<AnalyticsStore>()));
        services.AddHostedService<AnalyticsWriter>();
        return services;
    }
}

using Microsoft.Extensions.Options;
using SearchService.Core.Indexing;
using SearchService.Core.Search;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Api.Hosting;

/// <summary>Registers the sentence encoder, its cache and the passage embedder when semantic search is enabled.</summary>
public static class SemanticServices
{
    public static IServiceCollection AddSemanticSearch(this IServiceCollection services)
    {
        services.AddSingleton<ITextEncoder>(sp => TextEncoders.Create(sp.GetRequiredService<IOptions<SemanticOptions>>().Value.Encoder));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SemanticOptions>>().Value;
            var encoder = sp.GetRequiredService<ITextEncoder>();
            return new EmbeddingCache(RepositoryPaths.Resolve(options.CachePath), encoder.ModelName, encoder.Dimensions);
        });
        // Resolving PassageEmbedder yields null when semantic search is off, so callers degrade to keyword.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SemanticOptions>>().Value.Enabled
            ? new PassageEmbedder(sp.GetRequiredService<ITextEncoder>(), sp.GetRequiredService<EmbeddingCache>())
            : null!);
        // Searches encode their queries through one bounded cache of query vectors; passages go to the encoder itself.
        services.AddSingleton(sp => sp.GetService<PassageEmbedder>() is { } embedder
            ? new CachedQueryEncoder(embedder.Encoder, sp.GetRequiredService<IOptions<SearchServiceOptions>>().Value.QueryVectorCacheEntries)
            : null!);
        // Hybrid mode holds a keyword mode over an index, so modes follow the request's index lease.
        services.AddScoped(sp => SearchModes.Semantic(sp.GetRequiredService<IndexLease>().Index, sp.GetService<CachedQueryEncoder>(), sp.GetRequiredService<Core.Synonyms.SynonymSet>()));
        return services;
    }
}

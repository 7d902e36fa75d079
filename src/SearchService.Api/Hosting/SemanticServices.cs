using Microsoft.Extensions.Options;
using SearchService.Core.Indexing;
using SearchService.Core.Search;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Api.Hosting;

/// <summary>
/// Registers <see cref="SemanticEncoding"/>: with semantic search enabled, the sentence encoder and its cache (created
/// on first use), otherwise <see cref="SemanticEncoding.Off"/>, and no model is loaded.
/// </summary>
public static class SemanticServices
{
    public static IServiceCollection AddSemanticSearch(this IServiceCollection services)
    {
        services.AddSingleton<ITextEncoder>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SemanticOptions>>().Value;
            return TextEncoders.Create(options.Encoder, TextEncoderOptions.Default with { Int8QueryWeights = options.Int8QueryWeights });
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SemanticOptions>>().Value;
            var encoder = sp.GetRequiredService<ITextEncoder>();
            return new EmbeddingCache(RepositoryPaths.Resolve(options.CachePath), encoder.ModelName, encoder.Dimensions);
        });
        // Searches encode their queries through one bounded cache of query vectors; passages go to the encoder itself.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SemanticOptions>>().Value.Enabled
            ? SemanticEncoding.On(new PassageEmbedder(sp.GetRequiredService<ITextEncoder>(), sp.GetRequiredService<EmbeddingCache>()),
                sp.GetRequiredService<IOptions<SearchServiceOptions>>().Value.QueryVectorCacheEntries)
            : SemanticEncoding.Off);
        // Hybrid mode holds a keyword mode over an index, so modes follow the request's index lease.
        services.AddScoped(sp => SearchModes.Semantic(sp.GetRequiredService<IndexLease>().Index, sp.GetRequiredService<SemanticEncoding>().Queries, sp.GetRequiredService<Core.Synonyms.SynonymSet>()));
        return services;
    }
}

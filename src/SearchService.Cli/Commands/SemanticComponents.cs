using System.CommandLine;
using SearchService.Core.Semantic;
using SearchService.Embeddings;

namespace SearchService.Cli.Commands;

/// <summary>
/// The encoder and embedding cache a command needs for semantic work, from <c>--encoder</c> and the
/// cache folder next to the index. Disposing closes both.
/// </summary>
internal sealed class SemanticComponents : IDisposable
{
    public static readonly Option<string> EncoderOption = new("--encoder")
    {
        Description = "Sentence encoder: minilm+arctic, minilm or arctic (must match the one the index was built with)",
        DefaultValueFactory = _ => TextEncoders.MiniLmAndArcticXs,
        Recursive = true,
    };

    public static readonly Option<bool> NoEmbeddingsOption = new("--no-embeddings")
    {
        Description = "Keyword only: do not load the sentence encoder",
        Recursive = true,
    };

    private readonly ITextEncoder _encoder;
    private readonly EmbeddingCache _cache;

    private SemanticComponents(ITextEncoder encoder, EmbeddingCache cache)
    {
        _encoder = encoder;
        _cache = cache;
        Embedder = new PassageEmbedder(encoder, cache);
    }

    public PassageEmbedder Embedder { get; }

    /// <summary>The components, or null when the user asked for keyword only.</summary>
    public static SemanticComponents? TryOpen(ParseResult result)
    {
        if (result.GetValue(NoEmbeddingsOption)) return null;
        var encoder = TextEncoders.Create(result.GetValue(EncoderOption) ?? TextEncoders.MiniLmAndArcticXs);
        var cacheFolder = Path.Combine(Path.GetDirectoryName(IndexLocation.Resolve(result).TrimEnd(Path.DirectorySeparatorChar))!, "embedding-cache");
        return new SemanticComponents(encoder, new EmbeddingCache(cacheFolder, encoder.ModelName, encoder.Dimensions));
    }

    public void Dispose()
    {
        _cache.Dispose();
        _encoder.Dispose();
    }
}

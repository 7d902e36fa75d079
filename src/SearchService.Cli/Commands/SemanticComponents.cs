using System.CommandLine;
using SearchService.Core.Indexing;
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

    /// <summary>
    /// The components for searching <paramref name="index"/>; null when the user asked for keyword only, or, with
    /// a warning on stderr, when the index was embedded by another encoder (its vectors cannot answer these queries).
    /// </summary>
    public static SemanticComponents? TryOpenFor(ParseResult result, BriefIndex index)
    {
        var components = TryOpen(result);
        if (components is null || index.EmbeddedOtherwiseThan(components._encoder) is not { } found) return components;
        Console.Error.WriteLine($"The index was embedded by {found}, not by {components._encoder.ModelName}: searching by keywords only. " +
            $"Embed it again with: searchservice reindex --encoder {result.GetValue(EncoderOption)}");
        components.Dispose();
        return null;
    }

    /// <summary>
    /// Whether this command's vectors can go into <paramref name="index"/>: true, recording the model on an index that
    /// names none yet; false, with the reason on stderr, when the index holds another encoder's vectors.
    /// </summary>
    public bool CanWriteTo(BriefIndex index, ParseResult result)
    {
        if (index.EmbeddedOtherwiseThan(_encoder) is { } found)
        {
            Console.Error.WriteLine($"The index was embedded by {found}, not by {_encoder.ModelName}: its vectors and these would not compare. " +
                $"Embed it again first (searchservice reindex --encoder {result.GetValue(EncoderOption)}), or index with the encoder it was built with.");
            return false;
        }
        index.VectorModel ??= _encoder.ModelName;
        return true;
    }

    public void Dispose()
    {
        _cache.Dispose();
        _encoder.Dispose();
    }
}

namespace SearchService.Embeddings;

/// <summary>The encoders by the short names configuration and the CLI use ("minilm", "arctic").</summary>
public static class TextEncoders
{
    public const string MiniLm = "minilm";
    public const string ArcticXs = "arctic";

    public static IReadOnlyList<string> Names { get; } = [MiniLm, ArcticXs];

    /// <summary>Loads the named encoder (about a second; share one per process).</summary>
    public static ITextEncoder Create(string name, TextEncoderOptions? options = null) => name.ToLowerInvariant() switch
    {
        MiniLm => new MiniLmTextEncoder(options),
        ArcticXs => new ArcticXsTextEncoder(options),
        _ => throw new ArgumentException($"Unknown encoder '{name}'; choose one of: {string.Join(", ", Names)}.", nameof(name)),
    };
}

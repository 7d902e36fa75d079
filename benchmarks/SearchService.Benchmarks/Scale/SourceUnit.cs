namespace SearchService.Benchmarks.Scale;

/// <summary>
/// A piece of real source text that generated briefs reuse word for word: a body chunk of 80–130 words (one
/// passage to the service) or a report's summary. Its vector is encoded once, from <see cref="TextToEncode"/>,
/// and every passage composed from it derives its vector from that one. <see cref="Index"/> is its place in
/// <see cref="SourceLibrary.Units"/>, <see cref="Document"/> its source's place in <see cref="SourceLibrary.Documents"/>,
/// and <see cref="Heading"/> the heading it had in its source, when that reads as a body heading.
/// </summary>
public sealed record SourceUnit(int Index, int Document, string Title, string Text, string? Heading)
{
    /// <summary>What the service would encode for this text in a brief with the source's title (title, then text).</summary>
    public string TextToEncode => $"{Title}. {Text}";
}

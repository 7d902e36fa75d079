namespace SearchService.Core.Extraction;

/// <summary>What a file holds, decided from its content (see <see cref="ContentSniffer"/>).</summary>
internal enum SourceFormat
{
    Markdown,
    Pdf,
    Html,
    Text,
}

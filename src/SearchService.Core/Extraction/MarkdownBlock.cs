namespace SearchService.Core.Extraction;

/// <summary>A paragraph or list item of a section, as clean text. List items keep a bold title and
/// a ": detail" paragraph apart when the author wrote them that way.</summary>
internal sealed record MarkdownBlock(MarkdownBlockKind Kind, string Text, string? Title = null, string? Detail = null);

internal enum MarkdownBlockKind
{
    Paragraph,
    ListItem,
    Table,
}

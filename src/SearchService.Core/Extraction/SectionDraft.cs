using SearchService.Core.Briefs;

namespace SearchService.Core.Extraction;

/// <summary>A heading and the blocks under it, before findings and recommendations are picked out.</summary>
internal sealed class SectionDraft(string heading, string origin)
{
    public string Heading { get; } = heading;
    public string Origin { get; } = origin;
    public SectionRole Role { get; } = SectionRoleClassifier.Classify(heading);
    public List<MarkdownBlock> Blocks { get; } = [];

    /// <summary>The section's text: paragraphs separated by blank lines, list items one per line.</summary>
    public string Text => string.Join("\n\n", Blocks.Select(b => b.Text.Replace('\n', ' ')));
}

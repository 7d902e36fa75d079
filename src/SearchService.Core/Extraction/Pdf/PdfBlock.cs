namespace SearchService.Core.Extraction.Pdf;

/// <summary>A block of lines (never none) that the page segmenter found together (a paragraph, a heading, a caption) on one page.</summary>
internal sealed record PdfBlock(int Page, IReadOnlyList<PdfLine> Lines)
{
    public double Left { get; } = Lines.Min(l => l.Left);
    public double Right { get; } = Lines.Max(l => l.Right);
    public double Bottom { get; } = Lines.Min(l => l.Bottom);
    public double Top { get; } = Lines.Max(l => l.Top);
    public int Characters { get; } = Lines.Sum(l => l.Text.Length);

    /// <summary>The point size most of its characters are set in.</summary>
    public double Size { get; } = Lines.GroupBy(l => Math.Round(l.Size * 2) / 2).MaxBy(g => g.Sum(l => l.Text.Length))!.Key;

    public bool Bold => Lines.All(l => l.Bold);

    public string Text => string.Join(" ", Lines.Select(l => l.Text));

    public PdfBlock WithLines(IReadOnlyList<PdfLine> lines) => new(Page, lines);
}

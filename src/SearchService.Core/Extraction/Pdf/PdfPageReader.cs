using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace SearchService.Core.Extraction.Pdf;

/// <summary>
/// Reads the text blocks of one PDF page in reading order: PdfPig's nearest-neighbour word
/// extraction and Docstrum page segmentation, then <see cref="ColumnReadingOrder"/>.
/// </summary>
internal static class PdfPageReader
{
    /// <summary>Letters beyond this on one page are not read: no page of a brief holds more, and layout analysis grows faster than linearly.</summary>
    public const int MaxLettersPerPage = 40_000;

    private static readonly DocstrumBoundingBoxes Segmenter = new(new DocstrumBoundingBoxes.DocstrumBoundingBoxesOptions { MaxDegreeOfParallelism = 1 });
    private static readonly NearestNeighbourWordExtractor WordExtractor = new(new NearestNeighbourWordExtractor.NearestNeighbourWordExtractorOptions { MaxDegreeOfParallelism = 1 });

    public static List<PdfBlock> Read(Page page, int pageNumber)
    {
        var letters = page.Letters
            .Where(l => !string.IsNullOrWhiteSpace(l.Value) && l.TextOrientation == TextOrientation.Horizontal)
            .Take(MaxLettersPerPage)
            .Select(WithBaselineBox)
            .ToList();
        if (letters.Count == 0) return [];

        var words = WordExtractor.GetWords(letters).Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
        var blocks = Segmenter.GetBlocks(words)
            .Select(block => new PdfBlock(pageNumber, block.TextLines.Select(ToLine).Where(l => l.Text.Length > 0).ToList()))
            .Where(b => b.Lines.Count > 0)
            .ToList();
        return ColumnReadingOrder.Order(Stitch(blocks));
    }

    /// <summary>
    /// Rejoins blocks that continue one another: the same left edge, type size and weight, and a gap
    /// no wider than line spacing. Docstrum estimates line spacing from the body text, so it splits
    /// the widely spaced lines of a large heading into one block per line.
    /// </summary>
    private static List<PdfBlock> Stitch(List<PdfBlock> blocks)
    {
        var stitched = new List<PdfBlock>();
        foreach (var block in blocks.OrderByDescending(b => b.Top))
        {
            var above = stitched.FindLastIndex(a => Math.Abs(a.Left - block.Left) < 2 && Math.Abs(a.Size - block.Size) < 0.6 && a.Bold == block.Bold
                                                    && a.Bottom >= block.Top - 1 && a.Bottom - block.Top <= 0.6 * block.Size);
            if (above >= 0) stitched[above] = stitched[above].WithLines([.. stitched[above].Lines, .. block.Lines]);
            else stitched.Add(block);
        }
        return stitched;
    }

    /// <summary>
    /// A letter boxed by its baseline and point size. Some fonts carry glyph boxes several times too
    /// wide (CRS's Times New Roman reports 26 pt glyphs at 10 pt), which makes words overlap and
    /// scrambles their order; the baseline and advance width are always right.
    /// </summary>
    private static Letter WithBaselineBox(Letter letter)
    {
        var size = letter.PointSize > 0 ? letter.PointSize : 10;
        var left = Math.Min(letter.StartBaseLine.X, letter.EndBaseLine.X);
        var right = Math.Max(Math.Max(letter.StartBaseLine.X, letter.EndBaseLine.X), left + 0.1);
        var baseline = letter.StartBaseLine.Y;
        var box = new PdfRectangle(left, baseline - 0.2 * size, right, baseline + 0.75 * size);
        return new Letter(letter.Value, box, box, letter.StartBaseLine, letter.EndBaseLine, letter.Width, letter.FontSize,
            letter.FontDetails, letter.RenderingMode, letter.StrokeColor, letter.FillColor, letter.PointSize, letter.TextSequence);
    }

    private static PdfLine ToLine(TextLine line)
    {
        var letters = line.Words.SelectMany(w => w.Letters).ToList();
        var size = letters.GroupBy(l => Math.Round(l.PointSize * 2) / 2).MaxBy(g => g.Count())?.Key ?? 0;
        var bold = line.Words.All(IsBold);
        var startsBold = line.Words.Count > 0 && IsBold(line.Words[0]);
        var text = TextNormalizer.Normalize(string.Join(" ", line.Words.Select(w => w.Text)));
        var box = line.BoundingBox;
        return new PdfLine(text, size, bold, startsBold, box.Left, box.Right, box.Bottom, box.Top);
    }

    private static bool IsBold(Word word) =>
        word.Letters.Count(IsBold) * 2 > word.Letters.Count;

    private static bool IsBold(Letter letter)
    {
        if (letter.FontDetails?.IsBold == true) return true;
        var name = letter.FontName ?? "";
        return name.Contains("Bold", StringComparison.OrdinalIgnoreCase) || name.Contains("Black", StringComparison.OrdinalIgnoreCase)
               || name.Contains("Heavy", StringComparison.OrdinalIgnoreCase) || name.Contains("Semibold", StringComparison.OrdinalIgnoreCase)
               || name.EndsWith(",B", StringComparison.Ordinal);
    }
}

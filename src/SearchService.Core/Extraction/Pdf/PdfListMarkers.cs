using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction.Pdf;

/// <summary>
/// Finds list items by their markers. Page segmentation sets a bullet ("•") or number ("2.") apart
/// from its text, often in a block of its own or out of order among the lines; a marker marks the
/// line beside it, on the same baseline, as the start of an item.
/// </summary>
internal static partial class PdfListMarkers
{
    /// <summary>The page's blocks without their markers, and the lines that start list items.</summary>
    public static (List<PdfBlock> Flow, HashSet<PdfLine> ItemStarts) Assign(IReadOnlyList<PdfBlock> blocks)
    {
        var markers = new List<PdfLine>();
        var flow = new List<PdfBlock>();
        foreach (var block in blocks)
        {
            var text = block.Lines.Where(l => !Marker().IsMatch(l.Text)).ToList();
            markers.AddRange(block.Lines.Where(l => Marker().IsMatch(l.Text)));
            if (text.Count > 0) flow.Add(text.Count == block.Lines.Count ? block : block.WithLines(text));
        }

        var itemStarts = new HashSet<PdfLine>(ReferenceEqualityComparer.Instance);
        if (markers.Count == 0) return (flow, itemStarts);
        foreach (var line in flow.SelectMany(b => b.Lines))
        {
            var centre = (line.Top + line.Bottom) / 2;
            if (markers.Any(m => m.Right <= line.Left + 3 && m.Right >= line.Left - 45 && Math.Abs((m.Top + m.Bottom) / 2 - centre) <= 0.45 * line.Size))
                itemStarts.Add(line);
        }
        return (flow, itemStarts);
    }

    [GeneratedRegex(@"^([\u2022\u25CF\u25AA\u25A0\u25E6\u2023\u2043\uF0B7\uF0A7\u00B7o\u2013*-]|\(?\d{1,2}[.)]|\(?[a-z][.)])$")]
    private static partial Regex Marker();
}

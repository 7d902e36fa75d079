using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction.Pdf;

/// <summary>
/// Removes what a PDF repeats on its pages rather than says once: running headers and footers
/// ("GAO-06-1046 Grants Management", the report title above every page, the publisher's URL below
/// it), page numbers ("Page 12", "iv", "3 of 10"), and watermarks repeated at one place on most pages.
/// </summary>
internal static partial class RunningFurniture
{
    /// <summary>The top and bottom share of a page where running headers and footers sit.</summary>
    private const double MarginShare = 0.085;

    public static List<PdfPageText> Remove(IReadOnlyList<PdfPageText> pages)
    {
        var marginPages = new Dictionary<string, HashSet<int>>();
        var placedPages = new Dictionary<string, HashSet<int>>();
        foreach (var page in pages)
        {
            foreach (var line in page.Blocks.SelectMany(b => b.Lines))
            {
                if (InMargin(line, page)) Count(marginPages, Key(line), page.Number);
                Count(placedPages, PlacedKey(line), page.Number);
            }
        }

        var repeatedEverywhere = Math.Max(3, pages.Count / 2);
        bool IsFurniture(PdfLine line, PdfPageText page)
        {
            if (placedPages[PlacedKey(line)].Count >= repeatedEverywhere) return true;
            if (!InMargin(line, page)) return false;
            if (PageNumber().IsMatch(line.Text)) return true;
            return marginPages[Key(line)].Count >= 2;
        }

        return pages.Select(page => page with
        {
            Blocks = page.Blocks
                .Select(block => (Block: block, Lines: block.Lines.Where(line => !IsFurniture(line, page)).ToList()))
                .Where(kept => kept.Lines.Count > 0)
                .Select(kept => kept.Lines.Count == kept.Block.Lines.Count ? kept.Block : kept.Block.WithLines(kept.Lines))
                .ToList(),
        }).ToList();
    }

    private static bool InMargin(PdfLine line, PdfPageText page)
    {
        var centre = (line.Top + line.Bottom) / 2;
        return centre > page.Height * (1 - MarginShare) || centre < page.Height * MarginShare;
    }

    /// <summary>The line's wording and size, with numbers blanked so "Page 3" and "Page 4" repeat.</summary>
    private static string Key(PdfLine line) => $"{Digits().Replace(line.Text.ToLowerInvariant(), "#")}@{Math.Round(line.Size)}";

    private static string PlacedKey(PdfLine line) => $"{Key(line)}@{Math.Round(line.Bottom / 12)}@{Math.Round(line.Left / 12)}";

    private static void Count(Dictionary<string, HashSet<int>> counts, string key, int page)
    {
        if (!counts.TryGetValue(key, out var set)) counts[key] = set = [];
        set.Add(page);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^(page\s+)?(\d{1,4}|[ivxlcdm]{1,7})(\s+of\s+\d{1,4})?$|^-\s*\d{1,4}\s*-$", RegexOptions.IgnoreCase)]
    private static partial Regex PageNumber();
}

namespace SearchService.Core.Extraction.Pdf;

/// <summary>
/// Puts the blocks of a page in reading order: column by column, top to bottom, with full-width
/// blocks (titles, running lines, wide figures) read where they stand between the column rows.
/// A recursive cut of the page: first at a gutter that has substantial text on both sides (so
/// GAO's "What GAO Found" column is read after its own heading, not after the margin column
/// beside it), else into horizontal bands (so margin headings are read with the paragraph they
/// sit beside), else left to right.
/// </summary>
internal static class ColumnReadingOrder
{
    /// <summary>Each side of a column gutter must hold at least this share of the text: a margin of headings is not a column.</summary>
    private const double MinimumColumnShare = 0.15;

    /// <summary>Blocks that straddle a gutter may hold at most this share of the text; more, and there is no gutter.</summary>
    private const double MaximumStraddlingShare = 0.35;

    private const int MaxDepth = 64;

    public static List<PdfBlock> Order(IReadOnlyList<PdfBlock> blocks)
    {
        var ordered = new List<PdfBlock>(blocks.Count);
        Order(blocks.ToList(), ordered, 0);
        return ordered;
    }

    private static void Order(List<PdfBlock> blocks, List<PdfBlock> output, int depth)
    {
        if (blocks.Count <= 1 || depth > MaxDepth)
        {
            output.AddRange(TopDown(blocks));
            return;
        }

        if (BalancedGutter(blocks) is { } gutter)
        {
            var straddling = blocks.Where(b => b.Left < gutter && b.Right > gutter).OrderByDescending(b => b.Top).ToList();
            if (straddling.Count == 0)
            {
                Order(blocks.Where(b => b.Right <= gutter).ToList(), output, depth + 1);
                Order(blocks.Where(b => b.Left >= gutter).ToList(), output, depth + 1);
                return;
            }
            // Full-width blocks separate rows of columns: read the columns above each, then it.
            var rows = new List<PdfBlock>[straddling.Count + 1];
            for (var i = 0; i < rows.Length; i++) rows[i] = [];
            foreach (var block in blocks.Except(straddling))
            {
                var centre = (block.Top + block.Bottom) / 2;
                rows[straddling.Count(s => (s.Top + s.Bottom) / 2 > centre)].Add(block);
            }
            for (var i = 0; i < rows.Length; i++)
            {
                Order(rows[i], output, depth + 1);
                if (i < straddling.Count) output.Add(straddling[i]);
            }
            return;
        }

        var bands = HorizontalBands(blocks);
        if (bands.Count > 1)
        {
            foreach (var band in bands) Order(band, output, depth + 1);
            return;
        }

        if (AnyGutter(blocks) is { } split)
        {
            Order(blocks.Where(b => b.Right <= split).ToList(), output, depth + 1);
            Order(blocks.Where(b => b.Left >= split).ToList(), output, depth + 1);
            return;
        }
        output.AddRange(TopDown(blocks));
    }

    private static IEnumerable<PdfBlock> TopDown(IEnumerable<PdfBlock> blocks) => blocks.OrderByDescending(b => b.Top).ThenBy(b => b.Left);

    /// <summary>An x position with substantial text on both sides and little text straddling it.</summary>
    private static double? BalancedGutter(List<PdfBlock> blocks)
    {
        double total = blocks.Sum(b => b.Characters);
        if (total == 0) return null;
        double? best = null;
        var bestStraddling = double.MaxValue;
        foreach (var candidate in Candidates(blocks))
        {
            double left = 0, right = 0, straddling = 0;
            foreach (var block in blocks)
            {
                if (block.Right <= candidate) left += block.Characters;
                else if (block.Left >= candidate) right += block.Characters;
                else straddling += block.Characters;
            }
            var sides = left + right;
            if (sides == 0 || left < MinimumColumnShare * sides || right < MinimumColumnShare * sides || straddling > MaximumStraddlingShare * total)
                continue;
            if (straddling < bestStraddling)
            {
                best = candidate;
                bestStraddling = straddling;
            }
        }
        return best;
    }

    /// <summary>An x position that no block straddles, with blocks on both sides (the widest such gap).</summary>
    private static double? AnyGutter(List<PdfBlock> blocks)
    {
        double? best = null;
        var widest = 0.0;
        foreach (var candidate in Candidates(blocks))
        {
            if (blocks.Any(b => b.Left < candidate && b.Right > candidate)) continue;
            var leftEdge = blocks.Where(b => b.Right <= candidate).Select(b => b.Right).DefaultIfEmpty(double.NaN).Max();
            var rightEdge = blocks.Where(b => b.Left >= candidate).Select(b => b.Left).DefaultIfEmpty(double.NaN).Min();
            if (double.IsNaN(leftEdge) || double.IsNaN(rightEdge)) continue;
            if (rightEdge - leftEdge > widest)
            {
                widest = rightEdge - leftEdge;
                best = (leftEdge + rightEdge) / 2;
            }
        }
        return best;
    }

    /// <summary>Just right of each block: where a gutter can begin.</summary>
    private static IEnumerable<double> Candidates(List<PdfBlock> blocks) => blocks.Select(b => b.Right + 0.5).Distinct();

    /// <summary>Groups of blocks whose vertical extents overlap, top to bottom.</summary>
    private static List<List<PdfBlock>> HorizontalBands(List<PdfBlock> blocks)
    {
        var bands = new List<List<PdfBlock>>();
        var bandBottom = double.MaxValue;
        foreach (var block in blocks.OrderByDescending(b => b.Top))
        {
            if (bands.Count > 0 && block.Top > bandBottom)
            {
                bands[^1].Add(block);
                bandBottom = Math.Min(bandBottom, block.Bottom);
            }
            else
            {
                bands.Add([block]);
                bandBottom = block.Bottom;
            }
        }
        return bands;
    }
}

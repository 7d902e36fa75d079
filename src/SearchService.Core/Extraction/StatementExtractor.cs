using System.Text.RegularExpressions;
using SearchService.Core.Briefs;

namespace SearchService.Core.Extraction;

/// <summary>
/// Picks the findings and recommendations out of a brief's sections: the items and paragraphs of
/// sections whose heading says they hold findings or recommendations, and anywhere in the text the
/// paragraphs a publisher numbers as "(Recommendation N)".
/// </summary>
internal static partial class StatementExtractor
{
    private const int MinimumWords = 6;

    public static (List<Finding> Findings, List<Recommendation> Recommendations) Extract(IReadOnlyList<SectionDraft> sections)
    {
        var findings = new List<Finding>();
        var recommendations = new List<Recommendation>();

        foreach (var section in sections)
        {
            switch (section.Role)
            {
                case SectionRole.Findings:
                    foreach (var block in section.Blocks)
                        foreach (var text in Statements(block))
                            findings.Add(new Finding(text, section.Heading, section.Origin));
                    break;
                case SectionRole.Recommendations:
                    // Where a section numbers its recommendations, its other paragraphs are commentary.
                    var numbered = section.Blocks.Any(b => NumberedRecommendation().IsMatch(b.Text));
                    foreach (var block in section.Blocks.Where(b => b.Kind == MarkdownBlockKind.ListItem || IsRecommendationParagraph(b.Text, numbered)))
                        recommendations.Add(ToRecommendation(block, section));
                    break;
                default:
                    // Numbered recommendations count wherever a converted report put them.
                    foreach (var block in section.Blocks.Where(b => b.Kind == MarkdownBlockKind.Paragraph && NumberedRecommendation().IsMatch(b.Text)))
                        recommendations.Add(ToRecommendation(block, section));
                    break;
            }
        }
        return (findings.DistinctBy(f => f.Text).ToList(), recommendations.DistinctBy(r => r.Text).ToList());
    }

    private static Recommendation ToRecommendation(MarkdownBlock block, SectionDraft section)
    {
        var text = TextNormalizer.Normalize(block.Text);
        return new Recommendation(block.Title, block.Detail, text, section.Heading, section.Origin);
    }

    private static bool IsRecommendationParagraph(string text, bool sectionNumbersThem)
    {
        if (sectionNumbersThem) return NumberedRecommendation().IsMatch(text);
        var clean = TextNormalizer.Normalize(text);
        return !clean.EndsWith(':') && MarkdownSectionReader.WordCount(clean) >= MinimumWords && Advice().IsMatch(clean);
    }

    /// <summary>
    /// A list item is one finding. A paragraph converted from a PDF may hold several, separated by
    /// hard line breaks; each piece that reads as sentences is one finding, without the unfinished
    /// fragment (a table title, a caption) a page layout left at its end.
    /// </summary>
    private static IEnumerable<string> Statements(MarkdownBlock block)
    {
        if (block.Kind == MarkdownBlockKind.Table) yield break;
        if (block.Kind == MarkdownBlockKind.ListItem)
        {
            var item = TextNormalizer.Normalize(block.Text);
            if (MarkdownSectionReader.WordCount(item) >= 3) yield return item;
            yield break;
        }
        foreach (var piece in block.Text.Split('\n'))
        {
            var text = TextNormalizer.Normalize(piece);
            var lastStop = LastSentenceEnd(text);
            if (lastStop < 0) continue;
            text = text[..(lastStop + 1)];
            if (MarkdownSectionReader.WordCount(text) >= MinimumWords) yield return text;
        }
    }

    private static int LastSentenceEnd(string text)
    {
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (text[i] is '.' or '!' or '?') return i;
            if (text[i] is ')' or '"' or '\'' && i > 0 && text[i - 1] is '.' or '!' or '?') return i;
        }
        return -1;
    }

    [GeneratedRegex(@"\(Recommendations?\s+\d+(\s*(-|–|and|,)\s*\d+)*\)\s*\.?$")]
    private static partial Regex NumberedRecommendation();

    [GeneratedRegex(@"\b(should|recommends?|recommended|recommendations?|urges?|must|calls? on|ought to)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Advice();
}

using System.Text.RegularExpressions;
using SearchService.Core.Briefs;

namespace SearchService.Core.Extraction;

/// <summary>
/// Picks the findings and recommendations out of a brief's sections: the items and paragraphs of
/// sections whose heading says they hold findings or recommendations, and anywhere in the text the
/// paragraphs a publisher numbers as "(Recommendation N)". A paragraph that counts or introduces
/// recommendations ("GAO is making two recommendations to …") is not one, nor is page furniture; a
/// section that summarises recommendations stated elsewhere ("What GAO Recommends") counts only when
/// the brief states none elsewhere.
/// </summary>
internal static partial class StatementExtractor
{
    private const int MinimumWords = 6;

    public static (List<Finding> Findings, List<Recommendation> Recommendations) Extract(IReadOnlyList<SectionDraft> sections)
    {
        var findings = new List<Finding>();
        var stated = new List<Recommendation>();
        var summarised = new List<Recommendation>();
        // The start of a numbered recommendation a page break cut from its "(Recommendation N)" ending.
        string? unfinished = null;

        foreach (var section in sections)
        {
            switch (section.Role)
            {
                case SectionRole.Findings:
                    foreach (var block in section.Blocks)
                    {
                        // Conclusions often end with the recommendation itself ("We are therefore recommending that …").
                        var clean = TextNormalizer.Normalize(block.Text);
                        if (block.Kind == MarkdownBlockKind.Paragraph && RecommendsInOwnVoice().IsMatch(clean) && !IntroducesRecommendations(clean) && StartsSentence(clean))
                        {
                            AddNumbered(stated, ref unfinished, block, clean, section, null);
                            continue;
                        }
                        foreach (var text in Statements(block).Where(t => !PageFurniture.IsFurniture(t) && !IntroducesFindings(t)))
                            findings.Add(new Finding(text, section.Heading, section.Origin));
                    }
                    break;
                case SectionRole.Recommendations:
                    var target = SummarisesRecommendations(section.Heading) ? summarised : stated;
                    var numbered = section.Blocks.Any(b => NumberedRecommendation().IsMatch(b.Text));
                    var sectionAddressee = RecommendationAddressee.FromHeading(section.Heading);
                    string? leadInAddressee = null;
                    // "We recommend that the Secretary … establish a strategy … that should do the following:" is one
                    // recommendation whose items are its parts, unless the lead-in counts several ("the following 17 recommendations").
                    int? compound = null;
                    foreach (var block in section.Blocks)
                    {
                        var clean = TextNormalizer.Normalize(block.Text);
                        if (PageFurniture.IsFurniture(clean) || block.Kind == MarkdownBlockKind.Table) continue;
                        if (block.Kind == MarkdownBlockKind.Paragraph && clean.EndsWith(':'))
                        {
                            // "We recommend that the Secretary of Energy take the following actions:" names whom the items below address.
                            leadInAddressee = RecommendationAddressee.FromText(clean) ?? leadInAddressee;
                            compound = null;
                            if (RecommendsInOwnVoice().IsMatch(clean) && !IntroducesRecommendations(clean))
                            {
                                target.Add(new Recommendation(null, null, clean, section.Heading, section.Origin, leadInAddressee ?? sectionAddressee));
                                compound = target.Count - 1;
                            }
                            continue;
                        }
                        if (compound is { } whole && block.Kind == MarkdownBlockKind.ListItem)
                        {
                            target[whole] = target[whole] with { Text = $"{target[whole].Text} {clean}" };
                            continue;
                        }
                        compound = null;
                        if (IntroducesRecommendations(clean)) continue;
                        if (numbered && block.Kind == MarkdownBlockKind.Paragraph && !NumberedRecommendation().IsMatch(clean))
                        {
                            unfinished = Advice().IsMatch(clean) ? clean : null;
                            continue;
                        }
                        if (block.Kind == MarkdownBlockKind.ListItem || IsRecommendationParagraph(clean, numbered))
                        {
                            AddNumbered(target, ref unfinished, block, clean, section, sectionAddressee ?? leadInAddressee);
                            unfinished = null;
                        }
                    }
                    break;
                default:
                    // Numbered recommendations count wherever a converted report put them, and so does the
                    // publisher recommending in its own voice ("Therefore, we recommend that the Secretary …")
                    // where a conversion lost the heading above it.
                    foreach (var block in section.Blocks.Where(b => b.Kind == MarkdownBlockKind.Paragraph))
                    {
                        var clean = TextNormalizer.Normalize(block.Text);
                        if (!NumberedRecommendation().IsMatch(clean) && !RecommendsInOwnVoice().IsMatch(clean)) continue;
                        if (PageFurniture.IsFurniture(clean) || IntroducesRecommendations(clean)) continue;
                        AddNumbered(stated, ref unfinished, block, clean, section, RecommendationAddressee.FromHeading(section.Heading));
                        unfinished = null;
                    }
                    break;
            }
        }
        var recommendations = WithoutRestatements(stated.Count > 0 ? stated : summarised);
        return (findings.DistinctBy(f => f.Text).ToList(), recommendations.DistinctBy(r => r.Text).ToList());
    }

    /// <summary>
    /// A report's letter often restates in its opening ("we are recommending that the Secretary …") what it
    /// recommends at its end. Of two recommendations from different sections with mostly the same words,
    /// the later is kept (where the report states it in full). Numbered ones are each their own.
    /// </summary>
    private static List<Recommendation> WithoutRestatements(List<Recommendation> recommendations)
    {
        var words = recommendations.Select(r => ContentWords(r.Text)).ToList();
        var kept = new List<Recommendation>();
        for (var i = 0; i < recommendations.Count; i++)
        {
            var restatedLater = Enumerable.Range(i + 1, recommendations.Count - i - 1).Any(j =>
                recommendations[j].Section != recommendations[i].Section
                && !(NumberedRecommendation().IsMatch(recommendations[i].Text) && NumberedRecommendation().IsMatch(recommendations[j].Text))
                && Overlap(words[i], words[j]) >= (recommendations[i].Addressee is { } who && who == recommendations[j].Addressee ? SameAddresseeRestatementOverlap : RestatementOverlap));
            if (!restatedLater) kept.Add(recommendations[i]);
        }
        return kept;
    }

    private const double RestatementOverlap = 0.6;
    // Addressed to the same official, a restatement may paraphrase more freely.
    private const double SameAddresseeRestatementOverlap = 0.5;

    /// <summary>The words (of four letters or more) of the sentence that recommends, without the context around it.</summary>
    private static HashSet<string> ContentWords(string text)
    {
        var sentences = SentenceEnd().Split(text);
        var recommending = sentences.FirstOrDefault(RecommendsInOwnVoice().IsMatch) ?? sentences.FirstOrDefault(Advice().IsMatch) ?? text;
        return Words().Matches(recommending.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 4).ToHashSet();
    }

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[A-Z])")]
    private static partial Regex SentenceEnd();

    private static double Overlap(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : (double)a.Count(b.Contains) / Math.Min(a.Count, b.Count);

    [GeneratedRegex(@"[a-z]+")]
    private static partial Regex Words();

    /// <summary>
    /// Adds a recommendation; a numbered piece that begins in lower case ("elements, for example, … (Recommendation 15)")
    /// is the end of the unfinished one a page break or a misplaced heading cut off, and completes it.
    /// </summary>
    private static void AddNumbered(List<Recommendation> target, ref string? unfinished, MarkdownBlock block, string text, SectionDraft section, string? impliedAddressee)
    {
        if (text.Length > 0 && char.IsLower(text[0]) && NumberedRecommendation().IsMatch(text))
        {
            if (unfinished is null) return;
            text = $"{unfinished} {text}";
            target.Add(new Recommendation(null, null, text, section.Heading, section.Origin, RecommendationAddressee.FromText(text) ?? impliedAddressee));
            return;
        }
        var addressee = RecommendationAddressee.FromText(text) ?? impliedAddressee;
        target.Add(new Recommendation(block.Title, block.Detail, text, section.Heading, section.Origin, addressee));
    }

    private static bool IsRecommendationParagraph(string clean, bool sectionNumbersThem)
    {
        if (sectionNumbersThem) return NumberedRecommendation().IsMatch(clean);
        // A paragraph that begins in lower case is the rest of one a column or page break cut.
        return StartsSentence(clean) && !clean.EndsWith(':') && MarkdownSectionReader.WordCount(clean) >= MinimumWords && Advice().IsMatch(clean);
    }

    private static bool StartsSentence(string text) => text.Length > 0 && !char.IsLower(text[0]);

    /// <summary>"What GAO Recommends", "What the Panel Recommends": a highlights page's summary of the recommendations the report states.</summary>
    private static bool SummarisesRecommendations(string heading) => RecommendsSummaryHeading().IsMatch(heading);

    /// <summary>
    /// A paragraph that counts, introduces or reports on recommendations rather than making one: "GAO is
    /// making 17 recommendations to OMB …", "We recommend the following …", "has made nearly 200 recommendations".
    /// </summary>
    internal static bool IntroducesRecommendations(string text) =>
        CountsRecommendations().IsMatch(text) || RecommendsTheFollowing().IsMatch(text) || RecallsEarlierRecommendations().IsMatch(text);

    /// <summary>A paragraph that counts or introduces findings ("We found the following:", "This report makes three findings").</summary>
    internal static bool IntroducesFindings(string text) => CountsFindings().IsMatch(text) || FoundTheFollowing().IsMatch(text);

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

    // Verbs that recommend; the noun "recommendation" alone is talk about a recommendation ("OMB has not acted on this recommendation").
    [GeneratedRegex(@"\b(should|recommends?|recommended|recommending|urges?|must|calls? on|ought to|suggests? that|consider)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Advice();

    [GeneratedRegex(@"^what\b.{0,60}\brecommends?\b", RegexOptions.IgnoreCase)]
    private static partial Regex RecommendsSummaryHeading();

    private const string Count = @"(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty[\w-]*|thirty[\w-]*|several|many|multiple|numerous|(nearly|over|more than|about|almost|some) \d+|\d+)";

    [GeneratedRegex(@"\b(mak(e|es|ing)|made|offer(s|ed|ing)?|provid(e|es|ed|ing)|issu(e|es|ed|ing))\s+(the following\s+)?" + Count + @"(\s+[\w-]+){0,2}\s+(recommendations|matters for)\b|\b(is|are) making (a|one) (\w+\s+)?(recommendation|matter)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountsRecommendations();

    // A testimony recalling what the publisher said before makes no new recommendation.
    [GeneratedRegex(@"^(\w+\s+){0,3}(previously|earlier|has long|have long)\s+(reported|recommended|stated|suggested)\b|\breiterates?\b", RegexOptions.IgnoreCase)]
    private static partial Regex RecallsEarlierRecommendations();

    [GeneratedRegex(@"\b(recommend(s|ed)?|are making|is making|make)\s+the following\b", RegexOptions.IgnoreCase)]
    private static partial Regex RecommendsTheFollowing();

    [GeneratedRegex(@"\b(mak(e|es|ing)|present(s|ed|ing)?|report(s|ed|ing)?)\s+" + Count + @"(\s+[\w-]+){0,2}\s+findings\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountsFindings();

    [GeneratedRegex(@"\b(found|find(s)?|findings are)\s+(the following|as follows)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FoundTheFollowing();

    [GeneratedRegex(@"\b([Ww]e|GAO)\s+((are|is)\s+)?(therefore\s+|also\s+|further\s+)?(recommends?|recommending)\s+that\b|^(the\s+)?Congress should consider\b|[,;]\s+(the\s+)?Congress should consider\b")]
    private static partial Regex RecommendsInOwnVoice();
}

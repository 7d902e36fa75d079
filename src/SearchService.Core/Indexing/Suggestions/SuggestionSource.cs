using SearchService.Core.Briefs;

namespace SearchService.Core.Indexing.Suggestions;

/// <summary>
/// What a brief contributes to search-as-you-type: its title, tags and authors, and the phrases its
/// summary, findings and recommendations repeat. Weights favour what names the brief over what it says.
/// </summary>
internal static class SuggestionSource
{
    private const int TitleWeight = 3;
    private const int TagWeight = 2;
    private const int AuthorWeight = 2;

    public static IReadOnlyList<SuggestionEntry> Of(Brief brief)
    {
        var entries = new List<SuggestionEntry>();
        if (!string.IsNullOrWhiteSpace(brief.Title)) entries.Add(new SuggestionEntry(brief.Title.Trim(), SuggestionKinds.Title, TitleWeight));
        entries.AddRange(brief.Tags.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct()
            .Select(tag => new SuggestionEntry(tag.Trim(), SuggestionKinds.Tag, TagWeight)));
        entries.AddRange(brief.Authors.Select(a => a.Name).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct()
            .Select(name => new SuggestionEntry(name.Trim(), SuggestionKinds.Author, AuthorWeight)));
        var texts = new List<string> { brief.Title, brief.Summary ?? "" };
        texts.AddRange(brief.Findings.Select(f => f.Text));
        texts.AddRange(brief.Recommendations.Select(r => r.Text));
        entries.AddRange(FrequentPhrases.Find(texts)
            .Select(phrase => new SuggestionEntry(phrase.Text, SuggestionKinds.Phrase, phrase.Count)));
        return entries;
    }
}

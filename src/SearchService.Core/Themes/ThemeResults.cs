namespace SearchService.Core.Themes;

/// <summary>A theme across publications: its matching findings and recommendations, grouped by brief, over time.</summary>
public sealed record ThemeResults(
    string Query,
    int Passages,
    double TookMs,
    IReadOnlyList<ThemeBrief> Briefs,
    IReadOnlyList<YearCount> Years,
    IReadOnlyList<TopicCount> Topics);

/// <summary>A brief with the findings and recommendations that match the theme, best first.</summary>
public sealed record ThemeBrief(string Id, string Title, DateOnly? Date, string? Type, float Score, IReadOnlyList<ThemePassage> Passages);

/// <summary>
/// One matching finding or recommendation. <see cref="Text"/> is HTML-escaped with keyword matches in
/// <c>&lt;mark&gt;</c>; <see cref="PlainText"/> is the same text unmarked (for CSV and terminals).
/// </summary>
public sealed record ThemePassage(string Kind, string? Section, string Text, string PlainText, float Score, bool MatchedKeywords, bool MatchedMeaning);

public sealed record YearCount(int Year, int Passages, int Briefs);

/// <summary>A theme that co-occurs with the query: a tag of the matching briefs, or a distinctive word of the matching passages.</summary>
public sealed record TopicCount(string Topic, string Kind, int Count);

namespace SearchService.Core.Themes;

/// <summary>
/// A theme across publications: its matching findings and recommendations, grouped by brief, over time.
/// With several themes (<see cref="Queries"/>), the top-level lists cover every theme together (each passage
/// says which themes it matches), <see cref="Themes"/> holds each theme's own counts, and <see cref="Meetings"/>
/// the briefs where they meet.
/// </summary>
public sealed record ThemeResults(
    string Query,
    int Passages,
    double TookMs,
    IReadOnlyList<ThemeBrief> Briefs,
    IReadOnlyList<YearCount> Years,
    IReadOnlyList<TopicCount> Topics)
{
    /// <summary>Every theme asked for, in the order asked; <see cref="Query"/> is the first.</summary>
    public IReadOnlyList<string> Queries { get; init; } = [Query];

    /// <summary>Passages and briefs per publisher (each with its years), over every theme's listed passages.</summary>
    public IReadOnlyList<PublisherCount> Publishers { get; init; } = [];

    /// <summary>The two- and three-word phrases the matching passages repeat, other than the themes' own words.</summary>
    public IReadOnlyList<KeyPhrase> KeyPhrases { get; init; } = [];

    /// <summary>Each theme's counts, in the order of <see cref="Queries"/> (one entry for a single theme).</summary>
    public IReadOnlyList<ThemeSeries> Themes { get; init; } = [];

    /// <summary>
    /// With two or more themes: the briefs with passages that match every theme, with those passages, best first;
    /// empty for a single theme.
    /// </summary>
    public IReadOnlyList<ThemeBrief> Meetings { get; init; } = [];
}

/// <summary>A brief with the findings and recommendations that match the theme, best first.</summary>
public sealed record ThemeBrief(string Id, string Title, DateOnly? Date, string? Type, float Score, IReadOnlyList<ThemePassage> Passages)
{
    public string? Publisher { get; init; }

    /// <summary>The names of the brief's authors.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>Indexes into <see cref="ThemeResults.Queries"/> of the themes any of its passages match.</summary>
    public IReadOnlyList<int> Themes { get; init; } = [];
}

/// <summary>
/// One matching finding or recommendation. <see cref="Text"/> is HTML-escaped with keyword matches in
/// <c>&lt;mark&gt;</c>; <see cref="PlainText"/> is the same text unmarked (for CSV and terminals).
/// </summary>
public sealed record ThemePassage(string Kind, string? Section, string Text, string PlainText, float Score, bool MatchedKeywords, bool MatchedMeaning)
{
    /// <summary>The passage's id in the index, stable while its brief is unchanged.</summary>
    public string Id { get; init; } = "";

    /// <summary>Indexes into <see cref="ThemeResults.Queries"/> of the themes this passage matches (by keywords or meaning).</summary>
    public IReadOnlyList<int> Themes { get; init; } = [];

    /// <summary>Those of <see cref="Themes"/> that the passage matches by meaning alone, without the theme's words.</summary>
    public IReadOnlyList<int> ThemesByMeaningOnly { get; init; } = [];
}

public sealed record YearCount(int Year, int Passages, int Briefs);

/// <summary>Passages and briefs of one publisher (null: briefs that name none), in total and per year.</summary>
public sealed record PublisherCount(string? Publisher, int Passages, int Briefs, IReadOnlyList<YearCount> Years);

/// <summary>One theme of a comparison: its own passage and brief counts, per year and per publisher.</summary>
public sealed record ThemeSeries(string Query, int Passages, int Briefs, IReadOnlyList<YearCount> Years, IReadOnlyList<PublisherCount> Publishers);

/// <summary>A phrase repeated by the matching passages; <see cref="Count"/> is how often it occurs in them.</summary>
public sealed record KeyPhrase(string Phrase, int Count);

/// <summary>A theme that co-occurs with the query: a tag of the matching briefs, or a distinctive word of the matching passages.</summary>
public sealed record TopicCount(string Topic, string Kind, int Count);

namespace SearchService.Core.Search;

/// <summary>
/// Which briefs a search may return: any of the listed values within a field (OR), every field that
/// lists values (AND), and dates within <see cref="From"/>..<see cref="To"/> inclusive. Values are
/// compared exactly as facets show them.
/// </summary>
public sealed record BriefFilter
{
    public const int MaxValuesPerField = 50;
    public const int MaxValueLength = 300;

    public static BriefFilter None { get; } = new();

    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Authors { get; init; } = [];
    public IReadOnlyList<string> Types { get; init; } = [];
    public IReadOnlyList<string> Publishers { get; init; } = [];
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }

    public bool IsEmpty => Tags.Count == 0 && Authors.Count == 0 && Types.Count == 0 && Publishers.Count == 0 && From is null && To is null;

    /// <summary>Why this filter cannot be applied, in words for the person who sent it; null when it is fine.</summary>
    public string? Validate()
    {
        if (From is { } from && To is { } to && from > to)
            return $"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}); swap them or widen the range.";
        foreach (var (name, values) in new[] { ("tags", Tags), ("authors", Authors), ("type", Types), ("publisher", Publishers) })
        {
            if (values.Count > MaxValuesPerField)
                return $"{name} lists {values.Count} values; at most {MaxValuesPerField} may be selected at once.";
            if (values.FirstOrDefault(v => v.Length > MaxValueLength) is { } tooLong)
                return $"a {name} value is {tooLong.Length:N0} characters long; the limit is {MaxValueLength}. Use the values as the facets list them.";
        }
        return null;
    }
}

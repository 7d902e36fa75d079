using System.Text;

namespace SearchService.Core.Analytics;

/// <summary>
/// Queries as analytics groups them: trimmed, runs of white space made one space, lower case (invariant culture), and
/// cut at <see cref="MaxLength"/> characters, so "AI  Sovereignty " and "ai sovereignty" count as one query and a pasted
/// text stays a bounded row.
/// </summary>
public static class QueryNormaliser
{
    public const int MaxLength = 200;

    public static string Normalise(string? query)
    {
        if (string.IsNullOrWhiteSpace(query)) return "";
        var text = new StringBuilder(Math.Min(query.Length, MaxLength));
        var space = false;
        foreach (var c in query)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = text.Length > 0;
                continue;
            }
            if (space) text.Append(' ');
            space = false;
            if (text.Length >= MaxLength) break;
            text.Append(char.ToLowerInvariant(c));
        }
        if (text.Length > MaxLength) text.Length = MaxLength;
        if (text.Length > 0 && char.IsHighSurrogate(text[^1])) text.Length--; // never half a character
        return text.ToString();
    }
}

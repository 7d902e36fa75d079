using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction;

/// <summary>
/// Reads the "**Key:** value" header that converted reports carry under their title instead of YAML
/// (GAO: "**Report:** … | **Published:** …"; CRS: "**Product Type:** In Focus" one per line),
/// and removes it from the body so it is not indexed as text.
/// </summary>
internal static partial class MetadataHeader
{
    private const int MaxHeaderLines = 40;

    public static (Dictionary<string, string> Fields, string Body) Read(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = body.Split('\n');
        var end = Array.FindIndex(lines, 0, Math.Min(lines.Length, MaxHeaderLines), l => l.Trim() == "---");
        if (end < 0) return (fields, body);

        var kept = new List<string>();
        for (var i = 0; i < end; i++)
        {
            var matches = Field().Matches(lines[i]);
            if (matches.Count == 0)
            {
                kept.Add(lines[i]);
                continue;
            }
            foreach (Match match in matches)
                fields.TryAdd(match.Groups["key"].Value.Trim(), match.Groups["value"].Value.Trim());
        }
        if (fields.Count == 0) return (fields, body);
        kept.AddRange(lines.Skip(end + 1));
        return (fields, string.Join('\n', kept));
    }

    /// <summary>Splits "[Text](url)" into its text and URL; a plain value is returned as the text.</summary>
    public static (string Text, string? Url) SplitLink(string value)
    {
        var link = MarkdownLink().Match(value);
        if (link.Success) return (link.Groups["text"].Value.Trim(), link.Groups["url"].Value.Trim());
        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http")
            ? (value.Trim(), value.Trim())
            : (value.Trim(), null);
    }

    [GeneratedRegex(@"\*\*(?<key>[^*:\n]{1,40}):\*\*[ \t]*(?<value>[^|\n]*)")]
    private static partial Regex Field();

    [GeneratedRegex(@"^\[(?<text>[^\]]*)\]\((?<url>[^)\s]+)\)$")]
    private static partial Regex MarkdownLink();
}

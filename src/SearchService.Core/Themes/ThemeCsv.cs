using System.Globalization;
using System.Text;

namespace SearchService.Core.Themes;

/// <summary>
/// One row per matching passage, RFC 4180 quoting, for spreadsheets: the passages the themes page lists. Columns
/// after <c>text</c> were added later (publisher, type, and the themes the passage matches, separated by " | ").
/// </summary>
public static class ThemeCsv
{
    public static string Write(ThemeResults results)
    {
        var csv = new StringBuilder("brief_id,brief_title,date,kind,section,score,matched_by,text,publisher,type,themes\r\n");
        foreach (var brief in results.Briefs)
        {
            foreach (var passage in brief.Passages)
            {
                var matchedBy = passage.MatchedKeywords && passage.MatchedMeaning ? "keywords+meaning" : passage.MatchedKeywords ? "keywords" : "meaning";
                csv.AppendJoin(',', [Quote(brief.Id), Quote(brief.Title), brief.Date?.ToString("yyyy-MM-dd") ?? "", passage.Kind, Quote(passage.Section ?? ""),
                    passage.Score.ToString("0.#####", CultureInfo.InvariantCulture), matchedBy, Quote(passage.PlainText),
                    Quote(brief.Publisher ?? ""), Quote(brief.Type ?? ""), Quote(string.Join(" | ", passage.Themes.Select(i => results.Queries[i])))]);
                csv.Append("\r\n");
            }
        }
        return csv.ToString();
    }

    private static string Quote(string value)
    {
        // A leading = + - @ would run as a formula in a spreadsheet; a quote in front keeps it text.
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"") + "\"";
    }
}

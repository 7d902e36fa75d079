using System.Text;
using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction;

/// <summary>
/// Puts text into the one form the index and the API use: Unicode NFC, straight quotes,
/// ordinary spaces, no control characters, collapsed whitespace.
/// </summary>
public static partial class TextNormalizer
{
    /// <summary>Normalises <paramref name="text"/> and collapses all whitespace (newlines too) to single spaces.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        return Whitespace().Replace(NormalizeCharacters(text), " ").Trim();
    }

    /// <summary>Like <see cref="Normalize"/> but keeps line breaks, collapsing runs of spaces within lines.</summary>
    public static string NormalizeKeepingLines(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var lines = NormalizeCharacters(text).Split('\n');
        return string.Join('\n', lines.Select(l => SpacesWithinLine().Replace(l, " ").Trim()));
    }

    private static string NormalizeCharacters(string text)
    {
        var nfc = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(nfc.Length);
        foreach (var c in nfc)
        {
            switch (c)
            {
                case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032':
                    builder.Append('\'');
                    break;
                case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033':
                    builder.Append('"');
                    break;
                case '\u00A0' or '\u2007' or '\u202F' or '\u2000' or '\u2001' or '\u2002' or '\u2003'
                    or '\u2004' or '\u2005' or '\u2006' or '\u2008' or '\u2009' or '\u200A' or '\u3000' or '\t':
                    builder.Append(' ');
                    break;
                case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD':
                    break; // zero-width characters and soft hyphens carry no text
                case '\r':
                    break;
                case '\u2028' or '\u2029':
                    builder.Append('\n');
                    break;
                default:
                    if (!char.IsControl(c) || c == '\n') builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[ ]{2,}")]
    private static partial Regex SpacesWithinLine();
}

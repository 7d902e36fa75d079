using System.Text;
using System.Text.RegularExpressions;

namespace SearchService.Core.Extraction;

/// <summary>
/// Joins the lines of a paragraph that a layout broke, undoing hyphenation at line ends. Whether
/// "infor-/mation" loses its hyphen and "long-/term" keeps it is decided from the document's own
/// words: a compound the document writes with a hyphen elsewhere keeps it, a word it writes whole
/// loses it, and halves of which neither is a word the document uses are one word broken in two.
/// Otherwise the hyphen stays: reports hyphenate compounds far more often than they break words.
/// </summary>
internal sealed partial class Dehyphenator
{
    /// <summary>Prefixes that English joins with a hyphen ("self-sufficiency", "non-WIC", "cross-agency").</summary>
    private static readonly HashSet<string> CompoundPrefixes = new(StringComparer.Ordinal)
    {
        "self", "non", "cross", "multi", "well", "half", "semi", "long", "short", "high", "low", "full", "all", "ex",
        "co", "anti", "pro", "pre", "post", "mid", "quasi", "near", "first", "second", "third", "one", "two", "three", "four", "five",
    };

    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly HashSet<string> _compounds = new(StringComparer.Ordinal);

    /// <summary>Learns the words of a document from its lines, leaving out the fragments around line-end hyphens.</summary>
    public Dehyphenator(IEnumerable<string> lines)
    {
        var previousEndedWithHyphen = false;
        foreach (var line in lines)
        {
            var words = Word().Matches(line).Select(m => m.Value).ToList();
            var endsWithHyphen = LineEndHyphen().IsMatch(line);
            var first = previousEndedWithHyphen ? 1 : 0;
            var last = endsWithHyphen ? words.Count - 1 : words.Count;
            for (var i = first; i < last; i++) _words.Add(words[i].ToLowerInvariant());
            foreach (Match compound in Compound().Matches(line))
            {
                var atEnd = compound.Index + compound.Length >= line.TrimEnd().Length;
                if (!(endsWithHyphen && atEnd)) _compounds.Add(compound.Value.ToLowerInvariant());
            }
            previousEndedWithHyphen = endsWithHyphen;
        }
    }

    /// <summary>Joins <paramref name="lines"/> into one line of text.</summary>
    public string Join(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            AppendJoined(text, line);
        }
        return text.ToString();
    }

    /// <summary>Appends <paramref name="next"/> to <paramref name="text"/> across a line break.</summary>
    public void AppendJoined(StringBuilder text, string next)
    {
        next = next.Trim();
        if (next.Length == 0) return;
        if (text.Length == 0)
        {
            text.Append(next);
            return;
        }
        var last = text[^1];
        if (last == '\u00AD')
        {
            text.Length--; // a soft hyphen only ever marks where a word may break
            text.Append(next);
        }
        else if (last is '-' or '\u2010' && text.Length > 1 && char.IsLetter(text[^2]) && char.IsLetter(next[0]))
        {
            if (KeepsHyphen(text, next)) text.Append(next);
            else text.Remove(text.Length - 1, 1).Append(next);
        }
        else if (last is '\u2014' or '\u2013' or '/' || last is '-' && next.Length > 0 && char.IsDigit(next[0]))
        {
            text.Append(next); // "stages—" + "must", "FY2019–" + "2023", a URL broken at a slash
        }
        else
        {
            text.Append(' ').Append(next);
        }
    }

    private bool KeepsHyphen(StringBuilder text, string next)
    {
        if (char.IsUpper(next[0])) return true; // "non-" + "WIC"
        var start = text.Length - 1;
        while (start > 0 && char.IsLetter(text[start - 1])) start--;
        var first = text.ToString(start, text.Length - 1 - start).ToLowerInvariant();
        var secondMatch = Word().Match(next);
        var second = (secondMatch.Success && secondMatch.Index == 0 ? secondMatch.Value : next).ToLowerInvariant();

        if (_compounds.Contains($"{first}-{second}")) return true;
        if (_words.Contains(first + second)) return false;
        return first.Length < 2 || CompoundPrefixes.Contains(first) || _words.Contains(first) || _words.Contains(second);
    }

    [GeneratedRegex(@"\p{L}[\p{L}\p{Mn}'’]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\p{L}+(?:[-\u2010]\p{L}+)+")]
    private static partial Regex Compound();

    [GeneratedRegex(@"\p{L}[-\u2010\u00AD]\s*$")]
    private static partial Regex LineEndHyphen();
}

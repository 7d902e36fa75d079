using System.Globalization;
using System.Text;

namespace SearchService.Embeddings;

/// <summary>
/// Reproduces BERT's uncased <c>BasicTokenizer</c> as a string-to-string step, so that the SentenceTransformers
/// packages' tokenizer (which only splits on spaces and on a fixed ASCII punctuation list, and keeps accents)
/// sees the same words the models were trained on.
/// </summary>
/// <remarks>
/// Without this, accented or non-ASCII-punctuated words ("naïve", "“quoted”", "tab\tseparated") become [UNK]
/// or wrong word pieces. Steps: drop control/format characters; every whitespace to a space; lower-case;
/// NFD and drop combining marks (accents); curly quotes and dash variants to ASCII; a space on each side of every
/// punctuation character (ASCII symbol ranges or Unicode category P*) and CJK ideograph; collapse runs of spaces.
/// The result contains single spaces only and no leading or trailing space.
/// </remarks>
public static class BertTextNormalizer
{
    /// <summary>Normalises <paramref name="text"/> as described on the class. Null or empty gives an empty string.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // BERT lower-cases, NFD-decomposes and strips accents. Decomposing first and lower-casing each remaining
        // rune gives the same result and also handles 'İ' (U+0130), which invariant lower-casing leaves as it is.
        // Invariant culture throughout: never the Turkish dotless i.
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length + 16);
        var pendingSpace = false;

        foreach (var original in decomposed.EnumerateRunes())
        {
            var rune = Rune.ToLowerInvariant(original);
            var value = rune.Value;
            if (IsWhitespace(rune))
            {
                pendingSpace = true;
                continue;
            }

            var category = Rune.GetUnicodeCategory(rune);
            if (value == 0 || value == 0xFFFD || IsControl(category) || category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var mapped = MapQuoteOrDash(value);
            if (mapped != 0)
            {
                AppendIsolated(builder, (char)mapped, ref pendingSpace);
                continue;
            }

            if (IsPunctuation(value, category) || IsCjk(value))
            {
                AppendIsolated(builder, rune, ref pendingSpace);
                continue;
            }

            if (pendingSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            AppendRune(builder, rune);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Curly/low quotes and primes to ASCII quotes; hyphen, dash and minus variants to '-'. Returns 0 when not mapped.
    /// </summary>
    private static int MapQuoteOrDash(int value) => value switch
    {
        0x2018 or 0x2019 or 0x201A or 0x201B or 0x2032 or 0x00B4 or 0x02BC => '\'',
        0x201C or 0x201D or 0x201E or 0x201F or 0x2033 or 0x00AB or 0x00BB => '"',
        0x2010 or 0x2011 or 0x2012 or 0x2013 or 0x2014 or 0x2015 or 0x2212 or 0xFE58 or 0xFE63 or 0xFF0D => '-',
        _ => 0,
    };

    private static void AppendIsolated(StringBuilder builder, char value, ref bool pendingSpace)
    {
        if (builder.Length > 0)
        {
            builder.Append(' ');
        }

        builder.Append(value);
        pendingSpace = true;
    }

    private static void AppendIsolated(StringBuilder builder, Rune rune, ref bool pendingSpace)
    {
        if (builder.Length > 0)
        {
            builder.Append(' ');
        }

        AppendRune(builder, rune);
        pendingSpace = true;
    }

    private static void AppendRune(StringBuilder builder, Rune rune)
    {
        if (rune.IsBmp)
        {
            builder.Append((char)rune.Value);
        }
        else
        {
            Span<char> buffer = stackalloc char[2];
            var written = rune.EncodeToUtf16(buffer);
            builder.Append(buffer[..written]);
        }
    }

    /// <summary>BERT: space, \t, \n, \r and category Zs are whitespace.</summary>
    private static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r' || Rune.IsWhiteSpace(rune);

    /// <summary>BERT drops every "C*" category character (control, format, unassigned, private use).</summary>
    private static bool IsControl(UnicodeCategory category) => category is UnicodeCategory.Control
        or UnicodeCategory.Format
        or UnicodeCategory.OtherNotAssigned
        or UnicodeCategory.PrivateUse
        or UnicodeCategory.Surrogate;

    /// <summary>BERT: all non-alphanumeric ASCII (e.g. ^ $ `) plus every Unicode P* category.</summary>
    private static bool IsPunctuation(int value, UnicodeCategory category)
    {
        if (value is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126)
        {
            return true;
        }

        return category is UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.DashPunctuation
            or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation
            or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;
    }

    /// <summary>The CJK ideograph blocks BERT splits into single characters.</summary>
    private static bool IsCjk(int value) => value is >= 0x4E00 and <= 0x9FFF
        or >= 0x3400 and <= 0x4DBF
        or >= 0x20000 and <= 0x2A6DF
        or >= 0x2A700 and <= 0x2B73F
        or >= 0x2B740 and <= 0x2B81F
        or >= 0x2B820 and <= 0x2CEAF
        or >= 0xF900 and <= 0xFAFF
        or >= 0x2F800 and <= 0x2FA1F;
}

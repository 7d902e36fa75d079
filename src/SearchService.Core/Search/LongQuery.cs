namespace SearchService.Core.Search;

/// <summary>
/// A query long enough to be a text rather than a search-box query (a pasted finding, a paragraph, an abstract):
/// it is read as "find briefs like this text". Keyword search takes its most informative terms instead of
/// requiring or scoring every word; semantic search encodes it in the encoder's window-sized pieces.
/// </summary>
public static class LongQuery
{
    /// <summary>
    /// Above this many words a query is a text. Search-box queries and claims (SciFact's are 5–30 words) stay
    /// below it and behave as before; a paragraph (~100 words and up) is above.
    /// </summary>
    public const int MinWords = 64;

    public static bool IsLong(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var letter = char.IsLetterOrDigit(c);
            if (letter && !inWord && ++words > MinWords) return true;
            inWord = letter;
        }
        return false;
    }
}

using System.Text;
using Lucene.Net.Util;

namespace SearchService.Core.Indexing.Suggestions;

/// <summary>
/// A suggestion document's key (its normalised words), text and kind, as one binary doc value: a keystroke reads a
/// couple of hundred of them, which from stored fields would decompress a block of documents each.
/// </summary>
internal readonly record struct SuggestionEntryValue(string Key, string Text, string Kind)
{
    // Unit separator: a control character no normalised key, title, tag or name holds.
    private const char Separator = '\u001f';

    public static BytesRef Encode(string key, string text, string kind) => new(Encoding.UTF8.GetBytes(string.Join(Separator, key, text, kind)));

    /// <summary>The entry held in <paramref name="bytes"/>; null when the document was indexed without one.</summary>
    public static SuggestionEntryValue? Decode(BytesRef bytes)
    {
        if (bytes.Length == 0) return null;
        var parts = Encoding.UTF8.GetString(bytes.Bytes, bytes.Offset, bytes.Length).Split(Separator);
        return parts.Length == 3 ? new SuggestionEntryValue(parts[0], parts[1], parts[2]) : null;
    }
}

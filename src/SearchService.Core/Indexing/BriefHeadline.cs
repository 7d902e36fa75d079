using System.Text;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace SearchService.Core.Indexing;

/// <summary>
/// What a search hit shows of a brief besides its snippets: its title and tags, kept as doc values
/// (<see cref="IndexFields.Headline"/>) so a page of hits reads a few hundred bytes per brief instead of
/// decompressing the brief's stored document (which holds the whole brief as JSON).
/// </summary>
internal sealed record BriefHeadline(string Title, IReadOnlyList<string> Tags)
{
    // Unit separator: a control character no title or tag keeps after extraction.
    private const char Separator = '\u001f';

    public BytesRef ToBytesRef() => new(Encoding.UTF8.GetBytes(string.Join(Separator, Tags.Prepend(Title))));

    /// <summary>The headline of <paramref name="doc"/> in <paramref name="values"/>; null when the brief was indexed without one.</summary>
    public static BriefHeadline? Read(BinaryDocValues values, int doc, BytesRef scratch)
    {
        values.Get(doc, scratch);
        if (scratch.Length == 0) return null;
        var parts = Encoding.UTF8.GetString(scratch.Bytes, scratch.Offset, scratch.Length).Split(Separator);
        return new BriefHeadline(parts[0], parts[1..]);
    }
}

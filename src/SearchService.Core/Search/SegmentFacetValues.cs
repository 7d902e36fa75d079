using Lucene.Net.Index;
using Lucene.Net.Util;
using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// A segment's facet ordinals and dates, read from doc values once per segment and held in memory (segments never
/// change). Reading them from the doc values files for every match of every search went through the file cache one
/// lookup at a time: half of a keyword search at 20,000 briefs (docs/serving.md). About 4 bytes per document and
/// facet, plus each distinct value's text; built once, whichever request first needs it, while others wait for it.
/// </summary>
internal sealed class SegmentFacetValues
{
    private readonly Ordinals?[] _dimensions;
    private readonly int[]? _dates;

    private SegmentFacetValues(AtomicReader reader, IReadOnlyList<FacetDimension> dimensions)
    {
        _dimensions = dimensions.Select(d => reader.GetSortedSetDocValues(d.Field) is { } values ? Ordinals.Read(values, reader.MaxDoc) : null).ToArray();
        if (reader.GetNumericDocValues(IndexFields.DateNumber) is { } dates)
        {
            _dates = new int[reader.MaxDoc];
            for (var doc = 0; doc < _dates.Length; doc++) _dates[doc] = (int)dates.Get(doc);
        }
    }

    /// <summary>The values of <see cref="FacetDimension.All"/> per segment of <paramref name="index"/>.</summary>
    public static SegmentCache<SegmentFacetValues> Of(BriefIndex index) =>
        index.Derived("segment-facet-values", () => new SegmentCache<SegmentFacetValues>(reader => new SegmentFacetValues(reader, FacetDimension.All)));

    /// <summary>How many distinct values dimension <paramref name="dimension"/> has in the segment (0 when it has none).</summary>
    public int ValueCount(int dimension) => _dimensions[dimension]?.ValueCount ?? 0;

    /// <summary>The text of value <paramref name="ordinal"/> of dimension <paramref name="dimension"/> (read once per segment, as counting needs it).</summary>
    public string Name(int dimension, int ordinal) => _dimensions[dimension]!.Names[ordinal];

    /// <summary>Adds one to <paramref name="counts"/> for each value <paramref name="doc"/> has in dimension <paramref name="dimension"/>.</summary>
    public void Count(int dimension, int doc, int[] counts)
    {
        if (_dimensions[dimension] is not { } ordinals) return;
        for (var i = ordinals.Starts[doc]; i < ordinals.Starts[doc + 1]; i++) counts[ordinals.Values[i]]++;
    }

    public int Date(int doc) => _dates?[doc] ?? 0;

    /// <summary>
    /// Each document's ordinals, one after another: document d's are <c>Values[Starts[d]..Starts[d + 1]]</c>; and the
    /// text of each ordinal, so that counting a search's facets looks up no value in the doc values files.
    /// </summary>
    private sealed record Ordinals(int[] Starts, int[] Values, string[] Names)
    {
        public int ValueCount => Names.Length;

        public static Ordinals Read(SortedSetDocValues values, int maxDoc)
        {
            var starts = new int[maxDoc + 1];
            var ordinals = new List<int>();
            for (var doc = 0; doc < maxDoc; doc++)
            {
                starts[doc] = ordinals.Count;
                values.SetDocument(doc);
                for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd()) ordinals.Add((int)ord);
            }
            starts[maxDoc] = ordinals.Count;
            var names = new string[values.ValueCount];
            var name = new BytesRef();
            for (var ord = 0; ord < names.Length; ord++)
            {
                values.LookupOrd(ord, name);
                names[ord] = name.Utf8ToString();
            }
            return new Ordinals(starts, [.. ordinals], names);
        }
    }
}

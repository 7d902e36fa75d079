using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// A segment's facet ordinals and dates, read from doc values once per segment and held in memory (segments never
/// change). Reading them from the doc values files for every match of every search went through the file cache one
/// lookup at a time: half of a keyword search at 20,000 briefs (docs/serving.md). Only briefs have facets, so values
/// are held per brief (its rank among the segment's brief documents), not per document: passages are ~95 % of the
/// documents, and tables sized by every document spread a search's lookups over tens of megabytes at 100,000 briefs.
/// About 4 bytes per brief and facet, plus each distinct value's text; built once, whichever request first needs it,
/// while others wait for it.
/// </summary>
internal sealed class SegmentFacetValues
{
    private readonly BriefRanks _briefs;
    private readonly Ordinals?[] _dimensions;
    private readonly int[]? _dates;

    private SegmentFacetValues(AtomicReader reader, FixedBitSet briefDocs, BriefRanks ranks, IReadOnlyList<FacetDimension> dimensions)
    {
        _briefs = ranks;
        _dimensions = dimensions.Select(d => reader.GetSortedSetDocValues(d.Field) is { } values ? Ordinals.Read(values, briefDocs, _briefs.Count) : null).ToArray();
        if (reader.GetNumericDocValues(IndexFields.DateNumber) is { } dates)
        {
            _dates = new int[_briefs.Count];
            var slot = 0;
            foreach (var doc in InOrder(briefDocs)) _dates[slot++] = (int)dates.Get(doc);
        }
    }

    /// <summary>The values of <see cref="FacetDimension.All"/> per segment of <paramref name="index"/>.</summary>
    public static SegmentCache<SegmentFacetValues> Of(BriefIndex index)
    {
        var briefDocs = SegmentBriefDocs.Of(index);
        return index.Derived("segment-facet-values", () => new SegmentCache<SegmentFacetValues>(reader => new SegmentFacetValues(reader, briefDocs.InSegment(reader), briefDocs.Ranks(reader), FacetDimension.All)));
    }

    /// <summary>The brief documents in order: slot s holds the s-th of them.</summary>
    private static IEnumerable<int> InOrder(FixedBitSet briefDocs)
    {
        var iterator = briefDocs.GetIterator();
        for (var doc = iterator.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = iterator.NextDoc()) yield return doc;
    }

    /// <summary>Where brief document <paramref name="doc"/> of the segment keeps its values (-1 for a document that is no brief).</summary>
    public int Slot(int doc) => _briefs.Rank(doc);

    /// <summary>How many distinct values dimension <paramref name="dimension"/> has in the segment (0 when it has none).</summary>
    public int ValueCount(int dimension) => _dimensions[dimension]?.ValueCount ?? 0;

    /// <summary>The text of value <paramref name="ordinal"/> of dimension <paramref name="dimension"/> (read once per segment, as counting needs it).</summary>
    public string Name(int dimension, int ordinal) => _dimensions[dimension]!.Names[ordinal];

    /// <summary>Adds one to <paramref name="counts"/> for each value the brief in <paramref name="slot"/> has in dimension <paramref name="dimension"/>.</summary>
    public void Count(int dimension, int slot, int[] counts)
    {
        if (slot < 0 || _dimensions[dimension] is not { } ordinals) return;
        var starts = ordinals.Starts;
        var values = ordinals.Values;
        for (var i = starts[slot]; i < starts[slot + 1]; i++) counts[values[i]]++;
    }

    public int Date(int slot) => slot >= 0 && _dates is { } dates ? dates[slot] : 0;

    /// <summary>
    /// Each brief's ordinals, one after another: the brief in slot s has <c>Values[Starts[s]..Starts[s + 1]]</c>; and
    /// the text of each ordinal, so that counting a search's facets looks up no value in the doc values files.
    /// </summary>
    private sealed record Ordinals(int[] Starts, int[] Values, string[] Names)
    {
        public int ValueCount => Names.Length;

        public static Ordinals Read(SortedSetDocValues values, FixedBitSet briefDocs, int briefs)
        {
            var starts = new int[briefs + 1];
            var ordinals = new List<int>();
            var slot = 0;
            foreach (var doc in InOrder(briefDocs))
            {
                starts[slot++] = ordinals.Count;
                values.SetDocument(doc);
                for (var ord = values.NextOrd(); ord != SortedSetDocValues.NO_MORE_ORDS; ord = values.NextOrd()) ordinals.Add((int)ord);
            }
            starts[briefs] = ordinals.Count;
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

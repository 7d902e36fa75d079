using System.Runtime.InteropServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SearchService.Core.Indexing;

namespace SearchService.Core.Search;

/// <summary>
/// Applies a <see cref="BriefFilter"/> to a mode's matches and counts facets in the same pass, segment
/// by segment. A match that passes every filter is kept and counted in every facet; a match that fails
/// exactly one facet's filter is counted in that facet only (disjunctive faceting: a facet's counts
/// ignore its own selection, so selecting one tag leaves the other tags' counts visible).
/// </summary>
internal static class FacetedFilter
{
    public static (List<RankedBrief> Kept, Facets Facets) Apply(IndexReader reader, IReadOnlyList<BriefMatch> matches, BriefFilter filter, SegmentCache<SegmentFacetValues> values)
    {
        var dimensions = FacetDimension.All;
        var filters = dimensions.Select(d => d.FilterOf(filter)).ToArray();
        var counts = dimensions.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();
        var kept = new List<RankedBrief>(matches.Count);
        var ordered = InDocOrder(matches);

        var next = 0;
        foreach (var leaf in reader.Leaves)
        {
            var end = leaf.DocBase + leaf.AtomicReader.MaxDoc;
            if (next >= ordered.Count) break;
            if (ordered[next].Doc >= end) continue;
            var segment = new Segment(leaf, dimensions, filters, values);
            for (; next < ordered.Count && ordered[next].Doc < end; next++)
            {
                if (next > 0 && ordered[next].Doc == ordered[next - 1].Doc) continue;
                var match = ordered[next];
                var doc = match.Doc - leaf.DocBase;
                var failed = segment.FailedFilter(doc, out var failures);
                if (failures > 1) continue;
                var slot = segment.Slot(doc);
                if (failures == 0)
                {
                    kept.Add(new RankedBrief(match.Doc, match.Score, segment.Date(slot)));
                    for (var d = 0; d < dimensions.Count; d++) segment.Count(d, slot);
                }
                else
                {
                    segment.Count(failed, slot);
                }
            }
            segment.AddCountsTo(counts);
        }

        var facets = dimensions.Select((d, i) => Values(d, counts[i], d.Selected(filter))).ToArray();
        return (kept, new Facets(facets[0], facets[1], facets[2], facets[3], facets[4]));
    }

    /// <summary>The matches by document (a keyword search collects them so already: then they are not sorted again).</summary>
    private static IReadOnlyList<BriefMatch> InDocOrder(IReadOnlyList<BriefMatch> matches)
    {
        for (var i = 1; i < matches.Count; i++)
        {
            if (matches[i].Doc < matches[i - 1].Doc) return matches.OrderBy(m => m.Doc).ToList();
        }
        return matches;
    }

    private static List<FacetValue> Values(FacetDimension dimension, Dictionary<string, int> counts, IReadOnlyList<string> selected)
    {
        var values = counts.Select(c => new FacetValue(c.Key, c.Value));
        values = dimension.NewestFirst
            ? values.OrderByDescending(v => v.Value, StringComparer.Ordinal)
            : values.OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal);
        var listed = values.Take(Facets.MaxValues).ToList();
        // A selected value stays listed (so it can be unselected) even when nothing matches it now.
        foreach (var value in selected.Where(s => listed.All(v => v.Value != s)))
            listed.Add(new FacetValue(value, counts.GetValueOrDefault(value)));
        return listed;
    }

    /// <summary>One segment's filter bits, facet values and per-ordinal counts.</summary>
    private sealed class Segment
    {
        private readonly IBits?[] _passes;
        private readonly SegmentFacetValues _values;
        private readonly int[][] _counts;

        public Segment(AtomicReaderContext leaf, IReadOnlyList<FacetDimension> dimensions, Filter?[] filters, SegmentCache<SegmentFacetValues> values)
        {
            _passes = filters.Select(f => f is null ? null : Passing(f, leaf)).ToArray();
            _values = values.For(leaf.AtomicReader);
            _counts = dimensions.Select((_, d) => new int[_values.ValueCount(d)]).ToArray();
        }

        /// <summary>The index of the filter <paramref name="doc"/> fails (the last one, when it fails several).</summary>
        public int FailedFilter(int doc, out int failures)
        {
            failures = 0;
            var failed = -1;
            for (var i = 0; i < _passes.Length && failures < 2; i++)
            {
                if (_passes[i] is { } passes && !passes.Get(doc))
                {
                    failures++;
                    failed = i;
                }
            }
            return failed;
        }

        public int Slot(int doc) => _values.Slot(doc);

        public void Count(int dimension, int slot) => _values.Count(dimension, slot, _counts[dimension]);

        public int Date(int slot) => _values.Date(slot);

        public void AddCountsTo(Dictionary<string, int>[] totals)
        {
            for (var d = 0; d < _counts.Length; d++)
            {
                var counts = _counts[d];
                for (var ord = 0; ord < counts.Length; ord++)
                {
                    if (counts[ord] == 0) continue;
                    ref var total = ref CollectionsMarshal.GetValueRefOrAddDefault(totals[d], _values.Name(d, ord), out _);
                    total += counts[ord];
                }
            }
        }

        /// <summary>Which documents of the segment pass <paramref name="filter"/>, as random-access bits.</summary>
        private static IBits Passing(Filter filter, AtomicReaderContext leaf)
        {
            var set = filter.GetDocIdSet(leaf, acceptDocs: null);
            if (set?.Bits is { } bits) return bits;
            var passing = new FixedBitSet(leaf.AtomicReader.MaxDoc);
            if (set?.GetIterator() is { } iterator) passing.Or(iterator);
            return passing;
        }
    }
}

using Lucene.Net.Index;

namespace SearchService.Core.Indexing;

/// <summary>
/// The length norms of the fields only briefs have (what a keyword search reads), held per segment brief by brief:
/// the fields of one brief side by side, a byte each. Lucene keeps a field's norms as a byte per document, passages
/// included (~95 % of the documents), so at 100,000 briefs a search's norm lookups spread over ~15 MB and missed the
/// processor's caches at most matches; per brief the same norms take ~0.7 MB (docs/scaling.md). Built once per
/// segment, by the first search that needs it; a document that is no brief reads Lucene's own norms.
/// </summary>
internal sealed class BriefFieldNorms
{
    private readonly string[] _fields;
    private readonly SegmentBriefDocs _briefDocs;
    private readonly SegmentCache<byte[]> _bySegment;

    /// <param name="fields">The fields only brief documents have.</param>
    /// <param name="briefDocs">Which documents are briefs, and their ranks, per segment.</param>
    public BriefFieldNorms(IEnumerable<string> fields, SegmentBriefDocs briefDocs)
    {
        _fields = fields.ToArray();
        _briefDocs = briefDocs;
        _bySegment = new SegmentCache<byte[]>(Read);
    }

    /// <summary>The norms of <paramref name="field"/> in <paramref name="reader"/>'s segment: these when it is a brief field, else Lucene's.</summary>
    public NumericDocValues? For(AtomicReader reader, string field)
    {
        var lucene = reader.GetNormValues(field);
        var position = Array.IndexOf(_fields, field);
        if (lucene is null || position < 0) return lucene;
        return new PerBrief(_briefDocs.Ranks(reader), _bySegment.For(reader), _fields.Length, position, lucene);
    }

    private byte[] Read(AtomicReader reader)
    {
        var ranks = _briefDocs.Ranks(reader);
        var norms = new byte[(long)ranks.Count * _fields.Length];
        var briefs = _briefDocs.InSegment(reader);
        for (var f = 0; f < _fields.Length; f++)
        {
            if (reader.GetNormValues(_fields[f]) is not { } lucene) continue;
            var rank = 0;
            for (var doc = briefs.NextSetBit(0); doc >= 0; doc = doc + 1 < briefs.Length ? briefs.NextSetBit(doc + 1) : -1)
                norms[(long)rank++ * _fields.Length + f] = (byte)lucene.Get(doc);
        }
        return norms;
    }

    /// <summary>One field's norms in one segment: a brief's from the table, any other document's from Lucene.</summary>
    private sealed class PerBrief(BriefRanks ranks, byte[] norms, int fields, int position, NumericDocValues lucene) : NumericDocValues
    {
        public override long Get(int docID)
        {
            var rank = ranks.Rank(docID);
            return rank < 0 ? lucene.Get(docID) : norms[(long)rank * fields + position];
        }
    }
}

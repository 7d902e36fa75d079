using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SearchService.Core.Indexing;

/// <summary>
/// Reads the brief id of a document from doc values. Loading stored fields would decompress the whole stored brief
/// (its JSON) for every hit; ranking hundreds of hits must not pay that.
/// </summary>
internal sealed class BriefIdLookup(IndexSearcher searcher)
{
    private readonly IList<AtomicReaderContext> _leaves = searcher.IndexReader.Leaves;
    private readonly SortedDocValues?[] _values = new SortedDocValues?[searcher.IndexReader.Leaves.Count];
    private readonly BytesRef _scratch = new();

    public string Get(int doc)
    {
        var leafIndex = ReaderUtil.SubIndex(doc, _leaves);
        var leaf = _leaves[leafIndex];
        var values = _values[leafIndex] ??= leaf.AtomicReader.GetSortedDocValues(IndexFields.BriefId)
            ?? throw new InvalidOperationException("The index has no brief id doc values; rebuild it with this version (searchservice index).");
        values.Get(doc - leaf.DocBase, _scratch);
        return _scratch.Utf8ToString();
    }
}

using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Briefs;
using SearchService.Core.Passages;

namespace SearchService.Core.Indexing;

/// <summary>
/// Re-indexes every stored brief of an index written with an older document layout, so an index built by an
/// earlier version gains facets and suggestions without its source files. Passage vectors are carried over, so
/// semantic search needs no re-encoding.
/// </summary>
internal static class LayoutUpgrade
{
    /// <summary>Upgrades <paramref name="index"/> when <paramref name="writtenLayout"/> is older than <see cref="BriefIndex.LayoutVersion"/> and it holds briefs.</summary>
    public static void IfOlder(BriefIndex index, int writtenLayout)
    {
        if (writtenLayout >= BriefIndex.LayoutVersion || index.Count == 0) return;
        var upgrades = new List<(Brief Brief, IReadOnlyList<Passage> Passages, IReadOnlyList<float[]>? Vectors, BriefOriginal? Original)>();
        using (var lease = index.AcquireSearcher())
        {
            var searcher = lease.Searcher;
            foreach (var brief in StoredBriefReader.Briefs(searcher))
            {
                var passages = PassageBuilder.Build(brief);
                upgrades.Add((brief, passages, StoredVectors(searcher, brief.Id, passages), StoredBriefReader.Original(searcher, brief.Id)));
            }
        }
        foreach (var (brief, passages, vectors, original) in upgrades) index.Upsert(brief, passages, vectors, original);
        index.Commit();
    }

    /// <summary>The vectors stored for <paramref name="passages"/>, in their order; null unless every passage has one.</summary>
    private static List<float[]>? StoredVectors(IndexSearcher searcher, string briefId, IReadOnlyList<Passage> passages)
    {
        var byPassage = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var leaves = searcher.IndexReader.Leaves;
        var bytes = new Lucene.Net.Util.BytesRef();
        foreach (var hit in searcher.Search(IndexQueries.PassagesOf(briefId), Math.Max(1, passages.Count * 2)).ScoreDocs)
        {
            var leaf = leaves[ReaderUtil.SubIndex(hit.Doc, leaves)];
            var doc = hit.Doc - leaf.DocBase;
            if (leaf.AtomicReader.GetDocsWithField(IndexFields.Vector) is not { } present || !present.Get(doc)) return null;
            leaf.AtomicReader.GetBinaryDocValues(IndexFields.Vector).Get(doc, bytes);
            var vector = new float[bytes.Length / sizeof(float)];
            Semantic.VectorCodec.Read(bytes, vector);
            byPassage[searcher.Doc(hit.Doc).Get(IndexFields.PassageId)] = vector;
        }
        return passages.All(p => byPassage.ContainsKey(p.Id)) ? passages.Select(p => byPassage[p.Id]).ToList() : null;
    }
}

using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing.Vectors;

namespace SearchService.Core.Indexing;

/// <summary>
/// Reads what a <see cref="BriefIndex"/> stores (briefs, their originals, passages, hashes, counts) through one
/// <see cref="SearcherManager"/>, so every read sees the latest commit without reopening the index.
/// </summary>
internal sealed class StoredBriefReader : IDisposable
{
    private readonly SearcherManager _searchers;

    /// <param name="writer">The index's writer, whose commits searchers see.</param>
    /// <param name="vectors">The index's vectors, which searchers carry.</param>
    /// <param name="similarity">How searchers score (BM25 reading per-brief norms).</param>
    public StoredBriefReader(IndexWriter writer, VectorStore vectors, Similarity similarity)
    {
        _searchers = new SearcherManager(writer, applyAllDeletes: true, new Bm25SearcherFactory(vectors, similarity));
    }

    /// <inheritdoc cref="BriefIndex.AcquireSearcher"/>
    public SearcherLease AcquireSearcher() => new(_searchers);

    /// <summary>Makes the latest commit visible to searchers acquired from now on.</summary>
    public void Refresh() => _searchers.MaybeRefreshBlocking();

    /// <inheritdoc cref="BriefIndex.Get"/>
    public Brief? Get(string id)
    {
        using var lease = AcquireSearcher();
        var searcher = lease.Searcher;
        var docs = searcher.Search(IndexQueries.Brief(id), 1);
        return docs.TotalHits == 0 ? null : BriefJson.Deserialize(searcher.Doc(docs.ScoreDocs[0].Doc).Get(IndexFields.Json));
    }

    /// <inheritdoc cref="BriefIndex.StoredHash"/>
    public string? StoredHash(string id)
    {
        using var lease = AcquireSearcher();
        var searcher = lease.Searcher;
        var docs = searcher.Search(IndexQueries.Brief(id), 1);
        return docs.TotalHits == 0 ? null : searcher.Doc(docs.ScoreDocs[0].Doc).Get(IndexFields.ContentHash);
    }

    /// <inheritdoc cref="BriefIndex.Original(string)"/>
    public BriefOriginal? Original(string id)
    {
        using var lease = AcquireSearcher();
        return Original(lease.Searcher, id);
    }

    /// <summary>The original file kept for brief <paramref name="id"/> in the view of <paramref name="searcher"/>, or null.</summary>
    public static BriefOriginal? Original(IndexSearcher searcher, string id)
    {
        var docs = searcher.Search(IndexQueries.OriginalOf(id), 1);
        if (docs.TotalHits == 0) return null;
        var document = searcher.Doc(docs.ScoreDocs[0].Doc);
        var bytes = document.GetBinaryValue(IndexFields.OriginalBytes);
        return new BriefOriginal(document.Get(IndexFields.OriginalFileName), bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray());
    }

    /// <inheritdoc cref="BriefIndex.StoredBriefs"/>
    public IEnumerable<(Brief Brief, BriefOriginal? Original)> StoredBriefs()
    {
        using var lease = AcquireSearcher();
        var searcher = lease.Searcher;
        foreach (var brief in Briefs(searcher))
            yield return (brief, Original(searcher, brief.Id));
    }

    /// <inheritdoc cref="BriefIndex.AllBriefs"/>
    public IEnumerable<Brief> AllBriefs()
    {
        using var lease = AcquireSearcher();
        foreach (var brief in Briefs(lease.Searcher)) yield return brief;
    }

    /// <summary>Every brief in the view of <paramref name="searcher"/>, in index order, read as enumerated.</summary>
    public static IEnumerable<Brief> Briefs(IndexSearcher searcher)
    {
        var all = searcher.Search(IndexQueries.AllBriefs(), Math.Max(1, searcher.IndexReader.MaxDoc));
        foreach (var hit in all.ScoreDocs)
            yield return BriefJson.Deserialize(searcher.Doc(hit.Doc).Get(IndexFields.Json));
    }

    /// <inheritdoc cref="BriefIndex.List"/>
    public (int Total, IReadOnlyList<Brief> Briefs) List(int page, int size)
    {
        using var lease = AcquireSearcher();
        var searcher = lease.Searcher;
        var sort = new Sort(new SortField(IndexFields.DateNumber, SortFieldType.INT32, reverse: true), SortField.FIELD_DOC);
        var top = searcher.Search(IndexQueries.AllBriefs(), null, page * size, sort);
        var briefs = top.ScoreDocs.Skip((page - 1) * size)
            .Select(d => BriefJson.Deserialize(searcher.Doc(d.Doc).Get(IndexFields.Json)))
            .ToList();
        return (top.TotalHits, briefs);
    }

    /// <inheritdoc cref="BriefIndex.Count"/>
    public int Count()
    {
        using var lease = AcquireSearcher();
        return lease.Searcher.Search(IndexQueries.AllBriefs(), 1).TotalHits;
    }

    /// <inheritdoc cref="BriefIndex.PassageTotal"/>
    public int PassageTotal()
    {
        using var lease = AcquireSearcher();
        return lease.Searcher.Search(new TermQuery(new Term(IndexFields.DocType, IndexFields.PassageDoc)), 1).TotalHits;
    }

    /// <inheritdoc cref="BriefIndex.PassageCount"/>
    public int PassageCount(string id)
    {
        using var lease = AcquireSearcher();
        return lease.Searcher.Search(IndexQueries.PassagesOf(id), 1).TotalHits;
    }

    /// <inheritdoc cref="BriefIndex.PassageTexts"/>
    public IReadOnlyList<string> PassageTexts(string id)
    {
        using var lease = AcquireSearcher();
        var searcher = lease.Searcher;
        return searcher.Search(IndexQueries.PassagesOf(id), Math.Max(1, searcher.IndexReader.MaxDoc)).ScoreDocs.Select(d => searcher.Doc(d.Doc).Get(IndexFields.Text)).ToList();
    }

    /// <inheritdoc cref="BriefIndex.BriefsWithoutVectors"/>
    public List<string> BriefsWithoutVectors(int limit)
    {
        var ids = new List<string>();
        var fields = new HashSet<string> { IndexFields.BriefId };
        using var lease = AcquireSearcher();
        foreach (var leaf in lease.Searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var postings = reader.GetTermDocsEnum(new Term(IndexFields.DocType, IndexFields.BriefDoc));
            if (postings is null) continue;
            var withVector = reader.GetDocsWithField(IndexFields.BriefVector);
            var passages = reader.GetTermDocsEnum(new Term(IndexFields.DocType, IndexFields.PassageDoc));
            var live = reader.LiveDocs;
            while (postings.NextDoc() != DocIdSetIterator.NO_MORE_DOCS && ids.Count < limit)
            {
                var doc = postings.DocID;
                if (live is not null && !live.Get(doc) || withVector is not null && withVector.Get(doc)) continue;
                // A brief without passages (its block's next document is no passage) has nothing to embed.
                if (passages is null || (passages.DocID < doc + 1 ? passages.Advance(doc + 1) : passages.DocID) != doc + 1) continue;
                ids.Add(reader.Document(doc, fields).Get(IndexFields.BriefId));
            }
        }
        return ids;
    }

    /// <summary>Dimensions of the passage vectors stored (one is read), or null when none is.</summary>
    public int? StoredVectorDimensions()
    {
        using var lease = AcquireSearcher();
        var bytes = new Lucene.Net.Util.BytesRef();
        foreach (var leaf in lease.Searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            if (reader.GetDocsWithField(IndexFields.Vector) is not { } present) continue;
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                if (!present.Get(doc)) continue;
                reader.GetBinaryDocValues(IndexFields.Vector).Get(doc, bytes);
                return bytes.Length / sizeof(float);
            }
        }
        return null;
    }

    /// <summary>Names of the segments the newest searcher reads.</summary>
    public List<string> SegmentNames()
    {
        using var lease = AcquireSearcher();
        return lease.Searcher.IndexReader.Leaves.Select(l => l.AtomicReader).OfType<SegmentReader>().Select(r => r.SegmentName).ToList();
    }

    public void Dispose() => _searchers.Dispose();

    private sealed class Bm25SearcherFactory(VectorStore vectors, Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new BriefIndexSearcher(reader, vectors) { Similarity = similarity };
    }
}

using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Indexing.Vectors;

namespace SearchService.Core.Indexing;

/// <summary>A searcher of one <see cref="BriefIndex"/>, which also knows that index's vectors (see <see cref="VectorSearch"/>).</summary>
internal sealed class BriefIndexSearcher(IndexReader reader, VectorStore vectors) : IndexSearcher(reader)
{
    public VectorStore Vectors { get; } = vectors;
}

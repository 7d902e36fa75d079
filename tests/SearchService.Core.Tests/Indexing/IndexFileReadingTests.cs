using Lucene.Net.Index;
using Lucene.Net.Search;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;

namespace SearchService.Core.Tests.Indexing;

/// <summary>
/// The index is read with positional file reads, not memory mapping: Lucene.Net's memory-mapped inputs register every
/// clone for the garbage collector to scan, which slowed a serving process the longer it ran (docs/serving.md).
/// </summary>
public sealed class IndexFileReadingTests
{
    [Fact]
    public void Searching_maps_none_of_the_index_files_into_memory()
    {
        if (!File.Exists("/proc/self/maps")) return; // Linux shows a process's mappings; elsewhere there is nothing to check

        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "index");
        using var index = BriefIndex.Open(path);
        index.Upsert(BriefExtractor.Extract(Fixtures.Brief(Fixtures.Seed)));
        index.Upsert(BriefExtractor.Extract(Fixtures.Brief(Fixtures.GaoQuantum)));
        index.Commit();

        using (var lease = index.AcquireSearcher())
        {
            Assert.Equal(2, lease.Searcher.Search(IndexQueries.AllBriefs(), 10).TotalHits);
            Assert.True(lease.Searcher.Search(new TermQuery(new Term(IndexFields.BriefId, "gao-26-107759")), 1).TotalHits > 0);
            var stored = lease.Searcher.Doc(lease.Searcher.Search(IndexQueries.AllBriefs(), 1).ScoreDocs[0].Doc);
            Assert.NotNull(stored.Get(IndexFields.BriefId));

            var mapped = File.ReadLines("/proc/self/maps").Where(line => line.Contains(Path.GetFullPath(path), StringComparison.Ordinal)).ToList();
            Assert.Empty(mapped);
        }
    }
}

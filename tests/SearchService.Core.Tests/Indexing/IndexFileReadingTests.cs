using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;

namespace SearchService.Core.Tests.Indexing;

/// <summary>
/// The index is read with positional file reads, not memory mapping: Lucene.Net's memory-mapped inputs register every
/// clone for the garbage collector to scan, which slowed a serving process the longer it ran (docs/serving.md). The
/// reads take no lock, so clones on many threads read at once, and each must still see its own bytes.
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

    [Fact]
    public void Clones_on_many_threads_read_the_bytes_at_their_own_positions()
    {
        using var folder = new TempFolder();
        using var directory = new IndexFileDirectory(folder.Path);
        var content = WriteFile(directory, "data.bin", 200_000);

        using var input = directory.OpenInput("data.bin", IOContext.DEFAULT);
        Assert.Equal(content.Length, input.Length);
        Parallel.For(0, 8, worker =>
        {
            using var clone = (IndexInput)input.Clone();
            var random = new Random(worker);
            var buffer = new byte[10_000];
            for (var read = 0; read < 200; read++)
            {
                var position = random.Next(content.Length - buffer.Length);
                var length = random.Next(1, buffer.Length);
                clone.Seek(position);
                clone.ReadBytes(buffer, 0, length);
                Assert.True(content.AsSpan(position, length).SequenceEqual(buffer.AsSpan(0, length)), $"bytes at {position} (+{length}) on worker {worker}");
                Assert.Equal(position + length, clone.Position);
            }
        });

        // Closing clones left the original open.
        input.Seek(content.Length - 1);
        Assert.Equal(content[^1], input.ReadByte());
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
    }

    [Fact]
    public void A_slice_reads_only_its_part_of_the_file()
    {
        using var folder = new TempFolder();
        using var directory = new IndexFileDirectory(folder.Path);
        var content = WriteFile(directory, "compound.bin", 50_000);

        using var slicer = directory.CreateSlicer("compound.bin", IOContext.DEFAULT);
        using var slice = slicer.OpenSlice("part", 12_345, 20_000);
        Assert.Equal(20_000, slice.Length);
        var bytes = new byte[20_000];
        slice.ReadBytes(bytes, 0, bytes.Length);
        Assert.True(content.AsSpan(12_345, 20_000).SequenceEqual(bytes));
        Assert.Throws<EndOfStreamException>(() => slice.ReadByte());

        slice.Seek(19_999);
        Assert.Equal(content[12_345 + 19_999], slice.ReadByte());
    }

    private static byte[] WriteFile(Lucene.Net.Store.Directory directory, string name, int length)
    {
        var content = new byte[length];
        new Random(7).NextBytes(content);
        using var output = directory.CreateOutput(name, IOContext.DEFAULT);
        output.WriteBytes(content, content.Length);
        return content;
    }
}

using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using SearchService.Core.Extraction;
using SearchService.Core.Indexing;

namespace SearchService.Core.Tests.Indexing;

/// <summary>
/// The index's postings, terms and norms are mapped into memory by inputs of our own, the rest (doc values with the
/// vectors, stored fields: most of the bytes) read with positional file reads, so that their pages stay out of RSS.
/// Never Lucene.Net's memory-mapped inputs, which register every clone for the garbage collector to scan and slowed a
/// serving process the longer it ran (docs/serving.md). Neither kind takes a lock, so clones on many threads read at
/// once, and each must still see its own bytes.
/// </summary>
public sealed class IndexFileReadingTests
{
    [Fact]
    public void Searching_maps_only_postings_terms_and_norms_into_memory()
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

            var mapped = MappedFiles(path);
            Assert.All(mapped, file => Assert.Contains(IndexFileDirectory.MappedExtensions, extension => file.EndsWith(extension, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Postings_are_mapped_and_doc_values_read()
    {
        if (!File.Exists("/proc/self/maps")) return;

        using var folder = new TempFolder();
        using var directory = new IndexFileDirectory(folder.Path);
        WriteFile(directory, "_0_Lucene41_0.doc", 10_000);
        WriteFile(directory, "_0_Lucene45_0.dvd", 10_000);

        using var postings = directory.OpenInput("_0_Lucene41_0.doc", IOContext.DEFAULT);
        using var docValues = directory.OpenInput("_0_Lucene45_0.dvd", IOContext.DEFAULT);
        using var merging = directory.OpenInput("_0_Lucene41_0.doc", new IOContext(new MergeInfo(1, 10_000, false, 1)));
        Assert.IsType<MappedFileInput>(postings);
        Assert.IsNotType<MappedFileInput>(docValues);
        Assert.IsNotType<MappedFileInput>(merging); // a merge reads every page once: through the file cache, not mapped
        Assert.Equal(["_0_Lucene41_0.doc"], MappedFiles(folder.Path).Select(Path.GetFileName).Distinct());
    }

    [Fact]
    public void A_file_that_cannot_be_mapped_is_an_error_and_leaves_nothing_to_fault_later()
    {
        using var folder = new TempFolder();
        Assert.Throws<FileNotFoundException>(() => MappedFileInput.Open(Path.Combine(folder.Path, "gone.doc"), 4_096));
        // The half-made mapping is collected and finalized here; a finalizer that faults would end the test process.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    [Theory]
    [InlineData("data.bin")] // read
    [InlineData("data.doc")] // mapped
    public void Clones_on_many_threads_read_the_bytes_at_their_own_positions(string name)
    {
        using var folder = new TempFolder();
        using var directory = new IndexFileDirectory(folder.Path);
        var content = WriteFile(directory, name, 200_000);

        using var input = directory.OpenInput(name, IOContext.DEFAULT);
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
                clone.Seek(position);
                Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(content.AsSpan(position)), clone.ReadInt32());
                Assert.Equal(System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(content.AsSpan(position + 4)), clone.ReadInt64());
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

    /// <summary>The files under <paramref name="folder"/> this process has mapped.</summary>
    private static List<string> MappedFiles(string folder) =>
        File.ReadLines("/proc/self/maps").Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].StartsWith(Path.GetFullPath(folder), StringComparison.Ordinal))
            .Select(fields => fields[5]).ToList();

    private static byte[] WriteFile(Lucene.Net.Store.Directory directory, string name, int length)
    {
        var content = new byte[length];
        new Random(7).NextBytes(content);
        using var output = directory.CreateOutput(name, IOContext.DEFAULT);
        output.WriteBytes(content, content.Length);
        return content;
    }
}

using Lucene.Net.Store;
using Microsoft.Win32.SafeHandles;

namespace SearchService.Core.Indexing;

/// <summary>
/// The Lucene directory an index is read and written through: the files every keyword search reads (postings, terms
/// dictionary, norms) mapped into memory by <see cref="MappedFileInput"/>, the rest read with positional reads
/// (<c>pread</c>, through the file cache) and a larger read buffer than Lucene's 1 KB for everything but merges.
/// <list type="bullet">
/// <item>Not <see cref="MMapDirectory"/> (what <see cref="FSDirectory.Open(string)"/> picks on 64-bit): Lucene.Net
/// 4.8.0-beta00017 records every clone of a mapped input in a <c>ConditionalWeakTable</c>; a search clones inputs
/// dozens of times, so dependent GC handles pile up, every collection scans them, and pauses grow the longer the
/// service serves (apache/lucenenet#1151).</item>
/// <item>Not <see cref="NIOFSDirectory"/>: its reads lock the file's stream and ask for the file's length before each
/// seek and read, so every search thread reading the same file queues on one lock, and a refill costs three system
/// calls instead of one.</item>
/// <item>Not every file mapped: doc values (the vectors) and stored fields are most of the index (~85 % at 20,000
/// briefs), and their mapped pages would count in RSS; postings, terms and norms are ~5 %, and a keyword search spent a
/// quarter of its time in the system calls that read them 4 KB at a time.</item>
/// </list>
/// Measured in docs/serving.md, "Index files".
/// </summary>
internal sealed class IndexFileDirectory(string path) : FSDirectory(new DirectoryInfo(path), null)
{
    /// <summary>Bytes read per refill: fewer reads than Lucene's 1 KB for long postings, chosen by measurement (docs/serving.md).</summary>
    internal const int ReadBufferBytes = 4 * 1024;

    /// <summary>
    /// Bytes read per refill of the terms dictionary (<c>.tim</c>): every term a query looks up clones the input and
    /// reads one block of a few hundred bytes, so a larger buffer is mostly allocation (a quarter of a keyword
    /// search's garbage at 4 KB, docs/serving.md).
    /// </summary>
    internal const int TermsDictionaryReadBufferBytes = 1024;

    /// <summary>The files mapped into memory (outside merges): postings, positions, payloads, terms dictionary and index, norms.</summary>
    internal static readonly IReadOnlyList<string> MappedExtensions = [".doc", ".pos", ".pay", ".tim", ".tip", ".nvd"];

    public override IndexInput OpenInput(string name, IOContext context)
    {
        EnsureOpen();
        if (context.Context != IOContext.UsageContext.MERGE && MappedExtensions.Any(e => name.EndsWith(e, StringComparison.Ordinal))
            && new FileInfo(FileName(name)) is { Length: > 0 and var length })
            return MappedFileInput.Open(FileName(name), length);
        var file = OpenFile(name);
        try
        {
            return new PositionalFileInput($"{nameof(PositionalFileInput)}(path=\"{FileName(name)}\")", file, ownsFile: true, 0, RandomAccess.GetLength(file), BufferSize(name, context));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public override IndexInputSlicer CreateSlicer(string name, IOContext context)
    {
        EnsureOpen();
        return new FileSlicer(FileName(name), OpenFile(name), context);
    }

    private string FileName(string name) => Path.Combine(Directory.FullName, name);

    private SafeFileHandle OpenFile(string name) =>
        File.OpenHandle(FileName(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    /// <summary>The read buffer for file <paramref name="name"/> (a compound file's slices are named by the file they hold).</summary>
    private static int BufferSize(string name, IOContext context) =>
        context.Context == IOContext.UsageContext.MERGE ? BufferedIndexInput.GetBufferSize(context)
        : name.EndsWith(".tim", StringComparison.Ordinal) ? TermsDictionaryReadBufferBytes
        : ReadBufferBytes;

    /// <summary>Slices of one compound file, all reading through the slicer's handle.</summary>
    private sealed class FileSlicer(string path, SafeFileHandle file, IOContext context) : IndexInputSlicer
    {
        public override IndexInput OpenSlice(string sliceDescription, long offset, long length) =>
            new PositionalFileInput($"{nameof(PositionalFileInput)}({sliceDescription} in path=\"{path}\" slice={offset}:{offset + length})", file, ownsFile: false, offset, length, BufferSize(sliceDescription, context));

        [Obsolete("Only for reading compound files of Lucene 3.x indexes.")]
        public override IndexInput OpenFullSlice() => OpenSlice("full-slice", 0, RandomAccess.GetLength(file));

        protected override void Dispose(bool disposing)
        {
            if (disposing) file.Dispose();
        }
    }

    /// <summary>
    /// Reads a file (or a slice of one) with positional reads: no shared file position, so clones on any number of
    /// threads read at once without a lock. Clones share the handle; only the input that opened it closes it.
    /// </summary>
    private sealed class PositionalFileInput : BufferedIndexInput
    {
        private readonly SafeFileHandle _file;
        private readonly long _start;
        private readonly long _end;
        private bool _ownsFile;

        public PositionalFileInput(string description, SafeFileHandle file, bool ownsFile, long start, long length, int bufferSize)
            : base(description, bufferSize)
        {
            _file = file;
            _ownsFile = ownsFile;
            _start = start;
            _end = start + length;
        }

        public override long Length => _end - _start;

        public override object Clone()
        {
            var clone = (PositionalFileInput)base.Clone();
            clone._ownsFile = false;
            return clone;
        }

        protected override void ReadInternal(byte[] b, int offset, int length)
        {
            var position = _start + Position;
            if (position + length > _end) throw new EndOfStreamException($"read past EOF: {this}");
            var target = b.AsSpan(offset, length);
            while (!target.IsEmpty)
            {
                var read = RandomAccess.Read(_file, target, position);
                if (read <= 0) throw new EndOfStreamException($"read past EOF: {this} (the file is shorter than when it was opened)");
                position += read;
                target = target[read..];
            }
        }

        protected override void SeekInternal(long pos)
        {
            // Nothing to move: every read names its position.
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsFile)
            {
                _ownsFile = false;
                _file.Dispose();
            }
        }
    }
}

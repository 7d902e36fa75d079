using System.Buffers.Binary;
using System.IO.MemoryMappedFiles;
using Lucene.Net.Store;

namespace SearchService.Core.Indexing;

/// <summary>
/// Reads an index file mapped into memory: a read is a copy from the mapping, with no system call and no buffer per
/// clone. Clones share the mapping and never register anywhere (Lucene.Net's own mapped inputs record every clone for
/// the garbage collector to scan, see <see cref="IndexFileDirectory"/>). The mapping is released when neither the
/// input that opened it nor any clone can reach it any more, never while one can: a clone used after its original was
/// closed reads valid bytes instead of faulting the process.
/// </summary>
internal sealed unsafe class MappedFileInput : IndexInput
{
    private readonly Mapping _mapping;
    private readonly byte* _start;
    private readonly long _length;
    private long _position;

    private MappedFileInput(string description, Mapping mapping, long length) : base(description)
    {
        _mapping = mapping;
        _start = mapping.Start;
        _length = length;
    }

    /// <summary>Maps <paramref name="path"/> (not empty) for reading.</summary>
    public static MappedFileInput Open(string path, long length) =>
        new($"{nameof(MappedFileInput)}(path=\"{path}\")", new Mapping(path, length), length);

    public override long Length => _length;

    public override long Position => _position;

    public override void Seek(long pos)
    {
        if (pos < 0 || pos > _length) throw new EndOfStreamException($"seek to {pos} outside 0..{_length}: {this}");
        _position = pos;
    }

    public override byte ReadByte()
    {
        if (_position >= _length) throw new EndOfStreamException($"read past EOF: {this}");
        var value = _start[_position++];
        GC.KeepAlive(this);
        return value;
    }

    // Each read keeps this input (so its mapping) alive until the bytes are copied out.
    public override void ReadBytes(byte[] b, int offset, int len)
    {
        Take(len).CopyTo(b.AsSpan(offset, len));
        GC.KeepAlive(this);
    }

    public override short ReadInt16()
    {
        var value = BinaryPrimitives.ReadInt16BigEndian(Take(sizeof(short)));
        GC.KeepAlive(this);
        return value;
    }

    public override int ReadInt32()
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(Take(sizeof(int)));
        GC.KeepAlive(this);
        return value;
    }

    public override long ReadInt64()
    {
        var value = BinaryPrimitives.ReadInt64BigEndian(Take(sizeof(long)));
        GC.KeepAlive(this);
        return value;
    }

    public override void SkipBytes(long numBytes)
    {
        if (numBytes < 0) throw new ArgumentOutOfRangeException(nameof(numBytes), numBytes, "cannot skip backwards");
        Seek(_position + numBytes);
    }

    public override object Clone() => (MappedFileInput)MemberwiseClone();

    /// <summary>The next <paramref name="count"/> bytes, the position moved past them.</summary>
    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _length) throw new EndOfStreamException($"read of {count} bytes at {_position} past EOF: {this}");
        var bytes = new ReadOnlySpan<byte>(_start + _position, count);
        _position += count;
        return bytes;
    }

    // Closing only drops this input's reference: clones may still read, and the mapping goes with the last of them.
    protected override void Dispose(bool disposing)
    {
    }

    /// <summary>One file's mapping; its finalizer unmaps it once no input refers to it.</summary>
    private sealed class Mapping
    {
        private readonly MemoryMappedFile _file;
        private readonly MemoryMappedViewAccessor _view;

        public Mapping(string path, long length)
        {
            try
            {
                var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                try
                {
                    _file = MemoryMappedFile.CreateFromFile(stream, mapName: null, length, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
                }
                catch
                {
                    stream.Dispose();
                    throw;
                }
                _view = _file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
                byte* start = null;
                _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
                Start = start + _view.PointerOffset;
            }
            catch
            {
                // A half-made mapping has nothing for the finalizer to release (it would fault on what is missing).
                GC.SuppressFinalize(this);
                _view?.Dispose();
                _file?.Dispose();
                throw;
            }
        }

        public byte* Start { get; }

        ~Mapping()
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _file.Dispose();
        }
    }
}

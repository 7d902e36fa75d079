using System.Runtime.InteropServices;
using Lucene.Net.Util;

namespace SearchService.Core.Semantic;

/// <summary>Vectors as little-endian float32 bytes, the form they take in doc values and cache files.</summary>
internal static class VectorCodec
{
    public static byte[] ToBytes(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static BytesRef ToBytesRef(ReadOnlySpan<float> vector) => new(ToBytes(vector));

    /// <summary>Copies the floats held in <paramref name="bytes"/> into <paramref name="destination"/>.</summary>
    public static void Read(BytesRef bytes, Span<float> destination) =>
        MemoryMarshal.Cast<byte, float>(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length)).CopyTo(destination);
}

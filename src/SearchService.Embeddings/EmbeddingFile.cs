using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace SearchService.Embeddings;

/// <summary>Dense vectors with their ids, rows stored contiguously (row <c>i</c> = <c>Values[i*Dimensions ..]</c>).</summary>
public sealed class EmbeddingMatrix
{
    public EmbeddingMatrix(IReadOnlyList<string> ids, float[] values, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        if ((long)ids.Count * dimensions != values.Length)
        {
            throw new ArgumentException($"{values.Length} values do not make {ids.Count} rows of {dimensions}.", nameof(values));
        }

        Ids = ids;
        Values = values;
        Dimensions = dimensions;
    }

    public IReadOnlyList<string> Ids { get; }

    public float[] Values { get; }

    public int Dimensions { get; }

    public int Count => Ids.Count;

    public ReadOnlySpan<float> Row(int index) => Values.AsSpan(index * Dimensions, Dimensions);
}

/// <summary>
/// Reads and writes the on-disk vector format: <c>NAME.bin</c> is rows of float32 little-endian, row-major, no header;
/// <c>NAME.ids.txt</c> is UTF-8 (no BOM), one id per line, LF, line <c>i</c> naming row <c>i</c>.
/// Chosen so that any language (numpy: <c>np.fromfile(p, '&lt;f4').reshape(-1, 384)</c>) can load it without a parser.
/// </summary>
public static class EmbeddingFile
{
    public static string VectorsPath(string basePath) => basePath + ".bin";

    public static string IdsPath(string basePath) => basePath + ".ids.txt";

    /// <summary>Writes both files, each to a temporary name first and then renamed, so a reader never sees half a file.</summary>
    public static void Write(string basePath, IReadOnlyList<string> ids, IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(vectors);
        if (ids.Count != vectors.Count)
        {
            throw new ArgumentException($"{ids.Count} ids but {vectors.Count} vectors.", nameof(vectors));
        }

        var dimensions = vectors.Count == 0 ? 0 : vectors[0].Length;
        foreach (var id in ids)
        {
            if (id.AsSpan().IndexOfAny('\n', '\r') >= 0)
            {
                throw new ArgumentException($"Id '{id}' contains a line break.", nameof(ids));
            }
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(basePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        WriteAtomically(VectorsPath(basePath), stream =>
        {
            var buffer = new byte[Math.Max(dimensions, 1) * sizeof(float)];
            foreach (var vector in vectors)
            {
                if (vector.Length != dimensions)
                {
                    throw new ArgumentException($"Vectors differ in length ({vector.Length} vs {dimensions}).", nameof(vectors));
                }

                if (BitConverter.IsLittleEndian)
                {
                    stream.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
                }
                else
                {
                    for (var i = 0; i < vector.Length; i++)
                    {
                        BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * sizeof(float)), vector[i]);
                    }

                    stream.Write(buffer, 0, vector.Length * sizeof(float));
                }
            }
        });

        WriteAtomically(IdsPath(basePath), stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            writer.NewLine = "\n";
            foreach (var id in ids)
            {
                writer.WriteLine(id);
            }
        });
    }

    /// <summary>Loads a matrix written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> if the two files disagree.</summary>
    public static EmbeddingMatrix Read(string basePath, int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var ids = File.ReadAllLines(IdsPath(basePath), Encoding.UTF8);
        var bytes = File.ReadAllBytes(VectorsPath(basePath));
        var expected = (long)ids.Length * dimensions * sizeof(float);
        if (bytes.LongLength != expected)
        {
            throw new InvalidDataException($"{VectorsPath(basePath)} has {bytes.LongLength} bytes; {ids.Length} ids x {dimensions} floats need {expected}.");
        }

        var values = new float[ids.Length * dimensions];
        if (BitConverter.IsLittleEndian)
        {
            bytes.AsSpan().CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            }
        }

        return new EmbeddingMatrix(ids, values, dimensions);
    }

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            write(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

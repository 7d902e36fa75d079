using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using SearchService.Core.Semantic;
using SearchService.Embeddings;
using SearchService.Core.Relevance;
using SearchService.Core.Passages;

namespace VectorSearchComparison;

/// <summary>Rows of vectors, read by number: held in memory, or derived on demand (a 3 M × 768 set does not fit).</summary>
internal interface IRowSource
{
    string Name { get; }
    long Count { get; }
    int Dimensions { get; }
    void Row(long row, Span<float> destination);
}

/// <summary>Vectors held in one array.</summary>
internal sealed class MatrixRows(string name, float[] matrix, int dimensions) : IRowSource
{
    public string Name => name;
    public long Count => matrix.LongLength / dimensions;
    public int Dimensions => dimensions;
    public float[] Matrix => matrix;
    public ReadOnlySpan<float> Row(long row) => matrix.AsSpan().Slice(checked((int)(row * dimensions)), dimensions);
    public void Row(long row, Span<float> destination) => Row(row).CopyTo(destination);
}

/// <summary>
/// Row i is a real vector (chosen by i) plus Gaussian noise of norm <paramref name="noise"/>, normalised: as many
/// vectors as wanted, with the real vectors' structure, reproducible from the row number alone.
/// </summary>
internal sealed class DerivedRows(string name, MatrixRows real, long count, float noise, ulong seed) : IRowSource
{
    public string Name => name;
    public long Count => count;
    public int Dimensions => real.Dimensions;

    public long SourceOf(long row) => (long)(Mix((ulong)row ^ seed) % (ulong)real.Count);

    public void Row(long row, Span<float> destination)
    {
        real.Row(SourceOf(row), destination);
        var state = Mix((ulong)row * 0x9E3779B97F4A7C15UL ^ seed ^ 0xD1B54A32D192ED03UL) | 1;
        var sigma = noise / MathF.Sqrt(Dimensions);
        for (var d = 0; d < destination.Length; d += 2)
        {
            // Box-Muller: two normal deviates from two uniform ones.
            var u1 = (Next(ref state) >> 11) * (1.0 / (1UL << 53)) + 1e-12;
            var u2 = (Next(ref state) >> 11) * (1.0 / (1UL << 53));
            var radius = Math.Sqrt(-2 * Math.Log(u1));
            destination[d] += (float)(radius * Math.Cos(2 * Math.PI * u2)) * sigma;
            if (d + 1 < destination.Length) destination[d + 1] += (float)(radius * Math.Sin(2 * Math.PI * u2)) * sigma;
        }
        var norm = TensorPrimitives.Norm(destination);
        TensorPrimitives.Divide(destination, norm, destination);
    }

    private static ulong Next(ref ulong state)
    {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>SciFact's passages and test claims, encoded once with the service's default encoder and kept in files.</summary>
internal static class SciFactVectors
{
    public static (MatrixRows Passages, MatrixRows Claims) Load(string dataset, string cacheFolder)
    {
        Directory.CreateDirectory(cacheFolder);
        var passagesFile = Path.Combine(cacheFolder, "scifact-passages.f32");
        var claimsFile = Path.Combine(cacheFolder, "scifact-test-claims.f32");
        if (!File.Exists(passagesFile) || !File.Exists(claimsFile)) Encode(dataset, passagesFile, claimsFile);
        return (Read("scifact passages", passagesFile), Read("scifact claims", claimsFile));
    }

    private static void Encode(string dataset, string passagesFile, string claimsFile)
    {
        var data = BeirDataset.Load(dataset);
        using var encoder = TextEncoders.Create(TextEncoders.MiniLmAndArcticXs);
        // The eval command's cache: passages it has encoded cost nothing here, and the reverse.
        using var cache = new EmbeddingCache(Path.Combine(Path.GetTempPath(), "vs-embedding-cache"), encoder.ModelName, encoder.Dimensions);
        var embedder = new PassageEmbedder(encoder, cache);
        var passages = data.Corpus.Select(BeirIndexer.ToBrief).SelectMany(b => PassageBuilder.Build(b).Select(p => (b, p))).ToList();
        Console.Error.WriteLine($"encoding {passages.Count} passages (cached ones are read)");
        var vectors = embedder.Embed(passages, (done, total) => { if (done % 500 == 0) Console.Error.Write($"\r{done}/{total}"); });
        Write(passagesFile, vectors);
        var claims = data.Judgments.Keys.Order(StringComparer.Ordinal).Select(id => encoder.EncodeQuery(data.Queries[id])).ToArray();
        Write(claimsFile, claims);
    }

    private static void Write(string path, float[][] vectors)
    {
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream);
        writer.Write(vectors.Length);
        writer.Write(vectors[0].Length);
        foreach (var vector in vectors) writer.Write(MemoryMarshal.AsBytes(vector.AsSpan()));
    }

    private static MatrixRows Read(string name, string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        var count = reader.ReadInt32();
        var dimensions = reader.ReadInt32();
        var matrix = new float[(long)count * dimensions];
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(matrix.AsSpan()));
        return new MatrixRows(name, matrix, dimensions);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace SearchService.Core.Semantic;

/// <summary>
/// Vectors already computed, keyed by a hash of the model and the exact text encoded, kept in an
/// append-only file next to the index. Re-indexing unchanged text, or rebuilding the index, costs no
/// encoding. A torn last record (a crash mid-write) is ignored on load.
/// </summary>
public sealed class EmbeddingCache : IDisposable
{
    private const int HashBytes = 32;

    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly FileStream _file;
    private readonly int _dimensions;
    private readonly string _model;

    public EmbeddingCache(string folder, string model, int dimensions)
    {
        Directory.CreateDirectory(folder);
        _model = model;
        _dimensions = dimensions;
        var name = string.Concat(model.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
        Path = System.IO.Path.Combine(folder, $"{name}-{dimensions}.vectors");
        _file = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        Load();
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    public int Count
    {
        get { lock (_gate) return _vectors.Count; }
    }

    /// <summary>The cached vector for <paramref name="text"/>, or null.</summary>
    public float[]? Get(string text)
    {
        var key = Key(text);
        lock (_gate) return _vectors.GetValueOrDefault(key);
    }

    /// <summary>Remembers the vectors of <paramref name="texts"/> and appends them to the file.</summary>
    public void AddRange(IReadOnlyList<string> texts, IReadOnlyList<float[]> vectors)
    {
        var record = new byte[HashBytes + _dimensions * sizeof(float)];
        lock (_gate)
        {
            _file.Seek(0, SeekOrigin.End);
            for (var i = 0; i < texts.Count; i++)
            {
                var key = Key(texts[i]);
                if (!_vectors.TryAdd(key, vectors[i])) continue;
                Convert.FromHexString(key).CopyTo(record, 0);
                VectorCodec.ToBytes(vectors[i]).CopyTo(record, HashBytes);
                _file.Write(record);
            }
            _file.Flush();
        }
    }

    private string Key(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_model + "\n" + text)));

    private void Load()
    {
        var recordLength = HashBytes + _dimensions * sizeof(float);
        var complete = _file.Length / recordLength * recordLength;
        var record = new byte[recordLength];
        _file.Seek(0, SeekOrigin.Begin);
        for (long position = 0; position < complete; position += recordLength)
        {
            _file.ReadExactly(record);
            var vector = new float[_dimensions];
            Buffer.BlockCopy(record, HashBytes, vector, 0, _dimensions * sizeof(float));
            _vectors[Convert.ToHexString(record, 0, HashBytes)] = vector;
        }
        // Drop a record a crash left half-written, so the next append starts on a record boundary.
        if (_file.Length != complete) _file.SetLength(complete);
    }

    public void Dispose()
    {
        lock (_gate) _file.Dispose();
    }
}

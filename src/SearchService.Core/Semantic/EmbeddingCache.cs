using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SearchService.Core.Semantic;

/// <summary>
/// Vectors already computed, keyed by a hash of the model and the exact text encoded, kept in an SQLite file next
/// to the index and looked up on disk (nothing is loaded whole). Re-indexing unchanged text, rebuilding the index,
/// or restarting a build that was stopped half-way costs no encoding. Safe for several writers at once, in one
/// process or several (SQLite's write-ahead log serialises them).
/// </summary>
public sealed class EmbeddingCache : IDisposable
{
    private const int HashBytes = 32;
    private readonly string _connectionString;
    private readonly int _dimensions;
    private readonly string _model;

    public EmbeddingCache(string folder, string model, int dimensions)
    {
        Directory.CreateDirectory(folder);
        _model = model;
        _dimensions = dimensions;
        var name = string.Concat(model.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
        Path = System.IO.Path.Combine(folder, $"{name}-{dimensions}.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 120 }.ToString();
        using var connection = Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS vectors(key BLOB PRIMARY KEY, vector BLOB NOT NULL) WITHOUT ROWID;";
            command.ExecuteNonQuery();
        }
        ImportAppendOnlyFile(folder, name);
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    public int Count
    {
        get
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM vectors";
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The cached vector for <paramref name="text"/>, or null.</summary>
    public float[]? Get(string text)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT vector FROM vectors WHERE key = $key";
        command.Parameters.AddWithValue("$key", Key(text));
        if (command.ExecuteScalar() is not byte[] bytes || bytes.Length != _dimensions * sizeof(float)) return null;
        var vector = new float[_dimensions];
        Buffer.BlockCopy(bytes, 0, vector, 0, bytes.Length);
        return vector;
    }

    /// <summary>The cached vectors of <paramref name="texts"/> (null where none is cached), with one connection for all.</summary>
    public float[]?[] GetMany(IReadOnlyList<string> texts)
    {
        var vectors = new float[]?[texts.Count];
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT vector FROM vectors WHERE key = $key";
        var key = command.Parameters.Add("$key", SqliteType.Blob);
        for (var i = 0; i < texts.Count; i++)
        {
            key.Value = Key(texts[i]);
            if (command.ExecuteScalar() is not byte[] bytes || bytes.Length != _dimensions * sizeof(float)) continue;
            vectors[i] = new float[_dimensions];
            Buffer.BlockCopy(bytes, 0, vectors[i]!, 0, bytes.Length);
        }
        return vectors;
    }

    /// <summary>Remembers the vectors of <paramref name="texts"/>, durably, in one transaction.</summary>
    public void AddRange(IReadOnlyList<string> texts, IReadOnlyList<float[]> vectors)
    {
        if (texts.Count != vectors.Count) throw new ArgumentException($"{texts.Count} texts but {vectors.Count} vectors", nameof(vectors));
        using var connection = Open();
        Insert(connection, Enumerable.Range(0, texts.Count).Select(i => (Key(texts[i]), VectorCodec.ToBytes(vectors[i]))));
    }

    private static void Insert(SqliteConnection connection, IEnumerable<(byte[] Key, byte[] Vector)> rows)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO vectors(key, vector) VALUES ($key, $vector)";
        var key = command.Parameters.Add("$key", SqliteType.Blob);
        var vector = command.Parameters.Add("$vector", SqliteType.Blob);
        foreach (var row in rows)
        {
            key.Value = row.Key;
            vector.Value = row.Vector;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private byte[] Key(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(_model + "\n" + text));

    /// <summary>
    /// Earlier versions kept the cache as an append-only file of (hash, vector) records: its vectors are moved into the
    /// database once (a torn last record is ignored), and the file is removed.
    /// </summary>
    private void ImportAppendOnlyFile(string folder, string name)
    {
        var old = System.IO.Path.Combine(folder, $"{name}-{_dimensions}.vectors");
        if (!File.Exists(old)) return;
        var recordLength = HashBytes + _dimensions * sizeof(float);
        using (var file = File.OpenRead(old))
        {
            var complete = file.Length / recordLength;
            using var connection = Open();
            Insert(connection, Records(file, complete, recordLength));
        }
        File.Delete(old);
    }

    private static IEnumerable<(byte[] Key, byte[] Vector)> Records(FileStream file, long count, int recordLength)
    {
        var record = new byte[recordLength];
        for (long i = 0; i < count; i++)
        {
            file.ReadExactly(record);
            yield return (record[..HashBytes], record[HashBytes..]);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        return connection;
    }

    public void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
}

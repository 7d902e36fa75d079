using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SearchService.Core.Related;

/// <summary>
/// Persists what related scoring computes per brief, next to the index generation it describes (an SQLite file
/// in the generation's folder, deleted with it): text profiles by content hash, neighbourhood statistics and
/// related lists by brief id, and which lists name which briefs (so a change finds the lists it affects). A
/// restart reads lists from here instead of computing them. Rows of another model are dropped on open.
/// </summary>
internal sealed class RelatedStore : IDisposable
{
    /// <summary>Lists of an older layout (before reasons named phrases and the closest passages) are computed again, not misread.</summary>
    private const int SchemaVersion = 2;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _connectionString;
    // Writes from this process take turns here rather than in SQLite's lock: a writer that meets another there waits
    // in Microsoft.Data.Sqlite's retry sleeps (150 ms each), a tenth of a first fill's time with two workers.
    private readonly Lock _writing = new();

    public RelatedStore(string path, string modelFingerprint)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 60 }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS profiles(hash TEXT PRIMARY KEY, data BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS neighbours(id TEXT PRIMARY KEY, hash TEXT NOT NULL, data TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS lists(id TEXT PRIMARY KEY, hash TEXT NOT NULL, data TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS list_members(member TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY(member, id)) WITHOUT ROWID;
            """);
        // A list's members are replaced by the list's id on every write that touches it: without this index each
        // replacement scanned every list's members (1 M rows at 20,000 briefs: an upload waited ~5 s on them).
        // Stores written before it get it on their first opening (seconds at 100,000 briefs, once).
        Execute(connection, "CREATE INDEX IF NOT EXISTS list_members_by_list ON list_members(id);");
        var identity = $"{SchemaVersion}:{modelFingerprint}";
        if (Scalar(connection, "SELECT value FROM meta WHERE key = 'model'") as string != identity)
        {
            // Lists, statistics and profiles of another model (or an older layout) would mix two rankings.
            Execute(connection, "DELETE FROM profiles; DELETE FROM neighbours; DELETE FROM lists; DELETE FROM list_members;");
            using var set = connection.CreateCommand();
            set.CommandText = "INSERT OR REPLACE INTO meta(key, value) VALUES ('model', $value)";
            set.Parameters.AddWithValue("$value", identity);
            set.ExecuteNonQuery();
        }
    }

    public string Path { get; }

    public BriefTextProfile? Profile(string hash)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM profiles WHERE hash = $hash";
        command.Parameters.AddWithValue("$hash", hash);
        return command.ExecuteScalar() is byte[] data ? ProfileCodec.Read(data) : null;
    }

    /// <summary>
    /// The word weights of the profile stored for <paramref name="hash"/>, read alone from the start of its blob: what
    /// neighbourhood statistics need, a fraction of the whole (the character n-grams are most of it).
    /// </summary>
    public SparseVector? ProfileWords(string hash)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        // With its rowid selected, the blob is read through SQLite's incremental I/O instead of copied whole.
        command.CommandText = "SELECT rowid, data FROM profiles WHERE hash = $hash";
        command.Parameters.AddWithValue("$hash", hash);
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        using var blob = reader.GetStream(1);
        return ProfileCodec.ReadWords(blob);
    }

    public void SaveProfiles(IReadOnlyList<(string Hash, BriefTextProfile Profile)> profiles)
    {
        if (profiles.Count == 0) return;
        var encoded = profiles.Select(p => (p.Hash, Data: ProfileCodec.Write(p.Profile))).ToList();
        lock (_writing)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO profiles(hash, data) VALUES ($hash, $data)";
            var hash = command.Parameters.Add("$hash", SqliteType.Text);
            var data = command.Parameters.Add("$data", SqliteType.Blob);
            foreach (var (key, bytes) in encoded)
            {
                hash.Value = key;
                data.Value = bytes;
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <summary>The statistics stored for brief <paramref name="id"/> when they were computed for content <paramref name="hash"/>.</summary>
    public BriefNeighbours? Neighbours(string id, string hash)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM neighbours WHERE id = $id AND hash = $hash";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$hash", hash);
        if (command.ExecuteScalar() is not string data) return null;
        var stored = JsonSerializer.Deserialize<StoredNeighbours>(data, Json)!;
        return new BriefNeighbours(stored.Vector?.ToNearest(), stored.Words?.ToNearest());
    }

    public void SaveNeighbours(string id, string hash, BriefNeighbours neighbours)
    {
        lock (_writing)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO neighbours(id, hash, data) VALUES ($id, $hash, $data)";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$hash", hash);
            command.Parameters.AddWithValue("$data", JsonSerializer.Serialize(new StoredNeighbours(StoredNearest.Of(neighbours.ByVector), StoredNearest.Of(neighbours.ByWords)), Json));
            command.ExecuteNonQuery();
        }
    }

    public StoredRelatedList? List(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM lists WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is string data ? JsonSerializer.Deserialize<StoredRelatedList>(data, Json) : null;
    }

    public void SaveList(string id, StoredRelatedList list)
    {
        lock (_writing)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            DeleteList(connection, id);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "INSERT INTO lists(id, hash, data) VALUES ($id, $hash, $data)";
                command.Parameters.AddWithValue("$id", id);
                command.Parameters.AddWithValue("$hash", list.SourceHash);
                command.Parameters.AddWithValue("$data", JsonSerializer.Serialize(list, Json));
                command.ExecuteNonQuery();
            }
            using (var member = connection.CreateCommand())
            {
                member.CommandText = "INSERT OR IGNORE INTO list_members(member, id) VALUES ($member, $id)";
                var name = member.Parameters.Add("$member", SqliteType.Text);
                member.Parameters.AddWithValue("$id", id);
                foreach (var related in list.Related.Take(RelatedBriefFinder.MaxK))
                {
                    name.Value = related.Id;
                    member.ExecuteNonQuery();
                }
            }
            transaction.Commit();
        }
    }

    /// <summary>The briefs whose stored lists (their first <see cref="RelatedBriefFinder.MaxK"/>) name <paramref name="id"/>.</summary>
    public List<string> ListsNaming(string id)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM list_members WHERE member = $member";
        command.Parameters.AddWithValue("$member", id);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>A consistent copy of the whole store at <paramref name="path"/> (SQLite's online backup: writers may go on).</summary>
    public void CopyTo(string path)
    {
        using var source = Open();
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        destination.Open();
        source.BackupDatabase(destination);
    }

    /// <summary>Forgets the lists and statistics of <paramref name="ids"/> (they will be computed again).</summary>
    public void Forget(IEnumerable<string> ids)
    {
        lock (_writing)
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction();
            foreach (var id in ids)
            {
                DeleteList(connection, id);
                using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM neighbours WHERE id = $id";
                command.Parameters.AddWithValue("$id", id);
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    /// <summary>Brief id → content hash of every stored list.</summary>
    public Dictionary<string, string> ListHashes()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, hash FROM lists";
        using var reader = command.ExecuteReader();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) hashes[reader.GetString(0)] = reader.GetString(1);
        return hashes;
    }

    private static void DeleteList(SqliteConnection connection, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM lists WHERE id = $id; DELETE FROM list_members WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Returns pooled connections, so the file can be deleted with its generation.</summary>
    public void Dispose() => SqliteConnection.ClearPool(new SqliteConnection(_connectionString));

    private sealed record StoredNeighbours(StoredNearest? Vector, StoredNearest? Words);

    private sealed record StoredNearest(IReadOnlyList<string> Ids, float Density)
    {
        public static StoredNearest? Of(NearestBriefs? nearest) => nearest is null ? null : new(nearest.Ordered, nearest.Density);
        public NearestBriefs ToNearest() => new(Ids, Density);
    }

    /// <summary>A text profile as bytes: two sparse vectors (count, indices, values) and the dense topic mixture.</summary>
    private static class ProfileCodec
    {
        public static byte[] Write(BriefTextProfile profile)
        {
            using var stream = new MemoryStream();
            using var writer = new BinaryWriter(stream);
            WriteSparse(writer, profile.Words);
            WriteSparse(writer, profile.Characters);
            writer.Write(profile.Topics.Length);
            foreach (var value in profile.Topics) writer.Write(value);
            writer.Flush();
            return stream.ToArray();
        }

        public static BriefTextProfile Read(byte[] data)
        {
            using var stream = new MemoryStream(data);
            var words = ReadSparse(stream);
            var characters = ReadSparse(stream);
            using var reader = new BinaryReader(stream);
            var topics = new float[reader.ReadInt32()];
            for (var i = 0; i < topics.Length; i++) topics[i] = reader.ReadSingle();
            return new BriefTextProfile(words, characters, topics);
        }

        /// <summary>The first sparse vector of an encoded profile (its words), read from <paramref name="stream"/>.</summary>
        public static SparseVector ReadWords(Stream stream) => ReadSparse(stream);

        private static void WriteSparse(BinaryWriter writer, SparseVector vector)
        {
            writer.Write(vector.Indices.Length);
            foreach (var index in vector.Indices) writer.Write(index);
            foreach (var value in vector.Values) writer.Write(value);
        }

        // Three reads a vector (count, indices, values) straight into its arrays: a blob streamed from SQLite is read in
        // three calls, not one per number.
        private static SparseVector ReadSparse(Stream stream)
        {
            if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("profiles are stored little-endian");
            Span<byte> countBytes = stackalloc byte[sizeof(int)];
            stream.ReadExactly(countBytes);
            var count = BinaryPrimitives.ReadInt32LittleEndian(countBytes);
            var indices = new int[count];
            var values = new float[count];
            stream.ReadExactly(MemoryMarshal.AsBytes(indices.AsSpan()));
            stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
            return new SparseVector(indices, values);
        }
    }
}

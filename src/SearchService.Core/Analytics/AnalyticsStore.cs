using Microsoft.Data.Sqlite;

namespace SearchService.Core.Analytics;

/// <summary>
/// The SQLite file that keeps search analytics: one row per search and per click, written in batches by one writer,
/// pruned by age and row count. It lives beside the index's generations, not in one, so it outlives restarts and
/// reindexes. Reads for reports go through <see cref="AnalyticsReporter"/> on their own connections (WAL: readers never
/// wait for the writer).
/// </summary>
public sealed class AnalyticsStore
{
    public const string FileName = "analytics.db";

    public AnalyticsStore(string path)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS searches(
                search_id TEXT NOT NULL PRIMARY KEY,
                at INTEGER NOT NULL,
                kind TEXT NOT NULL,
                query TEXT NOT NULL,
                mode TEXT NOT NULL,
                filters TEXT NOT NULL,
                total INTEGER NOT NULL,
                took_ms REAL NOT NULL);
            CREATE INDEX IF NOT EXISTS searches_at ON searches(at);
            CREATE TABLE IF NOT EXISTS clicks(
                search_id TEXT NOT NULL,
                at INTEGER NOT NULL,
                brief_id TEXT NOT NULL,
                position INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS clicks_search ON clicks(search_id);
            CREATE INDEX IF NOT EXISTS clicks_at ON clicks(at);
            """);
    }

    public string Path { get; }

    internal string ConnectionString { get; }

    /// <summary>Writes <paramref name="events"/> in one transaction (a search clicked in the same batch is written first).</summary>
    public void Write(IReadOnlyList<AnalyticsEvent> events)
    {
        if (events.Count == 0) return;
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var search = connection.CreateCommand();
        // A search id is random; a repeat would be a forged or replayed one, not a second search.
        search.CommandText = "INSERT OR IGNORE INTO searches(search_id, at, kind, query, mode, filters, total, took_ms) VALUES ($id, $at, $kind, $query, $mode, $filters, $total, $took)";
        var sId = search.Parameters.Add("$id", SqliteType.Text);
        var sAt = search.Parameters.Add("$at", SqliteType.Integer);
        var sKind = search.Parameters.Add("$kind", SqliteType.Text);
        var sQuery = search.Parameters.Add("$query", SqliteType.Text);
        var sMode = search.Parameters.Add("$mode", SqliteType.Text);
        var sFilters = search.Parameters.Add("$filters", SqliteType.Text);
        var sTotal = search.Parameters.Add("$total", SqliteType.Integer);
        var sTook = search.Parameters.Add("$took", SqliteType.Real);
        using var click = connection.CreateCommand();
        click.CommandText = "INSERT INTO clicks(search_id, at, brief_id, position) VALUES ($id, $at, $brief, $position)";
        var cId = click.Parameters.Add("$id", SqliteType.Text);
        var cAt = click.Parameters.Add("$at", SqliteType.Integer);
        var cBrief = click.Parameters.Add("$brief", SqliteType.Text);
        var cPosition = click.Parameters.Add("$position", SqliteType.Integer);
        foreach (var e in events)
        {
            switch (e)
            {
                case SearchEvent s:
                    (sId.Value, sAt.Value, sKind.Value, sQuery.Value, sMode.Value) = (s.SearchId, s.At.ToUnixTimeMilliseconds(), s.Kind, s.Query, s.Mode);
                    (sFilters.Value, sTotal.Value, sTook.Value) = (s.Filters, s.Total, s.TookMs);
                    search.ExecuteNonQuery();
                    break;
                case ClickEvent c:
                    (cId.Value, cAt.Value, cBrief.Value, cPosition.Value) = (c.SearchId, c.At.ToUnixTimeMilliseconds(), c.BriefId, c.Position);
                    click.ExecuteNonQuery();
                    break;
            }
        }
        transaction.Commit();
    }

    /// <summary>
    /// Deletes searches and clicks older than <paramref name="keepSince"/>, then the oldest beyond
    /// <paramref name="maxSearches"/> searches and <paramref name="maxClicks"/> clicks, and the clicks of searches no longer
    /// kept. Returns the rows deleted. Freed pages are reused, so the file stops growing at its bound.
    /// </summary>
    public int Prune(DateTimeOffset keepSince, int maxSearches, int maxClicks)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var deleted = 0;
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$since", keepSince.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$maxSearches", maxSearches);
        command.Parameters.AddWithValue("$maxClicks", maxClicks);
        foreach (var statement in new[]
                 {
                     "DELETE FROM searches WHERE at < $since",
                     "DELETE FROM searches WHERE rowid IN (SELECT rowid FROM searches ORDER BY at DESC, rowid DESC LIMIT -1 OFFSET $maxSearches)",
                     // A click comes after its search: one older than every kept search belongs to none of them.
                     "DELETE FROM clicks WHERE at < $since OR at < COALESCE((SELECT MIN(at) FROM searches), 9223372036854775807)",
                     "DELETE FROM clicks WHERE rowid IN (SELECT rowid FROM clicks ORDER BY at DESC, rowid DESC LIMIT -1 OFFSET $maxClicks)",
                 })
        {
            command.CommandText = statement;
            deleted += command.ExecuteNonQuery();
        }
        transaction.Commit();
        return deleted;
    }

    internal SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

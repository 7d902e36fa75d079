using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SearchService.Core.Analytics;

/// <summary>Aggregates what <see cref="AnalyticsStore"/> kept into an <see cref="AnalyticsReport"/>, reading only.</summary>
public sealed class AnalyticsReporter(AnalyticsStore store)
{
    public const int DefaultTop = 20;

    /// <summary>Searches kinds that have a query a reader typed or pasted.</summary>
    private const string QueryKinds = $"kind IN ('{SearchKinds.Search}', '{SearchKinds.Similar}')";

    /// <summary>The report for the UTC days <paramref name="from"/> to <paramref name="to"/>, inclusive; lists hold at most <paramref name="top"/> queries.</summary>
    public AnalyticsReport Report(DateOnly from, DateOnly to, int top = DefaultTop)
    {
        using var connection = new SqliteConnection(store.ConnectionString);
        connection.Open();
        var range = new Range(from, to);
        var (searches, withClicks, clicks, meanPosition) = Totals(connection, range, QueryKinds);
        var (shown, relatedClicked, _, relatedPosition) = Totals(connection, range, $"kind = '{SearchKinds.Related}'");
        return new AnalyticsReport(
            from, to, searches, clicks, withClicks, Rate(withClicks, searches), meanPosition,
            Queries(connection, range, "query <> ''", "ORDER BY searches DESC, query", top),
            Queries(connection, range, "total = 0", "ORDER BY searches DESC, last DESC, query", top),
            Queries(connection, range, "query <> '' AND total > 0", "HAVING clicks = 0 ORDER BY searches DESC, last DESC, query", top),
            PerDay(connection, range),
            new RelatedStatistics(shown, relatedClicked, Rate(relatedClicked, shown), relatedPosition));
    }

    private readonly record struct Range(DateOnly From, DateOnly To)
    {
        public long Start => new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        public long End => new DateTimeOffset(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
    }

    private static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    /// <summary>The searches in range of the kinds <paramref name="kinds"/> selects, with their click counts.</summary>
    private static string Selected(string kinds) => $"""
        WITH s AS (SELECT search_id, at, query, total FROM searches WHERE at >= $start AND at < $end AND {kinds}),
             c AS (SELECT search_id, COUNT(*) AS n, SUM(position) AS positions FROM clicks WHERE search_id IN (SELECT search_id FROM s) GROUP BY search_id)
        """;

    private static SqliteCommand Command(SqliteConnection connection, Range range, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$start", range.Start);
        command.Parameters.AddWithValue("$end", range.End);
        return command;
    }

    private static (long Searches, long WithClicks, long Clicks, double? MeanPosition) Totals(SqliteConnection connection, Range range, string kinds)
    {
        using var command = Command(connection, range, Selected(kinds) + """
            SELECT COUNT(*), COUNT(c.n), COALESCE(SUM(c.n), 0), SUM(c.positions) FROM s LEFT JOIN c USING (search_id)
            """);
        using var reader = command.ExecuteReader();
        reader.Read();
        var clicks = reader.GetInt64(2);
        double? mean = clicks == 0 ? null : Math.Round(reader.GetDouble(3) / clicks, 2);
        return (reader.GetInt64(0), reader.GetInt64(1), clicks, mean);
    }

    private static List<QueryStatistics> Queries(SqliteConnection connection, Range range, string where, string order, int top)
    {
        using var command = Command(connection, range, Selected(QueryKinds) + $"""
            SELECT query, COUNT(*) AS searches, AVG(total), COALESCE(SUM(c.n), 0) AS clicks, COUNT(c.n), MAX(at) AS last
            FROM s LEFT JOIN c USING (search_id) WHERE {where} GROUP BY query {order} LIMIT $top
            """);
        command.Parameters.AddWithValue("$top", top);
        using var reader = command.ExecuteReader();
        var list = new List<QueryStatistics>();
        while (reader.Read())
        {
            var searches = reader.GetInt64(1);
            list.Add(new QueryStatistics(reader.GetString(0), searches, Math.Round(reader.GetDouble(2), 2), reader.GetInt64(3),
                Rate(reader.GetInt64(4), searches), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }
        return list;
    }

    private static List<DayStatistics> PerDay(SqliteConnection connection, Range range)
    {
        using var command = Command(connection, range, Selected(QueryKinds) + """
            SELECT strftime('%Y-%m-%d', at / 1000, 'unixepoch') AS day, COUNT(*), SUM(total = 0), COALESCE(SUM(c.n), 0)
            FROM s LEFT JOIN c USING (search_id) GROUP BY day
            """);
        var counted = new Dictionary<DateOnly, DayStatistics>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var day = DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                counted[day] = new DayStatistics(day, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            }
        }
        var days = new List<DayStatistics>();
        for (var day = range.From; day <= range.To; day = day.AddDays(1)) days.Add(counted.GetValueOrDefault(day) ?? new DayStatistics(day, 0, 0, 0));
        return days;
    }
}

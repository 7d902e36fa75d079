using Microsoft.Data.Sqlite;
using SearchService.Core.Related;

namespace SearchService.Core.Tests.Related;

/// <summary>A store of related lists written by an older layout is emptied on opening: its lists are computed again, never misread.</summary>
public sealed class RelatedStoreLayoutTests
{
    [Fact]
    public void Lists_of_an_older_layout_are_forgotten_and_lists_of_this_one_kept()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "related.db");
        var list = new StoredRelatedList("hash", [new RelatedBrief("b", "B", 1f, ["shared phrases: critical infrastructure"], ["critical infrastructure"], [], new PassageMatch("x", "y", 0.5f))], UsedLearnedRanker: true);

        using (var store = new RelatedStore(path, "model")) store.SaveList("a", list);
        StoredRelatedList? reopened;
        using (var store = new RelatedStore(path, "model")) reopened = store.List("a");
        Assert.NotNull(reopened);
        Assert.Equal(["critical infrastructure"], reopened.Related[0].SharedPhrases);
        Assert.Equal(0.5f, reopened.Related[0].BestMatch!.Similarity);

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // As the first layout recorded itself: lists without phrases or closest passages.
            command.CommandText = "UPDATE meta SET value = '1:model' WHERE key = 'model'";
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();

        using var older = new RelatedStore(path, "model");
        Assert.Null(older.List("a"));
    }
}

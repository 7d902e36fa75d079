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

    [Fact]
    public void Replacing_a_list_looks_up_its_members_by_the_list_not_by_reading_every_list()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "related.db");
        using (var store = new RelatedStore(path, "model")) store.SaveList("a", new StoredRelatedList("hash", [], UsedLearnedRanker: false));

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN DELETE FROM list_members WHERE id = 'a'";
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read()) plan.Add(reader.GetString(3));
        Assert.Contains(plan, step => step.Contains("USING", StringComparison.Ordinal) && step.Contains("list_members_by_list", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
    }

    [Fact]
    public void The_words_of_a_stored_profile_read_alone_are_the_words_of_the_whole()
    {
        using var folder = new TempFolder();
        using var store = new RelatedStore(Path.Combine(folder.Path, "related.db"), "model");
        var profile = new BriefTextProfile(
            new SparseVector([3, 17, 40_000], [0.5f, -0.25f, 0.125f]),
            new SparseVector(Enumerable.Range(0, 5_000).ToArray(), Enumerable.Range(0, 5_000).Select(i => i / 5_000f).ToArray()),
            [0.6f, 0.8f]);
        store.SaveProfiles([("hash", profile), ("empty", BriefTextProfile.Empty)]);

        var words = store.ProfileWords("hash");
        Assert.NotNull(words);
        Assert.Equal(profile.Words.Indices, words.Indices);
        Assert.Equal(profile.Words.Values, words.Values);
        Assert.Equal(store.Profile("hash")!.Words.Values, words.Values);
        Assert.Empty(store.ProfileWords("empty")!.Indices);
        Assert.Null(store.ProfileWords("unknown"));
    }
}

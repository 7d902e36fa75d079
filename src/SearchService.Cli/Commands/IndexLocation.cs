using System.CommandLine;
using SearchService.Core;
using SearchService.Core.Indexing;
using SearchService.Core.Semantic;

namespace SearchService.Cli.Commands;

/// <summary>Resolves <c>--index</c> and opens the index, so every command treats the folder the same way.</summary>
internal static class IndexLocation
{
    public static string Resolve(ParseResult result)
    {
        var path = result.GetValue(CliApp.IndexOption) ?? CliApp.DefaultIndex;
        return ResolveDefaultInRepository(path, CliApp.DefaultIndex);
    }

    /// <summary>
    /// A folder the user typed, from the current folder; the default (<paramref name="defaultPath"/>) lives in the
    /// repository, wherever the command is run from inside it.
    /// </summary>
    public static string ResolveDefaultInRepository(string path, string defaultPath) =>
        path == defaultPath && RepositoryPaths.FindRoot(Directory.GetCurrentDirectory()) is { } root
            ? Path.Combine(root, path)
            : Path.GetFullPath(path);

    /// <summary>
    /// Opens (or creates) the index, embedding what is written through it with <paramref name="embedder"/>; null,
    /// with the reason on stderr, when another process holds it.
    /// </summary>
    public static LiveIndex? Open(ParseResult result, PassageEmbedder? embedder = null)
    {
        try
        {
            return LiveIndex.Open(Resolve(result), embedder);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"{e.Message} A running service is changed through its HTTP API instead (POST /api/briefs, POST /api/admin/reindex).");
            return null;
        }
    }

    /// <summary>Opens an index that must already exist; null (with a message on stderr) when it does not.</summary>
    public static LiveIndex? OpenExisting(ParseResult result, PassageEmbedder? embedder = null)
    {
        var path = Resolve(result);
        if (!LiveIndex.Exists(path))
        {
            Console.Error.WriteLine($"No index at {path}. Build one first: searchservice index index/briefs --index {path}");
            return null;
        }
        return Open(result, embedder);
    }
}

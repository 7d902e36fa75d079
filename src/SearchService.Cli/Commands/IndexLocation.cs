using System.CommandLine;
using SearchService.Core.Indexing;

namespace SearchService.Cli.Commands;

/// <summary>Resolves <c>--index</c> and opens the index, so every command treats the folder the same way.</summary>
internal static class IndexLocation
{
    public static string Resolve(ParseResult result)
    {
        var path = result.GetValue(CliApp.IndexOption) ?? CliApp.DefaultIndex;
        if (Path.IsPathRooted(path) || path != CliApp.DefaultIndex) return Path.GetFullPath(path);
        // The default lives in the repository, wherever the command is run from inside it.
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SearchService.sln"))) return Path.Combine(folder.FullName, path);
        }
        return Path.GetFullPath(path);
    }

    public static BriefIndex Open(ParseResult result) => BriefIndex.Open(Resolve(result));

    /// <summary>Opens an index that must already hold briefs; null (with a message on stderr) when it does not.</summary>
    public static BriefIndex? OpenExisting(ParseResult result)
    {
        var path = Resolve(result);
        if (!BriefIndex.Exists(path))
        {
            Console.Error.WriteLine($"No index at {path}. Build one first: searchservice index index/briefs --index {path}");
            return null;
        }
        return BriefIndex.Open(path);
    }
}

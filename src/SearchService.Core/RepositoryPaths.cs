namespace SearchService.Core;

/// <summary>
/// The repository checkout the programs run in, found by the solution file above a folder: configured relative paths
/// ("index/data", "models/related") mean the same folder whether a program starts from the repository root, a project
/// folder or a build output folder.
/// </summary>
public static class RepositoryPaths
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFile = "SearchService.sln";

    /// <summary>
    /// <paramref name="path"/> when rooted; otherwise under the repository above the current folder (or above the
    /// program's own folder), or under the current folder outside a checkout.
    /// </summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        var root = FindRoot(Directory.GetCurrentDirectory()) ?? FindRoot(AppContext.BaseDirectory);
        return Path.GetFullPath(Path.Combine(root ?? Directory.GetCurrentDirectory(), path));
    }

    /// <summary>The nearest folder upwards from <paramref name="start"/> that holds <see cref="SolutionFile"/>, or null.</summary>
    public static string? FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile))) return folder.FullName;
        }
        return null;
    }
}

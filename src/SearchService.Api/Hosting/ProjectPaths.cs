namespace SearchService.Api.Hosting;

/// <summary>
/// Resolves the configured relative paths ("index/data") the same way whether the service is started
/// from the repository root, from its project folder, or from a build output folder.
/// </summary>
public static class ProjectPaths
{
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        var root = FindRepositoryRoot(Directory.GetCurrentDirectory()) ?? FindRepositoryRoot(AppContext.BaseDirectory);
        return Path.GetFullPath(Path.Combine(root ?? Directory.GetCurrentDirectory(), path));
    }

    /// <summary>The nearest folder upwards that holds SearchService.sln.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SearchService.sln"))) return folder.FullName;
        }
        return null;
    }
}

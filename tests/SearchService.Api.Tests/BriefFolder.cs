namespace SearchService.Api.Tests;

/// <summary>A temporary folder of real briefs for an app to start from: some fixtures, or many copies of them under different file names (and so ids).</summary>
public sealed class BriefFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("searchservice-briefs-").FullName;

    public static BriefFolder WithFixtures(params string[] fileNames)
    {
        var folder = new BriefFolder();
        foreach (var name in fileNames) File.Copy(SearchApp.Fixture(name), System.IO.Path.Combine(folder.Path, name));
        return folder;
    }

    /// <summary><paramref name="copies"/> copies of each fixture, named "&lt;fixture&gt;-copy-&lt;n&gt;.md" so each is a brief of its own.</summary>
    public static BriefFolder WithCopies(int copies, params string[] fileNames)
    {
        var folder = new BriefFolder();
        foreach (var name in fileNames)
        {
            for (var n = 1; n <= copies; n++)
                File.Copy(SearchApp.Fixture(name), System.IO.Path.Combine(folder.Path, $"{System.IO.Path.GetFileNameWithoutExtension(name)}-copy-{n}.md"));
        }
        return folder;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { /* temp is cleaned by the OS */ }
    }
}

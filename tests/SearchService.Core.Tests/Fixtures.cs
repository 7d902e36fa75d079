namespace SearchService.Core.Tests;

/// <summary>Paths of the real briefs copied next to the tests, and temporary folders that clean up after themselves.</summary>
internal static class Fixtures
{
    public static string BriefsFolder => Path.Combine(AppContext.BaseDirectory, "fixtures", "briefs");

    public static string Brief(string fileName) => Path.Combine(BriefsFolder, fileName);

    public const string Seed = "navigating-ai-sovereignty.md";
    public const string GaoWithNumberedRecommendations = "gao-26-107551.md";
    public const string GaoWithPageHeaders = "gao-26-107815.md";
    public const string GaoQuantum = "gao-26-107759.md";
    public const string CrsBiometrics = "IF11783v7-biometric-technologies-and-global-security.md";
}

/// <summary>A folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("searchservice-tests-").FullName;

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string File(string name, byte[] content)
    {
        var path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { /* an open index file on a slow disk; the OS cleans temp */ }
    }
}

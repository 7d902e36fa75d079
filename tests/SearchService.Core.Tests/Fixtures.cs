namespace SearchService.Core.Tests;

/// <summary>Paths of the real briefs copied next to the tests, and temporary folders that clean up after themselves.</summary>
internal static class Fixtures
{
    public static string BriefsFolder => Path.Combine(AppContext.BaseDirectory, "fixtures", "briefs");

    public static string Brief(string fileName) => Path.Combine(BriefsFolder, fileName);

    /// <summary>The shared corpora of real publications next to the repository (../shared/corpora).</summary>
    public static string SharedCorpus(params string[] parts)
    {
        var corpora = RepositoryPaths.Resolve(Path.Combine("..", "shared", "corpora"));
        if (!Directory.Exists(corpora))
            throw new DirectoryNotFoundException($"These tests read the shared public corpora at {corpora} (the folder 'shared' beside the repository, as CI has it); it is missing.");
        return Path.Combine([corpora, .. parts]);
    }

    /// <summary>Real publications in the other formats (PDF, a web page saved under a PDF's name).</summary>
    public static string Format(string fileName) => Path.Combine(AppContext.BaseDirectory, "fixtures", "formats", fileName);

    public const string Seed = "navigating-ai-sovereignty.md";
    public const string GaoWithNumberedRecommendations = "gao-26-107551.md";
    public const string GaoWithPageHeaders = "gao-26-107815.md";
    public const string GaoQuantum = "gao-26-107759.md";
    public const string CrsBiometrics = "IF11783v7-biometric-technologies-and-global-security.md";

    /// <summary>GAO-06-1046 as published: a highlights page ("What GAO Found", "What GAO Recommends"), contents, a letter with margin headings, footnotes.</summary>
    public const string GaoPdf = "gao-06-1046.pdf";
    /// <summary>CRS In Focus IF12155 as published: two columns, justified text, running header and footer.</summary>
    public const string CrsPdf = "IF12155.pdf";
    /// <summary>CRS In Focus IF12024 version 6 as a PDF, and as the Markdown conversion of its web page (which links the PDF).</summary>
    public const string CrsPairedPdf = "IF12024.6.pdf";
    public const string CrsPairedMarkdown = "IF12024v6-farm-bill-primer-conservation-title.md";
    /// <summary>What a download of GAO-08-1075T's PDF saved: GovInfo's "Page Not Found" HTML page.</summary>
    public const string HtmlSavedAsPdf = "gao-08-1075t.pdf";
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

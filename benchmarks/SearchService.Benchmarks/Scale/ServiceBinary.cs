namespace SearchService.Benchmarks.Scale;

/// <summary>The service, published once in Release into <c>&lt;work&gt;/service/</c> and started from there for every size.</summary>
public static class ServiceBinary
{
    private const string ProjectPath = "src/SearchService.Api/SearchService.Api.csproj";
    private const string AssemblyName = "SearchService.Api.dll";

    public static string PublishCommand(string outputFolder) => $"dotnet publish {ProjectPath} -c Release -o {outputFolder}";

    /// <summary>Publishes the service (unless <paramref name="skipBuild"/>) and returns the path of its assembly.</summary>
    public static async Task<string> PrepareAsync(string repositoryRoot, string workFolder, bool skipBuild, Action<string> log)
    {
        var output = Path.Combine(workFolder, "service");
        var assembly = Path.Combine(output, AssemblyName);
        if (skipBuild)
        {
            return File.Exists(assembly)
                ? assembly
                : throw new InvalidOperationException($"--skip-build was given but {assembly} does not exist: run once without --skip-build.");
        }
        log(PublishCommand(output));
        var (exitCode, text) = await ExternalCommand.RunAsync("dotnet", ["publish", ProjectPath, "-c", "Release", "-o", output, "--nologo", "-v", "quiet"],
            repositoryRoot, TimeSpan.FromMinutes(20));
        if (exitCode != 0 || !File.Exists(assembly))
            throw new InvalidOperationException($"Publishing the service failed (exit code {exitCode}):\n{text}");
        return assembly;
    }
}

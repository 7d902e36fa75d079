using System.Diagnostics;

namespace SearchService.Cli.Tests;

/// <summary>Runs the built <c>searchservice</c> program as a separate process, as a user would.</summary>
internal static class CliRunner
{
    public sealed record Run(int ExitCode, string Output, string Error);

    public static string FixtureBriefs => Path.Combine(AppContext.BaseDirectory, "fixtures", "briefs");

    /// <summary>How to start the built program with <paramref name="args"/>, its output redirected.</summary>
    public static ProcessStartInfo StartInfo(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "searchservice.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    public static Run Invoke(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"searchservice {string.Join(' ', args)} did not finish");
        }
        return new Run(process.ExitCode, output.Result, error.Result);
    }
}

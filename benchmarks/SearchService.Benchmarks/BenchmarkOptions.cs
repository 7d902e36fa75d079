namespace SearchService.Benchmarks;

/// <summary>The "--name value" options of a benchmark verb; anything else is refused with the verb's usage.</summary>
internal static class BenchmarkOptions
{
    public static Dictionary<string, string> Parse(string[] args, string usage)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Unexpected argument '{args[i]}'. Usage: {usage}");
            options[args[i]] = args[++i];
        }
        return options;
    }
}

using System.CommandLine;
using SearchService.Core.Briefs;
using SearchService.Core.Themes;

namespace SearchService.Cli.Commands;

/// <summary><c>searchservice themes "&lt;query&gt;"</c>: an analyst's view of a theme across all briefs.</summary>
internal static class ThemesCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "The theme, e.g. \"AI sovereignty\"" };
        var size = new Option<int>("--size") { Description = "How many findings and recommendations", DefaultValueFactory = _ => 50 };
        var from = new Option<DateOnly?>("--from") { Description = "Only briefs published on or after this date" };
        var to = new Option<DateOnly?>("--to") { Description = "Only briefs published on or before this date" };
        var csv = new Option<bool>("--csv") { Description = "Print CSV, one row per finding or recommendation" };
        var command = new Command("themes", "Find a theme's findings and recommendations across briefs, per year") { query, size, from, to, csv, CliApp.JsonOption };
        command.SetAction(result =>
        {
            var request = new ThemeRequest(result.GetValue(query)!, result.GetValue(size), result.GetValue(from), result.GetValue(to));
            if (request.Validate() is { } problem)
            {
                Console.Error.WriteLine(problem);
                return 2;
            }
            using var index = IndexLocation.OpenExisting(result);
            if (index is null) return 1;
            using var lease = index.Acquire();
            using var semantic = SemanticComponents.TryOpenFor(result, lease.Index);
            var results = new ThemeExplorer(lease.Index, semantic?.Embedder.Encoder).Explore(request);

            if (result.GetValue(csv)) Console.Write(ThemeCsv.Write(results));
            else if (result.GetValue(CliApp.JsonOption)) Console.WriteLine(BriefJson.Serialize(results, indented: true));
            else Print(results);
            return 0;
        });
        return command;
    }

    private static void Print(ThemeResults results)
    {
        Console.WriteLine($"\"{results.Query}\": {results.Passages} findings and recommendations in {results.Briefs.Count} briefs ({results.TookMs:F0} ms)");
        Console.WriteLine("  per year: " + string.Join(", ", results.Years.Select(y => $"{y.Year}: {y.Passages}")));
        Console.WriteLine("  alongside: " + string.Join(", ", results.Topics.Select(t => t.Topic)));
        foreach (var brief in results.Briefs)
        {
            Console.WriteLine($"\n{brief.Title} [{brief.Id}] {brief.Date:yyyy-MM-dd}");
            foreach (var passage in brief.Passages)
                Console.WriteLine($"  - {passage.Kind} ({passage.Section}): {passage.PlainText}");
        }
    }
}

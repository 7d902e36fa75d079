using System.CommandLine;
using System.Text.RegularExpressions;
using SearchService.Core.Briefs;
using SearchService.Core.Search;

namespace SearchService.Cli.Commands;

/// <summary><c>searchservice search "&lt;query&gt;"</c>: keyword search from the terminal.</summary>
internal static partial class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string>("query") { Description = "What to search for" };
        var k = new Option<int>("--k") { Description = "How many results", DefaultValueFactory = _ => 10 };
        var command = new Command("search", "Search the index") { query, k, CliApp.JsonOption };
        command.SetAction(result =>
        {
            var request = new SearchRequest(result.GetValue(query), 1, result.GetValue(k));
            if (request.Validate() is { } problem)
            {
                Console.Error.WriteLine(problem);
                return 2;
            }
            using var index = IndexLocation.OpenExisting(result);
            if (index is null) return 1;
            using var lease = index.Acquire();
            var results = new BriefSearcher(lease.Index).Search(request);
            if (result.GetValue(CliApp.JsonOption))
            {
                Console.WriteLine(BriefJson.Serialize(results, indented: true));
                return 0;
            }
            Console.WriteLine($"{results.Total} briefs match ({results.TookMs:F1} ms)");
            foreach (var (hit, rank) in results.Hits.Select((h, i) => (h, i + 1)))
            {
                Console.WriteLine($"{rank,3}. {hit.Title} [{hit.Id}] {hit.Date:yyyy-MM-dd} score {hit.Score:F2}");
                foreach (var snippet in hit.Snippets) Console.WriteLine($"     {ForTerminal(snippet)}");
            }
            return 0;
        });
        return command;
    }

    /// <summary>Snippets are HTML; a terminal shows matches in brackets instead.</summary>
    private static string ForTerminal(string html) =>
        System.Net.WebUtility.HtmlDecode(Mark().Replace(html, m => m.Value == "<mark>" ? "[" : "]"));

    [GeneratedRegex("</?mark>")]
    private static partial Regex Mark();
}

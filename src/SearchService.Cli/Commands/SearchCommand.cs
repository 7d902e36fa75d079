using System.CommandLine;
using System.Text.RegularExpressions;
using SearchService.Core.Briefs;
using SearchService.Core.Search;

namespace SearchService.Cli.Commands;

/// <summary>
/// <c>searchservice search "&lt;query&gt;"</c>: the API's search from the terminal, with the same filters,
/// sorting and paging; <c>--json</c> prints exactly what <c>GET /api/search</c> answers.
/// </summary>
internal static partial class SearchCommand
{
    public static Command Create()
    {
        var query = new Argument<string?>("query") { Description = "What to search for (\"\" lists every brief, newest first)", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<FileInfo?>("--file") { Description = "Search with the text of this file (a finding, a paragraph, a draft): briefs like it" };
        var k = new Option<int>("--k", "--size") { Description = "How many results per page", DefaultValueFactory = _ => 10 };
        var page = new Option<int>("--page") { Description = "Page number, from 1", DefaultValueFactory = _ => 1 };
        var mode = new Option<string?>("--mode") { Description = SearchModes.ModeHelp };
        var tags = Repeatable("--tag", "Only briefs with this tag (repeat for any of several)");
        var authors = Repeatable("--author", "Only briefs by this author (repeat for any of several)");
        var types = Repeatable("--type", "Only briefs of this type (repeat for any of several)");
        var publishers = Repeatable("--publisher", "Only briefs from this publisher (repeat for any of several)");
        var from = new Option<string?>("--from") { Description = "Only briefs dated on or after: yyyy-MM-dd, yyyy-MM or yyyy" };
        var to = new Option<string?>("--to") { Description = "Only briefs dated on or before: yyyy-MM-dd, yyyy-MM or yyyy" };
        var sort = new Option<string?>("--sort") { Description = "relevance (the default) or date" };
        var boost = new Option<string?>("--boost") { Description = "recent: newer briefs score higher" };
        var command = new Command("search", "Search the index")
        {
            query, file, k, page, mode, tags, authors, types, publishers, from, to, sort, boost, CliApp.JsonOption,
        };
        command.SetAction(result =>
        {
            if (QueryText(result.GetValue(query), result.GetValue(file)) is not { } q) return 2;
            var text = new SearchRequestText
            {
                Q = q,
                Mode = result.GetValue(mode),
                Tags = result.GetValue(tags),
                Authors = result.GetValue(authors),
                Types = result.GetValue(types),
                Publishers = result.GetValue(publishers),
                From = result.GetValue(from),
                To = result.GetValue(to),
                Sort = result.GetValue(sort),
                Boost = result.GetValue(boost),
                Page = result.GetValue(page),
                Size = result.GetValue(k),
            };
            using var index = IndexLocation.OpenExisting(result);
            if (index is null) return 1;
            using var lease = index.Acquire();
            using var semantic = SemanticComponents.TryOpenFor(result, lease.Index);
            // The service's synonyms (PUT /api/admin/synonyms) are kept beside the index: the CLI searches with them too.
            using var synonymStore = new Core.Synonyms.SynonymStore(IndexLocation.Resolve(result));
            var synonyms = synonymStore.Current;
            var searcher = new BriefSearcher(lease.Index, SearchModes.Semantic(lease.Index, semantic?.Embedder.Encoder, synonyms), synonyms: synonyms);
            if (!text.TryCreate(out var request, out var problem, searcher.DefaultMode))
            {
                Console.Error.WriteLine(problem);
                return 2;
            }
            if (searcher.Validate(request) is { } invalid)
            {
                Console.Error.WriteLine(invalid);
                return 2;
            }
            var results = searcher.Search(request);
            if (result.GetValue(CliApp.JsonOption))
            {
                Console.WriteLine(BriefJson.Serialize(results, indented: true));
                return 0;
            }
            Print(results, request);
            return 0;
        });
        return command;
    }

    /// <summary>The query from the argument or from <c>--file</c> (not both); null after saying what is wrong.</summary>
    private static string? QueryText(string? argument, FileInfo? file)
    {
        if (file is null) return argument ?? "";
        if (!string.IsNullOrEmpty(argument))
        {
            Console.Error.WriteLine("Give the query as an argument or with --file, not both.");
            return null;
        }
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Cannot read {file.FullName}: {e.Message}");
            return null;
        }
    }

    private static Option<string[]> Repeatable(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
    };

    private static void Print(SearchResults results, SearchRequest request)
    {
        if (results.DidYouMean is { } corrected) Console.WriteLine($"Did you mean: {corrected}");
        Console.WriteLine($"{results.Total} briefs match ({results.TookMs:F1} ms)");
        foreach (var (hit, rank) in results.Hits.Select((h, i) => (h, (request.Page - 1) * request.Size + i + 1)))
        {
            Console.WriteLine($"{rank,3}. {hit.Title} [{hit.Id}] {hit.Date:yyyy-MM-dd} score {hit.Score:F2}");
            foreach (var snippet in hit.Snippets) Console.WriteLine($"     {ForTerminal(snippet)}");
        }
        foreach (var (name, values) in new[]
                 {
                     ("tags", results.Facets.Tags), ("authors", results.Facets.Authors), ("year", results.Facets.Year),
                     ("type", results.Facets.Type), ("publisher", results.Facets.Publisher),
                 })
        {
            if (values.Count > 0) Console.WriteLine($"{name}: {string.Join(", ", values.Select(v => $"{v.Value} ({v.Count})"))}");
        }
    }

    /// <summary>Snippets are HTML; a terminal shows matches in brackets instead.</summary>
    private static string ForTerminal(string html) =>
        System.Net.WebUtility.HtmlDecode(Mark().Replace(html, m => m.Value == "<mark>" ? "[" : "]"));

    [GeneratedRegex("</?mark>")]
    private static partial Regex Mark();
}

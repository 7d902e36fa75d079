using System.CommandLine;
using SearchService.Core.Briefs;
using SearchService.Core.Suggest;

namespace SearchService.Cli.Commands;

/// <summary><c>searchservice suggest "ai sove"</c>: the completions <c>GET /api/suggest</c> offers while typing.</summary>
internal static class SuggestCommand
{
    public static Command Create()
    {
        var typed = new Argument<string>("typed") { Description = "What has been typed so far" };
        var size = new Option<int>("--size") { Description = "How many suggestions", DefaultValueFactory = _ => BriefSuggester.DefaultSize };
        var command = new Command("suggest", "Suggest completions for what is being typed") { typed, size, CliApp.JsonOption };
        command.SetAction(result =>
        {
            var text = result.GetValue(typed);
            if (BriefSuggester.Validate(text, result.GetValue(size)) is { } problem)
            {
                Console.Error.WriteLine(problem);
                return 2;
            }
            using var index = IndexLocation.OpenExisting(result);
            if (index is null) return 1;
            using var lease = index.Acquire();
            var suggestions = new BriefSuggester(lease.Index).Suggest(text, result.GetValue(size));
            if (result.GetValue(CliApp.JsonOption))
            {
                Console.WriteLine(BriefJson.Serialize(new { suggestions }, indented: true));
                return 0;
            }
            foreach (var suggestion in suggestions) Console.WriteLine($"{suggestion.Text}  ({suggestion.Kind})");
            return 0;
        });
        return command;
    }
}

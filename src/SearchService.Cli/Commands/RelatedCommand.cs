using System.CommandLine;
using SearchService.Core.Briefs;
using SearchService.Core.Related;

namespace SearchService.Cli.Commands;

/// <summary><c>searchservice related &lt;id&gt;</c>: the briefs most related to one brief, and why.</summary>
internal static class RelatedCommand
{
    public const string Name = "related";

    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Id of a brief" };
        var k = new Option<int>("--k") { Description = "How many related briefs", DefaultValueFactory = _ => 5 };
        var command = new Command(Name, "List the briefs most related to one brief") { id, k, RelatedModelLocation.Option, CliApp.JsonOption };
        command.SetAction(result =>
        {
            var count = result.GetValue(k);
            if (count is < 1 or > RelatedBriefFinder.MaxK)
            {
                Console.Error.WriteLine($"--k must be between 1 and {RelatedBriefFinder.MaxK} (got {count}).");
                return 2;
            }
            using var index = IndexLocation.OpenExisting(result);
            if (index is null) return 1;
            using var lease = index.Acquire();
            var briefId = result.GetValue(id)!;
            var related = new RelatedBriefFinder(lease.Index, RelatedModelLocation.Load(result)).Find(briefId, count);
            if (related is null)
            {
                Console.Error.WriteLine($"No brief has the id '{briefId}'.");
                return 1;
            }
            if (result.GetValue(CliApp.JsonOption))
            {
                Console.WriteLine(BriefJson.Serialize(new { id = briefId, related }, indented: true));
                return 0;
            }
            foreach (var (item, rank) in related.Select((r, i) => (r, i + 1)))
            {
                Console.WriteLine($"{rank,3}. {item.Title} [{item.Id}] score {item.Score:F2}");
                foreach (var reason in item.Reasons) Console.WriteLine($"     {reason}");
            }
            return 0;
        });
        return command;
    }
}

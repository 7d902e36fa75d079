using System.CommandLine;
using SearchService.Core.Briefs;
using SearchService.Core.Indexing;

namespace SearchService.Cli.Commands;

/// <summary>
/// <c>searchservice boilerplate</c>: the paragraphs the index has learned as each publisher's boilerplate (they
/// recur nearly verbatim in several of its briefs) and are dropped from passages and snippets.
/// </summary>
internal static class BoilerplateCommand
{
    public static Command Create()
    {
        var command = new Command("boilerplate", "List the paragraphs learned as each publisher's boilerplate") { CliApp.JsonOption };
        command.SetAction(result =>
        {
            using var index = IndexLocation.OpenExisting(result);
            if (index is null) return 1;
            using var lease = index.Acquire();
            var learned = LearnedBoilerplate.For(lease.Index);
            var publishers = learned.Counts()
                .Select(c => new { c.Publisher, c.Paragraphs, c.Dropped, Examples = learned.Examples(c.Publisher) })
                .ToList();
            if (result.GetValue(CliApp.JsonOption))
            {
                Console.WriteLine(BriefJson.Serialize(new { publishers }, indented: true));
                return 0;
            }
            foreach (var publisher in publishers)
            {
                Console.WriteLine($"{publisher.Publisher}: {publisher.Paragraphs} paragraphs, {publisher.Dropped} dropped");
                foreach (var example in publisher.Examples) Console.WriteLine($"  - {example}");
            }
            return 0;
        });
        return command;
    }
}

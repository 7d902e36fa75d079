using System.CommandLine;
using SearchService.Core.Briefs;
using SearchService.Core.Extraction;

namespace SearchService.Cli.Commands;

/// <summary><c>searchservice extract &lt;file&gt;</c>: shows what the extractor reads from one file.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A brief file" };
        var command = new Command("extract", "Extract one brief and print it") { file, CliApp.JsonOption };
        command.SetAction(result =>
        {
            Brief brief;
            try
            {
                brief = BriefExtractor.Extract(result.GetValue(file)!);
            }
            catch (BriefExtractionException e)
            {
                Console.Error.WriteLine($"Cannot extract {e.Message}");
                return 1;
            }
            if (result.GetValue(CliApp.JsonOption))
            {
                Console.WriteLine(BriefJson.Serialize(brief, indented: true));
                return 0;
            }
            Console.WriteLine($"{brief.Title} [{brief.Id}]");
            Console.WriteLine($"  date: {brief.Date:yyyy-MM-dd}  type: {brief.Type}  publisher: {brief.Publisher}");
            Console.WriteLine($"  tags: {string.Join(", ", brief.Tags)}");
            Console.WriteLine($"  authors: {string.Join("; ", brief.Authors.Select(a => a.Role is null ? a.Name : $"{a.Name} ({a.Role})"))}");
            Console.WriteLine($"  sections: {brief.Sections.Count}, findings: {brief.Findings.Count}, recommendations: {brief.Recommendations.Count}");
            foreach (var finding in brief.Findings) Console.WriteLine($"  finding [{finding.Section}]: {finding.Text}");
            foreach (var recommendation in brief.Recommendations) Console.WriteLine($"  recommendation [{recommendation.Section}]: {recommendation.Text}");
            return 0;
        });
        return command;
    }
}

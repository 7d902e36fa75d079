using System.CommandLine;
using SearchService.Core.Relevance;

namespace SearchService.Cli.Commands;

/// <summary>What <c>eval</c> and <c>train-related</c> share: a BEIR-layout dataset folder, its judgment split and the embedding cache.</summary>
/// <remarks><paramref name="splitOption"/> names the judgments option (<c>train-related</c> uses <c>--split</c> for its document split).</remarks>
internal sealed class DatasetArguments(string datasetDescription, string splitDescription, string splitOption = "--split")
{
    public Argument<string> Dataset { get; } = new("dataset-dir") { Description = datasetDescription };

    public Option<string> Split { get; } = new(splitOption) { Description = splitDescription, DefaultValueFactory = _ => "test" };

    public Option<string> Cache { get; } = new("--cache")
    {
        Description = "Folder of the embedding cache (vectors by text hash), reused across runs",
        DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "searchservice-embedding-cache"),
    };

    /// <summary>The dataset named on the command line, or null after saying on stderr why it cannot be read.</summary>
    public BeirDataset? Load(ParseResult result)
    {
        try
        {
            return BeirDataset.Load(result.GetValue(Dataset)!, result.GetValue(Split)!);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"Cannot read the dataset: {e.Message}");
            return null;
        }
    }
}

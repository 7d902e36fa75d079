using System.CommandLine;

namespace SearchService.Cli.Commands;

/// <summary>The <c>searchservice</c> command line: one sub-command per task, each taking <c>--index DIR</c>.</summary>
public static class CliApp
{
    /// <summary>Default index folder, relative to the repository root (or the current folder outside a checkout).</summary>
    public const string DefaultIndex = "index/data";

    public static readonly Option<string> IndexOption = new("--index")
    {
        Description = "Folder of the Lucene index",
        DefaultValueFactory = _ => DefaultIndex,
        Recursive = true,
    };

    public static readonly Option<bool> JsonOption = new("--json") { Description = "Print JSON instead of text" };

    /// <summary>
    /// Whether the parsed command may run the related text model (ML.NET's LightLDA, which prints on the native
    /// stdout): related, eval (its related task) and train-related; never serve.
    /// </summary>
    public static bool RunsRelatedTextModel(ParseResult parsed) =>
        parsed.Errors.Count == 0 && parsed.CommandResult.Command.Name is RelatedCommand.Name or EvalCommand.Name or TrainRelatedCommand.Name;

    public static RootCommand Build()
    {
        var root = new RootCommand("SearchService: extract, index and search policy briefs.")
        {
            IndexCommand.Create(),
            ReindexCommand.Create(),
            ExtractCommand.Create(),
            SearchCommand.Create(),
            SuggestCommand.Create(),
            BoilerplateCommand.Create(),
            RelatedCommand.Create(),
            ServeCommand.Create(),
            EvalCommand.Create(),
            TrainRelatedCommand.Create(),
            ThemesCommand.Create(),
        };
        root.Options.Add(IndexOption);
        root.Options.Add(SemanticComponents.EncoderOption);
        root.Options.Add(SemanticComponents.NoEmbeddingsOption);
        return root;
    }
}

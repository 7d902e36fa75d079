using System.CommandLine;
using SearchService.Core.Related;

namespace SearchService.Cli.Commands;

/// <summary><c>--model DIR</c>: the related-brief model folder, resolved like <c>--index</c> (the default lives in the repository).</summary>
internal static class RelatedModelLocation
{
    public const string DefaultFolder = "models/related";

    public static readonly Option<string> Option = new("--model")
    {
        Description = "Folder of the related-brief model (without one, a fixed weighting of the features is used)",
        DefaultValueFactory = _ => DefaultFolder,
    };

    public static RelatedModel Load(ParseResult result)
    {
        var path = result.GetValue(Option) ?? DefaultFolder;
        return RelatedModel.Load(IndexLocation.ResolveDefaultInRepository(path, DefaultFolder));
    }
}

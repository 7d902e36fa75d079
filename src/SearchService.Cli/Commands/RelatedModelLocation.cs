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
        if (!Path.IsPathRooted(path) && path == DefaultFolder)
        {
            for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "SearchService.sln"))) return RelatedModel.Load(Path.Combine(folder.FullName, path), quietNativeOutput: true);
            }
        }
        return RelatedModel.Load(Path.GetFullPath(path), quietNativeOutput: true);
    }
}

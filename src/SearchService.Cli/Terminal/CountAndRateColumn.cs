using Spectre.Console;
using Spectre.Console.Rendering;

namespace SearchService.Cli.Terminal;

/// <summary>A progress column showing "files done/total" and the rate in files per second.</summary>
internal sealed class CountAndRateColumn : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        var rate = task.Speed is { } speed ? $"{speed:0.0} files/s" : "– files/s";
        return new Markup($"[bold]{task.Value:0}[/]/{task.MaxValue:0} [grey]{rate}[/]");
    }
}

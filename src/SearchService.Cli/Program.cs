using SearchService.Cli.Commands;
using SearchService.Cli.Terminal;

var parsed = CliApp.Build().Parse(args);
if (CliApp.RunsRelatedTextModel(parsed)) NativeOutput.KeepOffStandardOutput();
return await parsed.InvokeAsync();

using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SearchService.Api.Hosting;

namespace SearchService.Cli.Commands;

/// <summary><c>searchservice serve</c>: runs the HTTP API over the chosen index.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on", DefaultValueFactory = _ => "http://localhost:5080" };
        var command = new Command("serve", "Serve the HTTP API") { urls };
        command.SetAction(async (result, cancellationToken) =>
        {
            var args = new[]
            {
                $"--urls={result.GetValue(urls)}",
                $"--{SearchServiceOptions.SectionName}:IndexPath={IndexLocation.Resolve(result)}",
            };
            var app = SearchServiceApp.Create(args);
            var opening = app.Services.GetRequiredService<IndexOpening>();
            await ((IHost)app).RunAsync(cancellationToken);
            // The service stops itself when its index cannot be opened (the reason is logged): that is a failure.
            return opening.Opened.IsFaulted ? 1 : 0;
        });
        return command;
    }
}

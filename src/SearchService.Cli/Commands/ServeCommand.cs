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
            var app = SearchServiceApp.Create([.. ServiceArguments(result, result.GetValue(urls)!)]);
            var opening = app.Services.GetRequiredService<IndexOpening>();
            await ((IHost)app).RunAsync(cancellationToken);
            // The service stops itself when its index cannot be opened (the reason is logged): that is a failure.
            return opening.Opened.IsFaulted ? 1 : 0;
        });
        return command;
    }

    /// <summary>
    /// The service's configuration from this command line: the address and the index, and <c>--encoder</c> and
    /// <c>--no-embeddings</c> when given (otherwise the service's configuration decides, as for <c>dotnet run</c>).
    /// </summary>
    internal static IEnumerable<string> ServiceArguments(ParseResult result, string urls)
    {
        yield return $"--urls={urls}";
        yield return $"--{SearchServiceOptions.SectionName}:IndexPath={IndexLocation.Resolve(result)}";
        if (result.GetResult(SemanticComponents.EncoderOption) is { Implicit: false })
            yield return $"--{SemanticOptions.SectionName}:Encoder={result.GetValue(SemanticComponents.EncoderOption)}";
        if (result.GetValue(SemanticComponents.NoEmbeddingsOption))
            yield return $"--{SemanticOptions.SectionName}:Enabled=false";
    }
}

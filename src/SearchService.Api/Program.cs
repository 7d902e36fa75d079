using SearchService.Api.Hosting;

var app = SearchServiceApp.Create(args);
app.Run();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;

namespace SearchService.Api.Tests;

/// <summary>
/// Tests that read exact counts from <c>/metrics</c> run alone: the metrics listener of every test app in this process
/// hears every app's meters (ASP.NET's and ours share names), so requests of a class running alongside would count too.
/// A service process hosts one app, where this cannot happen.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "Exact metrics";
}

using ArchUnitNET.Fluent;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using ArchLoader = ArchUnitNET.Loader.ArchLoader;

namespace SearchService.Cli.Tests.Architecture;

/// <summary>
/// The service and the CLI speak Core's own types (briefs, hits, suggestions); Lucene stays inside Core's index
/// layer, so the index can change without touching either. Lucene's package reaches them transitively, so only
/// this test keeps them from using it.
/// </summary>
public sealed class LuceneBoundaryTests
{
    [Fact]
    public void Neither_the_service_nor_the_CLI_uses_Lucene_types()
    {
        var architecture = new ArchLoader()
            .LoadAssemblies(typeof(Commands.CliApp).Assembly, typeof(Api.Hosting.SearchServiceApp).Assembly)
            .Build();
        IArchRule rule = Types().That().ResideInAssembly(typeof(Commands.CliApp).Assembly, typeof(Api.Hosting.SearchServiceApp).Assembly)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Lucene\.Net(\..+)?$")
            .Because("Api and Cli speak Core's domain types; queries and documents are Core's business");
        rule.Check(architecture);
    }
}

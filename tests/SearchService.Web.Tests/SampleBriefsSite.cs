using SearchService.Api.Hosting;
using SearchService.Core;

namespace SearchService.Web.Tests;

/// <summary>
/// The service over the repository's sample briefs (index/briefs: 20 GAO, CRS and ai@cam publications, one a PDF),
/// as a first <c>dotnet run</c> serves them: the themes page is judged on the collection people will see first.
/// </summary>
public sealed class SampleBriefsSite : WebSite
{
    public static string SampleBriefsFolder { get; } = RepositoryPaths.Resolve(Path.Combine("index", "briefs"));

    protected override void CopyBriefs(string folder)
    {
        foreach (var file in Directory.GetFiles(SampleBriefsFolder).Where(f => Path.GetFileName(f) != "NOTICE"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SampleBriefsSiteCollection : ICollectionFixture<SampleBriefsSite>
{
    public const string Name = "sample briefs site";
}

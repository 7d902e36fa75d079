namespace SearchService.Core.Tests.Semantic;

/// <summary>
/// The test classes that only read the embedded sample index share one copy of it (<see cref="SemanticSampleIndex"/>)
/// and one loaded encoder, instead of one per class.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SemanticSampleIndexCollection : ICollectionFixture<SemanticSampleIndex>
{
    public const string Name = "embedded sample index (read-only)";
}

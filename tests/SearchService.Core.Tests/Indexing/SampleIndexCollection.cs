namespace SearchService.Core.Tests.Indexing;

/// <summary>
/// The test classes that only read the sample index share one copy of it (<see cref="SampleIndex"/>), built once per
/// run instead of once per class. A class that writes to an index builds its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SampleIndexCollection : ICollectionFixture<SampleIndex>
{
    public const string Name = "sample index (read-only)";
}

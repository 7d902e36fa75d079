namespace SearchService.Benchmarks.Scale;

/// <summary>Where a source document comes from; decides the publisher and the weight it has in the generated corpus.</summary>
public enum SourceCollection
{
    GaoReports,
    CrsReports,
    GaoRelated,
    SciFact,
    Cisi,
}

namespace SearchService.Core.Evaluation;

/// <summary>
/// What one evaluation run measured: quality over the judged queries and per-query latency, and how many queries
/// failed (scored as empty rankings) with the first failure's message.
/// </summary>
public sealed record EvaluationReport(
    string Dataset,
    string Mode,
    string Task,
    int Queries,
    double Ndcg10,
    double Recall100,
    double Mrr10,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double IndexSeconds,
    int Documents)
{
    public int Errors { get; init; }
    public string? FirstError { get; init; }
}

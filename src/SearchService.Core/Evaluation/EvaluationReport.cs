namespace SearchService.Core.Evaluation;

/// <summary>What one evaluation run measured: quality over the judged queries and per-query latency.</summary>
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
    int Documents);

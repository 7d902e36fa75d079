using SearchService.Core.Briefs;

namespace SearchService.Benchmarks.Scale;

/// <summary>
/// Traces the passages the service cuts from one generated brief back to the source units its plan composed them
/// from, by their text. What the service composes itself (the text of a findings or recommendations section as one
/// chunk) has no unit of its own and derives from the brief's main unit.
/// </summary>
public sealed class PassageSources
{
    private readonly BriefPlan _plan;
    private readonly Dictionary<string, int> _paragraphs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _findings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _recommendations = new(StringComparer.Ordinal);

    public PassageSources(BriefPlan plan, SourceLibrary library)
    {
        _plan = plan;
        foreach (var section in plan.Body.Prepend(plan.SummarySection)) _paragraphs.TryAdd(library.Units[section.Unit].Text, section.Unit);
        foreach (var finding in plan.Findings) _findings.TryAdd(finding.Text, finding.Unit);
        foreach (var recommendation in plan.Recommendations) _recommendations.TryAdd(recommendation.ExtractedText, recommendation.Statement.Unit);
    }

    /// <summary>The unit a passage derives from, and whether it was traced (false: the brief's main unit stands in).</summary>
    public (int Unit, bool Traced) UnitOf(Passage passage)
    {
        var table = passage.Kind switch
        {
            PassageKind.Summary => null,
            PassageKind.Finding => _findings,
            PassageKind.Recommendation => _recommendations,
            _ => _paragraphs,
        };
        // The summary is the main unit's opening sentences: traced by construction.
        if (table is null) return (_plan.PrimaryUnit, true);
        return table.TryGetValue(passage.Text, out var unit) ? (unit, true) : (_plan.PrimaryUnit, false);
    }
}

using SearchService.Core.Synonyms;

namespace SearchService.Api.Endpoints;

/// <summary>
/// The site's vocabulary: synonyms applied to keyword search (and the keyword side of hybrid) at query time, so a
/// change needs no reindex. Kept beside the index, so they survive restarts and reindexes.
/// </summary>
public static class SynonymEndpoints
{
    public static IEndpointRouteBuilder MapSynonymsApi(this IEndpointRouteBuilder routes)
    {
        var synonyms = routes.MapGroup("/api/admin/synonyms").WithTags("Synonyms").RequireWriteAccess();
        synonyms.MapGet("", GetSynonyms).WithName("getSynonyms").WithSummary("The synonyms in force: groups of equivalent terms and one-way rules.");
        synonyms.MapPut("", PutSynonyms)
            .WithName("replaceSynonyms")
            .WithSummary("Replaces every synonym: { groups: [[\"AI\", \"artificial intelligence\"]], rules: [{ from: \"LLM\", to: [\"large language model\"] }] }.")
            .WithDescription("Each term of a group finds the others; a rule's from also finds its to terms (not the other way round). Terms of several " +
                             "words are searched as phrases. Matching is by analysed words (case, accents and English word endings do not matter). " +
                             "Searches made after the answer use them; cached results of the old synonyms are not served.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    internal static Ok<SynonymsResponse> GetSynonyms(SynonymStore store) => TypedResults.Ok(SynonymsResponse.From(store.Current, store.UpdatedAt));

    internal static Results<Ok<SynonymsResponse>, ProblemHttpResult> PutSynonyms(SynonymsBody body, SynonymStore store)
    {
        try
        {
            var set = store.Replace(new SynonymDefinitions(
                (body.Groups ?? []).Select(g => (IReadOnlyList<string>)(g ?? [])).ToList(),
                (body.Rules ?? []).Select(r => new SynonymRule(r?.From!, r?.To ?? [])).ToList()));
            return TypedResults.Ok(SynonymsResponse.From(set, store.UpdatedAt));
        }
        catch (ArgumentException e)
        {
            return Problems.BadRequest(e.Message);
        }
    }
}

/// <summary>The body of <c>PUT /api/admin/synonyms</c>; an empty body (<c>{}</c>) removes every synonym.</summary>
public sealed record SynonymsBody(List<List<string>>? Groups, List<SynonymRuleBody?>? Rules);

public sealed record SynonymRuleBody(string? From, List<string>? To);

/// <param name="Version">Changes whenever the synonyms change (a hash of them).</param>
/// <param name="UpdatedAt">When they were last changed; null when never.</param>
/// <param name="Groups">Terms that find each other.</param>
/// <param name="Rules">One-way rules.</param>
public sealed record SynonymsResponse(string Version, DateTimeOffset? UpdatedAt, IReadOnlyList<IReadOnlyList<string>> Groups, IReadOnlyList<SynonymRule> Rules)
{
    public static SynonymsResponse From(SynonymSet set, DateTimeOffset? updatedAt) => new(set.Version, updatedAt, set.Definitions.Groups, set.Definitions.Rules);
}

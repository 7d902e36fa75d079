using System.ComponentModel.DataAnnotations;

namespace SearchService.Api.Security;

/// <summary>
/// The keys that unlock writes and admin calls ("SearchService:ApiKeys", e.g. the environment variable
/// <c>SearchService__ApiKeys__0</c>). With no key configured, writes are disabled.
/// </summary>
public sealed class ApiKeyOptions : IValidatableObject
{
    public const string SectionName = "SearchService";

    /// <summary>Shortest key accepted: a short key can be guessed, whatever the rate limit.</summary>
    public const int MinKeyLength = 16;

    /// <summary>Accepted keys; empty entries are ignored.</summary>
    public string[] ApiKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var tooShort = ApiKeys.Count(k => k.Length is > 0 and < MinKeyLength);
        if (tooShort > 0)
            yield return new ValidationResult(
                $"{tooShort} of the configured SearchService:ApiKeys is shorter than {MinKeyLength} characters; use long random keys (e.g. openssl rand -hex 32).",
                [nameof(ApiKeys)]);
    }
}

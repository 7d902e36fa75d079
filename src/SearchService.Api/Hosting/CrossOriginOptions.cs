using System.ComponentModel.DataAnnotations;

namespace SearchService.Api.Hosting;

/// <summary>
/// Which other sites may call the read-only API from their pages ("SearchService:Cors" section): the
/// embeddable widgets fetch from the service's origin, so a site that embeds them must be listed here.
/// </summary>
public sealed class CrossOriginOptions : IValidatableObject
{
    public const string SectionName = "SearchService:Cors";

    /// <summary>The value that lets every site call the API; never the default.</summary>
    public const string AnyOrigin = "*";

    /// <summary>Origins such as <c>https://www.example.org</c> (scheme, host and port only), or "*" for every site. Empty allows none.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    public bool AllowsAnyOrigin => AllowedOrigins.Contains(AnyOrigin);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins)
        {
            if (origin == AnyOrigin) continue;
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
                || uri.PathAndQuery != "/" || origin.EndsWith('/') || !string.IsNullOrEmpty(uri.Fragment))
            {
                yield return new ValidationResult(
                    $"{SectionName}:AllowedOrigins holds \"{origin}\", which is not an origin. Write scheme, host and port only, " +
                    "without a path or trailing slash (e.g. \"https://www.example.org\" or \"http://localhost:8080\"), or \"*\" for every site.",
                    [nameof(AllowedOrigins)]);
            }
        }
    }
}

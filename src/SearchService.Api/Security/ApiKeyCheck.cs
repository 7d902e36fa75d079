namespace SearchService.Api.Security;

/// <summary>The verdict on the API key a request presented.</summary>
public enum ApiKeyCheck
{
    Accepted,
    /// <summary>The request sent no key.</summary>
    Missing,
    /// <summary>The request sent a key that is not configured.</summary>
    Wrong,
    /// <summary>No key is configured, so no request may write.</summary>
    WritesDisabled,
}

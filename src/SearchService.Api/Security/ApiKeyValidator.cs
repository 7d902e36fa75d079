using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SearchService.Api.Security;

/// <summary>
/// Checks presented API keys against the configured ones in constant time: both sides are hashed to the
/// same length first, and every configured key is compared, so neither the timing nor the length of the
/// comparison says anything about the keys.
/// </summary>
public sealed class ApiKeyValidator(IOptions<ApiKeyOptions> options)
{
    private readonly byte[][] _keyHashes = options.Value.ApiKeys
        .Where(k => k.Length > 0)
        .Select(Hash)
        .ToArray();

    public bool WritesEnabled => _keyHashes.Length > 0;

    public ApiKeyCheck Check(string? presented)
    {
        if (_keyHashes.Length == 0) return ApiKeyCheck.WritesDisabled;
        if (string.IsNullOrEmpty(presented)) return ApiKeyCheck.Missing;
        var hash = Hash(presented);
        var matched = false;
        foreach (var keyHash in _keyHashes) matched |= CryptographicOperations.FixedTimeEquals(keyHash, hash);
        return matched ? ApiKeyCheck.Accepted : ApiKeyCheck.Wrong;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}

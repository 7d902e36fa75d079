using System.Security.Cryptography;
using System.Text;

namespace SearchService.Core.Briefs;

/// <summary>Stable hash of a brief's extracted content, so re-indexing an unchanged brief can be skipped.</summary>
public static class BriefContentHash
{
    /// <summary>Lower-case hex SHA-256 of the brief's JSON.</summary>
    public static string Of(Brief brief) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(BriefJson.Serialize(brief)))).ToLowerInvariant();
}

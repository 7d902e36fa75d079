namespace SearchService.Core.Extraction;

/// <summary>Publishers named by the host of a link, for reports that link their publisher's site but do not name it.</summary>
internal static class KnownPublishers
{
    private static readonly Dictionary<string, string> ByHost = new(StringComparer.OrdinalIgnoreCase)
    {
        ["gao.gov"] = "U.S. Government Accountability Office",
        ["congress.gov"] = "Congressional Research Service",
        ["crsreports.congress.gov"] = "Congressional Research Service",
    };

    /// <summary>The publisher whose site <paramref name="host"/> is (or is under), if known.</summary>
    public static string? FromHost(string host) =>
        ByHost.FirstOrDefault(p => host.Equals(p.Key, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + p.Key, StringComparison.OrdinalIgnoreCase)).Value;
}

using System.Text;

namespace SearchService.Api.Uploads;

/// <summary>
/// Makes the file name a client sent safe to use as a brief's source name and id fallback: the last path
/// segment only, without control or reserved characters, no leading dots, at most <see cref="MaxLength"/>
/// characters. The name never becomes a path; uploads are not written to disk.
/// </summary>
public static class UploadedFileName
{
    public const int MaxLength = 120;
    public const string Fallback = "upload";

    private static readonly char[] Reserved = ['<', '>', ':', '"', '|', '?', '*'];

    public static string Sanitize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return Fallback;
        var lastSegment = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var kept = new StringBuilder(lastSegment.Length);
        foreach (var c in lastSegment.Normalize(NormalizationForm.FormC))
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || Reserved.Contains(c) || c is '\u200B' or '\u202E' or '\uFEFF') continue;
            kept.Append(c);
        }
        var clean = kept.ToString().Trim().TrimStart('.').Trim();
        if (clean.Length > MaxLength)
        {
            var extension = Path.GetExtension(clean);
            if (extension.Length > 16) extension = "";
            clean = clean[..(MaxLength - extension.Length)] + extension;
        }
        if (Path.GetFileNameWithoutExtension(clean).Trim('.', ' ').Length == 0) clean = Fallback + Path.GetExtension(clean);
        return clean;
    }
}

namespace SearchService.Core.Extraction;

/// <summary>
/// A file could not be turned into a brief. <see cref="Exception.Message"/> names the file and says
/// what is wrong with it, in words a publisher can act on.
/// </summary>
public sealed class BriefExtractionException(string file, string reason, Exception? inner = null)
    : Exception($"{file}: {reason}", inner)
{
    public string File { get; } = file;
    public string Reason { get; } = reason;
}

namespace SearchService.Core.Indexing;

/// <summary>
/// The bytes of the file a brief was extracted from, with its (sanitised) name. The index keeps it so that
/// a reindex can extract every brief again, uploads included, without any folder of sources.
/// </summary>
public sealed record BriefOriginal(string FileName, byte[] Bytes);

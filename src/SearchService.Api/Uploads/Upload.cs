namespace SearchService.Api.Uploads;

/// <summary>One uploaded file that passed the size and type checks, held in memory: its sanitised name and bytes.</summary>
public sealed record Upload(string FileName, byte[] Bytes);

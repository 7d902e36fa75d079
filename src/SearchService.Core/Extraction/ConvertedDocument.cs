namespace SearchService.Core.Extraction;

/// <summary>A PDF, HTML or plain-text document turned into Markdown, with the metadata it carried.</summary>
internal sealed record ConvertedDocument(string Markdown, DocumentMetadata Metadata);

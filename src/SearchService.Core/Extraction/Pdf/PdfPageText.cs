namespace SearchService.Core.Extraction.Pdf;

/// <summary>The text blocks of one PDF page in reading order, with the page's size in points.</summary>
internal sealed record PdfPageText(int Number, double Width, double Height, IReadOnlyList<PdfBlock> Blocks);

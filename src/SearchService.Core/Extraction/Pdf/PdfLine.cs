namespace SearchService.Core.Extraction.Pdf;

/// <summary>
/// One line of text on a PDF page, with the typography that tells headings from body text: the
/// point size most of its letters are set in, whether every word is bold, and whether its first
/// word is (a bold lead-in). Coordinates are PDF points from the bottom-left of the page.
/// </summary>
internal sealed record PdfLine(string Text, double Size, bool Bold, bool StartsBold, double Left, double Right, double Bottom, double Top);

using Justera.Documents.Limits;
using Justera.Documents.Sealing.Pdf;

namespace Justera.Documents.Protocols;

/// <summary>
/// Reads an upload's raw bytes once, before any library parses it: names that make a PDF active, how deeply its
/// syntax nests, how many objects it holds, and what every stream decodes to, all within a <see cref="PdfBudget"/>.
/// </summary>
/// <remarks>
/// PdfPig decodes streams and parses nested syntax without limits of its own (its <c>ParsingOptions</c> offer none),
/// so this scan is what makes handing it the file safe: every stream is decoded here first by <see cref="BoundedDecoder"/>,
/// counting bytes without keeping them, and compressed object streams are decoded and scanned like the file itself, so
/// nothing hides in them.
/// </remarks>
internal static class UploadPreScan
{
    private static readonly string[] FilterNames = ["ASCII85Decode", "A85", "ASCIIHexDecode", "AHx", "LZWDecode", "LZW", "RunLengthDecode", "RL", "FlateDecode", "Fl"];

    // Streams whose data is not PDF syntax (fonts, colour profiles, images, metadata) are counted but not measured for nesting.
    private static readonly string[] BinaryStreamKeys = ["Length1", "Length2", "Length3", "N", "Width", "Height", "BitsPerComponent"];

    /// <summary>Scans <paramref name="file"/> and returns which of <paramref name="wanted"/> occur, in the file or inside its object streams.</summary>
    /// <exception cref="PdfLimitException">A bound was hit.</exception>
    public static HashSet<string> Scan(ReadOnlyMemory<byte> file, IReadOnlyCollection<string> wanted, PdfBudget budget)
    {
        var scan = RawPdfNames.Scan(file.Span, wanted, budget);
        var names = scan.Names;
        long objects = scan.Objects;
        budget.CheckObjectCount(objects);
        foreach (var stream in scan.Streams)
        {
            var dictionary = ReadDictionary(file, stream);
            var data = file[stream.DataStart..stream.DataEnd];
            var filters = dictionary is null ? FiltersNamedIn(file.Span[stream.DictionaryStart..stream.DictionaryEnd]) : FiltersOf(dictionary);
            // An indirect /Filter names its filters in another object, which this scan does not resolve: data that
            // looks like zlib is counted as Flate, which is what such a filter would most likely expand it with.
            if (dictionary is not null && HasIndirectFilter(dictionary))
                filters = LooksLikeZlib(data.Span) ? ["FlateDecode"] : FiltersNamedIn(file.Span[stream.DictionaryStart..stream.DictionaryEnd]);
            if (dictionary?.IsOfType("ObjStm") == true)
            {
                // Objects compressed into a stream are invisible to a raw scan of the file: decode and scan them too.
                var decoded = BoundedDecoder.DecodeToArray(data, filters, budget);
                var inner = RawPdfNames.Scan(decoded, wanted, budget);
                names.UnionWith(inner.Names);
                objects += dictionary["N"] is PdfNumber count && count.TryGetLong(out var n) ? Math.Max(0, n) : 0;
                budget.CheckObjectCount(objects);
            }
            else if (IsSyntax(dictionary, filters))
            {
                var meter = new NestingMeter(budget);
                BoundedDecoder.Decode(data, filters, budget, meter.Feed);
            }
            else
            {
                BoundedDecoder.Decode(data, filters, budget, sink: null);
            }
        }

        return names;
    }

    /// <summary>The filters a stream dictionary names, in order; an indirect or odd /Filter gives none.</summary>
    internal static List<string> FiltersOf(PdfDictionary dictionary) => dictionary["Filter"] switch
    {
        PdfName name => [name.Value],
        PdfArray array => [.. array.Items.OfType<PdfName>().Select(name => name.Value)],
        _ => [],
    };

    private static bool HasIndirectFilter(PdfDictionary dictionary) =>
        dictionary["Filter"] is PdfReference || (dictionary["Filter"] is PdfArray array && array.Items.Any(item => item is PdfReference));

    private static bool LooksLikeZlib(ReadOnlySpan<byte> data) => data.Length >= 2 && (data[0] & 0x0F) == 8 && ((data[0] << 8) | data[1]) % 31 == 0;

    private static PdfDictionary? ReadDictionary(ReadOnlyMemory<byte> file, RawStream stream)
    {
        try
        {
            return new PdfParser(file[..stream.DictionaryEnd], stream.DictionaryStart).ReadObject() as PdfDictionary;
        }
        catch (PdfFormatException)
        {
            return null;
        }
    }

    // A dictionary our parser cannot read may still be read by a lenient one: decode with every filter it names,
    // text decoders first, so whatever a reader would expand is counted.
    private static List<string> FiltersNamedIn(ReadOnlySpan<byte> dictionary)
    {
        var named = RawPdfNames.Find(dictionary, FilterNames);
        return [.. FilterNames.Where(named.Contains)];
    }

    private static bool IsSyntax(PdfDictionary? dictionary, List<string> filters)
    {
        if (dictionary is null || BoundedDecoder.EndsInImageData(filters) || BinaryStreamKeys.Any(dictionary.ContainsKey))
            return false;
        var type = (dictionary["Type"] as PdfName)?.Value;
        var subtype = (dictionary["Subtype"] as PdfName)?.Value;
        return (type is null or "XObject" or "Pattern") && subtype is null or "Form";
    }
}

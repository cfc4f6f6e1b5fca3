using System.Globalization;
using System.Text;

namespace Justera.Documents.Tests.Support;

/// <summary>Writes small PDFs by hand, with a correct cross-reference table, for the cases no tool makes on request.</summary>
/// <remarks>
/// Objects are given as PDF syntax. In <see cref="OnePage"/>, object 1 is the catalog, 2 the page tree,
/// 3 the page, 4 its content stream and 5 its font (Helvetica, which needs no embedding); extra objects
/// are numbered from <see cref="FirstExtraObject"/>.
/// </remarks>
internal static class HandMadePdf
{
    public const int FirstExtraObject = 6;

    /// <summary>A one-page PDF showing <paramref name="lines"/>, with extra entries in its catalog and page dictionaries.</summary>
    public static byte[] OnePage(
        string catalogEntries = "",
        string pageEntries = "",
        IReadOnlyList<string>? extraObjects = null,
        params string[] lines)
    {
        var text = lines.Length == 0 ? ["Protokoll"] : lines;
        var content = "BT /F1 12 Tf 14 TL 72 720 Td " + string.Join(" T* ", text.Select(line => $"({Escape(line)}) Tj")) + " ET";
        return FromObjects(
        [
            $"<< /Type /Catalog /Pages 2 0 R {catalogEntries} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> {pageEntries} >>",
            Stream("", content),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            .. extraObjects ?? [],
        ]);
    }

    /// <summary>A stream object with the given extra dictionary entries and data (Latin-1 text, one byte per character).</summary>
    public static string Stream(string entries, string data) =>
        string.Create(CultureInfo.InvariantCulture, $"<< /Length {data.Length} {entries} >>\nstream\n{data}\nendstream");

    /// <summary>A PDF whose object n is <c>objects[n - 1]</c>, object 1 being the catalog.</summary>
    public static byte[] FromObjects(IReadOnlyList<string> objects, string version = "1.7")
    {
        // Everything is written as Latin-1, one byte per character, so string lengths are byte offsets.
        var pdf = new StringBuilder();
        // The second line's high bytes tell transfer tools the file is binary (ISO 32000-1, 7.5.2).
        pdf.Append(CultureInfo.InvariantCulture, $"%PDF-{version}\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    /// <summary>Appends an incremental update that adds or replaces <paramref name="objects"/> (number → PDF syntax).</summary>
    /// <remarks>/Prev is the number after the file's last startxref, which is not always what PdfPig reports (TRAPS.md).</remarks>
    public static byte[] AppendUpdate(byte[] original, int size, int root, IReadOnlyDictionary<int, string> objects)
    {
        var text = Encoding.Latin1.GetString(original);
        var startxref = text.LastIndexOf("startxref", StringComparison.Ordinal);
        var previous = long.Parse(text[(startxref + "startxref".Length)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);

        var update = new StringBuilder(original.Length > 0 && original[^1] == '\n' ? "" : "\n");
        var offsets = new SortedDictionary<int, int>();
        foreach (var (number, body) in objects)
        {
            offsets[number] = original.Length + update.Length;
            update.Append(CultureInfo.InvariantCulture, $"{number} 0 obj\n{body}\nendobj\n");
        }

        var xref = original.Length + update.Length;
        update.Append("xref\n");
        foreach (var (number, offset) in offsets)
            update.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset:D10} 00000 n \n");
        var newSize = Math.Max(size, offsets.Keys.Max() + 1);
        update.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {newSize} /Root {root} 0 R /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n");
        return [.. original, .. Encoding.Latin1.GetBytes(update.ToString())];
    }

    private static string Escape(string text) => text.Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("(", @"\(", StringComparison.Ordinal)
        .Replace(")", @"\)", StringComparison.Ordinal);
}

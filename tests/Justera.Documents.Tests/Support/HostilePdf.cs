using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Justera.Documents.Tests.Support;

/// <summary>The hostile files a tester sent the running service, and their relatives, built in code.</summary>
/// <remarks>Compressed data is written through a zlib stream in chunks, so a 200 MB bomb never exists in memory here either.</remarks>
public static class HostilePdf
{
    /// <summary>Pages that all draw one Flate content stream of <paramref name="decodedMegabytes"/> MB (the 16 KB, 335 MB upload).</summary>
    public static byte[] SharedContentStream(int pages, int decodedMegabytes)
    {
        var content = Compressed(Repeat("0 0 m 595 842 l S\n", decodedMegabytes * 1024L * 1024));
        var kids = string.Join(' ', Enumerable.Range(0, pages).Select(i => $"{4 + i} 0 R"));
        var objects = new List<byte[]>
        {
            Latin1("<< /Type /Catalog /Pages 2 0 R >>"),
            Latin1($"<< /Type /Pages /Kids [{kids}] /Count {pages} >>"),
            StreamObject("/Filter /FlateDecode", content),
        };
        for (var i = 0; i < pages; i++)
            objects.Add(Latin1("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"));
        return Build(objects);
    }

    /// <summary>A one-page protocol that also holds a Flate stream of <paramref name="decodedMegabytes"/> MB of spaces (the 200 KB, 2.4 s upload).</summary>
    public static byte[] FlateBomb(int decodedMegabytes, string filters = "/FlateDecode", string streamEntries = "")
    {
        var bomb = Compressed(Repeat(" ", decodedMegabytes * 1024L * 1024));
        return WithExtraStream($"/Filter {filters} {streamEntries}", bomb);
    }

    /// <summary>A one-page protocol with one more stream object (object 6), referenced from nowhere.</summary>
    public static byte[] WithExtraStream(string entries, byte[] data) => Build(
    [
        Latin1("<< /Type /Catalog /Pages 2 0 R >>"),
        Latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        Latin1("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
        StreamObject("", Latin1("BT /F1 12 Tf 72 720 Td (Protokoll) Tj ET")),
        Latin1("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
        StreamObject(entries, data),
    ]);

    /// <summary>Zlib-compresses <paramref name="chunks"/> as they come.</summary>
    public static byte[] Compressed(IEnumerable<byte[]> chunks)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var chunk in chunks)
                zlib.Write(chunk);
        }

        return output.ToArray();
    }

    /// <summary><paramref name="text"/> repeated to <paramref name="totalBytes"/> bytes, in 1 MB chunks.</summary>
    public static IEnumerable<byte[]> Repeat(string text, long totalBytes)
    {
        var unit = Latin1(text);
        var chunk = new byte[(1024 * 1024 / unit.Length) * unit.Length];
        for (var i = 0; i < chunk.Length; i += unit.Length)
            unit.CopyTo(chunk, i);
        for (var written = 0L; written < totalBytes; written += chunk.Length)
            yield return totalBytes - written >= chunk.Length ? chunk : chunk[..(int)(totalBytes - written)];
    }

    public static byte[] StreamObject(string entries, byte[] data) =>
        [.. Latin1(string.Create(CultureInfo.InvariantCulture, $"<< /Length {data.Length} {entries} >>\nstream\n")), .. data, .. Latin1("\nendstream")];

    /// <summary>A file whose object n is <c>objects[n - 1]</c> (object 1 the catalog), with a correct cross-reference table.</summary>
    public static byte[] Build(IReadOnlyList<byte[]> objects)
    {
        using var pdf = new MemoryStream();
        pdf.Write(Latin1("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Write(Latin1($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write(Latin1("\nendobj\n"));
        }

        var xref = pdf.Length;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Latin1(table.ToString()));
        return pdf.ToArray();
    }

    public static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}

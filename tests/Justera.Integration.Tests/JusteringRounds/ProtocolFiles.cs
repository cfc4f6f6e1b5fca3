using System.Diagnostics;
using System.Globalization;
using System.Text;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>Protocol PDFs for the tests: the repository's invented sample, small hand-made ones, and an encrypted one made by qpdf.</summary>
internal static class ProtocolFiles
{
    private static readonly Lazy<byte[]> LazySample = new(() =>
    {
        var path = Path.Combine(RepoPaths.Root, "samples", "fg-protokoll-exempel.pdf");
        return File.Exists(path) ? File.ReadAllBytes(path) : OnePage("Protokoll fört vid förvaltningsgruppens möte", "§ 1 Mötets öppnande");
    });

    /// <summary>samples/fg-protokoll-exempel.pdf if it is there, else a hand-made one-page protocol.</summary>
    public static byte[] Sample => LazySample.Value;

    /// <summary>A valid one-page PDF showing <paramref name="lines"/> (Latin-1 text), with a correct cross-reference table.</summary>
    public static byte[] OnePage(params string[] lines)
    {
        var content = "BT /F1 12 Tf 14 TL 72 720 Td " + string.Join(" T* ", lines.Select(line => $"({Escape(line)}) Tj")) + " ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            string.Create(CultureInfo.InvariantCulture, $"<< /Length {Encoding.Latin1.GetByteCount(content)} >>\nstream\n{content}\nendstream"),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ];
        // Latin-1 throughout, one byte per character, so string lengths are byte offsets.
        var pdf = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    /// <summary>The sample encrypted with AES-256 by qpdf (user password "u", owner password "o").</summary>
    public static async Task<byte[]> EncryptedAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "justera-tests", $"qpdf-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "in.pdf");
            var output = Path.Combine(folder, "out.pdf");
            await File.WriteAllBytesAsync(input, Sample);
            var start = new ProcessStartInfo("qpdf") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in new[] { "--encrypt", "u", "o", "256", "--", input, output })
                start.ArgumentList.Add(argument);
            using var qpdf = Process.Start(start) ?? throw new InvalidOperationException("qpdf did not start.");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var errors = qpdf.StandardError.ReadToEndAsync(timeout.Token);
            await qpdf.WaitForExitAsync(timeout.Token);
            if (qpdf.ExitCode != 0)
                throw new InvalidOperationException($"qpdf --encrypt failed ({qpdf.ExitCode}): {await errors}");
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            TempFolders.DeleteQuietly(folder);
        }
    }

    private static string Escape(string text) => text.Replace(@"\", @"\\", StringComparison.Ordinal)
        .Replace("(", @"\(", StringComparison.Ordinal)
        .Replace(")", @"\)", StringComparison.Ordinal);
}

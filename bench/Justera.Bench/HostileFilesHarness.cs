using System.Diagnostics;
using System.Text;
using Justera.Documents.Protocols;
using Justera.Documents.Sealing;
using Justera.Documents.Tests.Samples;
using Justera.Documents.Tests.Support;

namespace Justera.Bench;

/// <summary>
/// What the inspector and the verifier cost on the hostile files of the hardening issue, beside a normal protocol:
/// median time and bytes allocated per call, and the verdict. `hostile-seeds DIR` writes the small ones as fuzzing seeds.
/// </summary>
internal static class HostileFilesHarness
{
    private const int Runs = 5;

    public static int Run()
    {
        var sample = SampleProtocol.Create(pages: 10);
        var sealedSample = SealInputs.Seal(sample, SealInputs.Certificate());
        Console.WriteLine($"{"file",-52} {"bytes",10} {"median ms",10} {"alloc MB",9}  verdict");
        Measure("inspect: normal 10-page protocol (baseline)", sample, Inspect);
        foreach (var (name, bytes) in HostileUploads())
            Measure("inspect: " + name, bytes, Inspect);
        Measure("verify: sealed 10-page protocol (baseline)", sealedSample, Verify);
        foreach (var (name, bytes) in HostileSealedFiles(sealedSample))
            Measure("verify: " + name, bytes, Verify);
        return 0;
    }

    public static int WriteSeeds(string folder)
    {
        Directory.CreateDirectory(folder);
        var sealedSample = SealInputs.Seal(SampleProtocol.Create(pages: 1), SealInputs.Certificate());
        File.WriteAllBytes(Path.Combine(folder, "sealed-sample.pdf"), sealedSample);
        foreach (var (name, bytes) in HostileUploads().Concat(HostileSealedFiles(sealedSample)).Where(file => file.Bytes.Length < 64 * 1024))
            File.WriteAllBytes(Path.Combine(folder, string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')) + ".pdf"), bytes);
        return 0;
    }

    private static IEnumerable<(string Name, byte[] Bytes)> HostileUploads()
    {
        yield return ("3 pages sharing a 10 MB content stream", HostilePdf.SharedContentStream(3, 10));
        yield return ("40 pages sharing a 10 MB content stream", HostilePdf.SharedContentStream(40, 10));
        yield return ("40 pages sharing a 1 MB content stream", HostilePdf.SharedContentStream(40, 1));
        yield return ("one page of 0.5 MB content (under the bound)", OnePageOf(0.49));
        yield return ("Flate stream of 200 MB of spaces", HostilePdf.FlateBomb(200));
        yield return ("Flate stream of 15 MB of spaces (under the bound)", HostilePdf.FlateBomb(15));
        yield return ("50,000 nested arrays", Encoding.Latin1.GetBytes("%PDF-1.7\n1 0 obj\n" + new string('[', 50_000) + "\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"));
        yield return ("automatic URI action", HostilePdf.Build([HostilePdf.Latin1("<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /URI /URI (https://example.org/) >> >>"), HostilePdf.Latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"), HostilePdf.Latin1("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")]));
    }

    private static byte[] OnePageOf(double megabytes)
    {
        var content = HostilePdf.Compressed(HostilePdf.Repeat("0 0 m 595 842 l S\n", (long)(megabytes * 1024 * 1024)));
        return HostilePdf.Build([
            HostilePdf.Latin1("<< /Type /Catalog /Pages 2 0 R >>"),
            HostilePdf.Latin1("<< /Type /Pages /Kids [4 0 R] /Count 1 >>"),
            HostilePdf.StreamObject("/Filter /FlateDecode", content),
            HostilePdf.Latin1("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"),
        ]);
    }

    private static IEnumerable<(string Name, byte[] Bytes)> HostileSealedFiles(byte[] sealedFile)
    {
        var text = Encoding.Latin1.GetString(sealedFile);
        var at = text.LastIndexOf("/ByteRange [", StringComparison.Ordinal) + "/ByteRange [".Length;
        var end = text.IndexOf(']', at);
        var forged = (string range) => Encoding.Latin1.GetBytes(text[..at] + range.PadRight(end - at) + text[end..]);
        yield return ("ByteRange past Int64", forged("0 99999999999999999999 1 1"));
        yield return ("ByteRange whose sum overflows", forged("0 1 9223372036854775807 9"));
        yield return ("Flate bomb of 200 MB as an xref stream", XrefStreamBomb());
    }

    /// <summary>A file whose only cross-reference section is a stream that inflates to 200 MB.</summary>
    internal static byte[] XrefStreamBomb()
    {
        var bomb = HostilePdf.Compressed(HostilePdf.Repeat("\0", 200L * 1024 * 1024));
        var head = HostilePdf.Latin1("%PDF-1.7\n");
        var stream = HostilePdf.StreamObject("/Type /XRef /W [1 2 1] /Size 1 /Root 1 0 R /Filter /FlateDecode", bomb);
        return [.. head, .. HostilePdf.Latin1("1 0 obj\n"), .. stream, .. HostilePdf.Latin1($"\nendobj\nstartxref\n{head.Length}\n%%EOF\n")];
    }

    private static string Inspect(byte[] file) => ProtocolInspector.Inspect(file) switch
    {
        ProtocolInspection.Refused refused => "refused: " + refused.Problem,
        ProtocolInspection.Accepted accepted => $"accepted, {accepted.PageCount} pages",
        _ => "?",
    };

    private static string Verify(byte[] file)
    {
        var result = SealVerifier.Verify(file);
        result.SignerCertificate?.Dispose();
        return result.Status + (result.SwedishReason.Length > 0 ? " (" + result.SwedishReason[..Math.Min(50, result.SwedishReason.Length)] + "…)" : "");
    }

    private static void Measure(string name, byte[] file, Func<byte[], string> check)
    {
        var verdict = check(file); // warm-up: JIT and PdfPig's static tables are not the file's cost
        var times = new List<double>();
        var allocations = new List<long>();
        for (var i = 0; i < Runs; i++)
        {
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            check(file);
            times.Add(clock.Elapsed.TotalMilliseconds);
            allocations.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        times.Sort();
        allocations.Sort();
        Console.WriteLine($"{name,-52} {file.Length,10:N0} {times[Runs / 2],10:F1} {allocations[Runs / 2] / (1024.0 * 1024),9:F1}  {verdict}");
    }
}

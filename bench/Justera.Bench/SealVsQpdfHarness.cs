using System.Diagnostics;
using Justera.Documents.Tests.Samples;

namespace Justera.Bench;

/// <summary>
/// Our seal of the 100-page original with ten answers against the floor of merely merging the same pages with qpdf
/// (<c>qpdf --empty --pages orig.pdf extra.pdf -- out.pdf</c>, wall time of the process), in one process and one run.
/// </summary>
internal static class SealVsQpdfHarness
{
    private const int Runs = 10;

    public static async Task<int> RunAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"justera-seal-vs-qpdf-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            const int pages = 100;
            var original = SampleProtocol.Create(pages);
            using var certificate = SealInputs.Certificate();

            // Warm: fonts read, RSA key loaded, and enough calls for the JIT's second tier.
            for (var i = 0; i < 30; i++)
                SealInputs.Seal(original, certificate);
            var ours = new List<double>();
            byte[] sealedFile = [];
            for (var i = 0; i < Runs; i++)
            {
                var clock = Stopwatch.StartNew();
                sealedFile = SealInputs.Seal(original, certificate);
                ours.Add(clock.Elapsed.TotalMilliseconds);
            }

            // The same new pages as a PDF of their own: everything after the original's pages in the sealed file.
            var originalPath = Path.Combine(folder, "orig.pdf");
            var sealedPath = Path.Combine(folder, "sealed.pdf");
            var extraPath = Path.Combine(folder, "extra.pdf");
            var outPath = Path.Combine(folder, "out.pdf");
            await File.WriteAllBytesAsync(originalPath, original);
            await File.WriteAllBytesAsync(sealedPath, sealedFile);
            await QpdfAsync(sealedPath, "--pages", sealedPath, $"{pages + 1}-z", "--", extraPath);

            await QpdfAsync("--empty", "--pages", originalPath, extraPath, "--", outPath);
            var qpdf = new List<double>();
            for (var i = 0; i < Runs; i++)
            {
                File.Delete(outPath);
                var clock = Stopwatch.StartNew();
                await QpdfAsync("--empty", "--pages", originalPath, extraPath, "--", outPath);
                qpdf.Add(clock.Elapsed.TotalMilliseconds);
            }

            var oursMedian = BenchStatistics.Median(ours);
            var qpdfMedian = BenchStatistics.Median(qpdf);
            Console.WriteLine($"original {pages} pages ({original.Length:N0} bytes), 10 answers, {sealedFile.Length - original.Length:N0} bytes appended");
            Console.WriteLine($"our seal (new pages + signature), median of {Runs} warm in-process runs: {oursMedian:F1} ms (target ≤ 100 ms)");
            Console.WriteLine($"qpdf --empty --pages orig.pdf extra.pdf -- out.pdf, median wall time of {Runs} runs: {qpdfMedian:F1} ms");
            Console.WriteLine($"ratio ours / qpdf: {oursMedian / qpdfMedian:F2}× (target ≤ 2×)");
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task QpdfAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("qpdf") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("qpdf did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        // Exit 3 is "succeeded with warnings".
        if (process.ExitCode is not (0 or 3))
            throw new InvalidOperationException($"qpdf {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
    }
}

using System.Diagnostics;
using Justera.Documents.Limits;
using Justera.Documents.Sealing;
using Justera.Documents.Sealing.Pdf;

namespace Justera.Fuzz;

/// <summary>Runs one fuzz input and turns "too costly" into a crash, so afl-fuzz keeps it as a finding.</summary>
internal static class Fuzzing
{
    // The service's rule: no upload may cost hundreds of MB. Allocation is a stricter, deterministic stand-in for peak memory.
    private const long MaxAllocatedBytes = 100L * 1024 * 1024;

    public static void Run(Action<byte[]> target, byte[] input)
    {
        var before = GC.GetTotalAllocatedBytes(precise: false);
        target(input);
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
        if (allocated > MaxAllocatedBytes)
            throw new InsufficientExecutionStackException($"One input of {input.Length} bytes allocated {allocated / (1024 * 1024)} MB.");
    }

    /// <summary>Runs every file once (a crash or hang folder of afl-fuzz, or one file) and prints its cost or the exception it escaped with.</summary>
    public static int Triage(Action<byte[]> target, string path)
    {
        string[] files = Directory.Exists(path) ? [.. Directory.GetFiles(path).Where(file => !file.EndsWith("README.txt", StringComparison.Ordinal)).Order()] : [path];
        var failures = 0;
        foreach (var file in files)
        {
            var input = File.ReadAllBytes(file);
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            string outcome;
            try
            {
                Run(target, input);
                outcome = "ok";
            }
            catch (Exception exception)
            {
                failures++;
                outcome = exception.GetType().Name + ": " + exception.Message.Split('\n')[0];
            }

            Console.WriteLine($"{Path.GetFileName(file)}: {clock.Elapsed.TotalMilliseconds:F0} ms, {(GC.GetTotalAllocatedBytes(precise: true) - before) / 1024} KB, {outcome}");
        }

        return failures == 0 ? 0 : 1;
    }

    /// <summary>Verifies as /verifiera does; the verifier's backstop for an unforeseen exception counts as a finding here.</summary>
    public static void Verify(byte[] input)
    {
        var result = SealVerifier.Verify(input);
        result.SignerCertificate?.Dispose();
        if (result.Reason.StartsWith(SealVerifier.UnexpectedPrefix, StringComparison.Ordinal))
            throw new InvalidOperationException(result.Reason);
    }

    /// <summary>Opens the file as the sealer does and resolves every object it lists, decoding every stream.</summary>
    /// <remarks>A <see cref="PdfFormatException"/> is the reader's way of refusing a file; anything else escapes and is a finding.</remarks>
    public static void WalkWithReader(byte[] input)
    {
        try
        {
            var reader = PdfFileReader.Open(input);
            _ = reader.TrailerEntry("Root");
            for (var number = 0; number < reader.Size; number++)
            {
                if (reader.GetObject(number) is PdfStream stream)
                    _ = reader.Decode(stream);
            }
        }
        catch (Exception exception) when (exception is PdfFormatException or PdfLimitException)
        {
        }
    }
}

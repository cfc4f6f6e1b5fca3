using System.Diagnostics;
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

    public static int RunOnce(Action<byte[]> target, byte[] input)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        target(input);
        Console.WriteLine($"{clock.Elapsed.TotalMilliseconds:F0} ms, {(GC.GetTotalAllocatedBytes(precise: true) - before) / 1024} KB allocated");
        return 0;
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
        catch (PdfFormatException)
        {
        }
    }
}

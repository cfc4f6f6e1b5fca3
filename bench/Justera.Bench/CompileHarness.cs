using System.Diagnostics;
using System.Globalization;
using Justera.Core.ReportCycles.Compilation;
using Justera.Documents.Reports;
using Justera.Documents.Tests.Reports;

namespace Justera.Bench;

/// <summary>
/// The report cycle's compile: 300 units × 20 indicators with long analyses, from the approved inputs to the .docx and
/// .xlsx (compile + both writers, into memory as the app does before its blob upload). Prints the first (cold) run and
/// the median of the warm runs, and two memory figures:
/// <list type="bullet">
/// <item>allocated: managed bytes allocated during one run (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), the
/// garbage the run makes, whether or not it was live at once;</item>
/// <item>peak: the highest resident set (RSS, sampled every 2 ms on another thread) during the warm runs, less the RSS
/// before them (inputs built, one cold run done, heap collected) — what compiling adds to the process at its worst.</item>
/// </list>
/// </summary>
internal static class CompileHarness
{
    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 9;
        var analysisCharacters = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4000;
        var source = ReportSamples.LargeSource(unitCount: 300, indicatorCount: 20, analysisCharacters: analysisCharacters);
        var textCharacters = source.ApprovedInputs.Values.Sum(i =>
            i.Goals.Sum(g => g.Analysis.Length) + i.GoodExamples.Length + i.GenderEqualityAnalysis.Length + i.Activities.Sum(a => a.Comment.Length));
        Console.WriteLine($"input: {source.Units.Length} units ({source.ApprovedInputs.Count} approved), 20 indicators, 24 assessed goals, " +
                          $"{textCharacters / 1_000_000.0:F1} M characters of unit texts ({textCharacters / source.ApprovedInputs.Count:N0} per unit)");

        var cold = Once(source);
        Console.WriteLine($"cold (first) run: {cold.Total.TotalMilliseconds:F0} ms (compile {cold.Compile.TotalMilliseconds:F0}, docx {cold.Docx.TotalMilliseconds:F0}, xlsx {cold.Xlsx.TotalMilliseconds:F0}); " +
                          $"docx {cold.DocxBytes / 1024.0 / 1024:F1} MB, xlsx {cold.XlsxBytes / 1024.0 / 1024:F1} MB");

        // The baseline is taken after the cold run, so loading Skia's native library and the JIT's code are not counted
        // as the compile's memory; then the heap is collected, and only what the warm runs add is measured.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var baseline = Environment.WorkingSet;
        using var sampler = new PeakSampler();
        var warm = Enumerable.Range(0, runs).Select(_ => Once(source)).ToList();
        var peak = sampler.Stop();

        Console.WriteLine($"{"warm runs",-10} {"median ms",10} {"min ms",8} {"max ms",8}");
        Row("compile", warm.Select(w => w.Compile));
        Row("docx", warm.Select(w => w.Docx));
        Row("xlsx", warm.Select(w => w.Xlsx));
        Row("total", warm.Select(w => w.Total));
        Console.WriteLine($"allocated per run (managed): median {BenchStatistics.Median(warm.Select(w => (double)w.Allocated)) / 1024 / 1024:F0} MB");
        Console.WriteLine($"peak RSS in warm runs over the baseline ({baseline / 1024.0 / 1024:F0} MB): {(peak - baseline) / 1024.0 / 1024:F0} MB (peak RSS {peak / 1024.0 / 1024:F0} MB)");
        Console.WriteLine("target: total median ≤ 1000 ms, peak ≤ 200 MB");
        return 0;
    }

    private static Measurement Once(CompileSource source)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var report = ReportCompiler.Compile(source);
        var compiled = clock.Elapsed;
        using var docx = new MemoryStream();
        ReportDocx.Write(report, docx);
        var docxDone = clock.Elapsed;
        using var xlsx = new MemoryStream();
        ReportXlsx.Write(report, xlsx);
        var total = clock.Elapsed;
        return new Measurement(compiled, docxDone - compiled, total - docxDone, total, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, docx.Length, xlsx.Length);
    }

    private static void Row(string name, IEnumerable<TimeSpan> times)
    {
        var ms = times.Select(t => t.TotalMilliseconds).ToList();
        Console.WriteLine($"{name,-10} {BenchStatistics.Median(ms),10:F0} {ms.Min(),8:F0} {ms.Max(),8:F0}");
    }

    private sealed record Measurement(TimeSpan Compile, TimeSpan Docx, TimeSpan Xlsx, TimeSpan Total, long Allocated, long DocxBytes, long XlsxBytes);

    /// <summary>Samples the process's resident set on its own thread until stopped, keeping the highest value.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private long _peak;

        public PeakSampler()
        {
            _peak = Environment.WorkingSet;
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    var now = Environment.WorkingSet;
                    if (now > Interlocked.Read(ref _peak))
                        Interlocked.Exchange(ref _peak, now);
                    Thread.Sleep(2);
                }
            }) { IsBackground = true, Name = "rss sampler" };
            _thread.Start();
        }

        public long Stop()
        {
            _stop = true;
            _thread.Join();
            return Interlocked.Read(ref _peak);
        }

        public void Dispose()
        {
            if (!_stop)
                Stop();
        }
    }
}

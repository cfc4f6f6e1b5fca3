using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Justera.Documents.Limits;

/// <summary>
/// The CPU time the calling thread has used. A file's time bound is about what checking it costs the service, and on a
/// busy machine (two cores shared with storage, a test suite's parallel projects) wall time also counts the time the
/// thread waited for a core: a harmless protocol then failed its bound. Checking a file is synchronous, on one thread.
/// </summary>
internal static partial class ThreadCpuClock
{
    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    private static readonly bool Available = OperatingSystem.IsLinux() && Probe();

    /// <summary>The thread's CPU time so far; where the platform does not say, the elapsed wall time since some fixed moment.</summary>
    public static TimeSpan Now()
    {
        if (Available && ClockGetTime(ClockThreadCpuTime, out var spec) == 0)
            return TimeSpan.FromTicks((spec.Seconds * TimeSpan.TicksPerSecond) + (spec.Nanoseconds / 100));
        return Stopwatch.GetElapsedTime(0);
    }

    private static bool Probe()
    {
        try
        {
            return ClockGetTime(ClockThreadCpuTime, out _) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);
}

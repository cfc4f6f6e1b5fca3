using System.Diagnostics;
using Justera.Documents.Limits;

namespace Justera.Documents.Tests.Limits;

/// <summary>The time bound of a PDF check counts the checking thread's CPU, not the time it waited for a core.</summary>
public sealed class ThreadCpuClockTests
{
    [Fact]
    public void AThreadThatWaitsUsesAlmostNoCpuTime_WhileOneThatComputesUsesAboutItsWallTime()
    {
        var cpu = ThreadCpuClock.Now();
        var wall = Stopwatch.StartNew();
        // The thing measured here is a thread that does not run: a wait is the point of this test, not a shortcut.
        Thread.Sleep(300);
        var waited = ThreadCpuClock.Now() - cpu;
        Assert.True(wall.Elapsed >= TimeSpan.FromMilliseconds(300));
        Assert.True(waited < TimeSpan.FromMilliseconds(100), $"Waiting 300 ms counted {waited.TotalMilliseconds} ms of CPU.");

        cpu = ThreadCpuClock.Now();
        wall.Restart();
        var spin = 0L;
        while (wall.Elapsed < TimeSpan.FromMilliseconds(300))
            spin++;
        var computed = ThreadCpuClock.Now() - cpu;
        Assert.True(spin > 0);
        Assert.True(computed > TimeSpan.FromMilliseconds(30), $"Computing for 300 ms counted only {computed.TotalMilliseconds} ms of CPU.");
    }
}

namespace Justera.Application.ReportCycles;

/// <summary>
/// Tells a report cycle's orchestration that its tables changed: called after every committed decision that left
/// outbox work or moved the cycle's wake-up. Like the rounds' signal, a lost call is made good by recovery, which
/// finds the cycle in the wake-up index or among the outbox marks (CycleStore.DueWakeUpsAsync, OutboxStore.CyclesWithWorkAsync).
/// </summary>
public interface ICycleWorkflows
{
    /// <param name="cycleId">The cycle.</param>
    /// <param name="unitId">The unit whose stream changed; null for the cycle's own stream.</param>
    /// <param name="version">The stream version just committed.</param>
    /// <param name="cancellationToken">Cancels the signal (never the decision: it is stored already).</param>
    Task ChangedAsync(string cycleId, string? unitId, long version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes sure the cycle's orchestration runs a turn soon, starting it again if it ended (a compiled, closed cycle's
    /// orchestration ends; asking for another version needs it back). With <paramref name="onlyIfStopped"/> a running
    /// orchestration is left alone (a page that polls must not raise an event at every look). Never fails the caller.
    /// </summary>
    Task WakeAsync(string cycleId, bool onlyIfStopped = false, CancellationToken cancellationToken = default);
}

/// <summary>Until the cycle orchestration exists: nothing is told, and tests or tools drive the outbox and the timer themselves.</summary>
public sealed class NoCycleWorkflows : ICycleWorkflows
{
    public Task ChangedAsync(string cycleId, string? unitId, long version, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task WakeAsync(string cycleId, bool onlyIfStopped = false, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

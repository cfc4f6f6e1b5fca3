using Microsoft.DurableTask;

namespace Justera.Application.Workflows;

/// <summary>
/// How every workflow's orchestration ends a turn: it sleeps until something changes or its next wake-up, then
/// continues as new, so its history stays a handful of events however long the workflow lasts.
/// </summary>
/// <remarks>
/// Replay: this runs inside the orchestrator, re-run from its history after every await, so it reads time only
/// through <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>. An event that is lost, late or delivered twice
/// costs at most one extra turn: every turn re-reads the Tables, where a duplicate decides nothing.
/// </remarks>
public static class WorkflowLoop
{
    /// <summary>
    /// The event that says "the workflow's tables changed": raised after a decision is committed, never before, with
    /// the stream version that commit wrote (none when recovery raises it, which always runs a turn).
    /// </summary>
    public const string ChangedEvent = "Changed";

    /// <summary>Events for versions the turn has already read are waited past, this many per generation before it continues as new.</summary>
    public const int MaxSeenEventsPerGeneration = 100;

    /// <summary>Even with nothing due, a workflow is looked at this often, so a wake-up written by another path is never missed for long.</summary>
    public static readonly TimeSpan LongestSleep = TimeSpan.FromHours(6);

    /// <summary>
    /// Waits for "changed" or <paramref name="sleepUntil"/>, then continues as new with <paramref name="nextTurn"/>.
    /// An event for a version the turn already read (<paramref name="seen"/>) is waited past; after
    /// <see cref="MaxSeenEventsPerGeneration"/> of them the orchestration continues as <paramref name="quietGeneration"/>,
    /// which sleeps on without a turn.
    /// </summary>
    public static async Task WaitThenContinueAsync(TaskOrchestrationContext context, long? seen, DateTime sleepUntil,
        object nextTurn, Func<long?, DateTime, object> quietGeneration)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(quietGeneration);
        using var stop = new CancellationTokenSource();
        var timer = context.CreateTimer(sleepUntil, stop.Token);
        var next = nextTurn;
        for (var waited = 0; ; waited++)
        {
            if (waited == MaxSeenEventsPerGeneration)
            {
                next = quietGeneration(seen, sleepUntil);
                break;
            }
            var changed = context.WaitForExternalEvent<long?>(ChangedEvent, stop.Token);
            if (await Task.WhenAny(timer, changed) == timer)
                break;
            // A burst of answers raises one event each, but the turn that ran after the first of them read them all: an
            // event for a version this turn already read asks for nothing new, so it costs one history event, not a turn.
            if (!(changed.Result is { } version && seen is { } read && version <= read))
                break;
        }
        // Cancel what is still pending, so no timer is left in the history we continue from. Synchronously: an orchestrator
        // may await only durable tasks, and CancelAsync would resume this code on a thread-pool thread, outside the episode.
        stop.Cancel();
        context.ContinueAsNew(next, preserveUnprocessedEvents: true);
    }

    /// <summary>The nearer of two waits, within [0, <see cref="LongestSleep"/>].</summary>
    public static TimeSpan Shortest(TimeSpan? a, TimeSpan? b)
    {
        var wait = (a, b) switch
        {
            ({ } x, { } y) => x < y ? x : y,
            ({ } x, null) => x,
            (null, { } y) => y,
            _ => LongestSleep,
        };
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestSleep ? LongestSleep : wait;
    }
}

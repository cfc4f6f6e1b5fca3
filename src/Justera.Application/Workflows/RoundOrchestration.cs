using Microsoft.DurableTask;

namespace Justera.Application.Workflows;

/// <summary>
/// What a round's orchestration starts (and continues as new) with: the round's id, since the Tables hold the rest.
/// A generation that only trims its history after many already-seen events carries what its turn found instead of
/// running the turn again: the stream version it read and when its sleep ends.
/// </summary>
public sealed record RoundOrchestrationInput(string RoundId, long? SeenVersion = null, DateTime? SleepUntil = null);

/// <summary>
/// One orchestration per justering round decides <em>when</em> the round's decisions run; the round's partition in
/// Table storage says <em>what</em> they are. Each turn of the loop runs the due decision (reminders, the deadline),
/// carries out the round's outbox, then sleeps until something changes or the decider's next wake-up, and continues
/// as new so its history stays a handful of events however long the round lasts.
/// </summary>
/// <remarks>
/// Replay: this code is re-run from its history after every await, so it reads time only through
/// <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/> and storage only through activities. The activities
/// report waits as durations measured on the service's own clock, never as instants, so the orchestration's timers
/// depend only on the context's clock. An event that is lost, late or delivered twice costs at most one extra turn:
/// every turn re-reads the Tables, where a duplicate decides nothing.
/// </remarks>
public static class RoundOrchestration
{
    public const string Name = "JusteringRound";

    /// <summary>
    /// The event that says "the round's tables changed": raised after a decision is committed, never before, with the
    /// stream version that commit wrote (none when recovery raises it, which always runs a turn).
    /// </summary>
    public const string ChangedEvent = "Changed";

    /// <summary>Even with nothing due, a round is looked at this often, so a wake-up written by another path is never missed for long.</summary>
    public static readonly TimeSpan LongestSleep = TimeSpan.FromHours(6);

    /// <summary>After an activity gave up (storage down for minutes), the next turn waits this long rather than failing the orchestration.</summary>
    public static readonly TimeSpan AfterFailure = TimeSpan.FromMinutes(1);

    /// <summary>Events for versions the turn has already read are waited past, this many per generation before it continues as new.</summary>
    public const int MaxSeenEventsPerGeneration = 100;

    /// <summary>Storage blips are retried inside a turn; a longer outage ends the turn and the loop tries again later.</summary>
    public static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 4,
        firstRetryInterval: TimeSpan.FromSeconds(2),
        backoffCoefficient: 2,
        maxRetryInterval: TimeSpan.FromSeconds(30)));

    public static async Task RunAsync(TaskOrchestrationContext context, RoundOrchestrationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        long? seen;
        DateTime sleepUntil;
        if (input is { SleepUntil: { } until })
        {
            (seen, sleepUntil) = (input.SeenVersion, until);
        }
        else
        {
            try
            {
                var step = await context.CallActivityAsync<RoundStep>(RoundActivities.Decide, input.RoundId, Retry);
                var outbox = await context.CallActivityAsync<OutboxStep>(RoundActivities.CarryOutOutbox, input.RoundId, Retry);
                if (outbox.MoreNow)
                {
                    // Carrying out the outbox decided something new (a seal records ProtocolSealed and mails links): go again at once.
                    context.ContinueAsNew(new RoundOrchestrationInput(input.RoundId), preserveUnprocessedEvents: true);
                    return;
                }
                if (step.Closed && outbox.RetryIn is null)
                    return; // Sealed or cancelled, and nothing left to send: the round needs no orchestration any more.
                seen = step.Version;
                sleepUntil = context.CurrentUtcDateTime + Shortest(step.WakeUpIn, outbox.RetryIn);
            }
            catch (TaskFailedException)
            {
                seen = null;
                sleepUntil = context.CurrentUtcDateTime + AfterFailure;
            }
        }

        using var stop = new CancellationTokenSource();
        var timer = context.CreateTimer(sleepUntil, stop.Token);
        var next = new RoundOrchestrationInput(input.RoundId);
        for (var waited = 0; ; waited++)
        {
            if (waited == MaxSeenEventsPerGeneration)
            {
                next = new RoundOrchestrationInput(input.RoundId, seen, sleepUntil);
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

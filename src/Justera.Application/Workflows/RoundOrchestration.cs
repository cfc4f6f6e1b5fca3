using Microsoft.DurableTask;

namespace Justera.Application.Workflows;

/// <summary>What a round's orchestration starts (and continues as new) with: only the round's id, since the Tables hold the rest.</summary>
public sealed record RoundOrchestrationInput(string RoundId);

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

    /// <summary>The event that says "the round's tables changed": raised after a decision is committed, never before.</summary>
    public const string ChangedEvent = "Changed";

    /// <summary>Even with nothing due, a round is looked at this often, so a wake-up written by another path is never missed for long.</summary>
    public static readonly TimeSpan LongestSleep = TimeSpan.FromHours(6);

    /// <summary>After an activity gave up (storage down for minutes), the next turn waits this long rather than failing the orchestration.</summary>
    public static readonly TimeSpan AfterFailure = TimeSpan.FromMinutes(1);

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
        TimeSpan sleep;
        try
        {
            var step = await context.CallActivityAsync<RoundStep>(RoundActivities.Decide, input.RoundId, Retry);
            var outbox = await context.CallActivityAsync<OutboxStep>(RoundActivities.CarryOutOutbox, input.RoundId, Retry);
            if (outbox.MoreNow)
            {
                // Carrying out the outbox decided something new (a seal records ProtocolSealed and mails links): go again at once.
                context.ContinueAsNew(input, preserveUnprocessedEvents: true);
                return;
            }
            if (step.Closed && outbox.RetryIn is null)
                return; // Sealed or cancelled, and nothing left to send: the round needs no orchestration any more.
            sleep = Shortest(step.WakeUpIn, outbox.RetryIn);
        }
        catch (TaskFailedException)
        {
            sleep = AfterFailure;
        }

        using var stop = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime + sleep, stop.Token);
        var changed = context.WaitForExternalEvent<string?>(ChangedEvent, stop.Token);
        await Task.WhenAny(timer, changed);
        // Cancel the loser, so no timer is left pending in the history we continue from. Synchronously: an orchestrator
        // may await only durable tasks, and CancelAsync would resume this code on a thread-pool thread, outside the episode.
        stop.Cancel();
        context.ContinueAsNew(input, preserveUnprocessedEvents: true);
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

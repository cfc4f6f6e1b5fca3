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

    /// <inheritdoc cref="WorkflowLoop.ChangedEvent"/>
    public const string ChangedEvent = WorkflowLoop.ChangedEvent;

    /// <inheritdoc cref="WorkflowLoop.LongestSleep"/>
    public static readonly TimeSpan LongestSleep = WorkflowLoop.LongestSleep;

    /// <summary>After an activity gave up (storage down for minutes), the next turn waits this long rather than failing the orchestration.</summary>
    public static readonly TimeSpan AfterFailure = TimeSpan.FromMinutes(1);

    /// <inheritdoc cref="WorkflowLoop.MaxSeenEventsPerGeneration"/>
    public const int MaxSeenEventsPerGeneration = WorkflowLoop.MaxSeenEventsPerGeneration;

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

        await WorkflowLoop.WaitThenContinueAsync(context, seen, sleepUntil,
            nextTurn: new RoundOrchestrationInput(input.RoundId),
            quietGeneration: (read, until) => new RoundOrchestrationInput(input.RoundId, read, until));
    }

    /// <inheritdoc cref="WorkflowLoop.Shortest"/>
    public static TimeSpan Shortest(TimeSpan? a, TimeSpan? b) => WorkflowLoop.Shortest(a, b);
}

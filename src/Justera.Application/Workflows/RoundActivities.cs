using Justera.Application.JusteringRounds;
using Justera.Application.Outbox;
using Justera.Core.JusteringRounds;

namespace Justera.Application.Workflows;

/// <summary>What the decision activity found: whether the round is over, how long until it next wants to wake, and the stream version it read.</summary>
public sealed record RoundStep(bool Closed, TimeSpan? WakeUpIn, long? Version = null);

/// <summary>What carrying out the outbox left: more to do at once, or the wait until the next retry is due.</summary>
public sealed record OutboxStep(bool MoreNow, TimeSpan? RetryIn);

/// <summary>
/// The activities a round's orchestration calls, shared by both hosts: the Functions app binds each to an
/// <c>[ActivityTrigger]</c>, the local host registers it with its in-process worker. Exceptions go through, so the
/// orchestration's retry policy applies.
/// </summary>
public sealed class RoundActivities(JusteringRoundService rounds, OutboxDispatcher dispatcher, RoundWorkflows workflows)
{
    public const string Decide = "DecideJusteringRound";
    public const string CarryOutOutbox = "CarryOutJusteringRoundOutbox";

    /// <summary>
    /// How long one outbox activity starts new items: at 30 mails a minute a round of 50 takes two minutes, which
    /// is better spent as several short activities than one whose queue message might reappear while it runs.
    /// </summary>
    public static readonly TimeSpan OutboxBudget = TimeSpan.FromSeconds(20);

    /// <summary>Lets time pass for the round (due reminders, the deadline) and says when it next wants to wake.</summary>
    public async Task<RoundStep> DecideAsync(string roundId, CancellationToken cancellationToken = default)
    {
        // The orchestration goes on to carry out the outbox itself, so this decision need not wake it again.
        using var _ = workflows.Within(roundId);
        workflows.TurnStarting(roundId);
        var outcome = await rounds.WakeAsync(roundId, cancellationToken);
        workflows.TurnRead(roundId, outcome.Round.Version);
        var state = outcome.Round.State;
        var closed = state is JusteringRoundState.NotCreated or JusteringRoundState.Sealed or JusteringRoundState.Cancelled;
        var now = rounds.Time.GetUtcNow();
        return new RoundStep(closed, outcome.Round.NextWakeUp is { } due ? due - now : null, outcome.Round.Version);
    }

    /// <summary>Carries out the round's due outbox items (mail within the send rate, sealing) and says when to look again.</summary>
    public async Task<OutboxStep> CarryOutOutboxAsync(string roundId, CancellationToken cancellationToken = default)
    {
        using var _ = workflows.Within(roundId);
        var pass = await dispatcher.DispatchRoundAsync(roundId, OutboxBudget, cancellationToken);
        var now = rounds.Time.GetUtcNow();
        return new OutboxStep(pass.Handled > 0, pass.NextAttemptAt is { } next ? next - now : null);
    }
}

using System.Text.Json;
using Justera.Application.Outbox;
using Justera.Application.Workflows;
using Justera.Core;
using Justera.Core.JusteringRounds;
using Justera.Core.Links;
using Justera.Storage;
using Justera.Storage.JusteringRounds;

namespace Justera.Application.JusteringRounds;

/// <summary>A command's result: the round after it, and what the decider said.</summary>
public sealed record RoundOutcome(StoredRound Round, Decision Decision)
{
    public bool Refused => Decision.IsRefused;
}

/// <summary>
/// Runs one decision against the tables: load, decide, render the effects, commit atomically, and on a
/// concurrent writer's conflict decide again on the fresh state. Both hosts run every command through here.
/// </summary>
/// <remarks>
/// Within one host instance, decisions on the same round wait their turn (a striped lock), so a burst of
/// answers to one round does not turn into a storm of conflicting writes; and the instance remembers each
/// round it last wrote, so the next decision needs no read. Both are only shortcuts: another instance's
/// write makes the remembered round stale, the commit then conflicts on the event row key, and the round
/// is read afresh — the tables stay the only truth.
/// </remarks>
public sealed class JusteringRoundService(RoundStore store, EffectRenderer renderer, RoundWorkflows workflows, TimeProvider time) : IDisposable
{
    private const int MaxAttempts = 20;
    private const int MaxRemembered = 10_000;

    /// <summary>A mark written this recently cannot have been cleared: the dispatcher clears only marks a minute old.</summary>
    private static readonly TimeSpan MarkStillFresh = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim[] _turns = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (StoredRound Round, DateTimeOffset? MarkedAt)> _remembered = new(StringComparer.Ordinal);

    public TimeProvider Time => time;

    /// <summary>Decides <paramref name="command"/> (built from the current state, so fresh links fit the roster) and stores the result.</summary>
    public Task<RoundOutcome> HandleAsync(string roundId, Func<JusteringRoundState, JusteringRoundCommand> command, CancellationToken cancellationToken = default) =>
        HandleAsync(roundId, state => [command(state)], cancellationToken);

    /// <summary>
    /// Decides several commands in a row on the same state and stores all their events in one transaction,
    /// so "create and start" either happens whole or not at all. A refusal of any command stores nothing.
    /// </summary>
    public async Task<RoundOutcome> HandleAsync(string roundId, Func<JusteringRoundState, IReadOnlyList<JusteringRoundCommand>> commands, CancellationToken cancellationToken = default)
    {
        var turn = _turns[(StringComparer.Ordinal.GetHashCode(roundId) & int.MaxValue) % _turns.Length];
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await DecideAsync(roundId, commands, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<RoundOutcome> DecideAsync(string roundId, Func<JusteringRoundState, IReadOnlyList<JusteringRoundCommand>> commands, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var remembered = attempt == 1 && _remembered.TryGetValue(roundId, out var r) ? r : default;
            var stored = remembered.Round ?? await store.LoadAsync(roundId, cancellationToken);
            var state = stored.State;
            var decision = Decision.Nothing;
            Refusal? refusal = null;
            var at = time.GetUtcNow();
            foreach (var cmd in commands(stored.State))
            {
                var next = JusteringRoundDecider.Decide(cmd, state);
                if (next.IsRefused)
                {
                    refusal = next.Refusal;
                    break;
                }
                state = next.Events.Aggregate(state, JusteringRoundDecider.Evolve);
                decision = new Decision([.. decision.Events, .. next.Events], [.. decision.Effects, .. next.Effects]);
                at = cmd.At;
            }
            if (refusal is not null || decision.Events.Count == 0)
            {
                // Only a write proves remembered state current; a refusal or "already done" is re-checked on a fresh read.
                if (remembered.Round is not null)
                {
                    _remembered.TryRemove(roundId, out _);
                    continue;
                }
                return new RoundOutcome(stored, refusal is null ? decision : Decision.Refuse(refusal));
            }

            var items = renderer.Render(roundId, stored.Version + 1, state.RoundOrNull!, decision.Effects);
            var wakeUp = JusteringRoundDecider.NextWakeUp(state, at);
            var outbox = items.Count > 0 ? JsonSerializer.Serialize(items, JusteraJson.Options) : null;
            var markOutbox = outbox is not null && !(remembered.MarkedAt > at - MarkStillFresh);
            if (await store.TryCommitAsync(stored, new RoundCommit(decision.Events, state, wakeUp, outbox, markOutbox), cancellationToken) is { } committed)
            {
                Remember(committed, markOutbox ? at : remembered.MarkedAt);
                // Stored first, told second: the orchestration reads the Tables, so a lost or repeated event changes nothing.
                if (outbox is not null || committed.NextWakeUp != stored.NextWakeUp)
                    await workflows.ChangedAsync(roundId, committed.Version, cancellationToken);
                return new RoundOutcome(committed, decision);
            }
            _remembered.TryRemove(roundId, out _);
            if (attempt == MaxAttempts)
                throw new StorageUnavailableException($"Round {roundId} changed under {MaxAttempts} attempts in a row.");
            // Real time, not the injected clock: this only spaces out writers racing for the same row, and a
            // delay on a test's fake clock would never end, so two concurrent answers would hang.
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
        }
    }

    public Task<StoredRound> LoadAsync(string roundId, CancellationToken cancellationToken = default) =>
        store.LoadAsync(roundId, cancellationToken);

    private void Remember(StoredRound round, DateTimeOffset? markedAt)
    {
        if (_remembered.Count >= MaxRemembered)
            _remembered.Clear();
        _remembered[round.RoundId] = (round, markedAt);
    }

    public void Dispose()
    {
        foreach (var turn in _turns)
            turn.Dispose();
    }

    public Task<IReadOnlyList<StoredDecision>> HistoryAsync(string roundId, CancellationToken cancellationToken = default) =>
        store.ReadHistoryAsync(roundId, cancellationToken);

    /// <summary>
    /// The current answers with their texts, which live in the event rows (the state row keeps no long texts);
    /// reads the history only when someone has answered.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, AnswerRecorded>> CurrentAnswersAsync(string roundId, Round round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.Answers.IsEmpty)
            return new Dictionary<string, AnswerRecorded>();
        var history = await store.ReadHistoryAsync(roundId, cancellationToken);
        return AnswerTexts.Current(round, history.SelectMany(d => d.Events));
    }

    /// <summary>
    /// One justerare's current answer with its texts, for their own pages: reads only the decisions recorded at the
    /// moment of the answer, not the whole history (which holds every text of every justerare).
    /// </summary>
    public async Task<AnswerRecorded?> CurrentAnswerAsync(string roundId, Round round, string justerareId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (!round.Answers.TryGetValue(justerareId, out var answer))
            return null;
        var decisions = await store.ReadDecisionsAroundAsync(roundId, answer.RecordedAt, cancellationToken);
        var found = decisions.SelectMany(d => d.Events).OfType<AnswerRecorded>().LastOrDefault(e => e.JusterareId == justerareId && AnswerTexts.Matches(round, e));
        // An answer is always recorded by a decision whose row carries its moment; the whole history is only a safety net.
        return found ?? (await CurrentAnswersAsync(roundId, round, cancellationToken)).GetValueOrDefault(justerareId);
    }

    public Task<IReadOnlyList<RoundSummary>> ListAsync(string administrationId, CancellationToken cancellationToken = default) =>
        store.ListAsync(administrationId, cancellationToken);

    /// <summary>Enough fresh links for any command on this round: one per justerare (at least one, for a substitute).</summary>
    public static IReadOnlyList<NewLink> FreshLinks(string roundId, JusteringRoundState state) =>
        PersonalLinks.Mint(roundId, Math.Max(1, state.RoundOrNull?.Justerare.Count ?? 0));

    /// <summary>Lets time pass for one round: due reminders and the deadline; moves its wake-up if nothing was due yet.</summary>
    public async Task<RoundOutcome> WakeAsync(string roundId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var outcome = await HandleAsync(roundId, s => new Tick(FreshLinks(roundId, s), now), cancellationToken);
        if (outcome.Decision.Events.Count == 0 && outcome.Round.Exists)
            await store.RescheduleAsync(outcome.Round, JusteringRoundDecider.NextWakeUp(outcome.Round.State, now), cancellationToken);
        return outcome;
    }

    /// <summary>Every round whose wake-up is due, in one index query; returns how many were woken.</summary>
    public async Task<int> WakeDueRoundsAsync(CancellationToken cancellationToken = default)
    {
        var due = await store.DueWakeUpsAsync(time.GetUtcNow(), cancellationToken: cancellationToken);
        foreach (var (roundId, at) in due)
        {
            var outcome = await WakeAsync(roundId, cancellationToken);
            if (!outcome.Round.Exists || outcome.Round.NextWakeUp != at)
                await store.ForgetWakeUpAsync(at, roundId, cancellationToken);
        }
        return due.Count;
    }
}

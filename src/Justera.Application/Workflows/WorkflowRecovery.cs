using Justera.Application.Outbox;
using Justera.Storage.JusteringRounds;
using Justera.Storage.Outbox;
using Justera.Storage.ReportCycles;
using Microsoft.DurableTask.Client;

namespace Justera.Application.Workflows;

/// <summary>
/// Makes the orchestrations match the Tables again. The Tables are the truth, so a round that should be awake — its
/// wake-up is due, or its outbox has work due — and was not handled within the grace is woken, and its
/// orchestration started if it is missing (a deleted task hub, a failed start, a new deployment with a new hub name,
/// an event that was lost). The Functions app runs this from a timer trigger; the local host from a loop.
/// </summary>
public sealed class WorkflowRecovery(
    RoundStore store,
    CycleStore cycleStore,
    OutboxStore outbox,
    OutboxDispatcher dispatcher,
    RoundWorkflows workflows,
    CycleWorkflows cycleWorkflows,
    TimeProvider time)
{
    /// <summary>How late a wake-up or outbox item may be before recovery steps in: the orchestration's own timer should have run it.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromMinutes(2);

    /// <summary>Wakes every round that is due since <paramref name="grace"/> or longer; returns how many were woken.</summary>
    public async Task<int> RecoverAsync(DurableTaskClient client, TimeSpan grace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var before = time.GetUtcNow() - grace;
        var woken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (roundId, due) in await store.DueWakeUpsAsync(before, cancellationToken: cancellationToken))
        {
            // An index row is only a hint: a row the round no longer points at (left by a decision that failed after
            // writing it) is removed, so it is not woken again at every pass.
            var round = await store.LoadAsync(roundId, cancellationToken);
            if (round.NextWakeUp != due)
            {
                await store.ForgetWakeUpAsync(due, roundId, cancellationToken);
                continue;
            }
            if (woken.Add(roundId))
                await WakeAsync(client, roundId, cancellationToken);
        }
        foreach (var mark in await outbox.RoundsWithWorkAsync(cancellationToken))
        {
            if (mark.MarkedAt > before || woken.Contains(mark.RoundId))
                continue;
            if (await dispatcher.HasDueWorkAsync(mark, cancellationToken) && woken.Add(mark.RoundId))
                await WakeAsync(client, mark.RoundId, cancellationToken);
        }
        return woken.Count + await RecoverCyclesAsync(client, before, cancellationToken);
    }

    /// <summary>The same for report cycles, whose wake-ups and outbox marks share the index with the rounds'.</summary>
    private async Task<int> RecoverCyclesAsync(DurableTaskClient client, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var woken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (cycleId, due) in await cycleStore.DueWakeUpsAsync(before, cancellationToken: cancellationToken))
        {
            var cycle = await cycleStore.LoadCycleAsync(cycleId, cancellationToken);
            if (cycle.NextWakeUp != due)
            {
                await cycleStore.ForgetWakeUpAsync(due, cycleId, cancellationToken);
                continue;
            }
            if (woken.Add(cycleId))
                await WakeCycleAsync(client, cycleId, cancellationToken);
        }
        foreach (var mark in await outbox.CyclesWithWorkAsync(cancellationToken))
        {
            if (mark.MarkedAt > before || woken.Contains(mark.RoundId))
                continue;
            if (await dispatcher.HasDueWorkAsync(mark, cancellationToken) && woken.Add(mark.RoundId))
                await WakeCycleAsync(client, mark.RoundId, cancellationToken);
        }
        return woken.Count;
    }

    private async Task WakeCycleAsync(DurableTaskClient client, string cycleId, CancellationToken cancellationToken)
    {
        cycleWorkflows.Forget(cycleId);
        await cycleWorkflows.EnsureRunningAsync(client, cycleId, cancellationToken);
    }

    private async Task WakeAsync(DurableTaskClient client, string roundId, CancellationToken cancellationToken)
    {
        // Recovery asks the engine rather than trusting this process's memory: the instance may be gone.
        workflows.Forget(roundId);
        await workflows.EnsureRunningAsync(client, roundId, cancellationToken);
    }
}

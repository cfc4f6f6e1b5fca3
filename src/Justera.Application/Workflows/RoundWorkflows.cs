using Microsoft.DurableTask.Client;

namespace Justera.Application.Workflows;

/// <summary>
/// A justering round's side of <see cref="WorkflowSignals"/>: the round's orchestration instance (<c>round-{id}</c>)
/// and what starts it. Called after every commit that leaves outbox work or moves the round's wake-up.
/// </summary>
public sealed class RoundWorkflows(WorkflowSignals signals)
{
    public static string InstanceId(string roundId) => $"round-{roundId}";

    public static WorkflowTarget Target(string roundId) => new(InstanceId(roundId), RoundOrchestration.Name, new RoundOrchestrationInput(roundId));

    /// <inheritdoc cref="WorkflowSignals.Within"/>
    public IDisposable Within(string roundId) => signals.Within(InstanceId(roundId));

    /// <inheritdoc cref="WorkflowSignals.ChangedAsync"/>
    public Task ChangedAsync(string roundId, long version, CancellationToken cancellationToken = default) =>
        signals.ChangedAsync(Target(roundId), version, cancellationToken);

    /// <inheritdoc cref="WorkflowSignals.TurnStarting"/>
    public void TurnStarting(string roundId) => signals.TurnStarting(InstanceId(roundId));

    /// <inheritdoc cref="WorkflowSignals.TurnRead"/>
    public void TurnRead(string roundId, long version) => signals.TurnRead(InstanceId(roundId), version);

    /// <summary>Starts the round's orchestration if it is missing or ended, else raises "changed"; true when it was started.</summary>
    public Task<bool> EnsureRunningAsync(DurableTaskClient client, string roundId, CancellationToken cancellationToken = default) =>
        signals.EnsureRunningAsync(client, Target(roundId), version: null, cancellationToken);

    /// <inheritdoc cref="WorkflowSignals.Forget"/>
    public void Forget(string roundId) => signals.Forget(InstanceId(roundId));
}

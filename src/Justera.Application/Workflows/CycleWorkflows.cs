using Justera.Application.ReportCycles;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Justera.Application.Workflows;

/// <summary>
/// A report cycle's side of <see cref="WorkflowSignals"/>: the cycle's orchestration instance (<c>cycle-{id}</c>) and
/// what starts it. Decisions on the cycle's stream and on any of its units' streams all wake the one orchestration.
/// </summary>
public sealed partial class CycleWorkflows(WorkflowSignals signals, WorkflowClients clients, ILogger<CycleWorkflows> logger) : ICycleWorkflows
{
    public static string InstanceId(string cycleId) => $"cycle-{cycleId}";

    public static WorkflowTarget Target(string cycleId) => new(InstanceId(cycleId), ReportCycleOrchestration.Name, new ReportCycleOrchestrationInput(cycleId));

    /// <inheritdoc cref="WorkflowSignals.Within"/>
    public IDisposable Within(string cycleId) => signals.Within(InstanceId(cycleId));

    /// <summary>
    /// Wakes the cycle's orchestration after a commit on the cycle's stream or a unit's (<paramref name="unitId"/>).
    /// Unit streams have versions of their own, so the orchestration never compares them with what it read.
    /// </summary>
    public Task ChangedAsync(string cycleId, string? unitId, long version, CancellationToken cancellationToken = default) =>
        signals.ChangedAsync(Target(cycleId), version, cancellationToken);

    /// <inheritdoc cref="WorkflowSignals.TurnStarting"/>
    public void TurnStarting(string cycleId) => signals.TurnStarting(InstanceId(cycleId));

    /// <summary>Starts the cycle's orchestration if it is missing or ended, else raises "changed"; true when it was started.</summary>
    public Task<bool> EnsureRunningAsync(DurableTaskClient client, string cycleId, CancellationToken cancellationToken = default) =>
        signals.EnsureRunningAsync(client, Target(cycleId), version: null, cancellationToken);

    /// <inheritdoc/>
    public async Task WakeAsync(string cycleId, bool onlyIfStopped = false, CancellationToken cancellationToken = default)
    {
        if (clients.Current is not { } client)
            return;
        try
        {
            if (onlyIfStopped && await client.GetInstanceAsync(InstanceId(cycleId), getInputsAndOutputs: false, cancellationToken)
                    is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
                return;
            // Asks the engine rather than this process's memory: the orchestration may have ended since it was last seen running.
            Forget(cycleId);
            await EnsureRunningAsync(client, cycleId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWakeFailed(cycleId, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake the orchestration of cycle {CycleId} ({ErrorType}); the report page wakes it again")]
    private partial void LogWakeFailed(string cycleId, string errorType);

    /// <inheritdoc cref="WorkflowSignals.Forget"/>
    public void Forget(string cycleId) => signals.Forget(InstanceId(cycleId));
}

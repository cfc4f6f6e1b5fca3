using System.Collections.Concurrent;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Justera.Application.Workflows;

/// <summary>A workflow instance's orchestration: its instance id, and what starts it when it is missing.</summary>
public sealed record WorkflowTarget(string InstanceId, string OrchestrationName, object StartInput);

/// <summary>
/// Tells a workflow's orchestration that its tables changed, and starts the orchestration when it is missing. Always
/// called after the decision is committed: an event that is lost (the engine down, a failed call) is made good by
/// <see cref="WorkflowRecovery"/>, which finds the workflow again in the wake-up index or among the outbox marks.
/// Every workflow kind (a justering round, a report cycle) goes through this one instance, keyed by instance id.
/// </summary>
public sealed partial class WorkflowSignals(WorkflowClients clients, ILogger<WorkflowSignals> logger)
{
    private const int MaxKnown = 10_000;
    /// <summary>How long a change may wait for a turn here before it raises its own event (see <see cref="TrailAsync"/>).</summary>
    public static readonly TimeSpan Coalescing = TimeSpan.FromSeconds(1);

    private readonly AsyncLocal<string?> _within = new();
    private readonly Lock _gate = new();

    /// <summary>Instances with an event raised from here and no turn started here since, with the newest version committed meanwhile.</summary>
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    /// <summary>Instances this process saw running: for those an event is enough, without asking the engine first.</summary>
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    /// <summary>
    /// Marks the current call as an activity of <paramref name="instanceId"/>'s own orchestration: its decisions need
    /// not wake that orchestration, which loops on by itself once the activity returns.
    /// </summary>
    public IDisposable Within(string instanceId)
    {
        var previous = _within.Value;
        _within.Value = instanceId;
        return new Restore(_within, previous);
    }

    /// <summary>
    /// Raises "changed" for the workflow's stream <paramref name="version"/>, just committed, starting its orchestration
    /// first if this process does not know it to run. While an event this process raised has not yet been followed by
    /// a turn here, further changes wait for that turn instead of raising one event each (see <see cref="TurnStarting"/>).
    /// </summary>
    public async Task ChangedAsync(WorkflowTarget target, long version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var instanceId = target.InstanceId;
        if (_within.Value == instanceId || clients.Current is not { } client)
            return;
        Pending raised;
        lock (_gate)
        {
            if (_pending.TryGetValue(instanceId, out var pending))
            {
                pending.Skipped = Math.Max(pending.Skipped ?? 0, version);
                return;
            }
            _pending[instanceId] = raised = new Pending(target, version, client);
        }
        await RaiseHeldBackAsync(instanceId, raised, cancellationToken);
    }

    /// <summary>
    /// Called by the workflow's decision activity before it reads the tables: every change committed until now will be
    /// read by this turn, so changes skipped while the raised event waited need no event of their own.
    /// </summary>
    public void TurnStarting(string instanceId)
    {
        lock (_gate)
            _pending.Remove(instanceId);
    }

    /// <summary>
    /// Called by the workflow's decision activity once it has read stream <paramref name="version"/>. An event raised
    /// here after the turn started, for a version the turn has read, will be waited past by the orchestration; so it
    /// must not hold back later changes: those it already read need nothing, a newer one is raised now.
    /// </summary>
    public void TurnRead(string instanceId, long version)
    {
        Pending raised;
        lock (_gate)
        {
            if (!_pending.TryGetValue(instanceId, out var pending) || pending.Raised > version)
                return;
            if (pending.Skipped is not { } skipped || skipped <= version)
            {
                _pending.Remove(instanceId);
                return;
            }
            _pending[instanceId] = raised = new Pending(pending.Target, skipped, pending.Client);
        }
        _ = RaiseHeldBackAsync(instanceId, raised);
    }

    private async Task RaiseHeldBackAsync(string instanceId, Pending raised, CancellationToken cancellationToken = default)
    {
        if (await RaiseAsync(raised.Client, raised.Target, raised.Raised, cancellationToken))
            _ = TrailAsync(instanceId, raised);
        else
            Settle(instanceId, raised);
    }

    /// <summary>
    /// The turn may run in another process (Functions scale out), where <see cref="TurnStarting"/> cannot reach this
    /// one: so a change skipped here is raised after <see cref="Coalescing"/> unless a turn started here first; with
    /// nothing skipped, the workflow is simply let go, so only workflows raised in the last moment are held here.
    /// </summary>
    private async Task TrailAsync(string instanceId, Pending pending)
    {
        // Real time, not the injected clock: this only spaces out events, and a test's fake clock might never move.
        await Task.Delay(Coalescing, TimeProvider.System);
        Pending raised;
        lock (_gate)
        {
            if (!_pending.TryGetValue(instanceId, out var current) || current != pending)
                return;
            if (pending.Skipped is not { } skipped)
            {
                _pending.Remove(instanceId);
                return;
            }
            _pending[instanceId] = raised = new Pending(pending.Target, skipped, pending.Client);
        }
        await RaiseHeldBackAsync(instanceId, raised);
    }

    private async Task<bool> RaiseAsync(DurableTaskClient client, WorkflowTarget target, long version, CancellationToken cancellationToken)
    {
        try
        {
            if (_known.ContainsKey(target.InstanceId))
                await client.RaiseEventAsync(target.InstanceId, WorkflowLoop.ChangedEvent, version, cancellationToken);
            else
                await EnsureRunningAsync(client, target, version, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The decision is stored; recovery finds the workflow in the index and wakes it. The request must not fail for this.
            LogSignalFailed(target.InstanceId, e.GetType().Name);
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>No event is on its way after all: the next change raises its own.</summary>
    private void Settle(string instanceId, Pending raised)
    {
        lock (_gate)
        {
            if (_pending.TryGetValue(instanceId, out var current) && current == raised)
                _pending.Remove(instanceId);
        }
    }

    /// <summary>
    /// Starts the workflow's orchestration if it is missing or ended, else raises "changed" for
    /// <paramref name="version"/> (none: always a turn); true when it was started.
    /// </summary>
    public async Task<bool> EnsureRunningAsync(DurableTaskClient client, WorkflowTarget target, long? version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(target);
        var id = target.InstanceId;
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (instance is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
        {
            Know(id);
            await client.RaiseEventAsync(id, WorkflowLoop.ChangedEvent, version, cancellationToken);
            return false;
        }
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(target.OrchestrationName, target.StartInput,
                new StartOrchestrationOptions(id), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another instance of the host started it a moment ago; its first turn reads the tables anyway.
        }
        Know(id);
        return true;
    }

    /// <summary>Forgets that the workflow's orchestration runs (it ended, or was found missing), so the next change asks again.</summary>
    public void Forget(string instanceId) => _known.TryRemove(instanceId, out _);

    private void Know(string instanceId)
    {
        if (_known.Count >= MaxKnown)
            _known.Clear();
        _known[instanceId] = 0;
    }

    /// <summary>An event raised from here for <see cref="Raised"/>, and the newest version committed since without an event of its own.</summary>
    private sealed class Pending(WorkflowTarget target, long raised, DurableTaskClient client)
    {
        public WorkflowTarget Target { get; } = target;

        public long Raised { get; } = raised;

        public DurableTaskClient Client { get; } = client;

        public long? Skipped { get; set; }
    }

    private sealed class Restore(AsyncLocal<string?> within, string? previous) : IDisposable
    {
        public void Dispose() => within.Value = previous;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell orchestration {InstanceId} that its workflow changed ({ErrorType}); recovery will wake it")]
    private partial void LogSignalFailed(string instanceId, string errorType);
}

using System.Collections.Concurrent;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Justera.Application.Workflows;

/// <summary>
/// Tells a round's orchestration that its tables changed, and starts the orchestration when it is missing. Always
/// called after the decision is committed: an event that is lost (the engine down, a failed call) is made good by
/// <see cref="WorkflowRecovery"/>, which finds the round again in the wake-up index or among the outbox marks.
/// </summary>
public sealed partial class RoundWorkflows(WorkflowClients clients, ILogger<RoundWorkflows> logger)
{
    private const int MaxKnown = 10_000;
    private readonly AsyncLocal<string?> _within = new();

    /// <summary>Instances this process saw running: for those an event is enough, without asking the engine first.</summary>
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    public static string InstanceId(string roundId) => $"round-{roundId}";

    /// <summary>
    /// Marks the current call as an activity of <paramref name="roundId"/>'s own orchestration: its decisions need not
    /// wake that orchestration, which loops on by itself once the activity returns.
    /// </summary>
    public IDisposable Within(string roundId)
    {
        var previous = _within.Value;
        _within.Value = roundId;
        return new Restore(_within, previous);
    }

    /// <summary>Raises "changed" for the round, starting its orchestration first if this process does not know it to run.</summary>
    public async Task ChangedAsync(string roundId, CancellationToken cancellationToken = default)
    {
        if (_within.Value == roundId || clients.Current is not { } client)
            return;
        try
        {
            if (_known.ContainsKey(roundId))
                await client.RaiseEventAsync(InstanceId(roundId), RoundOrchestration.ChangedEvent, eventPayload: null, cancellationToken);
            else
                await EnsureRunningAsync(client, roundId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The decision is stored; recovery finds the round in the index and wakes it. The request must not fail for this.
            LogSignalFailed(roundId, e.GetType().Name);
        }
    }

    /// <summary>Starts the round's orchestration if it is missing or ended, else raises "changed"; true when it was started.</summary>
    public async Task<bool> EnsureRunningAsync(DurableTaskClient client, string roundId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var id = InstanceId(roundId);
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken);
        if (instance is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
        {
            Know(roundId);
            await client.RaiseEventAsync(id, RoundOrchestration.ChangedEvent, eventPayload: null, cancellationToken);
            return false;
        }
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(RoundOrchestration.Name, new RoundOrchestrationInput(roundId),
                new StartOrchestrationOptions(id), cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another instance of the host started it a moment ago; its first turn reads the tables anyway.
        }
        Know(roundId);
        return true;
    }

    /// <summary>Forgets that the round's orchestration runs (it ended, or was found missing), so the next change asks again.</summary>
    public void Forget(string roundId) => _known.TryRemove(roundId, out _);

    private void Know(string roundId)
    {
        if (_known.Count >= MaxKnown)
            _known.Clear();
        _known[roundId] = 0;
    }

    private sealed class Restore(AsyncLocal<string?> within, string? previous) : IDisposable
    {
        public void Dispose() => within.Value = previous;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell the orchestration of round {RoundId} that it changed ({ErrorType}); recovery will wake it")]
    private partial void LogSignalFailed(string roundId, string errorType);
}

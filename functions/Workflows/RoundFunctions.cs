using Justera.Application.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Justera.Functions.Workflows;

/// <summary>
/// A justering round's orchestration and its activities as Durable Functions: thin bindings of the shared classes
/// the local host registers with its in-process worker, under the same names, so both hosts run one orchestration.
/// </summary>
public sealed class RoundFunctions(RoundActivities activities)
{
    /// <summary>Replayed from its history after every await: all it does is in <see cref="RoundOrchestration.RunAsync"/>, which reads time only through the context.</summary>
    [Function(RoundOrchestration.Name)]
    public static Task RunOrchestrationAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<RoundOrchestrationInput>()
            ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} was started without a round id.");
        return RoundOrchestration.RunAsync(context, input);
    }

    /// <summary>Runs the round's due decision; exceptions go through, so the orchestration's retry policy applies.</summary>
    [Function(RoundActivities.Decide)]
    public Task<RoundStep> DecideAsync([ActivityTrigger] string roundId, CancellationToken cancellationToken) =>
        activities.DecideAsync(roundId, cancellationToken);

    /// <summary>Carries out the round's due outbox items (mail within the send rate, sealing).</summary>
    [Function(RoundActivities.CarryOutOutbox)]
    public Task<OutboxStep> CarryOutOutboxAsync([ActivityTrigger] string roundId, CancellationToken cancellationToken) =>
        activities.CarryOutOutboxAsync(roundId, cancellationToken);
}

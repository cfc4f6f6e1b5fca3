using Justera.Application.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Justera.Functions.Workflows;

/// <summary>
/// Every minute, makes the orchestrations match the Tables again: a round that is due and was not handled (its
/// orchestration missing after a deleted or renamed task hub, a failed start, a lost event) is woken and its
/// orchestration started. The local host's recovery loop does the same.
/// </summary>
public sealed class RecoveryFunction(WorkflowRecovery recovery)
{
    public const string Name = "RecoverJusteringRounds";

    [Function(Name)]
    public async Task RunAsync(
        [TimerTrigger("0 */1 * * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await recovery.RecoverAsync(client, WorkflowRecovery.DefaultGrace, cancellationToken);
    }
}

using Justera.Application.ReportCycles;
using Justera.Application.Workflows;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Justera.Functions.Workflows;

/// <summary>A report cycle's orchestration and its activities as Durable Functions: thin bindings of the shared classes the local host registers too.</summary>
public sealed class ReportCycleFunctions(ReportCycleActivities activities)
{
    /// <summary>Replayed from its history after every await: all it does is in <see cref="ReportCycleOrchestration.RunAsync"/>.</summary>
    [Function(ReportCycleOrchestration.Name)]
    public static Task RunOrchestrationAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<ReportCycleOrchestrationInput>()
            ?? throw new InvalidOperationException($"Orchestration {context.InstanceId} was started without a cycle id.");
        return ReportCycleOrchestration.RunAsync(context, input);
    }

    /// <summary>Opens waiting units and lets time pass for the cycle; exceptions go through, so the retry policy applies.</summary>
    [Function(ReportCycleActivities.Decide)]
    public Task<CycleStep> DecideAsync([ActivityTrigger] string cycleId, CancellationToken cancellationToken) =>
        activities.DecideAsync(cycleId, cancellationToken);

    /// <summary>Carries out the due outbox items of the cycle and its units.</summary>
    [Function(ReportCycleActivities.CarryOutOutbox)]
    public Task<OutboxStep> CarryOutOutboxAsync([ActivityTrigger] string cycleId, CancellationToken cancellationToken) =>
        activities.CarryOutOutboxAsync(cycleId, cancellationToken);

    /// <summary>Compiles the version of the report a closed cycle still wants (.docx and .xlsx, write-once) and records it.</summary>
    [Function(ReportCycleActivities.Compile)]
    public Task<CompileResult> CompileAsync([ActivityTrigger] CompileReportInput input, CancellationToken cancellationToken) =>
        activities.CompileAsync(input, cancellationToken);
}

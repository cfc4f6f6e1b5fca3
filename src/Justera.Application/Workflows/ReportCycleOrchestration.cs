using Justera.Application.ReportCycles;
using Microsoft.DurableTask;

namespace Justera.Application.Workflows;

/// <summary>
/// What a report cycle's orchestration starts (and continues as new) with: the cycle's id, and — for a generation that
/// only trims its history — when its sleep ends.
/// </summary>
public sealed record ReportCycleOrchestrationInput(string CycleId, DateTime? SleepUntil = null);

/// <summary>
/// One orchestration per report cycle decides <em>when</em> the cycle's decisions run, on the round's pattern: each
/// turn opens the units still waiting for their request (a batch at a time), lets time pass for the cycle (reminders,
/// digests, escalations), carries out the outbox of the cycle and all its units, compiles the report version a closed
/// cycle still wants, then sleeps until something changes or the next wake-up.
/// </summary>
/// <remarks>
/// A cycle's events come from many streams (the cycle's own and one per unit, each with its own version), so unlike a
/// round's they are never compared with what a turn read: every event runs a turn. Unit decisions raise one only when
/// they leave mail to send (klarmarkera, approval, sending back) — drafts, the bulk of the traffic, raise none.
/// </remarks>
public static class ReportCycleOrchestration
{
    public const string Name = "ReportCycle";

    public static async Task RunAsync(TaskOrchestrationContext context, ReportCycleOrchestrationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        DateTime sleepUntil;
        if (input is { SleepUntil: { } until })
        {
            sleepUntil = until;
        }
        else
        {
            try
            {
                var step = await context.CallActivityAsync<CycleStep>(ReportCycleActivities.Decide, input.CycleId, RoundOrchestration.Retry);
                var outbox = await context.CallActivityAsync<OutboxStep>(ReportCycleActivities.CarryOutOutbox, input.CycleId, RoundOrchestration.Retry);
                var compiled = false;
                if (step.CompilationPending is { } number)
                {
                    // A compile is an activity of its own (seconds for 300 units), never work on a request thread. Its
                    // result is in the Tables; the next turn reads it, and sends the failure notice it may have left.
                    await context.CallActivityAsync<CompileResult>(ReportCycleActivities.Compile,
                        new CompileReportInput(input.CycleId, number), RoundOrchestration.Retry);
                    compiled = true;
                }
                if (step.MoreNow || outbox.MoreNow || compiled)
                {
                    // Units still to open, the outbox decided something new, or a version was compiled: go again at once.
                    context.ContinueAsNew(new ReportCycleOrchestrationInput(input.CycleId), preserveUnprocessedEvents: true);
                    return;
                }
                if (step.Closed && step.WakeUpIn is null && outbox.RetryIn is null)
                    return; // Closed and compiled, nothing left to send: the cycle needs no orchestration any more.
                sleepUntil = context.CurrentUtcDateTime + WorkflowLoop.Shortest(step.WakeUpIn, outbox.RetryIn);
            }
            catch (TaskFailedException)
            {
                sleepUntil = context.CurrentUtcDateTime + RoundOrchestration.AfterFailure;
            }
        }
        await WorkflowLoop.WaitThenContinueAsync(context, seen: null, sleepUntil,
            nextTurn: new ReportCycleOrchestrationInput(input.CycleId),
            quietGeneration: (_, until) => new ReportCycleOrchestrationInput(input.CycleId, until));
    }
}

using Justera.Application.Outbox;
using Justera.Application.ReportCycles;

namespace Justera.Application.Workflows;

/// <summary>
/// What a cycle's decision activity found: closed?, the wait until its next wake-up, whether units are still waiting to
/// be opened, and the version of the report the closed cycle still wants compiled (<see cref="ReportCycleService.PendingCompilation"/>).
/// </summary>
public sealed record CycleStep(bool Closed, TimeSpan? WakeUpIn, bool MoreNow, int? CompilationPending = null);

/// <summary>The compile activity's input: the cycle and the version to compile.</summary>
public sealed record CompileReportInput(string CycleId, int Number);

/// <summary>
/// The activities a report cycle's orchestration calls, shared by both hosts like <see cref="RoundActivities"/>.
/// Exceptions go through, so the orchestration's retry policy applies.
/// </summary>
public sealed class ReportCycleActivities(ReportCycleService cycles, OutboxDispatcher dispatcher, CycleWorkflows workflows, CycleReports reports)
{
    public const string Decide = "DecideReportCycle";
    public const string CarryOutOutbox = "CarryOutReportCycleOutbox";
    public const string Compile = "CompileCycleReport";

    /// <summary>
    /// Units opened per activity: each is its own decision (a transaction and a request mail rendered), so a cycle of
    /// 300 units is opened in a few short activities rather than one whose queue message might reappear while it runs.
    /// </summary>
    public const int UnitsPerTurn = 50;

    /// <summary>Opens a batch of units still waiting for their request, then lets time pass for the cycle.</summary>
    public async Task<CycleStep> DecideAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        using var _ = workflows.Within(cycleId);
        workflows.TurnStarting(cycleId);
        var (opening, tick) = await cycles.DecideTurnAsync(cycleId, UnitsPerTurn, cancellationToken);
        var now = cycles.Time.GetUtcNow();
        // Only a closed cycle compiles; reading its state again costs one row read, and only closed cycles pay it.
        var pending = tick.Closed ? ReportCycleService.PendingCompilation((await cycles.LoadCycleAsync(cycleId, cancellationToken)).State) : null;
        return new CycleStep(tick.Closed, tick.NextWakeUp is { } due ? due - now : null, opening.Remaining > 0, pending);
    }

    /// <summary>
    /// Compiles the version the decision step found pending: the .docx and .xlsx written once to Blob storage, then
    /// recorded on the cycle (or the failure, in Swedish). Storage trouble goes through, so the retry policy applies.
    /// </summary>
    public async Task<CompileResult> CompileAsync(CompileReportInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var _ = workflows.Within(input.CycleId);
        return await reports.CompileAsync(input.CycleId, input.Number, cancellationToken);
    }

    /// <summary>Carries out the due outbox items of the cycle and all its units, within the send rate.</summary>
    public async Task<OutboxStep> CarryOutOutboxAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        using var _ = workflows.Within(cycleId);
        var pass = await dispatcher.DispatchCycleAsync(cycleId, RoundActivities.OutboxBudget, cancellationToken);
        var now = cycles.Time.GetUtcNow();
        return new OutboxStep(pass.Handled > 0, pass.NextAttemptAt is { } next ? next - now : null);
    }
}

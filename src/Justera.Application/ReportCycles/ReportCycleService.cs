using System.Collections.Concurrent;
using System.Text.Json;
using Justera.Core;
using Justera.Core.Links;
using Justera.Core.ReportCycles;
using Justera.Storage;
using Justera.Storage.ReportCycles;

namespace Justera.Application.ReportCycles;

/// <summary>A cycle command's result: the cycle's stream after it, and what the decider said.</summary>
public sealed record CycleOutcome(StoredCycle Cycle, CycleDecision Decision)
{
    public bool Refused => Decision.IsRefused;
}

/// <summary>A unit command's result: the unit's stream after it, and what the decider said.</summary>
public sealed record UnitOutcome(StoredUnit Unit, UnitDecision Decision)
{
    public bool Refused => Decision.IsRefused;

    public static UnitOutcome Refuse(string cycleId, string unitId, CycleRefusal refusal) =>
        new(new StoredUnit(cycleId, unitId, UnitReportDecider.Initial, 0, default), UnitDecision.Refuse(refusal));
}

/// <summary>What a timer tick did: whether the cycle is closed (the orchestration stops), when it wants the next tick, and how many mails it queued.</summary>
public sealed record CycleTickResult(bool Closed, DateTimeOffset? NextWakeUp, int Mails);

/// <summary>A cycle in the secretary's list: its head and how many of its units are klarmarkerade or approved.</summary>
public sealed record CycleListItem(CycleHead Head, int Done)
{
    /// <summary>"34 av 52 enheter klara".</summary>
    public string Progress => CycleOverview.ProgressText(Done, Head.UnitCount);
}

/// <summary>One batch of <see cref="ReportCycleService.OpenUnitsAsync"/>: units opened now, and units of the cycle still not opened.</summary>
public sealed record OpenUnitsResult(int Opened, int Remaining);

/// <summary>
/// Runs report cycle decisions against the tables, as <c>JusteringRoundService</c> does for rounds: load, decide,
/// render the effects into mails, commit the decision's own stream atomically, and on a concurrent writer's conflict
/// decide again on the fresh state; then tell the orchestration. Cycle decisions write only the cycle's rows; a unit
/// decision reads the cycle's state and the year structure (cached by its hash) and writes only that unit's rows.
/// </summary>
/// <remarks>
/// Decisions on one stream wait their turn within this instance (striped locks keyed by cycle, or by cycle and unit),
/// so a burst of saves does not turn into conflicting writes; different units never wait for each other beyond a
/// shared stripe. Another instance's write is caught by the event row key and decided again.
/// </remarks>
public sealed class ReportCycleService(CycleStore store, CycleEffectRenderer renderer, ICycleWorkflows workflows, TimeProvider time) : IDisposable
{
    private const int MaxAttempts = 20;
    private static readonly YearStructure NoStructure = new(0, [], []);

    private readonly SemaphoreSlim[] _turns = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly ConcurrentDictionary<string, YearStructure> _structures = new(StringComparer.Ordinal);

    public TimeProvider Time => time;

    public CycleStore Store => store;

    /// <summary>Stores the year structure write-once by its hash and starts the cycle with it (one decision; the units are opened after, in batches).</summary>
    public async Task<CycleOutcome> StartAsync(
        ReportPeriod period, int year, DateOnly deadline, decimal deviationThreshold, IReadOnlyList<ReportingUnit> units,
        YearStructure structure, Person secretary, string formKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var hash = await store.StoreStructureAsync(structure, cancellationToken);
        _structures.TryAdd(hash, structure);
        var cycleId = ReportCycleIds.For(period, year);
        return await HandleCycleAsync(cycleId,
            _ => new StartCycle(period, year, deadline, deviationThreshold, units, structure, hash, secretary, formKey, time.GetUtcNow()), cancellationToken);
    }

    /// <summary>Decides a cycle command built from the current state, and stores the result.</summary>
    public Task<CycleOutcome> HandleCycleAsync(string cycleId, Func<ReportCycleState, ReportCycleCommand> command, CancellationToken cancellationToken = default) =>
        HandleCycleAsync(cycleId, (state, _) => command(state), readProgress: false, cancellationToken);

    /// <summary>
    /// Decides a cycle command that needs every unit's phase (tick, remind now, close): the units' summaries are read
    /// in one query on each attempt, so a retry after a conflict sees fresh progress too.
    /// </summary>
    public Task<CycleOutcome> HandleCycleAsync(string cycleId, Func<ReportCycleState, IReadOnlyList<UnitProgress>, ReportCycleCommand> command,
        bool readProgress, CancellationToken cancellationToken = default) =>
        HandleCycleAsync(cycleId, command, readProgress, null, cancellationToken);

    /// <param name="read">The cycle and its units' summaries, when the caller has just read them: the first attempt decides on those.</param>
    private async Task<CycleOutcome> HandleCycleAsync(string cycleId, Func<ReportCycleState, IReadOnlyList<UnitProgress>, ReportCycleCommand> command,
        bool readProgress, (StoredCycle Cycle, IReadOnlyList<UnitSummary> Summaries)? read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var turn = Turn(cycleId);
        await turn.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var summaries = readProgress ? (attempt == 1 && read is { } r ? r.Summaries : await store.ReadUnitSummariesAsync(cycleId, cancellationToken)) : null;
                var progress = summaries?.Select(s => s.Progress).ToList();
                var stored = attempt == 1 && read is { } known ? known.Cycle : await store.LoadCycleAsync(cycleId, cancellationToken);
                var cmd = command(stored.State, progress ?? []);
                var decision = ReportCycleDecider.Decide(cmd, stored.State);
                if (decision.IsRefused || decision.Events.Count == 0)
                    return new CycleOutcome(stored, decision);

                var state = decision.Events.Aggregate(stored.State, ReportCycleDecider.Evolve);
                var items = renderer.Render(stored.Version + 1, state.CycleOrNull!, decision.Effects);
                var outbox = OutboxRows(items);
                var wakeUp = ReportCycleDecider.NextWakeUp(state, cmd.At, progress);
                if (await store.TryCommitCycleAsync(stored, new CycleCommit(decision.Events, state, wakeUp, outbox), cancellationToken) is { } committed)
                {
                    // Stored first, told second: the orchestration reads the tables, so a lost or repeated signal changes nothing.
                    // A closed cycle's wake-up only marks a version still to compile, for recovery to find; whoever asks
                    // for a version wakes the (possibly ended) orchestration itself (CycleReports), and a second start
                    // raced from here could schedule it twice.
                    if (outbox.Count > 0 || (committed.NextWakeUp != stored.NextWakeUp && state is ReportCycleState.Open))
                        await workflows.ChangedAsync(cycleId, null, committed.Version, cancellationToken);
                    return new CycleOutcome(committed, decision);
                }
                await BackOffAsync(cycleId, attempt, cancellationToken);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>
    /// Decides a unit command built from the unit's and the cycle's current state, and stores the result in the unit's
    /// own rows. A conflict (another save of the same unit got there first) decides again on the fresh state, where a
    /// save based on the older version is refused as stale with what changed; nothing is overwritten silently.
    /// </summary>
    public async Task<UnitOutcome> HandleUnitAsync(string cycleId, string unitId, Func<UnitReportState, ReportCycleState, UnitCommand> command,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var turn = Turn(cycleId + "/" + unitId);
        await turn.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var cycleTask = store.LoadCycleAsync(cycleId, cancellationToken);
                var unitTask = store.LoadUnitAsync(cycleId, unitId, cancellationToken);
                var cycle = await cycleTask;
                var stored = await unitTask;
                var structure = cycle.State.CycleOrNull is { } c ? await StructureAsync(c.StructureHash, cancellationToken) : NoStructure;
                var cmd = command(stored.State, cycle.State);
                if (cmd.UnitId != unitId)
                    throw new ArgumentException($"The command is for unit {cmd.UnitId}, not {unitId}.", nameof(command));
                var decision = UnitReportDecider.Decide(cmd, stored.State, cycle.State, structure);
                if (decision.IsRefused || decision.Events.Count == 0)
                    return new UnitOutcome(stored, decision);

                var state = decision.Events.Aggregate(stored.State, UnitReportDecider.Evolve);
                var items = renderer.Render(stored.Version + 1, cycle.State.CycleOrNull!, decision.Effects);
                var outbox = items.Count > 0 ? JsonSerializer.Serialize(items, JusteraJson.Options) : null;
                if (await store.TryCommitUnitAsync(stored, new UnitCommit(decision.Events, state, outbox), cancellationToken) is { } committed)
                {
                    if (outbox is not null)
                        await workflows.ChangedAsync(cycleId, unitId, committed.Version, cancellationToken);
                    return new UnitOutcome(committed, decision);
                }
                await BackOffAsync(cycleId + "/" + unitId, attempt, cancellationToken);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>
    /// Opens up to <paramref name="max"/> units of the cycle that are not opened yet, each its own OpenUnit decision
    /// (its request mail in its own outbox row); returns how many were opened and how many remain. Idempotent: an
    /// opened unit is skipped, and a repeated OpenUnit decides nothing.
    /// </summary>
    public async Task<OpenUnitsResult> OpenUnitsAsync(string cycleId, int max, CancellationToken cancellationToken = default)
    {
        var summaries = store.ReadUnitSummariesAsync(cycleId, cancellationToken);
        var cycle = await store.LoadCycleAsync(cycleId, cancellationToken);
        return await OpenUnitsAsync(cycle, await summaries, max, cancellationToken);
    }

    private async Task<OpenUnitsResult> OpenUnitsAsync(StoredCycle cycle, IReadOnlyList<UnitSummary> summaries, int max, CancellationToken cancellationToken)
    {
        if (cycle.State is not ReportCycleState.Open { Cycle: var c })
            return new OpenUnitsResult(0, 0);
        var cycleId = cycle.CycleId;
        var opened = summaries.Select(s => s.UnitId).ToHashSet(StringComparer.Ordinal);
        var waiting = c.Units.Where(u => !opened.Contains(u.Id)).ToList();
        var done = 0;
        foreach (var unit in waiting.Take(Math.Max(0, max)))
        {
            var outcome = await HandleUnitAsync(cycleId, unit.Id,
                (_, _) => new OpenUnit(unit.Id, CycleLinks.Mint(CycleLink.ForUnit(cycleId, unit.Id)), time.GetUtcNow()), cancellationToken);
            if (!outcome.Refused)
                done++;
        }
        return new OpenUnitsResult(done, waiting.Count - done);
    }

    /// <summary>
    /// The orchestration's decision turn: opens up to <paramref name="maxOpen"/> units still waiting for their request,
    /// then lets time pass (<see cref="TickAsync(string, CancellationToken)"/>). The cycle and its units' phases are
    /// read once for both; when no unit was opened, the tick decides on those same reads, so a turn with nothing due
    /// costs two storage requests however many units wait.
    /// </summary>
    public async Task<(OpenUnitsResult Opening, CycleTickResult Tick)> DecideTurnAsync(string cycleId, int maxOpen, CancellationToken cancellationToken = default)
    {
        var summariesTask = store.ReadUnitSummariesAsync(cycleId, cancellationToken);
        var cycle = await store.LoadCycleAsync(cycleId, cancellationToken);
        var summaries = await summariesTask;
        var opening = await OpenUnitsAsync(cycle, summaries, maxOpen, cancellationToken);
        var tick = await TickAsync(cycleId, opening.Opened == 0 ? (cycle, summaries) : null, cancellationToken);
        return (opening, tick);
    }

    /// <summary>
    /// The cycle's timer: reads every unit's phase in one query, decides the tick (reminders, digests, escalations, the
    /// deadline notice) and commits it; when nothing was due, moves the wake-up to what the units' progress says.
    /// </summary>
    public Task<CycleTickResult> TickAsync(string cycleId, CancellationToken cancellationToken = default) =>
        TickAsync(cycleId, null, cancellationToken);

    private async Task<CycleTickResult> TickAsync(string cycleId, (StoredCycle Cycle, IReadOnlyList<UnitSummary> Summaries)? read, CancellationToken cancellationToken)
    {
        IReadOnlyList<UnitProgress> seen = [];
        var outcome = await HandleCycleAsync(cycleId, (state, progress) =>
        {
            seen = progress;
            var now = time.GetUtcNow();
            return new Tick(progress, [.. ReminderPlan.LinksForTick(state, now, progress).Select(CycleLinks.Mint)], now);
        }, readProgress: true, read, cancellationToken);
        var stored = outcome.Cycle;
        if (outcome.Decision.Events.Count == 0 && stored.Exists)
        {
            var next = ReportCycleDecider.NextWakeUp(stored.State, time.GetUtcNow(), seen);
            await store.RescheduleAsync(stored, next, cancellationToken);
            return new CycleTickResult(stored.State is ReportCycleState.Closed, next, 0);
        }
        return new CycleTickResult(stored.State is ReportCycleState.Closed, stored.NextWakeUp, outcome.Decision.Effects.Count);
    }

    /// <summary>Every cycle whose wake-up is due, in one index query; ticks each and returns how many were woken.</summary>
    public async Task<int> WakeDueCyclesAsync(CancellationToken cancellationToken = default)
    {
        var due = await store.DueWakeUpsAsync(time.GetUtcNow(), cancellationToken: cancellationToken);
        foreach (var (cycleId, at) in due)
        {
            var result = await TickAsync(cycleId, cancellationToken);
            if (result.NextWakeUp != at)
                await store.ForgetWakeUpAsync(at, cycleId, cancellationToken);
        }
        return due.Count;
    }

    /// <summary>"Påminn nu" for one unit, or every unit still awaiting its manager when <paramref name="unitId"/> is null.</summary>
    public Task<CycleOutcome> RemindNowAsync(string cycleId, string? unitId, CancellationToken cancellationToken = default) =>
        HandleCycleAsync(cycleId, (state, progress) =>
        {
            var now = time.GetUtcNow();
            return new RemindNow(unitId, progress, [.. ReminderPlan.LinksForRemindNow(state, unitId, progress, now).Select(CycleLinks.Mint)], now);
        }, readProgress: true, cancellationToken);

    public Task<CycleOutcome> ExtendDeadlineAsync(string cycleId, string? unitId, DateOnly newDeadline, CancellationToken cancellationToken = default) =>
        HandleCycleAsync(cycleId, _ => new ExtendDeadline(unitId, newDeadline, time.GetUtcNow()), cancellationToken);

    public Task<CycleOutcome> CloseAsync(string cycleId, bool confirmedMissing, string closedBy, CancellationToken cancellationToken = default) =>
        HandleCycleAsync(cycleId, (_, progress) => new CloseCycle(progress, confirmedMissing, closedBy, time.GetUtcNow()), readProgress: true, cancellationToken);

    /// <summary>Saves the form as a draft through the manager's link (<paramref name="token"/>).</summary>
    public Task<UnitOutcome> SaveDraftAsync(string token, string unitId, UnitInput input, int basedOnVersion, CancellationToken cancellationToken = default) =>
        WithLinkAsync(token, unitId, by => HandleUnitAsync(by.Link.CycleId, unitId,
            (_, _) => new SaveDraft(unitId, by, input, basedOnVersion, time.GetUtcNow()), cancellationToken));

    /// <summary>Klarmarkera through the manager's link: a fresh department link goes to the department head.</summary>
    public Task<UnitOutcome> MarkReadyAsync(string token, string unitId, UnitInput input, int basedOnVersion, CancellationToken cancellationToken = default) =>
        WithLinkAsync(token, unitId, by => HandleUnitAsync(by.Link.CycleId, unitId, (unit, _) =>
            new MarkReady(unitId, by, input, basedOnVersion,
                CycleLinks.Mint(CycleLink.ForDepartment(by.Link.CycleId, unit.ReportOrNull?.Unit.Department ?? by.Link.Scope)), time.GetUtcNow()),
            cancellationToken));

    /// <summary>The department head approves the version they read, through their department link.</summary>
    public Task<UnitOutcome> ApproveAsync(string token, string unitId, string approvedBy, int version, CancellationToken cancellationToken = default) =>
        WithLinkAsync(token, unitId, by => HandleUnitAsync(by.Link.CycleId, unitId,
            (_, _) => new Approve(unitId, by, approvedBy, version, time.GetUtcNow()), cancellationToken));

    /// <summary>The department head sends the report back with a comment; the manager gets a fresh link.</summary>
    public Task<UnitOutcome> SendBackAsync(string token, string unitId, string sentBy, int version, string comment, CancellationToken cancellationToken = default) =>
        WithLinkAsync(token, unitId, by => HandleUnitAsync(by.Link.CycleId, unitId,
            (_, _) => new SendBack(unitId, by, sentBy, version, comment, CycleLinks.Mint(CycleLink.ForUnit(by.Link.CycleId, unitId)), time.GetUtcNow()),
            cancellationToken));

    private static Task<UnitOutcome> WithLinkAsync(string token, string unitId, Func<LinkCredential, Task<UnitOutcome>> handle)
    {
        if (!CycleLinks.TryRead(token, out var link, out var hash))
            return Task.FromResult(UnitOutcome.Refuse("", unitId, CycleRefusal.Because(CycleRefusalReason.UnknownLink, "Länken är inte giltig.")));
        return handle(new LinkCredential(link, hash));
    }

    /// <summary>The year structure a cycle was started with, by its hash (cached: a snapshot never changes).</summary>
    public async Task<YearStructure> StructureAsync(string hash, CancellationToken cancellationToken = default)
    {
        if (_structures.TryGetValue(hash, out var cached))
            return cached;
        var structure = await store.ReadStructureAsync(hash, cancellationToken)
            ?? throw new InvalidOperationException($"The year structure {hash} a cycle was started with is missing from storage.");
        return _structures.GetOrAdd(hash, structure);
    }

    public Task<StoredCycle> LoadCycleAsync(string cycleId, CancellationToken cancellationToken = default) => store.LoadCycleAsync(cycleId, cancellationToken);

    public Task<IReadOnlyList<StoredCycleDecision>> CycleHistoryAsync(string cycleId, CancellationToken cancellationToken = default) =>
        store.ReadCycleHistoryAsync(cycleId, cancellationToken);

    /// <summary>A unit's history: every decision of its own stream, oldest first.</summary>
    public Task<IReadOnlyList<StoredUnitDecision>> UnitHistoryAsync(string cycleId, string unitId, CancellationToken cancellationToken = default) =>
        store.ReadUnitHistoryAsync(cycleId, unitId, cancellationToken);

    /// <summary>The dashboard: per department and unit, phase and lateness, the counts and the goals' assessments so far. Two reads.</summary>
    public async Task<CycleOverview?> OverviewAsync(string cycleId, string? department = null, CancellationToken cancellationToken = default)
    {
        var summariesTask = store.ReadUnitSummariesAsync(cycleId, cancellationToken);
        var stored = await store.LoadCycleAsync(cycleId, cancellationToken);
        var summaries = await summariesTask;
        if (stored.State.CycleOrNull is not { } cycle)
            return null;
        var structure = await StructureAsync(cycle.StructureHash, cancellationToken);
        return CycleOverview.From(stored, summaries, structure, department, time.GetUtcNow());
    }

    /// <summary>
    /// The cycles the administration's secretaries started, newest year first, each with its progress: one index query,
    /// then per cycle a point read of its state row's small columns and one query of its units' summary columns.
    /// </summary>
    public async Task<IReadOnlyList<CycleListItem>> ListCyclesAsync(string administrationId, CancellationToken cancellationToken = default)
    {
        var heads = await store.ListAdministrationCyclesAsync(administrationId, cancellationToken);
        return await Task.WhenAll(heads.Select(async h =>
        {
            var summaries = await store.ReadUnitSummariesAsync(h.CycleId, cancellationToken);
            return new CycleListItem(h, summaries.Count(s => s.Phase is UnitPhase.Ready or UnitPhase.Approved));
        }));
    }

    /// <summary>Whether the administration's secretary started the cycle: another administration's cycle does not exist for its secretaries.</summary>
    public Task<bool> BelongsToAsync(string administrationId, string cycleId, CancellationToken cancellationToken = default) =>
        store.IsAdministrationCycleAsync(administrationId, cycleId, cancellationToken);

    /// <summary>
    /// Starts the cycle as <see cref="StartAsync"/> does and, when the start stands (new, or the same form sent again),
    /// records it in the administration's list of cycles. Another administration's start of the same period and year is
    /// refused by the decider, so nothing is recorded for it.
    /// </summary>
    public async Task<CycleOutcome> StartForAdministrationAsync(
        string administrationId, ReportPeriod period, int year, DateOnly deadline, decimal deviationThreshold, IReadOnlyList<ReportingUnit> units,
        YearStructure structure, Person secretary, string formKey, CancellationToken cancellationToken = default)
    {
        var outcome = await StartAsync(period, year, deadline, deviationThreshold, units, structure, secretary, formKey, cancellationToken);
        if (!outcome.Refused && outcome.Cycle.State.CycleOrNull is { } cycle && cycle.StartFormKey == formKey)
            await store.RecordAdministrationCycleAsync(administrationId, cycle.Id, cycle.Period, cycle.Year, cycle.StartedAt, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// A unit's form as its manager's link opens it: the unit's state, the cycle, the structure and the unit's
    /// assignment; or why the link may not open it (another unit's, unknown, the cycle closed).
    /// </summary>
    public async Task<UnitFormView> UnitFormAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!CycleLinks.TryRead(token, out var link, out var hash) || link.Holder != LinkHolder.UnitManager)
            return UnitFormView.Refused(CycleRefusal.Because(CycleRefusalReason.UnknownLink, "Länken är inte giltig."));
        var cycle = await store.LoadCycleAsync(link.CycleId, cancellationToken);
        var unit = await store.LoadUnitAsync(link.CycleId, link.Scope, cancellationToken);
        if (cycle.State.CycleOrNull is not { } c || unit.State.ReportOrNull is not { } report)
            return UnitFormView.Refused(CycleRefusal.Because(CycleRefusalReason.UnknownLink, "Länken är inte giltig."));
        if (CycleAccess.UnitForm(new LinkCredential(link, hash), report, cycle.State) is { } refusal)
            return UnitFormView.Refused(refusal);
        var structure = await StructureAsync(c.StructureHash, cancellationToken);
        var assignment = structure.Assignments.FirstOrDefault(a => a.UnitId == report.Unit.Id) ?? new UnitAssignment(report.Unit.Id, [], [], [], []);
        return new UnitFormView(unit, c, structure, assignment, c.DeadlineFor(report.Unit.Id), null);
    }

    /// <summary>
    /// The items as the JSON of one or more outbox rows, each well under an entity's 1 MiB (UTF-16): a tick's 80 digests
    /// measured about 600 KiB in one row. Each row is leased and settled on its own, so a row never splits a mail.
    /// </summary>
    private static List<string> OutboxRows(IReadOnlyList<Outbox.OutboxItem> items)
    {
        const int MaxRowChars = 150_000;
        var rows = new List<string>();
        var chunk = new List<Outbox.OutboxItem>();
        var chars = 0;
        foreach (var item in items)
        {
            var size = JsonSerializer.Serialize(item, JusteraJson.Options).Length;
            if (chunk.Count > 0 && chars + size > MaxRowChars)
            {
                rows.Add(JsonSerializer.Serialize(chunk, JusteraJson.Options));
                (chunk, chars) = ([], 0);
            }
            chunk.Add(item);
            chars += size;
        }
        if (chunk.Count > 0)
            rows.Add(JsonSerializer.Serialize(chunk, JusteraJson.Options));
        return rows;
    }

    /// <summary>
    /// A department head's view through their link: the department's opened units (inputs and all, one query), or why
    /// the link may not open it. A link names its department, so it never shows another department's units.
    /// </summary>
    public async Task<DepartmentView> DepartmentAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!CycleLinks.TryRead(token, out var link, out var hash) || link.Holder != LinkHolder.DepartmentHead)
            return DepartmentView.Refused(CycleRefusal.Because(CycleRefusalReason.UnknownLink, "Länken är inte giltig."));
        var cycle = await store.LoadCycleAsync(link.CycleId, cancellationToken);
        var units = await store.ReadUnitsAsync(link.CycleId, link.Scope, cancellationToken);
        var reports = units.Select(u => u.State.ReportOrNull).OfType<UnitReport>().ToList();
        if (CycleAccess.Department(new LinkCredential(link, hash), reports, cycle.State) is { } refusal)
            return DepartmentView.Refused(refusal);
        return new DepartmentView(link.Scope, cycle.State.CycleOrNull, units, null);
    }

    /// <summary>
    /// The compiled version a closed cycle still waits for (requested, neither stored nor failed), or null. CompileReport
    /// effects are not outbox items: the orchestration asks this and runs the compile as an activity.
    /// </summary>
    public static int? PendingCompilation(ReportCycleState state) =>
        state is ReportCycleState.Closed { Cycle: var c } ? c.PendingCompilation : null;

    private SemaphoreSlim Turn(string key) => _turns[(StringComparer.Ordinal.GetHashCode(key) & int.MaxValue) % _turns.Length];

    private static async Task BackOffAsync(string stream, int attempt, CancellationToken cancellationToken)
    {
        if (attempt == MaxAttempts)
            throw new StorageUnavailableException($"Stream {stream} changed under {MaxAttempts} attempts in a row.");
        // Real time, not the injected clock: this only spaces out writers racing for one row, and a fake clock never moves by itself.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), cancellationToken);
    }

    public void Dispose()
    {
        foreach (var turn in _turns)
            turn.Dispose();
    }
}

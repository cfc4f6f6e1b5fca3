using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Justera.Core;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;

namespace Justera.Storage.ReportCycles;

/// <summary>A cycle's own stream as read from its partition: its state, stream version and the state row's ETag.</summary>
public sealed record StoredCycle(string CycleId, ReportCycleState State, int Version, ETag ETag, DateTimeOffset? NextWakeUp)
{
    public bool Exists => Version > 0;
}

/// <summary>One unit's stream as read from its state row.</summary>
public sealed record StoredUnit(string CycleId, string UnitId, UnitReportState State, int Version, ETag ETag)
{
    public bool Exists => Version > 0;
}

/// <summary>
/// What one cycle decision writes, atomically, into the cycle's partition (cycle rows only). A tick may mail 80 people,
/// whose rendered mails outgrow one entity's 1 MiB, so its outbox comes as several rows' JSON (<see cref="OutboxRowsJson"/>).
/// </summary>
public sealed record CycleCommit(IReadOnlyList<ReportCycleEvent> Events, ReportCycleState NewState, DateTimeOffset? NextWakeUp, IReadOnlyList<string> OutboxRowsJson);

/// <summary>What one unit decision writes, atomically, into the cycle's partition (that unit's rows only).</summary>
public sealed record UnitCommit(IReadOnlyList<UnitReportEvent> Events, UnitReportState NewState, string? OutboxItemsJson);

/// <summary>
/// A unit as the dashboard and the timer see it, read from the summary columns of its state row: phase, stream
/// version, input version, when it last changed, its department and its goals' assessments so far.
/// </summary>
public sealed record UnitSummary(
    string UnitId,
    UnitPhase Phase,
    int Version,
    int InputVersion,
    DateTimeOffset? UpdatedAt,
    string Department,
    IReadOnlyDictionary<string, GoalFulfilment> Goals)
{
    public UnitProgress Progress => new(UnitId, Phase);
}

/// <summary>One stored cycle decision: its stream version and the events it recorded.</summary>
public sealed record StoredCycleDecision(int Version, IReadOnlyList<ReportCycleEvent> Events);

/// <summary>One stored unit decision: its stream version and the events it recorded.</summary>
public sealed record StoredUnitDecision(int Version, IReadOnlyList<UnitReportEvent> Events);

/// <summary>
/// A cycle as the secretary's list shows it, from its index row and the small columns of its state row:
/// <paramref name="Phase"/> is the state's type name ("Open", "Closed").
/// </summary>
public sealed record CycleHead(string CycleId, ReportPeriod Period, int Year, string Phase, DateOnly Deadline, int UnitCount, DateTimeOffset StartedAt);

/// <summary>Reads and writes report cycles: each decision is one entity-group transaction of its own stream's rows (see <see cref="CycleTables"/>).</summary>
public sealed class CycleStore(CycleTables tables)
{
    private static readonly string[] SummaryColumns = ["RowKey", "Phase", "Version", "InputVersion", "UpdatedAt", "Department", "Goals"];
    private static readonly string[] VersionColumn = ["Version"];

    /// <summary>The last cycle state this process read or wrote, per cycle; a cycle stays for months, and there are three a year.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StoredCycle> _latest = new(StringComparer.Ordinal);

    public CycleTables Tables => tables;

    /// <summary>
    /// The cycle's state. Every unit decision reads it (links, deadlines, phase), and for 300 units it is some 200 KiB of
    /// JSON; so when this process holds the state of the row's current ETag (asked with a one-column read), that is
    /// returned instead of reading and parsing the whole row again. A change by another instance has another ETag.
    /// </summary>
    public async Task<StoredCycle> LoadCycleAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        if (_latest.TryGetValue(cycleId, out var known))
        {
            var head = await StorageGuard.GuardAsync(() =>
                tables.Cycles.GetEntityIfExistsAsync<TableEntity>(cycleId, CycleTables.StateRow, VersionColumn, cancellationToken));
            if (head.HasValue && head.Value is { } current && current.ETag == known.ETag)
                return known;
        }
        var row = await StorageGuard.GuardAsync(() =>
            tables.Cycles.GetEntityIfExistsAsync<TableEntity>(cycleId, CycleTables.StateRow, cancellationToken: cancellationToken));
        if (!row.HasValue || row.Value is null)
        {
            _latest.TryRemove(cycleId, out _);
            return new StoredCycle(cycleId, ReportCycleDecider.Initial, 0, default, null);
        }
        var entity = row.Value;
        var state = JsonSerializer.Deserialize<ReportCycleState>(LongText.Read(entity, "State"), JusteraJson.Options)!;
        return Remember(new StoredCycle(cycleId, state, entity.GetInt32("Version") ?? 0, entity.ETag, entity.GetDateTimeOffset("NextWakeUp")));
    }

    private StoredCycle Remember(StoredCycle cycle)
    {
        // Bounded for a process that reads many cycles (tests, tools): forgetting only costs a full read.
        if (_latest.Count >= 16 && !_latest.ContainsKey(cycle.CycleId))
            _latest.Clear();
        _latest.AddOrUpdate(cycle.CycleId, cycle, (_, other) => other.Version > cycle.Version ? other : cycle);
        return cycle;
    }

    /// <summary>
    /// Writes one cycle decision after <paramref name="previous"/>; null when another writer got there first (the caller
    /// reloads and decides again). The wake-up and outbox index rows are written first: a crash in between leaves an orphan.
    /// </summary>
    public async Task<StoredCycle?> TryCommitCycleAsync(StoredCycle previous, CycleCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(commit);
        var version = previous.Version + 1;
        var at = commit.Events[^1].At;
        if (commit.OutboxRowsJson.Count > 0)
            await MarkOutboxAsync(previous.CycleId, at, cancellationToken);
        if (commit.NextWakeUp is { } due && due != previous.NextWakeUp)
            await WriteWakeUpAsync(due, previous.CycleId, cancellationToken);

        var state = new TableEntity(previous.CycleId, CycleTables.StateRow)
        {
            ["Version"] = version,
            ["NextWakeUp"] = commit.NextWakeUp,
            ["Phase"] = commit.NewState.GetType().Name,
            // Small columns for the secretary's list of cycles, which then reads no state JSON (250 KiB for 300 units).
            ["Deadline"] = commit.NewState.CycleOrNull?.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Units"] = commit.NewState.CycleOrNull?.Units.Count,
        };
        LongText.Write(state, "State", JsonSerializer.Serialize(commit.NewState, JusteraJson.Options));
        var events = new TableEntity(previous.CycleId, CycleTables.EventRow(version)) { ["At"] = at };
        LongText.Write(events, "Events", JsonSerializer.Serialize(commit.Events, JusteraJson.Options));
        List<TableTransactionAction> batch =
        [
            new(TableTransactionActionType.Add, events),
            previous.Exists ? new(TableTransactionActionType.UpdateReplace, state, previous.ETag) : new(TableTransactionActionType.Add, state),
        ];
        for (var part = 0; part < commit.OutboxRowsJson.Count; part++)
        {
            var outbox = new TableEntity(previous.CycleId, CycleTables.CycleOutboxRow(version, part));
            LongText.Write(outbox, "Items", commit.OutboxRowsJson[part]);
            batch.Add(new(TableTransactionActionType.Add, outbox));
        }

        var etag = await TrySubmitAsync(batch, cancellationToken);
        if (etag is null)
            return null;
        if (previous.NextWakeUp is { } old && old != commit.NextWakeUp)
            await ForgetWakeUpAsync(old, previous.CycleId, cancellationToken);
        return Remember(new StoredCycle(previous.CycleId, commit.NewState, version, etag.Value, commit.NextWakeUp));
    }

    public async Task<StoredUnit> LoadUnitAsync(string cycleId, string unitId, CancellationToken cancellationToken = default)
    {
        var row = await StorageGuard.GuardAsync(() =>
            tables.Cycles.GetEntityIfExistsAsync<TableEntity>(cycleId, CycleTables.UnitStateRow(unitId), cancellationToken: cancellationToken));
        return !row.HasValue || row.Value is null
            ? new StoredUnit(cycleId, unitId, UnitReportDecider.Initial, 0, default)
            : ToUnit(cycleId, unitId, row.Value);
    }

    /// <summary>Writes one unit decision after <paramref name="previous"/>; null when another writer of the same unit got there first.</summary>
    public async Task<StoredUnit?> TryCommitUnitAsync(StoredUnit previous, UnitCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(commit);
        var version = previous.Version + 1;
        var at = commit.Events[^1].At;
        if (commit.OutboxItemsJson is not null)
            await MarkOutboxAsync(previous.CycleId, at, cancellationToken);

        var report = commit.NewState.ReportOrNull;
        var state = new TableEntity(previous.CycleId, CycleTables.UnitStateRow(previous.UnitId))
        {
            ["Version"] = version,
            ["Phase"] = commit.NewState.Phase.ToString(),
            ["InputVersion"] = report?.Version ?? 0,
            ["UpdatedAt"] = at,
            ["Department"] = report?.Unit.Department ?? "",
            ["Goals"] = CompactGoals(report?.Input),
        };
        LongText.Write(state, "State", JsonSerializer.Serialize(commit.NewState, JusteraJson.Options));
        var events = new TableEntity(previous.CycleId, CycleTables.UnitEventRow(previous.UnitId, version)) { ["At"] = at };
        LongText.Write(events, "Events", JsonSerializer.Serialize(commit.Events, JusteraJson.Options));
        List<TableTransactionAction> batch =
        [
            new(TableTransactionActionType.Add, events),
            previous.Exists ? new(TableTransactionActionType.UpdateReplace, state, previous.ETag) : new(TableTransactionActionType.Add, state),
        ];
        if (commit.OutboxItemsJson is not null)
        {
            var outbox = new TableEntity(previous.CycleId, CycleTables.UnitOutboxRow(previous.UnitId, version));
            LongText.Write(outbox, "Items", commit.OutboxItemsJson);
            batch.Add(new(TableTransactionActionType.Add, outbox));
        }

        var etag = await TrySubmitAsync(batch, cancellationToken);
        return etag is null ? null : new StoredUnit(previous.CycleId, previous.UnitId, commit.NewState, version, etag.Value);
    }

    /// <summary>Every opened unit's summary: ONE range query over the unit state rows, selecting only the summary columns.</summary>
    public async Task<IReadOnlyList<UnitSummary>> ReadUnitSummariesAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        var filter = UnitStateRange(cycleId);
        return await StorageGuard.GuardAsync(async () =>
        {
            var list = new List<UnitSummary>();
            await foreach (var row in tables.Cycles.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: SummaryColumns, cancellationToken: cancellationToken))
            {
                list.Add(new UnitSummary(
                    row.RowKey[CycleTables.UnitStatePrefix.Length..],
                    Enum.TryParse<UnitPhase>(row.GetString("Phase"), out var phase) ? phase : UnitPhase.NotOpened,
                    row.GetInt32("Version") ?? 0,
                    row.GetInt32("InputVersion") ?? 0,
                    row.GetDateTimeOffset("UpdatedAt"),
                    row.GetString("Department") ?? "",
                    ParseGoals(row.GetString("Goals"))));
            }
            return list;
        });
    }

    /// <summary>Every opened unit's whole state (inputs and all), in one range query: for the compiler and a department's view.</summary>
    public async Task<IReadOnlyList<StoredUnit>> ReadUnitsAsync(string cycleId, string? department = null, CancellationToken cancellationToken = default)
    {
        var filter = department is null
            ? UnitStateRange(cycleId)
            : UnitStateRange(cycleId) + " and " + TableClient.CreateQueryFilter($"Department eq {department}");
        return await StorageGuard.GuardAsync(async () =>
        {
            var list = new List<StoredUnit>();
            await foreach (var row in tables.Cycles.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                list.Add(ToUnit(cycleId, row.RowKey[CycleTables.UnitStatePrefix.Length..], row));
            return list;
        });
    }

    public Task<IReadOnlyList<StoredCycleDecision>> ReadCycleHistoryAsync(string cycleId, CancellationToken cancellationToken = default) =>
        ReadDecisionsAsync<ReportCycleEvent, StoredCycleDecision>(
            TableClient.CreateQueryFilter($"PartitionKey eq {cycleId} and RowKey ge {"e"} and RowKey lt {"f"}"),
            (version, events) => new StoredCycleDecision(version, events), cancellationToken);

    public Task<IReadOnlyList<StoredUnitDecision>> ReadUnitHistoryAsync(string cycleId, string unitId, CancellationToken cancellationToken = default)
    {
        var from = CycleTables.UnitEventsFrom(unitId);
        var to = from[..^1] + "\u007f";
        return ReadDecisionsAsync<UnitReportEvent, StoredUnitDecision>(
            TableClient.CreateQueryFilter($"PartitionKey eq {cycleId} and RowKey ge {from} and RowKey lt {to}"),
            (version, events) => new StoredUnitDecision(version, events), cancellationToken);
    }

    private async Task<IReadOnlyList<TDecision>> ReadDecisionsAsync<TEvent, TDecision>(string filter, Func<int, List<TEvent>, TDecision> make, CancellationToken cancellationToken) =>
        await StorageGuard.GuardAsync(async () =>
        {
            var decisions = new List<TDecision>();
            await foreach (var row in tables.Cycles.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var events = JsonSerializer.Deserialize<List<TEvent>>(LongText.Read(row, "Events"), JusteraJson.Options)!;
                var digits = row.RowKey[^10..];
                decisions.Add(make(int.Parse(digits, CultureInfo.InvariantCulture), events));
            }
            return decisions;
        });

    /// <summary>Due cycle wake-ups, oldest first: one range query on the shared wake-up index (round rows are skipped).</summary>
    public async Task<IReadOnlyList<(string CycleId, DateTimeOffset Due)>> DueWakeUpsAsync(DateTimeOffset now, int max = 100, CancellationToken cancellationToken = default)
    {
        var upper = $"{now.UtcTicks:D19}_~";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CycleTables.WakePartition} and RowKey le {upper}");
        return await StorageGuard.GuardAsync(async () =>
        {
            var due = new List<(string, DateTimeOffset)>();
            await foreach (var row in tables.Index.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                var separator = row.RowKey.IndexOf('_', StringComparison.Ordinal);
                var id = row.RowKey[(separator + 1)..];
                if (!CycleTables.IsCycleMark(id))
                    continue;
                var ticks = long.Parse(row.RowKey[..separator], CultureInfo.InvariantCulture);
                due.Add((id[CycleTables.IndexMark.Length..], new DateTimeOffset(ticks, TimeSpan.Zero)));
                if (due.Count >= max)
                    break;
            }
            return due;
        });
    }

    public Task ForgetWakeUpAsync(DateTimeOffset due, string cycleId, CancellationToken cancellationToken = default) =>
        StorageGuard.GuardAsync(async () =>
        {
            try
            {
                await tables.Index.DeleteEntityAsync(CycleTables.WakePartition, CycleTables.WakeRow(due, cycleId), ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Already gone.
            }
        });

    /// <summary>Moves the cycle's wake-up without a decision (nothing was due yet, or the units' progress moved it).</summary>
    public async Task RescheduleAsync(StoredCycle cycle, DateTimeOffset? next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (next == cycle.NextWakeUp || !cycle.Exists)
            return;
        if (next is { } due)
            await WriteWakeUpAsync(due, cycle.CycleId, cancellationToken);
        var entity = new TableEntity(cycle.CycleId, CycleTables.StateRow) { ["NextWakeUp"] = next };
        try
        {
            var updated = await StorageGuard.GuardAsync(() => tables.Cycles.UpdateEntityAsync(entity, cycle.ETag, TableUpdateMode.Merge, cancellationToken));
            // The merge gave the row a new ETag; the state itself is unchanged, so the held copy stays good with it.
            if (updated.Headers.ETag is { } etag)
                Remember(cycle with { ETag = etag, NextWakeUp = next });
        }
        catch (RequestFailedException e) when (CycleTables.IsConflict(e))
        {
            return; // A decision got there first and wrote its own wake-up.
        }
        if (cycle.NextWakeUp is { } old)
            await ForgetWakeUpAsync(old, cycle.CycleId, cancellationToken);
    }

    /// <summary>Marks the cycle as having outbox work, before the decision that adds it is committed.</summary>
    public Task MarkOutboxAsync(string cycleId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        StorageGuard.GuardAsync(() => tables.Index.UpsertEntityAsync(
            new TableEntity(CycleTables.OutboxPartition, CycleTables.OutboxMarkRow(cycleId)) { ["MarkedAt"] = at }, TableUpdateMode.Replace, cancellationToken));

    /// <summary>Records that <paramref name="administrationId"/>'s secretary started the cycle (layout in <see cref="CycleTables"/>); idempotent.</summary>
    public Task RecordAdministrationCycleAsync(string administrationId, string cycleId, ReportPeriod period, int year, DateTimeOffset startedAt,
        CancellationToken cancellationToken = default) =>
        StorageGuard.GuardAsync(() => tables.Index.UpsertEntityAsync(
            new TableEntity(CycleTables.AdministrationPartition(administrationId), cycleId)
            {
                ["Period"] = period.ToString(),
                ["Year"] = year,
                ["StartedAt"] = startedAt,
            }, TableUpdateMode.Replace, cancellationToken));

    /// <summary>Whether the cycle is one the administration started: one point read of its index row.</summary>
    public async Task<bool> IsAdministrationCycleAsync(string administrationId, string cycleId, CancellationToken cancellationToken = default)
    {
        var row = await StorageGuard.GuardAsync(() => tables.Index.GetEntityIfExistsAsync<TableEntity>(
            CycleTables.AdministrationPartition(administrationId), cycleId, select: ["RowKey"], cancellationToken: cancellationToken));
        return row.HasValue;
    }

    /// <summary>
    /// The administration's cycles, newest year first: one query over its index partition, then per cycle one point read
    /// of the state row's small columns (a state row written before those columns existed is read whole).
    /// </summary>
    public async Task<IReadOnlyList<CycleHead>> ListAdministrationCyclesAsync(string administrationId, CancellationToken cancellationToken = default)
    {
        var partition = CycleTables.AdministrationPartition(administrationId);
        var listed = await StorageGuard.GuardAsync(async () =>
        {
            var rows = new List<(string Id, ReportPeriod Period, int Year, DateTimeOffset StartedAt)>();
            await foreach (var row in tables.Index.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
            {
                if (Enum.TryParse<ReportPeriod>(row.GetString("Period"), out var period))
                    rows.Add((row.RowKey, period, row.GetInt32("Year") ?? 0, row.GetDateTimeOffset("StartedAt") ?? default));
            }
            return rows;
        });
        var heads = await Task.WhenAll(listed.Select(async l =>
        {
            var row = await StorageGuard.GuardAsync(() => tables.Cycles.GetEntityIfExistsAsync<TableEntity>(
                l.Id, CycleTables.StateRow, select: ["Phase", "Deadline", "Units"], cancellationToken: cancellationToken));
            if (!row.HasValue || row.Value is not { } entity)
                return null;
            if (DateOnly.TryParseExact(entity.GetString("Deadline"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline)
                && entity.GetInt32("Units") is { } units)
                return new CycleHead(l.Id, l.Period, l.Year, entity.GetString("Phase") ?? "", deadline, units, l.StartedAt);
            var stored = await LoadCycleAsync(l.Id, cancellationToken);
            return stored.State.CycleOrNull is { } cycle
                ? new CycleHead(l.Id, l.Period, l.Year, stored.State.GetType().Name, cycle.Deadline, cycle.Units.Count, l.StartedAt)
                : null;
        }));
        return [.. heads.OfType<CycleHead>().OrderByDescending(h => h.Year).ThenByDescending(h => h.Period)];
    }

    /// <summary>The SHA-256 (lower-case hex) of the structure's canonical JSON: the name its snapshot is stored under.</summary>
    public static string HashOf(YearStructure structure) =>
        Convert.ToHexStringLower(SHA256.HashData(StructureJson.Write(structure)));

    /// <summary>Stores the structure a cycle starts with, write-once by its content hash; returns the hash.</summary>
    public async Task<string> StoreStructureAsync(YearStructure structure, CancellationToken cancellationToken = default)
    {
        var bytes = StructureJson.Write(structure);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await WriteOnceBlobs.TryStoreAsync(tables.Structures, StructureBlob(hash), new BinaryData(bytes), "application/json", cancellationToken);
        return hash;
    }

    /// <summary>The structure stored under <paramref name="hash"/>, or null when there is none.</summary>
    public async Task<YearStructure?> ReadStructureAsync(string hash, CancellationToken cancellationToken = default)
    {
        var content = await WriteOnceBlobs.ReadAsync(tables.Structures, StructureBlob(hash), cancellationToken);
        if (content is null)
            return null;
        var read = StructureJson.Read(content.ToMemory().Span);
        return read.Value ?? throw new InvalidDataException($"The stored structure {hash} does not read back: {string.Join("; ", read.Errors.Select(e => e.ToString()))}");
    }

    private static string StructureBlob(string hash) => $"{hash}.json";

    private async Task WriteWakeUpAsync(DateTimeOffset due, string cycleId, CancellationToken cancellationToken) =>
        await StorageGuard.GuardAsync(() => tables.Index.UpsertEntityAsync(
            new TableEntity(CycleTables.WakePartition, CycleTables.WakeRow(due, cycleId)), TableUpdateMode.Replace, cancellationToken));

    private async Task<ETag?> TrySubmitAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        try
        {
            var responses = await StorageGuard.GuardAsync(() => tables.Cycles.SubmitTransactionAsync(batch, cancellationToken));
            return responses.Value[1].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException e) when (CycleTables.IsConflict(e))
        {
            return null;
        }
    }

    private static string UnitStateRange(string cycleId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {cycleId} and RowKey ge {CycleTables.UnitStatePrefix} and RowKey lt {"u`"}");

    private static StoredUnit ToUnit(string cycleId, string unitId, TableEntity entity) =>
        new(cycleId, unitId, JsonSerializer.Deserialize<UnitReportState>(LongText.Read(entity, "State"), JusteraJson.Options)!,
            entity.GetInt32("Version") ?? 0, entity.ETag);

    private static string CompactGoals(UnitInput? input) =>
        input is null
            ? ""
            : string.Join('|', input.Goals.Where(g => g.Fulfilment is not null).Select(g => $"{g.GoalId}:{Letter(g.Fulfilment!.Value)}"));

    private static char Letter(GoalFulfilment f) => f switch
    {
        GoalFulfilment.Fully => 'F',
        GoalFulfilment.Partly => 'P',
        _ => 'N',
    };

    private static Dictionary<string, GoalFulfilment> ParseGoals(string? compact)
    {
        var goals = new Dictionary<string, GoalFulfilment>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(compact))
            return goals;
        foreach (var part in compact.Split('|'))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0 || colon != part.Length - 2)
                continue;
            goals[part[..colon]] = part[^1] switch
            {
                'F' => GoalFulfilment.Fully,
                'P' => GoalFulfilment.Partly,
                _ => GoalFulfilment.NotMet,
            };
        }
        return goals;
    }
}

using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Justera.Storage.ReportCycles;

/// <summary>
/// The tables of report cycles. Layout (the one place it is written down):
/// <list type="bullet">
/// <item><c>{prefix}cycles</c>, PartitionKey = cycle id (<c>t1-2026</c>, see ReportCycleIds) — one partition per cycle,
/// holding the cycle's own stream and every unit's stream, so each decision is one entity-group transaction of
/// only its own stream's rows:
///   <c>state</c> the cycle's state (JSON over <c>State…</c> properties, <see cref="LongText"/>; about 250 KiB for
///   300 units, most of it the units snapshot and the reminders' link hashes), its stream <c>Version</c> and <c>NextWakeUp</c>;
///   <c>e{version:D10}</c> the events of one cycle decision;
///   <c>u_{unitId}</c> one unit's state (JSON over <c>State…</c>, with the input's long texts), plus small summary
///   columns — <c>Phase</c>, <c>UpdatedAt</c>, <c>Version</c> (stream), <c>InputVersion</c>, <c>Department</c>,
///   <c>Goals</c> ("goalId:F|goalId:P|…", F/P/N for helt/delvis/inte) — so the dashboard and the timer read every unit
///   with ONE range query that selects only those columns;
///   <c>h_{unitId}~{version:D10}</c> the events of one unit decision ('~' never occurs in a unit id, so one unit's
///   history is a range of its own, and the <c>u_</c> range holds state rows only);
///   <c>o_c_{version:D10}_{part:D3}</c> and <c>o_u_{unitId}~{version:D10}</c> the outbox of one cycle or unit decision (a
///   cycle decision's mails over several rows when they would outgrow one entity): one range
///   query (<c>o_</c>…<c>o`</c>) finds all of a cycle's outbox rows.
/// Event rows are keyed by stream version, so two writers deciding on the same version of one stream collide on the
/// insert; decisions on different units write different rows and never collide. A cycle decision never writes a
/// unit row, and a unit decision never writes the cycle's rows: 300 managers saving at once touch 300 rows.</item>
/// <item><c>{prefix}index</c> (shared with rounds): PartitionKey <c>wake</c>, RowKey <c>{due UTC ticks:D19}_c_{cycle id}</c>
/// — the cycle's next wake-up, in the same range the timer reads for rounds (round rows are <c>{ticks}_{round id}</c>,
/// and a round id is 32 hex digits, so the <c>c_</c> tells them apart); PartitionKey <c>outbox</c>, RowKey
/// <c>c_{cycle id}</c> — a cycle with outbox work in either kind of stream. Written before a decision, cleaned after;
/// an orphan is harmless because the cycle's partition is the truth. PartitionKey <c>cyc_{administration id}</c>,
/// RowKey cycle id — the cycles an administration's secretary started (period, year, when): the secretary's list
/// reads it with one query, and it says whose a cycle is. Written after the start is committed; a start repeated
/// with the same form key writes it again, so a crash in between is mended by the retry.</item>
/// <item>Blob container <c>{prefix}cyclestructures</c>: the year structure each cycle was started with, named by the
/// SHA-256 of its canonical JSON and written once; the cycle's events keep only the hash.</item>
/// </list>
/// </summary>
public sealed class CycleTables(TableServiceClient service, BlobServiceClient blobs, string prefix)
{
    public TableClient Cycles { get; } = service.GetTableClient(prefix + "cycles");

    public TableClient Index { get; } = service.GetTableClient(prefix + "index");

    public BlobContainerClient Structures { get; } = blobs.GetBlobContainerClient(prefix + "cyclestructures");

    public const string StateRow = "state";
    public const string WakePartition = "wake";
    public const string OutboxPartition = "outbox";

    /// <summary>What marks a cycle's rows in the shared index (after the ticks in <c>wake</c>, alone in <c>outbox</c>).</summary>
    public const string IndexMark = "c_";

    public const string UnitStatePrefix = "u_";
    public const string OutboxPrefix = "o_";
    public const string CycleOutboxPrefix = "o_c_";
    public const string UnitOutboxPrefix = "o_u_";

    public static string EventRow(int version) => $"e{version:D10}";

    public static string UnitStateRow(string unitId) => UnitStatePrefix + unitId;

    public static string UnitEventRow(string unitId, int version) => $"h_{unitId}~{version:D10}";

    public static string UnitEventsFrom(string unitId) => $"h_{unitId}~";

    public static string CycleOutboxRow(int version, int part = 0) => $"{CycleOutboxPrefix}{version:D10}_{part:D3}";

    public static string UnitOutboxRow(string unitId, int version) => $"{UnitOutboxPrefix}{unitId}~{version:D10}";

    /// <summary>The unit whose stream wrote an outbox row; null for the cycle's own rows.</summary>
    public static string? UnitOfOutboxRow(string rowKey)
    {
        ArgumentNullException.ThrowIfNull(rowKey);
        if (!rowKey.StartsWith(UnitOutboxPrefix, StringComparison.Ordinal))
            return null;
        var end = rowKey.LastIndexOf('~');
        return end < UnitOutboxPrefix.Length ? null : rowKey[UnitOutboxPrefix.Length..end];
    }

    public static string WakeRow(DateTimeOffset due, string cycleId) => $"{due.UtcTicks:D19}_{IndexMark}{cycleId}";

    public static string OutboxMarkRow(string cycleId) => IndexMark + cycleId;

    /// <summary>The index partition of an administration's cycles (not <c>adm_</c>, which the rounds list reads whole).</summary>
    public static string AdministrationPartition(string administrationId) => "cyc_" + administrationId;

    /// <summary>Whether an index row key's id part (after the ticks in <c>wake</c>, or the whole key in <c>outbox</c>) is a cycle's.</summary>
    public static bool IsCycleMark(string id) => id.StartsWith(IndexMark, StringComparison.Ordinal);

    public async Task CreateIfMissingAsync(CancellationToken cancellationToken = default)
    {
        await Cycles.CreateIfNotExistsAsync(cancellationToken);
        await Index.CreateIfNotExistsAsync(cancellationToken);
        await Structures.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    internal static bool IsConflict(RequestFailedException e) => e.Status is 409 or 412;
}

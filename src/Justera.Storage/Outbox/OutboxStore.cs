using Azure;
using Azure.Data.Tables;
using Justera.Storage.JusteringRounds;
using Justera.Storage.ReportCycles;

namespace Justera.Storage.Outbox;

/// <summary>Which kind of stream an outbox row or mark belongs to, and so which table holds it.</summary>
public enum OutboxSource
{
    /// <summary>A justering round's partition in <c>{prefix}rounds</c>.</summary>
    Round,

    /// <summary>A report cycle's partition in <c>{prefix}cycles</c> (the cycle's own stream and its units').</summary>
    Cycle,
}

/// <summary>
/// One decision's outbox row: its items as JSON and the lease that lets one dispatcher work it at a time.
/// <paramref name="RoundId"/> is the row's partition: a round id, or for <see cref="OutboxSource.Cycle"/> a cycle id.
/// </summary>
public sealed record OutboxRow(string RoundId, string RowKey, string ItemsJson, DateTimeOffset? LeaseUntil, ETag ETag)
{
    public OutboxSource Stream { get; init; } = OutboxSource.Round;

    /// <summary>For a cycle's row: the unit whose stream wrote it; null for the cycle's own rows and for rounds.</summary>
    public string? UnitId => Stream == OutboxSource.Cycle ? CycleTables.UnitOfOutboxRow(RowKey) : null;
}

/// <summary>A round (or, with <see cref="Stream"/> Cycle, a report cycle) marked as having outbox work, and when a decision last marked it.</summary>
public sealed record OutboxMark(string RoundId, DateTimeOffset MarkedAt, ETag ETag)
{
    public OutboxSource Stream { get; init; } = OutboxSource.Round;
}

/// <summary>
/// Outbox rows of rounds and report cycles, for the dispatcher. Leases are ETag-guarded updates, so two dispatchers
/// never work one row at once. Both kinds share the index's <c>outbox</c> partition; a cycle's mark is <c>c_{cycle id}</c>.
/// </summary>
public sealed class OutboxStore(RoundTables tables, CycleTables? cycles = null)
{
    /// <summary>Rounds with outbox work (cycles' marks are left out: <see cref="CyclesWithWorkAsync"/>).</summary>
    public async Task<IReadOnlyList<OutboxMark>> RoundsWithWorkAsync(CancellationToken cancellationToken = default) =>
        [.. (await MarksAsync(cancellationToken)).Where(m => m.Stream == OutboxSource.Round)];

    /// <summary>Report cycles with outbox work, in their own stream or any unit's.</summary>
    public async Task<IReadOnlyList<OutboxMark>> CyclesWithWorkAsync(CancellationToken cancellationToken = default) =>
        [.. (await MarksAsync(cancellationToken)).Where(m => m.Stream == OutboxSource.Cycle)];

    /// <summary>Every mark, rounds' and cycles': one query.</summary>
    public async Task<IReadOnlyList<OutboxMark>> MarksAsync(CancellationToken cancellationToken = default) =>
        await StorageGuard.GuardAsync(async () =>
        {
            var marks = new List<OutboxMark>();
            await foreach (var row in tables.Index.QueryAsync<TableEntity>(e => e.PartitionKey == RoundTables.OutboxPartition, cancellationToken: cancellationToken))
            {
                var markedAt = row.GetDateTimeOffset("MarkedAt") ?? DateTimeOffset.MinValue;
                marks.Add(CycleTables.IsCycleMark(row.RowKey)
                    ? new OutboxMark(row.RowKey[CycleTables.IndexMark.Length..], markedAt, row.ETag) { Stream = OutboxSource.Cycle }
                    : new OutboxMark(row.RowKey, markedAt, row.ETag));
            }
            return marks;
        });

    public async Task<IReadOnlyList<OutboxRow>> ReadAsync(string roundId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and RowKey ge {"o"} and RowKey lt {"p"}");
        return await StorageGuard.GuardAsync(async () =>
        {
            var rows = new List<OutboxRow>();
            await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                rows.Add(new OutboxRow(roundId, row.RowKey, LongText.Read(row, "Items"), row.GetDateTimeOffset("LeaseUntil"), row.ETag));
            return rows;
        });
    }

    /// <summary>All of a report cycle's outbox rows, its own and its units': one range query over <c>o_</c>.</summary>
    public async Task<IReadOnlyList<OutboxRow>> ReadCycleAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {cycleId} and RowKey ge {CycleTables.OutboxPrefix} and RowKey lt {"o`"}");
        return await StorageGuard.GuardAsync(async () =>
        {
            var rows = new List<OutboxRow>();
            await foreach (var row in Cycles.Cycles.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                rows.Add(new OutboxRow(cycleId, row.RowKey, LongText.Read(row, "Items"), row.GetDateTimeOffset("LeaseUntil"), row.ETag) { Stream = OutboxSource.Cycle });
            return rows;
        });
    }

    /// <summary>The outbox rows of the stream a mark names.</summary>
    public Task<IReadOnlyList<OutboxRow>> ReadAsync(OutboxMark mark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mark);
        return mark.Stream == OutboxSource.Cycle ? ReadCycleAsync(mark.RoundId, cancellationToken) : ReadAsync(mark.RoundId, cancellationToken);
    }

    private CycleTables Cycles => cycles ?? throw new InvalidOperationException("This outbox store was made without the report cycles' tables.");

    private TableClient TableOf(OutboxSource stream) => stream == OutboxSource.Cycle ? Cycles.Cycles : tables.Rounds;

    /// <summary>Replaces a row's items (and lease) if nobody changed it since it was read; null when someone did.</summary>
    public async Task<OutboxRow?> TryUpdateAsync(OutboxRow row, string itemsJson, DateTimeOffset? leaseUntil, CancellationToken cancellationToken = default)
    {
        var entity = Entity(row, itemsJson, leaseUntil);
        try
        {
            var response = await StorageGuard.GuardAsync(() => TableOf(row.Stream).UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken));
            return row with { ItemsJson = itemsJson, LeaseUntil = leaseUntil, ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (RoundTables.IsConflict(e) || e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Takes the lease on several rows of one round in one transaction, each guarded by its ETag; null when any of
    /// them changed since it was read (then nothing is leased). A burst of answers leaves a row each, and leasing them
    /// one by one would cost a write per answer.
    /// </summary>
    public async Task<IReadOnlyList<OutboxRow>?> TryLeaseAsync(IReadOnlyList<OutboxRow> rows, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
            return [];
        var actions = rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity(row, row.ItemsJson, leaseUntil), row.ETag)).ToList();
        try
        {
            var response = await StorageGuard.GuardAsync(() => TableOf(rows[0].Stream).SubmitTransactionAsync(actions, cancellationToken));
            return [.. rows.Select((row, i) => row with { LeaseUntil = leaseUntil, ETag = response.Value[i].Headers.ETag ?? default })];
        }
        catch (TableTransactionFailedException e) when (RoundTables.IsConflict(e) || e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Records the results of leased rows in one transaction: a row with nothing left is deleted, the others get their
    /// items back without a lease. False when any row changed meanwhile (its lease ran out and another dispatcher took
    /// it over): then nothing is written here, and that dispatcher resends what is pending, with the same Message-IDs.
    /// </summary>
    public async Task<bool> TrySettleAsync(IReadOnlyList<(OutboxRow Row, string? ItemsJson)> results, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
            return true;
        var actions = results.Select(r => r.ItemsJson is null
            ? new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.Row.RoundId, r.Row.RowKey), r.Row.ETag)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity(r.Row, r.ItemsJson, null), r.Row.ETag)).ToList();
        try
        {
            await StorageGuard.GuardAsync(() => TableOf(results[0].Row.Stream).SubmitTransactionAsync(actions, cancellationToken));
            return true;
        }
        catch (TableTransactionFailedException e) when (RoundTables.IsConflict(e) || e.Status == 404)
        {
            return false;
        }
    }

    private static TableEntity Entity(OutboxRow row, string itemsJson, DateTimeOffset? leaseUntil)
    {
        var entity = new TableEntity(row.RoundId, row.RowKey) { ["LeaseUntil"] = leaseUntil };
        LongText.Write(entity, "Items", itemsJson);
        return entity;
    }

    public async Task<bool> TryDeleteAsync(OutboxRow row, CancellationToken cancellationToken = default)
    {
        try
        {
            await StorageGuard.GuardAsync(() => TableOf(row.Stream).DeleteEntityAsync(row.RoundId, row.RowKey, row.ETag, cancellationToken));
            return true;
        }
        catch (RequestFailedException e) when (RoundTables.IsConflict(e) || e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Removes a round's outbox mark unless a decision marked it again since it was read (the ETag changed).</summary>
    public async Task ForgetRoundAsync(OutboxMark mark, CancellationToken cancellationToken = default)
    {
        try
        {
            var rowKey = mark.Stream == OutboxSource.Cycle ? CycleTables.OutboxMarkRow(mark.RoundId) : mark.RoundId;
            await StorageGuard.GuardAsync(() => tables.Index.DeleteEntityAsync(RoundTables.OutboxPartition, rowKey, mark.ETag, cancellationToken));
        }
        catch (RequestFailedException e) when (RoundTables.IsConflict(e) || e.Status == 404)
        {
            // Marked again, or already gone: either way the mark now says what it should.
        }
    }
}

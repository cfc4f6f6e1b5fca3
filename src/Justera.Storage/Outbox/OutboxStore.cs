using Azure;
using Azure.Data.Tables;
using Justera.Storage.JusteringRounds;

namespace Justera.Storage.Outbox;

/// <summary>One decision's outbox row: its items as JSON and the lease that lets one dispatcher work it at a time.</summary>
public sealed record OutboxRow(string RoundId, string RowKey, string ItemsJson, DateTimeOffset? LeaseUntil, ETag ETag);

/// <summary>A round marked as having outbox work, and when a decision last marked it.</summary>
public sealed record OutboxMark(string RoundId, DateTimeOffset MarkedAt, ETag ETag);

/// <summary>Outbox rows of rounds, for the dispatcher. Leases are ETag-guarded updates, so two dispatchers never work one row at once.</summary>
public sealed class OutboxStore(RoundTables tables)
{
    public async Task<IReadOnlyList<OutboxMark>> RoundsWithWorkAsync(CancellationToken cancellationToken = default) =>
        await StorageGuard.GuardAsync(async () =>
        {
            var marks = new List<OutboxMark>();
            await foreach (var row in tables.Index.QueryAsync<TableEntity>(e => e.PartitionKey == RoundTables.OutboxPartition, cancellationToken: cancellationToken))
                marks.Add(new OutboxMark(row.RowKey, row.GetDateTimeOffset("MarkedAt") ?? DateTimeOffset.MinValue, row.ETag));
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

    /// <summary>Replaces a row's items (and lease) if nobody changed it since it was read; null when someone did.</summary>
    public async Task<OutboxRow?> TryUpdateAsync(OutboxRow row, string itemsJson, DateTimeOffset? leaseUntil, CancellationToken cancellationToken = default)
    {
        var entity = Entity(row, itemsJson, leaseUntil);
        try
        {
            var response = await StorageGuard.GuardAsync(() => tables.Rounds.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken));
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
        var actions = rows.Select(row => new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity(row, row.ItemsJson, leaseUntil), row.ETag)).ToList();
        try
        {
            var response = await StorageGuard.GuardAsync(() => tables.Rounds.SubmitTransactionAsync(actions, cancellationToken));
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
        var actions = results.Select(r => r.ItemsJson is null
            ? new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.Row.RoundId, r.Row.RowKey), r.Row.ETag)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity(r.Row, r.ItemsJson, null), r.Row.ETag)).ToList();
        try
        {
            await StorageGuard.GuardAsync(() => tables.Rounds.SubmitTransactionAsync(actions, cancellationToken));
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
            await StorageGuard.GuardAsync(() => tables.Rounds.DeleteEntityAsync(row.RoundId, row.RowKey, row.ETag, cancellationToken));
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
            await StorageGuard.GuardAsync(() => tables.Index.DeleteEntityAsync(RoundTables.OutboxPartition, mark.RoundId, mark.ETag, cancellationToken));
        }
        catch (RequestFailedException e) when (RoundTables.IsConflict(e) || e.Status == 404)
        {
            // Marked again, or already gone: either way the mark now says what it should.
        }
    }
}

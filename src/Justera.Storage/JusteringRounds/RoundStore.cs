using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Justera.Core;
using Justera.Core.JusteringRounds;

namespace Justera.Storage.JusteringRounds;

/// <summary>A round as read from its partition: its state, its stream version and the state row's ETag.</summary>
public sealed record StoredRound(string RoundId, JusteringRoundState State, int Version, ETag ETag, DateTimeOffset? NextWakeUp)
{
    public bool Exists => Version > 0;
}

/// <summary>One stored decision: its stream version and the events it recorded.</summary>
public sealed record StoredDecision(int Version, IReadOnlyList<JusteringRoundEvent> Events);

/// <summary>
/// What one decision writes, atomically, into the round's partition. <paramref name="MarkOutbox"/> says
/// whether the round's outbox mark must be (re)written first; a caller that marked it moments ago may skip it.
/// </summary>
public sealed record RoundCommit(
    IReadOnlyList<JusteringRoundEvent> Events,
    JusteringRoundState NewState,
    DateTimeOffset? NextWakeUp,
    string? OutboxItemsJson,
    bool MarkOutbox = true);

/// <summary>Reads and writes justering rounds: each decision is one entity-group transaction (see <see cref="RoundTables"/>).</summary>
public sealed class RoundStore(RoundTables tables)
{
    public async Task<StoredRound> LoadAsync(string roundId, CancellationToken cancellationToken = default)
    {
        var row = await StorageGuard.GuardAsync(() =>
            tables.Rounds.GetEntityIfExistsAsync<TableEntity>(roundId, RoundTables.StateRow, cancellationToken: cancellationToken));
        if (!row.HasValue || row.Value is null)
            return new StoredRound(roundId, JusteringRoundDecider.Initial, 0, default, null);
        var entity = row.Value;
        var state = JsonSerializer.Deserialize<JusteringRoundState>(LongText.Read(entity, "State"), JusteraJson.Options)!;
        return new StoredRound(roundId, state, entity.GetInt32("Version") ?? 0, entity.ETag, entity.GetDateTimeOffset("NextWakeUp"));
    }

    /// <summary>
    /// Writes one decision after <paramref name="previous"/> and returns the round as stored; null when another
    /// writer got there first (the caller reloads and decides again). Index rows for the new wake-up time and
    /// for outbox work are written first, so a crash between the two writes leaves only a harmless orphan row.
    /// </summary>
    public async Task<StoredRound?> TryCommitAsync(StoredRound previous, RoundCommit commit, CancellationToken cancellationToken = default)
    {
        var version = previous.Version + 1;
        var round = commit.NewState.RoundOrNull ?? throw new ArgumentException("A commit must leave a created round.", nameof(commit));
        if (commit.OutboxItemsJson is not null && commit.MarkOutbox)
            await MarkOutboxAsync(previous.RoundId, commit.Events[^1].At, cancellationToken);
        if (commit.NextWakeUp is { } due && due != previous.NextWakeUp)
            await StorageGuard.GuardAsync(() => tables.Index.UpsertEntityAsync(
                new TableEntity(RoundTables.WakePartition, RoundTables.WakeRow(due, previous.RoundId)), TableUpdateMode.Replace, cancellationToken));

        var state = new TableEntity(previous.RoundId, RoundTables.StateRow)
        {
            ["Shape"] = RoundTables.StateShape,
            ["Version"] = version,
            ["NextWakeUp"] = commit.NextWakeUp,
            ["AdministrationId"] = round.Administration.Id,
            ["Phase"] = commit.NewState.GetType().Name,
        };
        LongText.Write(state, "State", JsonSerializer.Serialize(commit.NewState, JusteraJson.Options));
        var events = new TableEntity(previous.RoundId, RoundTables.EventRow(version)) { ["At"] = commit.Events[^1].At };
        LongText.Write(events, "Events", JsonSerializer.Serialize(commit.Events, JusteraJson.Options));

        List<TableTransactionAction> batch =
        [
            new(TableTransactionActionType.Add, events),
            previous.Exists
                ? new(TableTransactionActionType.UpdateReplace, state, previous.ETag)
                : new(TableTransactionActionType.Add, state),
        ];
        if (commit.OutboxItemsJson is not null)
        {
            var outbox = new TableEntity(previous.RoundId, RoundTables.OutboxRow(version));
            LongText.Write(outbox, "Items", commit.OutboxItemsJson);
            batch.Add(new(TableTransactionActionType.Add, outbox));
        }

        ETag etag;
        try
        {
            var responses = await StorageGuard.GuardAsync(() => tables.Rounds.SubmitTransactionAsync(batch, cancellationToken));
            etag = responses.Value[1].Headers.ETag ?? default;
        }
        catch (TableTransactionFailedException e) when (RoundTables.IsConflict(e))
        {
            return null;
        }

        if (previous.NextWakeUp is { } old && old != commit.NextWakeUp)
            await ForgetWakeUpAsync(old, previous.RoundId, cancellationToken);
        if (Summary(previous.State) != Summary(commit.NewState))
            await UpdateSummaryAsync(previous.RoundId, commit.NewState, cancellationToken);
        return new StoredRound(previous.RoundId, commit.NewState, version, etag, commit.NextWakeUp);
    }

    public Task<IReadOnlyList<StoredDecision>> ReadHistoryAsync(string roundId, CancellationToken cancellationToken = default) =>
        ReadDecisionsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and RowKey ge {"e"} and RowKey lt {"f"}"), cancellationToken);

    /// <summary>
    /// The decisions whose last event happened within a second of <paramref name="at"/> (the event row's <c>At</c>):
    /// one query that returns a row or two, for reading one answer's texts without the whole history. The second's
    /// slack covers the storage's rounding of times; callers pick the event they need by its own time.
    /// </summary>
    public Task<IReadOnlyList<StoredDecision>> ReadDecisionsAroundAsync(string roundId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ReadDecisionsAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {roundId} and RowKey ge {"e"} and RowKey lt {"f"} and At ge {at.AddSeconds(-1)} and At le {at.AddSeconds(1)}"), cancellationToken);

    private async Task<IReadOnlyList<StoredDecision>> ReadDecisionsAsync(string filter, CancellationToken cancellationToken)
    {
        return await StorageGuard.GuardAsync(async () =>
        {
            var decisions = new List<StoredDecision>();
            await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var events = JsonSerializer.Deserialize<List<JusteringRoundEvent>>(LongText.Read(row, "Events"), JusteraJson.Options)!;
                decisions.Add(new StoredDecision(int.Parse(row.RowKey[1..], System.Globalization.CultureInfo.InvariantCulture), events));
            }
            return decisions;
        });
    }

    /// <summary>Round ids of an administration, newest first by creation; the summary rows are a display index only.</summary>
    public async Task<IReadOnlyList<RoundSummary>> ListAsync(string administrationId, CancellationToken cancellationToken = default)
    {
        var partition = RoundTables.AdministrationPartition(administrationId);
        return await StorageGuard.GuardAsync(async () =>
        {
            var list = new List<RoundSummary>();
            await foreach (var row in tables.Index.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
            {
                list.Add(new RoundSummary(row.RowKey, row.GetString("Title") ?? "", row.GetString("Phase") ?? "",
                    row.GetInt32("Answered") ?? 0, row.GetInt32("Total") ?? 0, row.GetDateTimeOffset("Deadline"),
                    row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue));
            }
            return list.OrderByDescending(r => r.CreatedAt).ToList();
        });
    }

    /// <summary>Due wake-ups, oldest first: one range query on the index, however many rounds sleep.</summary>
    public async Task<IReadOnlyList<(string RoundId, DateTimeOffset Due)>> DueWakeUpsAsync(DateTimeOffset now, int max = 100, CancellationToken cancellationToken = default)
    {
        var upper = $"{now.UtcTicks:D19}_~";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RoundTables.WakePartition} and RowKey le {upper}");
        return await StorageGuard.GuardAsync(async () =>
        {
            var due = new List<(string, DateTimeOffset)>();
            await foreach (var row in tables.Index.QueryAsync<TableEntity>(filter, maxPerPage: max, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                var separator = row.RowKey.IndexOf('_', StringComparison.Ordinal);
                // Report cycles share the index (ReportCycles.CycleTables); their rows are theirs to wake and to clean.
                if (ReportCycles.CycleTables.IsCycleMark(row.RowKey[(separator + 1)..]))
                    continue;
                var ticks = long.Parse(row.RowKey[..separator], System.Globalization.CultureInfo.InvariantCulture);
                due.Add((row.RowKey[(separator + 1)..], new DateTimeOffset(ticks, TimeSpan.Zero)));
                if (due.Count >= max)
                    break;
            }
            return due;
        });
    }

    public Task ForgetWakeUpAsync(DateTimeOffset due, string roundId, CancellationToken cancellationToken = default) =>
        StorageGuard.GuardAsync(() => tables.Index.DeleteEntityAsync(RoundTables.WakePartition, RoundTables.WakeRow(due, roundId), ETag.All, cancellationToken));

    /// <summary>Writes the wake-up row for a round whose wake-up moved without a decision (a reminder waiting for office hours).</summary>
    public async Task RescheduleAsync(StoredRound round, DateTimeOffset? next, CancellationToken cancellationToken = default)
    {
        if (next == round.NextWakeUp)
            return;
        if (next is { } due)
            await StorageGuard.GuardAsync(() => tables.Index.UpsertEntityAsync(
                new TableEntity(RoundTables.WakePartition, RoundTables.WakeRow(due, round.RoundId)), TableUpdateMode.Replace, cancellationToken));
        var entity = new TableEntity(round.RoundId, RoundTables.StateRow) { ["NextWakeUp"] = next };
        try
        {
            await StorageGuard.GuardAsync(() => tables.Rounds.UpdateEntityAsync(entity, round.ETag, TableUpdateMode.Merge, cancellationToken));
        }
        catch (RequestFailedException e) when (RoundTables.IsConflict(e))
        {
            return; // A decision got there first and wrote its own wake-up.
        }
        if (round.NextWakeUp is { } old)
            await ForgetWakeUpAsync(old, round.RoundId, cancellationToken);
    }

    /// <summary>Marks the round as having outbox work, before the decision that adds it is committed.</summary>
    public Task MarkOutboxAsync(string roundId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        StorageGuard.GuardAsync(() => tables.Index.UpsertEntityAsync(
            new TableEntity(RoundTables.OutboxPartition, roundId) { ["MarkedAt"] = at }, TableUpdateMode.Replace, cancellationToken));

    private static (string Phase, int Answered, int Total, DateTimeOffset? Deadline) Summary(JusteringRoundState state) =>
        state.RoundOrNull is { } r
            ? (state.GetType().Name, r.Justerare.Count(j => r.HasAnswered(j.Id)), r.Justerare.Count, r.Deadline)
            : ("", 0, 0, null);

    private async Task UpdateSummaryAsync(string roundId, JusteringRoundState state, CancellationToken cancellationToken)
    {
        var round = state.RoundOrNull!;
        var summary = new TableEntity(RoundTables.AdministrationPartition(round.Administration.Id), roundId)
        {
            ["Title"] = $"Förvaltningsgruppen {round.MeetingDate:yyyy-MM-dd}",
            ["Phase"] = state.GetType().Name,
            ["Answered"] = round.Justerare.Count(j => round.HasAnswered(j.Id)),
            ["Total"] = round.Justerare.Count,
            ["Deadline"] = round.Deadline,
            ["CreatedAt"] = round.CreatedAt,
        };
        try
        {
            await tables.Index.UpsertEntityAsync(summary, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException)
        {
            // Display only: the round page reads the round itself, and the next decision rewrites this row.
        }
    }
}

/// <summary>A line in the rounds list.</summary>
public sealed record RoundSummary(string RoundId, string Title, string Phase, int Answered, int Total, DateTimeOffset? Deadline, DateTimeOffset CreatedAt);

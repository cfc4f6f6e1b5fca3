using System.Text.Json;
using Justera.Application.JusteringRounds;
using Justera.Application.ReportCycles;
using Justera.Application.SignedProtocols;
using Justera.Core;
using Justera.Core.JusteringRounds;
using Justera.Mail;
using Justera.Storage.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justera.Application.Outbox;

/// <summary>
/// Carries out outbox items at least once: takes a lease on a decision's outbox row (an ETag-guarded
/// update, so two dispatchers never work one row at once), sends each due e-mail within the send rate,
/// records each result before the next send, retries with growing waits, and after the last attempt
/// reports the failure to the stream that wrote the row (a round; a report cycle or one of its units). A retry
/// resends the stored message, Message-ID and all. Rounds and cycles share one dispatcher, so one send rate.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore outbox,
    IMailSender mail,
    IProtocolSealer sealer,
    JusteringRoundService rounds,
    ReportCycleService cycles,
    IOptions<JusteraOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MarkGrace = TimeSpan.FromMinutes(1);
    private readonly JusteraOptions _options = options.Value;
    private readonly SendRate _rate = new(options.Value.MailsPerMinute, time);

    /// <summary>One pass over every round and report cycle with outbox work; returns the number of items carried out or failed.</summary>
    /// <remarks>The orchestrations carry out each round's outbox themselves; this pass is for tools and tests that drive it by hand.</remarks>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken = default)
    {
        var handled = 0;
        foreach (var mark in await outbox.MarksAsync(cancellationToken))
        {
            var rows = await outbox.ReadAsync(mark, cancellationToken);
            if (!await ForgetIfEmptyAsync(mark, rows, cancellationToken))
                handled += (await DispatchRowsAsync(rows, budget: null, cancellationToken)).Handled;
        }
        return handled;
    }

    /// <summary>
    /// Carries out the round's due outbox items; says how many, and when the earliest item left is due. Within a
    /// <paramref name="budget"/>, no new item is started once it is spent, so an activity stays short (its queue
    /// message is not renewed) and the orchestration comes back for the rest.
    /// </summary>
    public async Task<OutboxPass> DispatchRoundAsync(string roundId, TimeSpan? budget = null, CancellationToken cancellationToken = default) =>
        await DispatchRowsAsync(await outbox.ReadAsync(roundId, cancellationToken), budget, cancellationToken);

    /// <summary>As <see cref="DispatchRoundAsync"/> for a report cycle: its own outbox rows and all its units', in one pass.</summary>
    public async Task<OutboxPass> DispatchCycleAsync(string cycleId, TimeSpan? budget = null, CancellationToken cancellationToken = default) =>
        await DispatchRowsAsync(await outbox.ReadCycleAsync(cycleId, cancellationToken), budget, cancellationToken);

    private async Task<OutboxPass> DispatchRowsAsync(IReadOnlyList<OutboxRow> rows, TimeSpan? budget, CancellationToken cancellationToken)
    {
        var spent = budget is null ? null : System.Diagnostics.Stopwatch.StartNew();
        TimeSpan? Left() => spent is null ? null : budget - spent.Elapsed;
        var handled = 0;
        DateTimeOffset? next = null;
        void Later(DateTimeOffset? at)
        {
            if (at is { } a && (next is null || a < next))
                next = a;
        }

        var now = time.GetUtcNow();
        var due = new List<(OutboxRow Row, List<OutboxItem> Items)>();
        foreach (var row in rows)
        {
            if (row.LeaseUntil is { } until && until > now)
            {
                Later(until); // Another dispatcher works this row; look again when its lease runs out.
                continue;
            }
            var items = Deserialize(row.ItemsJson);
            if (items.TrueForAll(i => i.Status != OutboxStatus.Pending))
                await outbox.TryDeleteAsync(row, cancellationToken);
            else if (items.Exists(i => IsDue(i, now)))
                due.Add((row, items));
            else
                Later(NextDue(items));
        }

        foreach (var chunk in Chunks(due))
        {
            if (spent?.Elapsed > budget)
                return new OutboxPass(handled, time.GetUtcNow());
            var leased = chunk.Count > 1 ? await outbox.TryLeaseAsync([.. chunk.Select(c => c.Row)], time.GetUtcNow() + Lease, cancellationToken) : null;
            if (leased is null)
            {
                // One row, or another dispatcher got to one of them first: row by row tells them apart.
                foreach (var (row, items) in chunk)
                {
                    var (rowHandled, rowNext) = await DispatchRowAsync(row, items, Left(), cancellationToken);
                    handled += rowHandled;
                    Later(rowNext);
                }
                continue;
            }

            var results = new List<(OutboxRow Row, string? ItemsJson)>(chunk.Count);
            var failures = new List<(OutboxRow Row, OutboxItem Item)>();
            for (var k = 0; k < chunk.Count; k++)
            {
                var items = chunk[k].Items;
                var (rowHandled, row) = spent?.Elapsed > budget ? (0, leased[k]) : await CarryOutRowAsync(leased[k], items, Left(), failures, cancellationToken);
                handled += rowHandled;
                if (row is null)
                {
                    Later(time.GetUtcNow() + Lease);
                    continue;
                }
                var done = items.TrueForAll(i => i.Status != OutboxStatus.Pending);
                results.Add((row, done ? null : Serialize(items)));
                Later(NextDue(items));
            }
            if (!await outbox.TrySettleAsync(results, cancellationToken))
                LogLeaseLost(chunk[0].Row.RoundId, chunk[0].Row.RowKey);
            await ReportFailuresAsync(failures, cancellationToken);
        }
        return new OutboxPass(handled, spent?.Elapsed > budget && due.Count > 0 ? time.GetUtcNow() : next);
    }

    /// <summary>
    /// Rows leased together and settled together: a crash between a send and the settling write resends the
    /// chunk's sent mails (same Message-IDs), so chunks stay small, and well under a transaction's 4 MB.
    /// </summary>
    private static IEnumerable<List<(OutboxRow Row, List<OutboxItem> Items)>> Chunks(List<(OutboxRow Row, List<OutboxItem> Items)> due)
    {
        const int MaxRows = 25;
        const int MaxChars = 500_000;
        var chunk = new List<(OutboxRow Row, List<OutboxItem> Items)>();
        var chars = 0;
        foreach (var entry in due)
        {
            if (chunk.Count > 0 && (chunk.Count == MaxRows || chars + entry.Row.ItemsJson.Length > MaxChars))
            {
                yield return chunk;
                (chunk, chars) = ([], 0);
            }
            chunk.Add(entry);
            chars += entry.Row.ItemsJson.Length;
        }
        if (chunk.Count > 0)
            yield return chunk;
    }

    /// <summary>Whether the marked round (or cycle) has outbox work due now; an old mark whose rows are all gone is removed.</summary>
    public async Task<bool> HasDueWorkAsync(OutboxMark mark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mark);
        var rows = await outbox.ReadAsync(mark, cancellationToken);
        if (await ForgetIfEmptyAsync(mark, rows, cancellationToken))
            return false;
        var now = time.GetUtcNow();
        return rows.Any(row => !(row.LeaseUntil > now)
            && Deserialize(row.ItemsJson).Exists(i => IsDue(i, now)));
    }

    private async Task<bool> ForgetIfEmptyAsync(OutboxMark mark, IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count > 0)
            return false;
        // A decision marks its round before it commits; a young mark with no rows may belong to a
        // decision still in flight, so only an old one is cleared.
        if (mark.MarkedAt < time.GetUtcNow() - MarkGrace)
            await outbox.ForgetRoundAsync(mark, cancellationToken);
        return true;
    }

    /// <summary>Carries out a row's due items under a lease of its own; returns how many, and when the row next has something due.</summary>
    private async Task<(int Handled, DateTimeOffset? Next)> DispatchRowAsync(OutboxRow row, List<OutboxItem> items, TimeSpan? budget, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var leased = await outbox.TryUpdateAsync(row, row.ItemsJson, now + Lease, cancellationToken);
        if (leased is null)
            return (0, now + Lease);
        var failures = new List<(OutboxRow Row, OutboxItem Item)>();
        var (handled, current) = await CarryOutRowAsync(leased, items, budget, failures, cancellationToken);
        if (current is null)
            return (handled, time.GetUtcNow() + Lease);
        if (items.TrueForAll(i => i.Status != OutboxStatus.Pending))
            await outbox.TryDeleteAsync(current, cancellationToken);
        else
            await outbox.TryUpdateAsync(current, Serialize(items), null, cancellationToken);
        await ReportFailuresAsync(failures, cancellationToken);
        return (handled, NextDue(items));
    }

    /// <summary>
    /// Sends a leased row's due items in place, recording each result before the next send when more are left (the
    /// last result is recorded by the caller's final write). Returns the row as last written, or null if the lease was lost.
    /// </summary>
    private async Task<(int Handled, OutboxRow? Row)> CarryOutRowAsync(OutboxRow leased, List<OutboxItem> items, TimeSpan? budget, List<(OutboxRow Row, OutboxItem Item)> failures, CancellationToken cancellationToken)
    {
        var spent = System.Diagnostics.Stopwatch.StartNew();
        var handled = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (!IsDue(items[i], time.GetUtcNow()))
                continue;
            if (handled > 0 && spent.Elapsed > budget)
                break;
            items[i] = await CarryOutAsync(leased.RoundId, items[i], cancellationToken);
            handled++;
            if (items[i].Status == OutboxStatus.Failed)
                failures.Add((leased, items[i]));
            if (items.TrueForAll(x => x.Status != OutboxStatus.Pending) || !items.Skip(i + 1).Any(x => IsDue(x, time.GetUtcNow())))
                break;
            var renewed = await outbox.TryUpdateAsync(leased, Serialize(items), time.GetUtcNow() + Lease, cancellationToken);
            if (renewed is null)
            {
                LogLeaseLost(leased.RoundId, leased.RowKey);
                return (handled, null);
            }
            leased = renewed;
        }
        return (handled, leased);
    }

    /// <summary>
    /// Tells each failure to the stream whose decision wrote its row: a cycle's mail to the cycle, a unit's to that unit.
    /// A seal that failed for good is a seal failure on the round page, not an e-mail that could not be delivered.
    /// </summary>
    private async Task ReportFailuresAsync(List<(OutboxRow Row, OutboxItem Item)> failures, CancellationToken cancellationToken)
    {
        foreach (var (row, failed) in failures)
        {
            if (row.Stream == OutboxSource.Cycle)
            {
                var reason = failed.LastError ?? "okänt fel";
                if (row.UnitId is { } unitId)
                {
                    await cycles.HandleUnitAsync(row.RoundId, unitId,
                        (_, _) => new Core.ReportCycles.ReportUnitDeliveryFailure(unitId, failed.Id, failed.Recipient, reason, time.GetUtcNow()), cancellationToken);
                }
                else
                {
                    await cycles.HandleCycleAsync(row.RoundId,
                        _ => new Core.ReportCycles.ReportDeliveryFailure(failed.Id, failed.Recipient, reason, time.GetUtcNow()), cancellationToken);
                }
                continue;
            }
            var roundId = row.RoundId;
            await rounds.HandleAsync(roundId, _ => failed.SealVersion is null
                ? new ReportDeliveryFailure(failed.Id, failed.Recipient, failed.LastError ?? "okänt fel", time.GetUtcNow())
                : new ReportSealFailure(failed.LastError ?? "okänt fel", time.GetUtcNow()), cancellationToken);
        }
    }

    private static List<OutboxItem> Deserialize(string itemsJson) => JsonSerializer.Deserialize<List<OutboxItem>>(itemsJson, JusteraJson.Options)!;

    private static DateTimeOffset? NextDue(List<OutboxItem> items) =>
        items.Where(i => i.Status == OutboxStatus.Pending).Select(i => i.NextAttemptAt ?? DateTimeOffset.MinValue).DefaultIfEmpty(DateTimeOffset.MaxValue).Min() is var at && at == DateTimeOffset.MaxValue ? null : at;

    private async Task<OutboxItem> CarryOutAsync(string roundId, OutboxItem item, CancellationToken cancellationToken)
    {
        try
        {
            if (item.Mail is { } message)
            {
                using var permit = await _rate.AcquireAsync(cancellationToken);
                await mail.SendAsync(message, cancellationToken);
            }
            else if (item.SealVersion is { } version)
            {
                await sealer.SealAsync(roundId, version, cancellationToken);
            }
            return item.Sent(time.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var attempts = item.Attempts + 1;
            var permanent = e is MailDeliveryException { Kind: MailFailureKind.Permanent };
            // Log the round and item only: addresses and texts are personal data (union membership is GDPR art. 9).
            LogAttemptFailed(roundId, item.Id, attempts, e.GetType().Name);
            if (permanent || attempts >= _options.MaxDeliveryAttempts)
                return item with { Status = OutboxStatus.Failed, Attempts = attempts, LastError = Describe(e), NextAttemptAt = null };
            var wait = _options.FirstRetryDelay * Math.Pow(2, attempts - 1);
            return item with { Attempts = attempts, LastError = Describe(e), NextAttemptAt = time.GetUtcNow() + wait };
        }
    }

    private static bool IsDue(OutboxItem item, DateTimeOffset now) =>
        item.Status == OutboxStatus.Pending && (item.NextAttemptAt is null || item.NextAttemptAt <= now);

    private static string Describe(Exception e) => e switch
    {
        SealingFailedException sealing => sealing.Reason,
        MailDeliveryException { Kind: MailFailureKind.Transient } => "E-postservern svarade inte.",
        MailDeliveryException => "E-postservern tog inte emot meddelandet.",
        _ => "Ett tekniskt fel uppstod.",
    };

    private static string Serialize(List<OutboxItem> items) => JsonSerializer.Serialize(items, JusteraJson.Options);

    public void Dispose() => _rate.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox item {ItemId} of round {RoundId} failed (attempt {Attempt}): {ErrorType}")]
    private partial void LogAttemptFailed(string roundId, string itemId, int attempt, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lost the lease on outbox row {RowKey} of round {RoundId}; another dispatcher goes on")]
    private partial void LogLeaseLost(string roundId, string rowKey);
}

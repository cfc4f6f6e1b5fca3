using System.Text.Json;
using System.Threading.RateLimiting;
using Justera.Application.JusteringRounds;
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
/// reports the failure to the round. A retry resends the stored message, Message-ID and all.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore outbox,
    IMailSender mail,
    IProtocolSealer sealer,
    JusteringRoundService rounds,
    IOptions<JusteraOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan MarkGrace = TimeSpan.FromMinutes(1);
    private readonly JusteraOptions _options = options.Value;
    private readonly SlidingWindowRateLimiter _rate = new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(1, options.Value.MailsPerMinute),
        Window = TimeSpan.FromMinutes(1),
        SegmentsPerWindow = 12,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>One pass over every round with outbox work; returns the number of items carried out or failed.</summary>
    /// <remarks>The orchestrations carry out each round's outbox themselves; this pass is for tools and tests that drive it by hand.</remarks>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken = default)
    {
        var handled = 0;
        foreach (var mark in await outbox.RoundsWithWorkAsync(cancellationToken))
        {
            var rows = await outbox.ReadAsync(mark.RoundId, cancellationToken);
            if (!await ForgetIfEmptyAsync(mark, rows, cancellationToken))
                handled += (await DispatchRowsAsync(rows, cancellationToken)).Handled;
        }
        return handled;
    }

    /// <summary>Carries out the round's due outbox items; says how many, and when the earliest item left is due.</summary>
    public async Task<OutboxPass> DispatchRoundAsync(string roundId, CancellationToken cancellationToken = default) =>
        await DispatchRowsAsync(await outbox.ReadAsync(roundId, cancellationToken), cancellationToken);

    private async Task<OutboxPass> DispatchRowsAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var handled = 0;
        DateTimeOffset? next = null;
        foreach (var row in rows)
        {
            var (rowHandled, rowNext) = await DispatchRowAsync(row, cancellationToken);
            handled += rowHandled;
            if (rowNext is { } at && (next is null || at < next))
                next = at;
        }
        return new OutboxPass(handled, next);
    }

    /// <summary>Whether the marked round has outbox work due now; an old mark whose rows are all gone is removed.</summary>
    public async Task<bool> HasDueWorkAsync(OutboxMark mark, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mark);
        var rows = await outbox.ReadAsync(mark.RoundId, cancellationToken);
        if (await ForgetIfEmptyAsync(mark, rows, cancellationToken))
            return false;
        var now = time.GetUtcNow();
        return rows.Any(row => !(row.LeaseUntil > now)
            && JsonSerializer.Deserialize<List<OutboxItem>>(row.ItemsJson, JusteraJson.Options)!.Exists(i => IsDue(i, now)));
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

    /// <summary>Carries out a row's due items under a lease; returns how many, and when the row next has something due.</summary>
    private async Task<(int Handled, DateTimeOffset? Next)> DispatchRowAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (row.LeaseUntil is { } until && until > now)
            return (0, until); // Another dispatcher works this row; look again when its lease runs out.
        var items = JsonSerializer.Deserialize<List<OutboxItem>>(row.ItemsJson, JusteraJson.Options)!;
        if (items.TrueForAll(i => i.Status != OutboxStatus.Pending))
        {
            await outbox.TryDeleteAsync(row, cancellationToken);
            return (0, null);
        }
        if (!items.Exists(i => IsDue(i, now)))
            return (0, NextDue(items));
        var leased = await outbox.TryUpdateAsync(row, Serialize(items), now + Lease, cancellationToken);
        if (leased is null)
            return (0, now + Lease);

        var handled = 0;
        var failures = new List<OutboxItem>();
        for (var i = 0; i < items.Count; i++)
        {
            if (!IsDue(items[i], time.GetUtcNow()))
                continue;
            items[i] = await CarryOutAsync(row.RoundId, items[i], cancellationToken);
            handled++;
            if (items[i].Status == OutboxStatus.Failed)
                failures.Add(items[i]);
            // When nothing is left to do, the delete below records the result: one storage write instead of two.
            if (items.TrueForAll(x => x.Status != OutboxStatus.Pending))
                break;
            leased = await outbox.TryUpdateAsync(leased, Serialize(items), time.GetUtcNow() + Lease, cancellationToken);
            if (leased is null)
            {
                LogLeaseLost(row.RoundId, row.RowKey);
                return (handled, time.GetUtcNow() + Lease);
            }
        }

        if (items.TrueForAll(i => i.Status != OutboxStatus.Pending))
            await outbox.TryDeleteAsync(leased, cancellationToken);
        else
            await outbox.TryUpdateAsync(leased, Serialize(items), null, cancellationToken);

        // A seal that failed for good is a seal failure on the round page, not an e-mail that could not be delivered.
        foreach (var failed in failures)
        {
            await rounds.HandleAsync(row.RoundId, _ => failed.SealVersion is null
                ? new ReportDeliveryFailure(failed.Id, failed.Recipient, failed.LastError ?? "okänt fel", time.GetUtcNow())
                : new ReportSealFailure(failed.LastError ?? "okänt fel", time.GetUtcNow()), cancellationToken);
        }
        return (handled, NextDue(items));
    }

    private static DateTimeOffset? NextDue(List<OutboxItem> items) =>
        items.Where(i => i.Status == OutboxStatus.Pending).Select(i => i.NextAttemptAt ?? DateTimeOffset.MinValue).DefaultIfEmpty(DateTimeOffset.MaxValue).Min() is var at && at == DateTimeOffset.MaxValue ? null : at;

    private async Task<OutboxItem> CarryOutAsync(string roundId, OutboxItem item, CancellationToken cancellationToken)
    {
        try
        {
            if (item.Mail is { } message)
            {
                using var permit = await _rate.AcquireAsync(1, cancellationToken);
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

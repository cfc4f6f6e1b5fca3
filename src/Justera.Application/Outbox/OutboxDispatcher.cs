using System.Text.Json;
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
    private readonly SendRate _rate = new(options.Value.MailsPerMinute, time);

    /// <summary>One pass over every round with outbox work; returns the number of items carried out or failed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken = default)
    {
        var handled = 0;
        foreach (var mark in await outbox.RoundsWithWorkAsync(cancellationToken))
            handled += await DispatchRoundAsync(mark, cancellationToken);
        return handled;
    }

    private async Task<int> DispatchRoundAsync(OutboxMark mark, CancellationToken cancellationToken)
    {
        var rows = await outbox.ReadAsync(mark.RoundId, cancellationToken);
        if (rows.Count == 0)
        {
            // A decision marks its round before it commits; a young mark with no rows may belong to a
            // decision still in flight, so only an old one is cleared.
            if (mark.MarkedAt < time.GetUtcNow() - MarkGrace)
                await outbox.ForgetRoundAsync(mark, cancellationToken);
            return 0;
        }
        var handled = 0;
        foreach (var row in rows)
            handled += await DispatchRowAsync(row, cancellationToken);
        return handled;
    }

    private async Task<int> DispatchRowAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (row.LeaseUntil > now)
            return 0;
        var items = JsonSerializer.Deserialize<List<OutboxItem>>(row.ItemsJson, JusteraJson.Options)!;
        if (items.TrueForAll(i => i.Status != OutboxStatus.Pending))
        {
            await outbox.TryDeleteAsync(row, cancellationToken);
            return 0;
        }
        if (!items.Exists(i => IsDue(i, now)))
            return 0;
        var leased = await outbox.TryUpdateAsync(row, Serialize(items), now + Lease, cancellationToken);
        if (leased is null)
            return 0;

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
                return handled;
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
        return handled;
    }

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

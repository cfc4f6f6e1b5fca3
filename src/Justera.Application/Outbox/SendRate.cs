namespace Justera.Application.Outbox;

/// <summary>
/// Keeps e-mail sends to at most <c>perMinute</c> in any 60 seconds: it remembers when the last N sends
/// finished, and a send may start only when the N-th most recent of them is at least a minute old.
/// </summary>
/// <remarks>
/// <para>
/// Why not <c>System.Threading.RateLimiting</c>: its sliding window hands permits back segment by segment, and its
/// fixed window resets on the clock, so either lets more than N sends into some 60 seconds (measured: 47 mails in
/// 59 s at 30 a minute). Exchange Online throttles at 30 a minute per mailbox, counted over any minute.
/// </para>
/// <para>
/// A send's time is taken when it finishes (the permit is disposed), not when it was allowed: the mail server
/// counts a message when it has received it, so a slow send must not let the one N places later start early.
/// Permits are handed out one at a time for the same reason — while a send is in flight, nobody knows yet when
/// it will count. One SMTP send takes well under a second, far below the two seconds 30 a minute allows.
/// </para>
/// <para>
/// Waiting goes through the <see cref="TimeProvider"/>, so tests move a fake clock instead of sleeping; the
/// continuation runs on the thread that fires the timer (when that thread has no synchronization context, as in both
/// hosts), so a test sees the permit as soon as its clock passes the moment.
/// </para>
/// <para>
/// Several host instances each keep their own limiter, so K instances sending at once for one mailbox can reach
/// K × N a minute. That is accepted for now: the local host is one instance, and in Azure a send over the quota is
/// answered with a transient SMTP error, which the dispatcher retries with growing waits — nothing is lost, mails
/// come later. Holding the rate across instances needs a shared ledger: one Table row per sending mailbox holding
/// the last N send times, read and replaced with its ETag before every send (a conflict means another instance
/// sent; read again). Add it when the Functions app runs more than one dispatcher per mailbox.
/// </para>
/// </remarks>
public sealed class SendRate(int perMinute, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly int _limit = Math.Max(1, perMinute);

    // When the most recent sends finished, oldest first; never more than the limit.
    private readonly Queue<DateTimeOffset> _recent = new();

    // Held from the moment a permit is given until the send it allowed has finished.
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Waits until one more send keeps every minute within the rate; dispose the permit when the send is done (or failed).</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken = default)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_recent.Count >= _limit)
            {
                var wait = _recent.Peek() + Window - time.GetUtcNow();
                if (wait <= TimeSpan.Zero)
                {
                    _recent.Dequeue();
                    continue;
                }
                await DelayAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            return new Permit(this);
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    private void Finished()
    {
        _recent.Enqueue(time.GetUtcNow());
        if (_recent.Count > _limit)
            _recent.Dequeue();
        _turn.Release();
    }

    /// <summary>
    /// A wait on the injected clock whose continuation runs where the timer fires (not queued to the thread pool,
    /// as <c>Task.Delay(TimeSpan, TimeProvider)</c> does), so advancing a fake clock hands out the permit at once.
    /// </summary>
    private async Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource();
        using var timer = time.CreateTimer(_ => done.TrySetResult(), null, wait, Timeout.InfiniteTimeSpan);
        using var cancel = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        await done.Task.ConfigureAwait(false);
    }

    public void Dispose() => _turn.Dispose();

    private sealed class Permit(SendRate rate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                rate.Finished();
        }
    }
}

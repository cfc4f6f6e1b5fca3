using Justera.Application;
using Justera.Application.JusteringRounds;
using Justera.Application.Outbox;
using Justera.Storage;
using Microsoft.Extensions.Options;

namespace Justera.LocalHost;

/// <summary>Drains outboxes: at once when a decision signals work, otherwise every few seconds (retries, work left by another instance).</summary>
internal sealed partial class DispatcherLoop(OutboxDispatcher dispatcher, DispatchSignal signal, IOptions<JusteraOptions> options, ILogger<DispatcherLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Read at run time, not at registration, so a test's or benchmark's configuration can turn it off.
        if (!options.Value.BackgroundLoops)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DispatchOnceAsync(stoppingToken);
            }
            catch (StorageUnavailableException)
            {
                LogStorageDown();
            }
            try
            {
                await signal.WaitAsync(options.Value.DispatchInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is unavailable; the dispatcher tries again")]
    private partial void LogStorageDown();
}

/// <summary>Reads the wake-up index and lets time pass for due rounds (reminders, deadlines).</summary>
internal sealed partial class TimerLoop(JusteringRoundService rounds, IOptions<JusteraOptions> options, TimeProvider time, ILogger<TimerLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundLoops)
            return;
        using var timer = new PeriodicTimer(options.Value.TimerInterval, time);
        try
        {
            do
            {
                try
                {
                    await rounds.WakeDueRoundsAsync(stoppingToken);
                }
                catch (StorageUnavailableException)
                {
                    LogStorageDown();
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage is unavailable; the timer tries again")]
    private partial void LogStorageDown();
}

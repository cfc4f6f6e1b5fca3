using System.Diagnostics;
using Azure.Data.Tables;
using Justera.Application.JusteringRounds;
using Justera.Storage.JusteringRounds;
using Microsoft.Extensions.DependencyInjection;

namespace Justera.Bench;

/// <summary>A timer tick with 10,000 idle rounds in the wake-up index: how many storage requests, and how long.</summary>
internal static class TimerTickHarness
{
    public static async Task<int> RunAsync()
    {
        await using var host = await BenchHost.StartAsync(backgroundLoops: false);
        var tables = host.App.Services.GetRequiredService<RoundTables>();
        var now = DateTimeOffset.UtcNow;
        for (var batch = 0; batch < 100; batch++)
        {
            await tables.Index.SubmitTransactionAsync(Enumerable.Range(0, 100).Select(i =>
                new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                    new TableEntity(RoundTables.WakePartition, RoundTables.WakeRow(now.AddDays(1).AddMinutes((batch * 100) + i), Guid.NewGuid().ToString("N"))))));
        }
        var rounds = host.App.Services.GetRequiredService<JusteringRoundService>();
        var times = new List<double>();
        var requests = new List<int>();
        for (var tick = 0; tick < 5; tick++)
        {
            var before = host.Requests.Count;
            var clock = Stopwatch.StartNew();
            var woken = await rounds.WakeDueRoundsAsync();
            times.Add(clock.Elapsed.TotalMilliseconds);
            requests.Add(host.Requests.Count - before);
            if (woken != 0)
                throw new InvalidOperationException("No round should be due.");
        }
        Console.WriteLine($"timer tick with 10,000 idle rounds: {requests.Max()} storage request(s) (target ≤ 2), median {times.Order().ElementAt(2):F1} ms");
        return 0;
    }
}

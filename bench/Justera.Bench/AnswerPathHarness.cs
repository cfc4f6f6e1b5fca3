using System.Diagnostics;
using System.Net;
using Azure;
using Azure.Data.Tables;
using Justera.Storage.JusteringRounds;
using Microsoft.Extensions.DependencyInjection;

namespace Justera.Bench;

/// <summary>
/// The answer path (HTTP POST → events stored) against Azurite's own throughput for the same
/// single-partition transaction, in the same run; then latency at a fixed arrival rate of 50 answers/s.
/// </summary>
internal static class AnswerPathHarness
{
    private const int Rounds = 8;
    private const int JusterarePerRound = 6;
    private static readonly TimeSpan Trial = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync()
    {
        // With the engine running, as in production: every answer also tells its round's orchestration.
        // JUSTERA_BENCH_ENGINE=off measures the same without it, to see what the orchestrations' work costs the answers.
        var engine = !string.Equals(Environment.GetEnvironmentVariable("JUSTERA_BENCH_ENGINE"), "off", StringComparison.OrdinalIgnoreCase);
        Console.WriteLine(engine ? "engine on (as in production)" : "engine off (no orchestration, no mail sent during the run)");
        await using var host = await BenchHost.StartAsync(backgroundLoops: engine, services: HandoffClock.Register);
        var mails = (HandoffClock)host.App.Services.GetRequiredService<Justera.Mail.IMailSender>();
        using var setup = host.Client();
        var links = new List<string>();
        for (var r = 0; r < Rounds; r++)
        {
            var id = await BenchHost.CreateRoundAsync(setup, JusterarePerRound, $"r{r}");
            links.AddRange(engine ? await mails.RequestLinksAsync(id, JusterarePerRound) : await host.LinksInOutboxAsync(id));
        }
        var shape = await TransactionShapeAsync(host, links[0]);
        Console.WriteLine($"rounds {Rounds} × {JusterarePerRound} justerare; state row {shape.StateChars} chars, event row {shape.EventChars}, outbox row {shape.OutboxChars}");

        // Latency first, while the rounds are small; the throughput trials below grow them by thousands of answers.
        await FixedRateAsync(host, links, perSecond: 50, seconds: 20);

        foreach (var workers in new[] { 1, 4 })
        {
            var ours = new List<double>();
            var baseline = new List<double>();
            for (var trial = 0; trial < 3; trial++)
            {
                baseline.Add(await BaselineAsync(host, shape, workers, trial));
                ours.Add(await AnswersAsync(host, links, workers));
            }
            var o = BenchStatistics.Median(ours);
            var b = BenchStatistics.Median(baseline);
            Console.WriteLine($"workers {workers}: answer path {o:F0}/s, Azurite transaction {b:F0}/s, ratio {o / b:F2} (medians of 3 × {Trial.TotalSeconds:F0} s)");
        }
        return 0;
    }

    private sealed record Shape(string StateJson, string EventJson, string OutboxJson)
    {
        public int StateChars => StateJson.Length;
        public int EventChars => EventJson.Length;
        public int OutboxChars => OutboxJson.Length;
    }

    /// <summary>Answers once for real and copies the rows that decision wrote, so the baseline writes the same sizes.</summary>
    private static async Task<Shape> TransactionShapeAsync(BenchHost host, string token)
    {
        using var client = host.Client();
        var antiforgery = await BenchHost.AntiforgeryAsync(client, token);
        await BenchHost.AnswerAsync(client, token, antiforgery);
        var tables = host.App.Services.GetRequiredService<RoundTables>();
        var roundId = token[..32];
        var rows = new List<TableEntity>();
        await foreach (var row in tables.Rounds.QueryAsync<TableEntity>(e => e.PartitionKey == roundId))
            rows.Add(row);
        string Text(TableEntity e, string name) => e.GetString(name) ?? "";
        return new Shape(Text(rows.Single(r => r.RowKey == "state"), "State"),
            Text(rows.Where(r => r.RowKey.StartsWith('e')).Last(), "Events"),
            Text(rows.Where(r => r.RowKey.StartsWith('o')).Last(), "Items"));
    }

    private static async Task<double> BaselineAsync(BenchHost host, Shape shape, int workers, int trial)
    {
        var table = host.App.Services.GetRequiredService<TableServiceClient>().GetTableClient("benchbaseline");
        await table.CreateIfNotExistsAsync();
        var done = 0;
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            var partition = $"n{workers}t{trial}w{w}";
            var state = new TableEntity(partition, "state") { ["State"] = shape.StateJson, ["Version"] = 0 };
            var etag = (await table.AddEntityAsync(state)).Headers.ETag!.Value;
            for (var v = 1; until.Elapsed < Trial; v++)
            {
                state["Version"] = v;
                var response = await table.SubmitTransactionAsync(
                [
                    new(TableTransactionActionType.Add, new TableEntity(partition, $"e{v:D10}") { ["Events"] = shape.EventJson }),
                    new(TableTransactionActionType.UpdateReplace, state, etag),
                    new(TableTransactionActionType.Add, new TableEntity(partition, $"o{v:D10}") { ["Items"] = shape.OutboxJson }),
                ]);
                etag = response.Value[1].Headers.ETag ?? ETag.All;
                Interlocked.Increment(ref done);
            }
        }));
        return done / until.Elapsed.TotalSeconds;
    }

    private static async Task<double> AnswersAsync(BenchHost host, IReadOnlyList<string> links, int workers)
    {
        var done = 0;
        var failed = 0;
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async w =>
        {
            using var client = host.Client();
            var mine = links.Where((_, i) => i % workers == w).ToList();
            var antiforgery = await BenchHost.AntiforgeryAsync(client, mine[0]);
            for (var i = 0; until.Elapsed < Trial; i++)
            {
                if (await BenchHost.AnswerAsync(client, mine[i % mine.Count], antiforgery) == HttpStatusCode.SeeOther)
                    Interlocked.Increment(ref done);
                else
                    Interlocked.Increment(ref failed);
            }
        }));
        if (failed > 0)
            Console.WriteLine($"  ({failed} answers failed)");
        return done / until.Elapsed.TotalSeconds;
    }

    /// <summary>Open-loop load: each request leaves at its scheduled time whether or not earlier ones have returned.</summary>
    private static async Task FixedRateAsync(BenchHost host, List<string> links, int perSecond, int seconds)
    {
        using var client = host.Client();
        var antiforgery = await BenchHost.AntiforgeryAsync(client, links[0]);
        var total = perSecond * seconds;
        var latencies = new double[total];
        var ok = new bool[total];
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait);
            var index = i;
            sends.Add(Task.Run(async () =>
            {
                var started = clock.Elapsed;
                try
                {
                    ok[index] = await BenchHost.AnswerAsync(client, links[index % links.Count], antiforgery) == HttpStatusCode.SeeOther;
                }
                catch (HttpRequestException)
                {
                    ok[index] = false;
                }
                latencies[index] = (clock.Elapsed - started).TotalMilliseconds;
            }));
        }
        await Task.WhenAll(sends);
        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"fixed rate {perSecond}/s for {seconds} s: sent {total}, succeeded {ok.Count(x => x)}, " +
            $"p50 {Percentile(sorted, 0.50):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {sorted[^1]:F1} ms, took {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}

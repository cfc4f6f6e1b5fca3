using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Justera.Application.Workflows;
using Justera.Mail;
using Justera.Storage.JusteringRounds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Justera.Bench;

/// <summary>Records when each mail was handed to SMTP, on the host's own clock.</summary>
internal sealed class HandoffClock(IMailSender inner, TimeProvider time) : IMailSender
{
    public ConcurrentQueue<(string To, string Subject, DateTimeOffset At, string? Link)> Sent { get; } = new();

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        await inner.SendAsync(mail, cancellationToken);
        var link = BenchHost.LinkPattern().Match(mail.TextBody);
        Sent.Enqueue((mail.ToAddress, mail.Subject, time.GetUtcNow(), link.Success ? link.Groups[1].Value : null));
    }

    /// <summary>The personal links of the round's request mails, once all <paramref name="count"/> are sent.</summary>
    public async Task<IReadOnlyList<string>> RequestLinksAsync(string roundId, int count)
    {
        var until = Stopwatch.StartNew();
        while (true)
        {
            var links = Sent.Where(m => m.Link?.StartsWith(roundId, StringComparison.Ordinal) == true && !m.Subject.Contains(':', StringComparison.Ordinal))
                .Select(m => m.Link!).ToList();
            if (links.Count >= count)
                return links;
            if (until.Elapsed > TimeSpan.FromMinutes(2))
                throw new TimeoutException($"The requests of round {roundId} were not sent.");
            await Task.Delay(20);
        }
    }

    public static void Register(IServiceCollection services) =>
        services.AddSingleton<IMailSender>(sp => new HandoffClock(
            new SmtpMailSender(sp.GetRequiredService<IOptions<SmtpOptions>>().Value), sp.GetRequiredService<TimeProvider>()));
}

/// <summary>
/// What the orchestrations cost and how quickly they act, on the local host's Durable Task engine over Azurite:
/// latency from an answer being stored (its POST answered) to its receipt handed to SMTP, and from a reminder's due
/// time to its mail handed to SMTP (median, p99; target ≤ 5 s); and, with 1,000 rounds waiting on durable timers,
/// storage requests and CPU per idle minute.
/// </summary>
internal static class WorkflowHarnesses
{
    /// <summary>The host lives on Tuesday 8 December 2026 from 09:30 (Stockholm): a working day, in office hours.</summary>
    private static readonly DateTimeOffset WorldStart = new(2026, 12, 8, 8, 30, 0, TimeSpan.Zero);

    public static async Task<int> LatencyAsync()
    {
        var offset = WorldStart - DateTimeOffset.UtcNow;
        await using var host = await BenchHost.StartAsync(backgroundLoops: true, new Dictionary<string, string?>
        {
            ["Justera:DevelopmentClockOffset"] = offset.ToString("c", CultureInfo.InvariantCulture),
        }, HandoffClock.Register);
        var mails = (HandoffClock)host.App.Services.GetRequiredService<IMailSender>();
        var time = host.App.Services.GetRequiredService<TimeProvider>();
        using var client = host.Client();

        // Answers: 10 rounds of 5, answered at a fixed rate of 5 a second once their requests are out.
        var links = new List<string>();
        for (var r = 0; r < 10; r++)
        {
            var id = await BenchHost.CreateRoundAsync(client, 5, $"a{r}");
            links.AddRange(await host.LinksInOutboxAsync(id));
        }
        await WaitAsync(() => mails.Sent.Count >= links.Count, TimeSpan.FromMinutes(2));
        var stored = new ConcurrentDictionary<string, DateTimeOffset>();
        var answering = new List<Task>();
        var pace = Stopwatch.StartNew();
        for (var i = 0; i < links.Count; i++)
        {
            var due = TimeSpan.FromMilliseconds(200 * i);
            if (due > pace.Elapsed)
                await Task.Delay(due - pace.Elapsed);
            var token = links[i];
            answering.Add(Task.Run(async () =>
            {
                using var browser = host.Client();
                var antiforgery = await BenchHost.AntiforgeryAsync(browser, token);
                var status = await BenchHost.AnswerAsync(browser, token, antiforgery);
                if ((int)status != 303)
                    throw new InvalidOperationException($"Answer answered {(int)status}.");
                stored[token] = time.GetUtcNow();
            }));
        }
        await Task.WhenAll(answering);
        await WaitAsync(() => mails.Sent.Count(m => m.Subject.StartsWith("Bekräftelse", StringComparison.Ordinal)) >= links.Count, TimeSpan.FromMinutes(2));
        // Each link's justerare is "j{n}.{tag}@example.org" in round order; pair receipts with answers through the outbox links' order.
        var receipts = mails.Sent.Where(m => m.Subject.StartsWith("Bekräftelse", StringComparison.Ordinal)).ToList();
        var answerLatencies = new List<double>();
        for (var r = 0; r < 10; r++)
        {
            for (var j = 1; j <= 5; j++)
            {
                var address = $"j{j}.a{r}@example.org";
                var receipt = receipts.Single(m => m.To == address);
                var token = links[(r * 5) + (j - 1)];
                answerLatencies.Add((receipt.At - stored[token]).TotalMilliseconds);
            }
        }
        Report("answer stored → receipt handed to SMTP", answerLatencies);

        // Reminders: 20 rounds whose halfway reminder falls 1–2 minutes after they start; each is due at its round's wake-up.
        var rounds = host.App.Services.GetRequiredService<RoundStore>();
        var dueAt = new Dictionary<string, DateTimeOffset>();
        for (var r = 0; r < 20; r++)
        {
            var now = time.GetUtcNow();
            var deadline = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(3 + (r % 2));
            var id = await BenchHost.CreateRoundAsync(client, 1, $"m{r}", deadline);
            dueAt[$"j1.m{r}@example.org"] = (await rounds.LoadAsync(id)).NextWakeUp!.Value;
        }
        await WaitAsync(() => mails.Sent.Count(m => m.Subject.StartsWith("Påminnelse", StringComparison.Ordinal)) >= dueAt.Count, TimeSpan.FromMinutes(4));
        var reminderLatencies = mails.Sent.Where(m => m.Subject.StartsWith("Påminnelse", StringComparison.Ordinal))
            .Select(m => (m.At - dueAt[m.To]).TotalMilliseconds).ToList();
        Report("reminder due → mail handed to SMTP", reminderLatencies);
        return 0;
    }

    public static async Task<int> IdleAsync()
    {
        const int Rounds = 1000;
        await using var proxy = new CountingProxy();
        await using var host = await BenchHost.StartAsync(backgroundLoops: true, services: HandoffClock.Register, storage: proxy.Start);
        var mails = (HandoffClock)host.App.Services.GetRequiredService<IMailSender>();
        var created = 0;
        var creating = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Rounds), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (r, _) =>
        {
            using var client = host.Client();
            await BenchHost.CreateRoundAsync(client, 1, $"i{r}");
            Interlocked.Increment(ref created);
        });
        await WaitAsync(() => mails.Sent.Count >= Rounds, TimeSpan.FromMinutes(10));
        Console.WriteLine($"{Rounds} rounds created and their requests sent in {creating.Elapsed.TotalSeconds:F0} s");

        // Let the last turns finish and recovery's first pass over the outbox marks clear them (a mark is cleared once it
        // is older than the grace and its round's outbox is empty: two requests a round, once), then measure a quiet
        // minute: every round waits on its durable timer.
        await Task.Delay(WorkflowRecovery.DefaultGrace + TimeSpan.FromSeconds(45));
        using var self = Process.GetCurrentProcess();
        var requestsBefore = proxy.Count;
        var cpuBefore = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromMinutes(1));
        self.Refresh();
        var requests = proxy.Count - requestsBefore;
        var cpu = (self.TotalProcessorTime - cpuBefore) / wall.Elapsed;
        Console.WriteLine($"idle minute with {Rounds} rounds waiting on durable timers: {requests * 60 / wall.Elapsed.TotalSeconds:F0} storage requests/min, " +
            $"local host CPU {cpu * 100:F1} % of one core, resident {self.WorkingSet64 / (1024 * 1024)} MB");
        Console.WriteLine("the loops this replaces: 2 requests/min (timer, 30 s) + 12 requests/min (dispatcher poll, 5 s) = 14 requests/min, whatever the number of rounds");
        return 0;
    }

    private static void Report(string what, List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine($"{what}: n {sorted.Count}, median {At(0.5):F0} ms, p99 {At(0.99):F0} ms, max {sorted[^1]:F0} ms (target p99 ≤ 5000 ms)");
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan patience)
    {
        var until = Stopwatch.StartNew();
        while (!condition())
        {
            if (until.Elapsed > patience)
                throw new TimeoutException("The harness waited too long.");
            await Task.Delay(20);
        }
    }
}

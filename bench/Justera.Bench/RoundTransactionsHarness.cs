using Justera.Application.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace Justera.Bench;

/// <summary>Storage requests for one complete 6-justerare round, as people would drive it: create and start, each justerare opens the link, answers and sees the receipt, every e-mail is sent.</summary>
internal static class RoundTransactionsHarness
{
    public static async Task<int> RunAsync()
    {
        Console.WriteLine("the justering round alone (sealing left out):");
        await MeasureAsync(services => services.AddSingleton<IProtocolSealer, NoSealing>());
        Console.WriteLine("the same round, sealed and the signed protocol mailed to everyone:");
        await MeasureAsync(null);
        return 0;
    }

    private sealed class NoSealing : IProtocolSealer
    {
        public Task SealAsync(string roundId, int approvedVersion, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    private static async Task MeasureAsync(Action<IServiceCollection>? services)
    {
        await using var host = await BenchHost.StartAsync(backgroundLoops: false, services: services);
        var dispatcher = host.App.Services.GetRequiredService<OutboxDispatcher>();
        using var client = host.Client();
        var before = host.Requests.Count;
        var roundId = await BenchHost.CreateRoundAsync(client, 6, "tx");
        var afterCreate = host.Requests.Count;
        var sent = await dispatcher.DispatchOnceAsync();
        var afterRequests = host.Requests.Count;
        await host.MailDev.WaitForMailAsync(_ => true, TimeSpan.FromSeconds(10));
        var mails = await host.MailDev.GetMailsAsync();
        Console.WriteLine($"dispatched {sent}, inbox {mails.Count}");
        var links = mails.Select(m => BenchHost.LinkPattern().Match(m.Text ?? "")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        var answering = host.Requests.Count;
        foreach (var link in links)
        {
            var antiforgery = await BenchHost.AntiforgeryAsync(client, link);
            using var content = new FormUrlEncodedContent([antiforgery, KeyValuePair.Create("formKey", Guid.NewGuid().ToString("N")), KeyValuePair.Create("kind", "NoObjection")]);
            using var posted = await client.PostAsync($"svar/{link}", content);
            using var receipt = await client.GetAsync($"svar/{link}/kvitto");
        }
        var afterAnswers = host.Requests.Count;
        // The receipts, the completion notice, the seal, and the mails the seal causes.
        for (var pass = 0; pass < 3; pass++)
            await dispatcher.DispatchOnceAsync();
        var total = host.Requests.Count - before;
        Console.WriteLine($"round {roundId}: {links.Count} links followed");
        Console.WriteLine($"storage requests: create+start {afterCreate - before}, sending requests {afterRequests - afterCreate}, " +
            $"6 × (open, answer, receipt page) {afterAnswers - answering}, receipts, notices and sealing {host.Requests.Count - afterAnswers}; total {total} (target ≤ 60)");
    }
}

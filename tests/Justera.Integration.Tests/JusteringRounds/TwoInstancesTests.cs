using Justera.Application.Workflows;
using Justera.Integration.Tests.Infrastructure;
using Justera.Storage.Outbox;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>
/// Two independent instances of the local host (own DI containers, dispatchers and ports) on one storage account
/// and one SMTP server. The test drives both dispatchers, so that they start on an outbox at the same moment:
/// both read it before either has leased it, and only the ETag-guarded lease keeps them apart.
/// </summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class TwoInstancesTests(ServersFixture servers) : IAsyncLifetime
{
    private RoundScenario s = null!;

    public async Task InitializeAsync() => s = await RoundScenario.StartAsync(servers, backgroundLoops: false);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenTwoIndependentInstances_WhenBothDispatchARoundOfTen_ThenEachRequestIsSentExactlyOnce()
    {
        await using var second = await s.Host.StartSecondInstanceAsync(backgroundLoops: false);
        var people = s.People(10);
        var id = await s.StartRoundAsync(people);

        var outbox = s.Host.Service<OutboxStore>();
        var until = DateTime.UtcNow + RoundScenario.MailTimeout;
        while ((await outbox.ReadAsync(id)).Count > 0)
        {
            Assert.True(DateTime.UtcNow < until, "The outbox was not emptied in time.");
            // Several passes of each at once widen the moment in which both have read the row and neither has leased it.
            await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[] { s.Host.DispatchOnceAsync(), second.DispatchOnceAsync() }));
        }

        // Nothing of either instance can still be sending once both have stopped.
        await Task.WhenAll(s.Host.StopAsync(), second.StopAsync());
        await s.FenceAsync();
        var requests = (await s.MailDev.GetMailsAsync()).Where(m => m.Subject == RoundScenario.BaseSubject).ToList();
        Assert.Equal(10, requests.Count);
        Assert.Equal(10, requests.Select(m => m.MessageId).Distinct().Count());
        Assert.All(requests, m => Assert.NotNull(m.MessageId));
        Assert.Equal(people.Select(p => p.Email).Order(), requests.Select(m => Assert.Single(m.To).Address).Order());
    }

    [Fact]
    public async Task GivenSixAnswersEachLeavingAnOutboxRow_WhenTwoInstancesDispatchThemAtOnce_ThenEachReceiptIsSentExactlyOnce()
    {
        // Rows of one round are leased together in one transaction; when the other instance holds one of them, the
        // transaction fails whole and the rows are taken one by one, so nobody sends a row the other has leased.
        await using var second = await s.Host.StartSecondInstanceAsync(backgroundLoops: false);
        var people = s.People(6);
        var id = await s.StartRoundAsync(people);
        await s.DrainOutboxAsync(id);
        foreach (var person in people)
        {
            var link = s.LinkIn(await s.WaitForMailAsync(person.Email, RoundScenario.BaseSubject));
            await s.Browser().AnswerAsync(link, Answers.NoObjection);
        }
        var outbox = s.Host.Service<OutboxStore>();
        Assert.True((await outbox.ReadAsync(id)).Count >= 6, "Each answer should have left its own outbox row.");

        var until = DateTime.UtcNow + RoundScenario.MailTimeout;
        while ((await outbox.ReadAsync(id)).Count > 0)
        {
            Assert.True(DateTime.UtcNow < until, "The outbox was not emptied in time.");
            await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(_ => new[] { s.Host.DispatchOnceAsync(), second.DispatchOnceAsync() }));
        }

        await Task.WhenAll(s.Host.StopAsync(), second.StopAsync());
        await s.FenceAsync();
        var receipts = (await s.MailDev.GetMailsAsync()).Where(m => m.Subject == "Bekräftelse: " + RoundScenario.BaseSubject).ToList();
        Assert.Equal(people.Select(p => p.Email).Order(), receipts.Select(m => Assert.Single(m.To).Address).Order());
        Assert.Equal(receipts.Count, receipts.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task GivenTheEnginesOfTwoInstancesRunning_WhenARoundOfTenStartsWhereNoEngineHearsOfIt_ThenRecoveryFindsItAndEachRequestIsSentExactlyOnce()
    {
        // The instance that takes the request runs no engine, so no orchestration hears of the round: the "changed"
        // event is lost. Two others, each with its own engine on the one task hub (as Function app instances in
        // Azure), find the round among the outbox marks once it is overdue, and start its orchestration between them.
        await using var first = await s.Host.StartSecondInstanceAsync(backgroundLoops: true);
        await using var second = await s.Host.StartSecondInstanceAsync(backgroundLoops: true);
        var people = s.People(10);
        var id = await s.StartRoundAsync(people);
        s.Host.Clock.Advance(WorkflowRecovery.DefaultGrace + TimeSpan.FromSeconds(1));

        foreach (var person in people)
            await s.WaitForMailAsync(person.Email, RoundScenario.BaseSubject);
        var outbox = s.Host.Service<OutboxStore>();
        var until = DateTime.UtcNow + RoundScenario.MailTimeout;
        while ((await outbox.ReadAsync(id)).Count > 0)
        {
            Assert.True(DateTime.UtcNow < until, "The outbox was not emptied in time.");
            await Task.Delay(50);
        }

        await Task.WhenAll(first.StopAsync(), second.StopAsync());
        await s.FenceAsync();
        var requests = (await s.MailDev.GetMailsAsync()).Where(m => m.Subject == RoundScenario.BaseSubject).ToList();
        Assert.Equal(10, requests.Count);
        Assert.Equal(10, requests.Select(m => m.MessageId).Distinct().Count());
    }
}

using Justera.Application.Workflows;
using Justera.Integration.Tests.Infrastructure;
using Justera.Integration.Tests.JusteringRounds;
using Microsoft.DurableTask.Client;

namespace Justera.Integration.Tests.Workflows;

/// <summary>
/// The orchestration holds no truth: a round whose orchestration was deleted behind the app's back is re-started
/// from the Tables, and "changed" events that are lost or repeated change nothing. Through the local host, on its
/// Durable Task engine over Azurite, following the e-mails a justerare would get.
/// </summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class OrchestrationRecoveryTests(ServersFixture servers) : IAsyncLifetime
{
    private const string ReceiptSubject = "Bekräftelse: " + RoundScenario.BaseSubject;
    private RoundScenario s = null!;

    private DurableTaskClient Engine => s.Host.Service<DurableTaskClient>();

    public async Task InitializeAsync() => s = await RoundScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenARoundWhoseOrchestrationWasDeleted_WhenAnAnswerIsStoredAndRecoveryRuns_ThenTheOrchestrationIsStartedAgainAndTheReceiptIsSentOnce()
    {
        var people = s.People(2);
        var id = await s.StartRoundAsync(people);
        var link = s.LinkIn(await s.WaitForMailAsync(people[0].Email, RoundScenario.BaseSubject));
        await s.WaitForMailAsync(people[1].Email, RoundScenario.BaseSubject);
        var instance = RoundWorkflows.InstanceId(id);
        await Engine.TerminateInstanceAsync(instance);
        await Engine.WaitForInstanceCompletionAsync(instance, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        await Engine.PurgeInstanceAsync(instance);
        Assert.Null(await Engine.GetInstanceAsync(instance));

        // The answer is stored, and its "changed" event goes to an instance that no longer exists.
        await s.Browser().AnswerAsync(link, Answers.NoObjection);
        Assert.Equal(1, await s.Host.WakeDueRoundsAsync());

        await s.WaitForMailAsync(people[0].Email, ReceiptSubject);
        var restarted = await Engine.GetInstanceAsync(instance);
        Assert.NotNull(restarted);
        Assert.True(restarted.IsRunning, $"The orchestration is {restarted.RuntimeStatus}.");
        await s.FenceAsync();
        Assert.Single(await s.MailsToAsync(people[0].Email), m => m.Subject == ReceiptSubject);
    }

    [Fact]
    public async Task GivenAWaitingRound_WhenChangedIsRaisedFiveTimesOver_ThenNothingIsSentAgainAndTheOrchestrationGoesOnWaiting()
    {
        var people = s.People(2);
        var id = await s.StartRoundAsync(people);
        foreach (var person in people)
            await s.WaitForMailAsync(person.Email, RoundScenario.BaseSubject);
        var instance = RoundWorkflows.InstanceId(id);

        for (var i = 0; i < 5; i++)
            await Engine.RaiseEventAsync(instance, RoundOrchestration.ChangedEvent, eventPayload: null);
        // Settled: the instance is running (waiting again) and has not moved for two seconds.
        await WaitUntilAsync(async () => await Engine.GetInstanceAsync(instance) is { IsRunning: true } i
            && i.LastUpdatedAt < DateTimeOffset.UtcNow.AddSeconds(-2));

        await s.FenceAsync();
        foreach (var person in people)
            Assert.Single(await s.MailsToAsync(person.Email));
        Assert.Single(await s.HistoryOfTypeAsync(id, "RoundStarted"));
    }

    [Fact]
    public async Task GivenAnAnswerStoredByAnInstanceWithoutAnEngine_WhenItsEventIsLost_ThenRecoveryFindsTheOutboxWorkAndTheReceiptIsSentOnce()
    {
        var people = s.People(2);
        await s.StartRoundAsync(people);
        var link = s.LinkIn(await s.WaitForMailAsync(people[0].Email, RoundScenario.BaseSubject));
        await using var withoutEngine = await s.Host.StartSecondInstanceAsync(backgroundLoops: false);

        var receipt = await new JusterareBrowser(withoutEngine.NewBrowser()).AnswerAsync(link, Answers.NoObjection);
        Assert.Equal("Tack, ditt svar är registrerat", receipt.Heading);
        // Nobody told the orchestration; once the work is overdue, the recovery pass of the instance with the engine finds it.
        s.Host.Clock.Advance(WorkflowRecovery.DefaultGrace + TimeSpan.FromSeconds(1));

        await s.WaitForMailAsync(people[0].Email, ReceiptSubject);
        await s.FenceAsync();
        Assert.Single(await s.MailsToAsync(people[0].Email), m => m.Subject == ReceiptSubject);
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) =>
        Eventually.TrueAsync(condition, RoundScenario.MailTimeout, "The orchestration did not settle in time.");
}

using Justera.Integration.Tests.Infrastructure;
using Justera.Integration.Tests.JusteringRounds;

namespace Justera.Integration.Tests.Workflows;

/// <summary>
/// The local host's engine after minutes with nothing to do: a round's orchestration sleeps on its durable timer for
/// nearly three minutes with nothing else happening, longer than the two minutes after which the Durable Task SDK's
/// worker gives up on a silent work-item stream (Azure's backends ping it; the in-process sidecar does not). The
/// reminder must still be sent when the timer fires, and the worker must not have torn down its stream meanwhile (it
/// did every two quiet minutes, with a warning in the log and a reconnect).
/// </summary>
/// <remarks>Its own servers and collection, so its minutes of waiting run beside the other tests, not after them.</remarks>
[Collection(QuietEngineServers.Name)]
public sealed class QuietEngineTests(ServersFixture servers)
{
    /// <summary>The process lives at 09:55:20 on Tuesday 8 December 2026 (Stockholm) when the test starts.</summary>
    private static readonly DateTimeOffset WorldStart = new(2026, 12, 8, 8, 55, 20, TimeSpan.Zero);

    [Fact]
    public async Task GivenAnEngineWithNothingToDoForLongerThanTheWorkersSilenceWindow_WhenTheRoundsTimerFires_ThenTheReminderIsSent()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var dataFolder = Path.Combine(Path.GetTempPath(), "justera-tests", $"quiet-{tag}");
        var port = FreePort.Get();
        var settings = RestartTests.ProcessSettings(servers, port, WorldStart, dataFolder);
        var people = new[] { new Person("Karin Exempelsson", "Kommunal", $"karin.{tag}@example.org") };
        try
        {
            using var host = await LocalHostProcess.StartAsync(port, settings, TimeSpan.FromSeconds(60));
            // Started at about 09:55:25 with the deadline at 10:01: the halfway reminder is due some 170 s from now,
            // and after the request's turn nothing reaches the worker until that timer fires.
            await RestartTests.StartRoundAsync(host.BaseAddress, people, tag, "2026-12-08T10:01");
            await servers.MailDev.WaitForMailAsync(m => RestartTests.IsTo(m, people[0]) && m.Subject == RoundScenario.BaseSubject, TimeSpan.FromSeconds(30));
            try
            {
                var reminder = await servers.MailDev.WaitForMailAsync(
                    m => RestartTests.IsTo(m, people[0]) && m.Subject == "Påminnelse: " + RoundScenario.BaseSubject, TimeSpan.FromSeconds(240));
                Assert.Contains("Vi har ännu inte fått ditt svar.", reminder.Text, StringComparison.Ordinal);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}\nThe host wrote:\n{host.RecentOutput}", e);
            }
            Assert.DoesNotContain("stopped receiving traffic", host.RecentOutput, StringComparison.Ordinal);
        }
        finally
        {
            TempFolders.DeleteQuietly(dataFolder);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class QuietEngineServers : ICollectionFixture<ServersFixture>
{
    public const string Name = "quiet-engine";
}

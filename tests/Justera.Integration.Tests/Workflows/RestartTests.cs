using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Data.Tables;
using Justera.Application.Workflows;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Justera.Integration.Tests.JusteringRounds;
using Justera.LocalHost.Durable;
using Justera.Storage.JusteringRounds;
using Justera.Storage.Outbox;
using Justera.Web.Hosting;

namespace Justera.Integration.Tests.Workflows;

/// <summary>
/// The local host as a real process, killed with SIGKILL while a round waits for its reminder and started again:
/// the orchestration and its durable timer live in storage, so the reminder still goes out, once.
/// </summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class RestartTests(ServersFixture servers)
{
    /// <summary>Both processes live at 09:59:20 on Tuesday 8 December 2026 (Stockholm) when the test starts, and let time pass at its real pace.</summary>
    private static readonly DateTimeOffset WorldStart = new(2026, 12, 8, 8, 59, 20, TimeSpan.Zero);

    [Fact]
    public async Task GivenARoundWaitingForItsReminder_WhenTheProcessIsKilledAndStartedAgain_ThenTheReminderIsSentOnce()
    {
        await servers.MailDev.DeleteAllAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var dataFolder = Path.Combine(Path.GetTempPath(), "justera-tests", $"restart-{tag}");
        var port = FreePort.Get();
        var settings = ProcessSettings(servers, port, WorldStart, dataFolder);
        settings["Justera__TimerInterval"] = "00:00:01";
        settings["Logging__LogLevel__DurableTask"] = "Information";
        settings["Logging__LogLevel__Justera"] = "Information";
        var people = new[] { ("Karin Exempelsson", "Kommunal"), ("Anna Björk", "Vision") }
            .Select(p => new Person(p.Item1, p.Item2, $"{p.Item1.Split(' ')[0].ToLowerInvariant()}.{tag}@example.org")).ToList();
        try
        {
            string roundId;
            using (var first = await LocalHostProcess.StartAsync(port, settings, TimeSpan.FromSeconds(60)))
            {
                // Started at about 09:59:25 with the deadline at 10:01: the halfway reminder is due about 45 s from now.
                roundId = await StartRoundAsync(first.BaseAddress, people, tag, "2026-12-08T10:01");
                foreach (var person in people)
                    await servers.MailDev.WaitForMailAsync(m => IsTo(m, person) && m.Subject == RoundScenario.BaseSubject, TimeSpan.FromSeconds(30));
                // Killed once the orchestration sleeps on its durable timer (a process killed mid-turn resumes that
                // turn only when its hidden queue messages reappear, minutes later).
                await WaitForTimerAsync(settings["Storage__Prefix"], roundId);
                first.Kill();
            }
            Assert.DoesNotContain(await servers.MailDev.GetMailsAsync(), m => m.Subject.StartsWith("Påminnelse", StringComparison.Ordinal));

            using var second = await LocalHostProcess.StartAsync(port, settings, TimeSpan.FromSeconds(60));
            foreach (var person in people)
            {
                try
                {
                    var reminder = await servers.MailDev.WaitForMailAsync(m => IsTo(m, person) && m.Subject == "Påminnelse: " + RoundScenario.BaseSubject,
                        TimeSpan.FromSeconds(120));
                    Assert.Contains("Vi har ännu inte fått ditt svar.", reminder.Text, StringComparison.Ordinal);
                }
                catch (TimeoutException e)
                {
                    throw new TimeoutException($"{e.Message}\nThe restarted host wrote:\n{second.RecentOutput}", e);
                }
            }

            // Nothing is sent twice: not by the new process replaying the old one's work, nor by recovery. Once the
            // round's outbox is empty nothing more can be sent for it, and the fence shows all that was.
            await WaitForEmptyOutboxAsync(settings["Storage__Prefix"], roundId);
            await servers.MailDev.FenceAsync($"staket.{tag}@example.org", TimeSpan.FromSeconds(30));
            var mails = await servers.MailDev.GetMailsAsync();
            foreach (var person in people)
            {
                Assert.Single(mails, m => IsTo(m, person) && m.Subject == RoundScenario.BaseSubject);
                Assert.Single(mails, m => IsTo(m, person) && m.Subject == "Påminnelse: " + RoundScenario.BaseSubject);
            }
            Assert.NotEmpty(roundId);
        }
        finally
        {
            TempFolders.DeleteQuietly(dataFolder);
        }
    }

    /// <summary>
    /// The settings of a local host process on its own storage prefix, with this collection's Azurite and maildev, whose
    /// clock is shifted to <paramref name="worldStart"/> (Development only) and whose log shows the Durable worker's notes.
    /// </summary>
    internal static Dictionary<string, string> ProcessSettings(ServersFixture servers, int port, DateTimeOffset worldStart, string dataFolder) => new()
    {
        ["Storage__ConnectionString"] = servers.Azurite.ConnectionString,
        ["Storage__Prefix"] = JusteraTestHost.NewPrefix(),
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = servers.MailDev.SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Justera__DataFolder"] = dataFolder,
        ["Justera__PublicBaseUrl"] = $"http://127.0.0.1:{port}/",
        ["Justera__DevelopmentClockOffset"] = (worldStart - DateTimeOffset.UtcNow).ToString("c", CultureInfo.InvariantCulture),
        ["Justera__MailsPerMinute"] = "6000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.DurableTask"] = "Information",
    };

    /// <summary>Waits until the round's orchestration history, in the task hub's History table, holds a TimerCreated event.</summary>
    private async Task WaitForTimerAsync(string prefix, string roundId)
    {
        var history = new TableClient(servers.Azurite.ConnectionString, $"{LocalDurableEngine.TaskHubName(prefix)}History");
        var instance = RoundWorkflows.InstanceId(roundId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instance} and EventType eq {"TimerCreated"}");
        async Task<bool> TimerSetAsync()
        {
            await foreach (var _ in history.QueryAsync<TableEntity>(filter, maxPerPage: 1))
                return true;
            return false;
        }

        await Eventually.TrueAsync(TimerSetAsync, TimeSpan.FromSeconds(30), "The round's orchestration set no durable timer within 30 s.");
    }

    private async Task WaitForEmptyOutboxAsync(string prefix, string roundId)
    {
        var outbox = new OutboxStore(new RoundTables(new TableServiceClient(servers.Azurite.ConnectionString), prefix));
        await Eventually.TrueAsync(async () => (await outbox.ReadAsync(roundId)).Count == 0,
            TimeSpan.FromSeconds(30), "The round's outbox was not emptied within 30 s.");
    }

    internal static bool IsTo(ReceivedMail mail, Person person) =>
        mail.To.Any(a => string.Equals(a.Address, person.Email, StringComparison.OrdinalIgnoreCase));

    /// <summary>Starts a round through the API on the shifted clock (Tuesday 8 December 2026) with the given deadline.</summary>
    internal static async Task<string> StartRoundAsync(Uri baseAddress, IReadOnlyList<Person> people, string tag, string deadline)
    {
        using var api = new HttpClient { BaseAddress = baseAddress };
        api.DefaultRequestHeaders.Add(DevelopmentSignIn.SecretaryHeader, $"sara.sekreterare.{tag}@example.org");
        api.DefaultRequestHeaders.Add(DevelopmentSignIn.AdministrationHeader, RoundScenario.Administration);
        api.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var form = RoundScenario.Form(new RoundRequest
        {
            Protocol = ProtocolFiles.Sample,
            Roster = RoundScenario.RosterJson(people),
            Deadline = deadline,
        });
        using var response = await api.PostAsync(new Uri("api/rundor", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Creating the round answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        var id = json.RootElement.GetProperty("id").GetString()!;
        // The round lives on the shifted clock: its history is dated Tuesday 8 December, not today.
        var history = await api.GetStringAsync(new Uri($"api/rundor/{id}/historik", UriKind.Relative));
        Assert.True(history.Contains("\"2026-12-08T", StringComparison.Ordinal), history);
        return id;
    }
}

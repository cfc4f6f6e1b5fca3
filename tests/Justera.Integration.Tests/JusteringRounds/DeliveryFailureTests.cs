using System.Net;
using System.Text.Json;
using Justera.Application.Outbox;
using Justera.Core;
using Justera.Integration.Tests.Infrastructure;
using Justera.Storage.Outbox;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>
/// The SMTP server down for real (maildev stopped): retries on the fake clock, the failure shown to the secretary
/// after the last attempt, and a retried mail that is the very same message. The dispatcher is driven by the test.
/// </summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class DeliveryFailureTests(ServersFixture servers) : IAsyncLifetime
{
    // The local host's defaults (JusteraOptions): five attempts, 30 s before the first retry, doubling.
    private const int MaxAttempts = 5;
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(30);

    private RoundScenario s = null!;

    public async Task InitializeAsync() => s = await RoundScenario.StartAsync(servers, backgroundLoops: false);

    public async Task DisposeAsync()
    {
        await servers.MailDev.StartAsync();
        await s.DisposeAsync();
    }

    [Fact]
    public async Task GivenSmtpIsDown_WhenAReceiptFailsEveryAttempt_ThenTheFailureIsShownAndTheSecretaryIsToldOnceSmtpIsBack()
    {
        var people = s.People(2);
        var karin = people[0];
        var id = await s.StartRoundAsync(people);
        await s.DrainOutboxAsync(id);
        var link = s.LinkIn(await s.WaitForMailAsync(karin.Email, RoundScenario.BaseSubject));

        await s.MailDev.StopAsync();
        await s.Browser().AnswerAsync(link, Answers.NoObjection);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            Assert.Empty((await s.GetJsonAsync($"api/rundor/{id}/leveransfel")).EnumerateArray());
            await s.Host.DispatchOnceAsync();
            if (attempt < MaxAttempts)
            {
                var item = Assert.Single(await OutboxItemsAsync(id), i => i.Recipient == karin.Email);
                Assert.Equal((OutboxStatus.Pending, attempt), (item.Status, item.Attempts));
                var wait = FirstRetryDelay * Math.Pow(2, attempt - 1);
                Assert.Equal(s.Host.Clock.GetUtcNow() + wait, item.NextAttemptAt);
                // Not due yet: a pass now must not try again.
                await s.Host.DispatchOnceAsync();
                Assert.Equal(attempt, Assert.Single(await OutboxItemsAsync(id), i => i.Recipient == karin.Email).Attempts);
                s.Host.Clock.Advance(wait + TimeSpan.FromSeconds(1));
            }
        }

        var failures = await s.GetJsonAsync($"api/rundor/{id}/leveransfel");
        var failure = Assert.Single(failures.EnumerateArray());
        Assert.Equal(karin.Email, failure.GetProperty("recipient").GetString());
        Assert.Equal("E-postservern svarade inte.", failure.GetProperty("reason").GetString());
        var status = await s.StatusAsync(id);
        Assert.Single(status.GetProperty("deliveryFailures").EnumerateArray());
        var history = (await s.HistoryOfTypeAsync(id, "DeliveryFailed")).Select(e => e.GetProperty("description").GetString());
        Assert.Equal([$"E-post till {karin.Email} kunde inte levereras: E-postservern svarade inte."], history);

        await s.MailDev.StartAsync();
        await s.DrainOutboxAsync(id);
        var notice = await s.WaitForMailAsync(s.SecretaryEmail, "Leveransfel: " + RoundScenario.BaseSubject);
        Assert.Contains($"kunde inte levereras till {karin.Email}", notice.Text, StringComparison.Ordinal);
        // The receipt itself was given up, not sent late.
        Assert.DoesNotContain(await s.MailsToAsync(karin.Email), m => m.Subject.StartsWith("Bekräftelse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenAFailedAttempt_WhenTheMailIsRetriedAfterTheDelay_ThenItIsTheSameMessageWithTheSameMessageId()
    {
        var people = s.People(2);
        await s.MailDev.StopAsync();
        var id = await s.StartRoundAsync(people);

        Assert.Equal(2, await s.Host.DispatchOnceAsync());
        var stored = await OutboxItemsAsync(id);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, i => Assert.Equal((OutboxStatus.Pending, 1), (i.Status, i.Attempts)));
        var messageIds = stored.ToDictionary(i => i.Recipient, i => i.Mail!.MessageId);

        await s.MailDev.StartAsync();
        // The retry waits for its time, even with SMTP back.
        Assert.Equal(0, await s.Host.DispatchOnceAsync());
        s.Host.Clock.Advance(FirstRetryDelay + TimeSpan.FromSeconds(1));
        Assert.Equal(2, await s.Host.DispatchOnceAsync());

        foreach (var person in people)
        {
            var mail = await s.WaitForMailAsync(person.Email, RoundScenario.BaseSubject);
            Assert.Equal($"<{messageIds[person.Email]}>", mail.MessageId);
            Assert.EndsWith("@justera.example.org", messageIds[person.Email], StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await s.Browser().GetAsync(s.LinkIn(mail))).Status);
        }
        await s.DrainOutboxAsync(id);
        Assert.Equal(2, (await s.MailDev.GetMailsAsync()).Count(m => m.Subject == RoundScenario.BaseSubject));
    }

    private async Task<List<OutboxItem>> OutboxItemsAsync(string roundId)
    {
        var rows = await s.Host.Service<OutboxStore>().ReadAsync(roundId);
        return [.. rows.SelectMany(r => JsonSerializer.Deserialize<List<OutboxItem>>(r.ItemsJson, JusteraJson.Options)!)];
    }
}

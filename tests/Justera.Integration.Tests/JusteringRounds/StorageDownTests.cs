using System.Net;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>Storage down for real: an Azurite of this test's own is stopped and started again.</summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class StorageDownTests(ServersFixture servers) : IAsyncLifetime
{
    private AzuriteServer azurite = null!;
    private RoundScenario s = null!;

    public async Task InitializeAsync()
    {
        // Its own Azurite, so that a failed restart cannot take the collection's storage with it.
        azurite = await AzuriteServer.StartAsync();
        s = await RoundScenario.StartAsync(azurite, servers.MailDev);
    }

    public async Task DisposeAsync()
    {
        await s.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task GivenStorageIsDown_WhenAnAnswerIsPosted_Then503WithRetryAfterAndAfterTheRestartTheSameAnswerGoesThrough()
    {
        var people = s.People(2);
        var karin = people[0];
        var id = await s.StartRoundAsync(people);
        var link = s.LinkIn(await s.WaitForMailAsync(karin.Email, RoundScenario.BaseSubject));
        var browser = s.Browser();
        var (_, form) = await browser.OpenAsync(link);

        await azurite.StopAsync();
        try
        {
            using var down = await browser.SubmitAsync(link, form, Answers.NoObjection);
            var page = await HtmlPage.ReadAsync(down);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
            Assert.Equal("30", page.Headers["Retry-After"]);
            Assert.Equal("Tjänsten är tillfälligt otillgänglig", page.Heading);
            Assert.Contains("Vi kan inte nå lagringen just nu, så inget har sparats.", page.Text, StringComparison.Ordinal);
            using var api = await s.Api.GetAsync(new Uri($"api/rundor/{id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
            Assert.NotNull(api.Headers.RetryAfter);
        }
        finally
        {
            await azurite.RestartAsync();
        }

        using var again = await browser.SubmitAsync(link, form, Answers.NoObjection);
        var receipt = await browser.FollowReceiptAsync(link, again);
        Assert.Contains("Ditt svar: Inget att erinra", receipt.Text, StringComparison.Ordinal);
        // The host's own dispatcher loop carries on by itself.
        await s.WaitForMailAsync(karin.Email, "Bekräftelse: " + RoundScenario.BaseSubject);
        Assert.Single(await s.HistoryOfTypeAsync(id, "AnswerRecorded"));
    }
}

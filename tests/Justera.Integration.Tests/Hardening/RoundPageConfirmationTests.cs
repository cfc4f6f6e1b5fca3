using System.Net;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Justera.Integration.Tests.JusteringRounds;

namespace Justera.Integration.Tests.Hardening;

/// <summary>After an action the round page confirms it once: the address carries no flag, and a reload shows no confirmation.</summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class RoundPageConfirmationTests(ServersFixture servers) : IAsyncLifetime
{
    private RoundScenario s = null!;

    public async Task InitializeAsync() => s = await RoundScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenAnExtendedDeadline_WhenTheRoundPageIsShownAndReloaded_ThenTheConfirmationIsShownOnlyOnce()
    {
        const string Confirmation = "Sista dag för synpunkter är ändrad.";
        var id = await s.StartRoundAsync(s.People(1));
        using var get = await s.Api.GetAsync(new Uri($"rundor/{id}", UriKind.Relative));
        var form = (await HtmlPage.ReadAsync(get)).Forms.Single(f => f.Action.EndsWith("/forlang", StringComparison.Ordinal));
        using var content = new FormUrlEncodedContent([.. form.Hidden, KeyValuePair.Create("deadline", "2026-12-18T16:00")]);

        using var posted = await s.Api.PostAsync(new Uri(form.Action, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal($"/rundor/{id}", posted.Headers.Location?.OriginalString);
        using var shown = await s.Api.GetAsync(posted.Headers.Location);
        Assert.Contains(Confirmation, (await HtmlPage.ReadAsync(shown)).Text, StringComparison.Ordinal);
        using var reloaded = await s.Api.GetAsync(posted.Headers.Location);
        var page = await HtmlPage.ReadAsync(reloaded);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain(Confirmation, page.Text, StringComparison.Ordinal);
        Assert.Contains("Sista dag för synpunkter", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTheOldConfirmationAddress_WhenOpened_ThenNoConfirmationIsShown()
    {
        var id = await s.StartRoundAsync(s.People(1));

        using var response = await s.Api.GetAsync(new Uri($"rundor/{id}?klart=avbryt", UriKind.Relative));

        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain("Rundan är avbruten.", page.Text, StringComparison.Ordinal);
    }
}

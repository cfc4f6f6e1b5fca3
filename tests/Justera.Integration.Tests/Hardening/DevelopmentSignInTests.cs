using System.Net;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Justera.Integration.Tests.JusteringRounds;

namespace Justera.Integration.Tests.Hardening;

/// <summary>
/// The development sign-in bounds what it accepts (a name of thousands of characters made rounds that never listed)
/// and redirects only to Justera's own paths, never to another host however the address is spelled.
/// </summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class DevelopmentSignInTests(ServersFixture servers) : IAsyncLifetime
{
    private RoundScenario s = null!;

    public async Task InitializeAsync() => s = await RoundScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Theory]
    [InlineData("/\\evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\/evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("http:evil.example")]
    [InlineData("/\t/evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData(" //evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task GivenAReturnAddressOffTheSite_WhenSigningIn_ThenTheBrowserGoesToTheStartPage(string returnUrl)
    {
        using var response = await SignInAsync(returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task GivenAReturnAddressOnTheSite_WhenSigningIn_ThenTheBrowserGoesThere()
    {
        using var response = await SignInAsync(returnUrl: "/rundor/ny?rader=20");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/rundor/ny?rader=20", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task GivenAReturnAddressOffTheSite_WhenTheSignInFormIsShown_ThenItDoesNotCarryIt()
    {
        using var response = await s.Host.NewBrowser().GetAsync(new Uri("logga-in?returnUrl=%2F%5Cevil.example%2F", UriKind.Relative));

        var form = Assert.Single((await HtmlPage.ReadAsync(response)).Forms);
        Assert.Equal("/", form.Hidden["returnUrl"]);
    }

    [Theory]
    [InlineData("administration", 5_000, "Förvaltningens namn får vara högst 100 tecken")]
    [InlineData("administration", 101, "Förvaltningens namn får vara högst 100 tecken")]
    [InlineData("name", 5_000, "Namnet får vara högst 200 tecken")]
    [InlineData("email", 300, "Ange din e-postadress")]
    public async Task GivenAnOverlongValue_WhenSigningInWithTheForm_ThenTheFieldSaysSoAndNobodyIsSignedIn(string field, int length, string message)
    {
        var value = field == "email" ? new string('a', length - 12) + "@example.org" : new string('Ö', length);

        using var response = await SignInAsync(field, value);

        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
        Assert.Contains($"id=\"{field}-fel\"", page.Html, StringComparison.Ordinal);
        Assert.False(page.Headers.TryGetValue("Set-Cookie", out var cookies) && cookies.Contains("justera=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenAnAdministrationNameWithALineBreak_WhenSigningIn_ThenItIsRefused()
    {
        using var response = await SignInAsync("administration", "Exempelby\r\nBcc: alla@example.org");

        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("utan radbrytningar eller styrtecken", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(101)]
    public async Task GivenAnOverlongAdministrationHeader_WhenAScriptCreatesARound_Then401InSwedishAndNothingIsStoredOrSent(int length)
    {
        using var script = s.Host.NewSecretaryClient($"sara.{s.Tag}@example.org", new string('x', length));
        var before = await Refusals.SnapshotAsync(s);

        using var response = await s.PostRoundAsync(new RoundRequest { Protocol = ProtocolFiles.Sample, Roster = RoundScenario.RosterJson(s.People(1)) }, script);
        using var list = await script.GetAsync(new Uri("api/rundor", UriKind.Relative));

        Refusals.AssertNone([await Refusals.CheckAsync(response, "create", page: false, status: 401), await Refusals.CheckAsync(list, "list", page: false, status: 401)]);
        Assert.Contains("högst 100 tecken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await Refusals.SnapshotAsync(s));
    }

    [Fact]
    public async Task GivenAnAdministrationNameOfTheLongestAllowedLength_WhenAScriptCreatesARound_ThenTheRoundIsInThatAdministrationsList()
    {
        using var script = s.Host.NewSecretaryClient($"sara.{s.Tag}@example.org", new string('x', 100));

        using var response = await s.PostRoundAsync(new RoundRequest { Protocol = ProtocolFiles.Sample, Roster = RoundScenario.RosterJson(s.People(1)), Start = false }, script);
        using var list = await script.GetAsync(new Uri("api/rundor", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(response.Headers.Location!.OriginalString.Split('/')[^1], await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Posts the sign-in form as the browser would, with one field replaced.</summary>
    private async Task<HttpResponseMessage> SignInAsync(string? field = null, string? value = null, string returnUrl = "/")
    {
        var browser = s.Host.NewBrowser();
        using var get = await browser.GetAsync(new Uri("logga-in", UriKind.Relative));
        var form = Assert.Single((await HtmlPage.ReadAsync(get)).Forms);
        var fields = new Dictionary<string, string>(form.Hidden)
        {
            ["returnUrl"] = returnUrl,
            ["name"] = "Sara Sekreterare",
            ["email"] = $"sara.{s.Tag}@example.org",
            ["administration"] = "Exempelby stadsdelsförvaltning",
        };
        if (field is not null)
            fields[field] = value!;
        using var content = new FormUrlEncodedContent(fields);
        return await browser.PostAsync(new Uri("logga-in", UriKind.Relative), content);
    }
}

using System.Net;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.ReportCycles.Setup;

/// <summary>Only a signed-in secretary reaches the set-up pages and API, and only their own administration's data.</summary>
[Collection(SetupServers.Name)]
public sealed class AccessTests(ServersFixture servers) : IAsyncLifetime
{
    private SetupScenario s = null!;

    public async Task InitializeAsync() => s = await SetupScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Theory]
    [InlineData("enheter")]
    [InlineData("malstruktur")]
    [InlineData("malstruktur/2021")]
    public async Task GivenNobodySignedIn_WhenAPageIsOpened_ThenTheSignInPageIsWhereItLeads(string path)
    {
        using var response = await s.Host.NewBrowser().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/logga-in", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "api/enheter", null)]
    [InlineData("PUT", "api/enheter", "text/csv")]
    [InlineData("GET", "api/malstruktur/2021", null)]
    [InlineData("PUT", "api/malstruktur/2021", "application/json")]
    public async Task GivenNobodySignedIn_WhenTheApiIsCalled_Then401InSwedishAndNothingStored(string method, string path, string? contentType)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (contentType is not null)
        {
            request.Content = new ByteArrayContent(contentType == "text/csv" ? SetupScenario.SampleUnits : SetupScenario.SampleStructure);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await s.Host.NewBrowser().SendAsync(request);

        var problem = await SetupScenario.JsonAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Inloggning krävs", problem.GetProperty("title").GetString());
        await s.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task GivenNobodySignedIn_WhenAFileIsPostedToThePreview_ThenItIsNotReadOrStored()
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(SetupScenario.SampleUnits), "fil", "enheter.csv" } };

        using var response = await s.Host.NewBrowser().PostAsync(new Uri("enheter/forhandsgranska", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await s.AssertNothingStoredAsync();
    }

    [Fact]
    public async Task GivenAnotherAdministrationsSecretary_WhenTheyLookAndConfirmTheFirstOnesPreview_ThenTheySeeNothingOfItAndStoreNothing()
    {
        var preview = await s.UploadUnitsAsync(SetupScenario.SampleUnits);
        using (var confirmed = await s.ConfirmAsync(preview, "/enheter/importera"))
            Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        using (var structure = await s.PutAsync("api/malstruktur/2021", SetupScenario.SampleStructure, "application/json"))
            Assert.Equal(HttpStatusCode.OK, structure.StatusCode);
        var other = s.Host.NewSecretaryClient("olle.sekreterare@example.org", Uri.EscapeDataString("Bromma stadsdelsförvaltning"));

        var register = await s.GetJsonAsync("api/enheter");
        using var theirs = await other.GetAsync(new Uri("api/enheter", UriKind.Relative));
        using var theirStructure = await other.GetAsync(new Uri("api/malstruktur/2021", UriKind.Relative));
        using var page = await other.GetAsync(new Uri("enheter", UriKind.Relative));
        using var yearPage = await other.GetAsync(new Uri("malstruktur/2021", UriKind.Relative));

        Assert.Equal(10, register.GetProperty("units").GetArrayLength());
        Assert.Equal(0, (await SetupScenario.JsonAsync(theirs, HttpStatusCode.OK)).GetProperty("units").GetArrayLength());
        Assert.Equal("Målstrukturen finns inte", (await SetupScenario.JsonAsync(theirStructure, HttpStatusCode.NotFound)).GetProperty("title").GetString());
        var list = await HtmlPage.ReadAsync(page);
        Assert.Contains("Det finns inga enheter ännu.", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Förskolorna i Bredäng", list.Text, StringComparison.Ordinal);
        var year = await HtmlPage.ReadAsync(yearPage);
        Assert.Equal(HttpStatusCode.NotFound, year.Status);
        Assert.Equal("Målstrukturen finns inte", year.Heading);

        // The first secretary's preview form, posted by the other one (with their own antiforgery token): the file is not theirs.
        var form = (await HtmlPage.ReadAsync(await other.GetAsync(new Uri("enheter", UriKind.Relative)))).Forms.Single(f => f.Action == "/enheter/forhandsgranska");
        var posted = preview.Forms.Single(f => f.Action == "/enheter/importera").Hidden
            .Where(h => h.Key is "sha256" or "revision" or "formKey")
            .Concat(form.Hidden);
        using var content = new FormUrlEncodedContent(posted);
        using var stolen = await other.PostAsync(new Uri("enheter/importera", UriKind.Relative), content);
        var refused = await HtmlPage.ReadAsync(stolen);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Filen som förhandsgranskades finns inte. Ladda upp den igen.", refused.Text, StringComparison.Ordinal);
        Assert.Equal(0, (await SetupScenario.JsonAsync(await other.GetAsync(new Uri("api/enheter", UriKind.Relative)), HttpStatusCode.OK)).GetProperty("units").GetArrayLength());
    }
}

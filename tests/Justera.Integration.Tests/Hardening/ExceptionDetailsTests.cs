using System.Net.Http.Headers;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Justera.Integration.Tests.JusteringRounds;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Justera.Integration.Tests.Hardening;

/// <summary>
/// A bug in Justera is a 500 that names no exception, message or stack frame — in Development too, where the
/// framework's developer exception page would show them — unless Justera:ShowExceptionDetails asks for them. Client
/// mistakes are answered the same in Production as in Development.
/// </summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class ExceptionDetailsTests(ServersFixture servers)
{
    private const string Secret = "hemlig detalj ur undantaget";

    private static JusteraTestHostOptions WithFailingEndpoints(JusteraTestHostOptions options) => options with
    {
        ExtraEndpoints = app =>
        {
            app.MapGet("/api/prov/fel", string () => throw new InvalidOperationException(Secret));
            app.MapGet("/prov/fel", string () => throw new InvalidOperationException(Secret));
        },
    };

    [Fact]
    public async Task GivenABugInDevelopment_WhenItThrows_ThenThe500NamesNoExceptionInTheApiOrOnAPage()
    {
        await using var s = await RoundScenario.StartAsync(servers, configure: WithFailingEndpoints);
        using var browser = s.Host.NewBrowser();
        browser.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var api = await s.Api.GetAsync(new Uri("api/prov/fel", UriKind.Relative));
        using var page = await browser.GetAsync(new Uri("prov/fel", UriKind.Relative));

        foreach (var (response, isPage) in new[] { (api, false), (page, true) })
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(500, (int)response.StatusCode);
            Assert.Equal(isPage ? "text/html" : "application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Något gick fel i Justera", isPage ? System.Net.WebUtility.HtmlDecode(body) : body, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GivenTheDeveloperSetting_WhenABugThrows_ThenTheDetailsAreShown()
    {
        await using var s = await RoundScenario.StartAsync(servers, configure: o => WithFailingEndpoints(o) with
        {
            Settings = new Dictionary<string, string?> { ["Justera:ShowExceptionDetails"] = "true" },
        });

        using var api = await s.Api.GetAsync(new Uri("api/prov/fel", UriKind.Relative));

        Assert.Equal(500, (int)api.StatusCode);
        Assert.Contains(Secret, await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenProduction_WhenJsonDoesNotBindOrAFormIsCutOff_ThenTheSameSwedishProblemAsInDevelopment()
    {
        await using var s = await RoundScenario.StartAsync(servers, configure: o => o with { Environment = "Production" });
        var id = await s.StartRoundAsync(s.People(1));

        using var noBody = await s.Api.PostAsync(new Uri($"api/rundor/{id}/avbryt", UriKind.Relative), null);
        using var badJson = await s.Api.PostAsync(new Uri($"api/rundor/{id}/avbryt", UriKind.Relative), Refusals.Json("{\"reason\":"));
        using var cutOff = await s.Api.PostAsync(new Uri("api/rundor", UriKind.Relative),
            Refusals.Raw("--XX\r\nContent-Disposition: form-data; name=\"start\"\r\n\r\ntr", "multipart/form-data; boundary=XX"));

        Refusals.AssertNone(
        [
            await Refusals.CheckAsync(noBody, "no body", page: false, status: 400),
            await Refusals.CheckAsync(badJson, "cut-off JSON", page: false, status: 400),
            await Refusals.CheckAsync(cutOff, "cut-off multipart", page: false, status: 400),
        ]);
    }
}

using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Justera.Application.SignedProtocols;
using Justera.Integration.Tests.Hosting;

namespace Justera.Integration.Tests.SignedProtocols;

/// <summary>"Försegla igen": after sealing retries gave up and the cause is fixed, the secretary seals the protocol from the round page.</summary>
[Collection(SignedProtocolsServers.Name)]
public sealed class ResealTests(SignedProtocolsFixture fixture)
{
    [Fact]
    public async Task GivenSealingGaveUpOnAMissingCertificate_WhenTheCertificateIsInstalledAndTheSecretaryPressesForseglaIgen_ThenTheProtocolIsSealed()
    {
        var folder = Path.Combine(fixture.DataFolder, $"reseal-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var pfx = Path.Combine(folder, "sigill.pfx");
        await using var s = await SealScenario.StartAsync(fixture, new Dictionary<string, string?>
        {
            ["Sealing:PfxPath"] = pfx,
            ["Sealing:PfxPassword"] = "hemligt",
        });
        await s.CompleteRoundAsync();

        // The certificate file is missing: every attempt fails until the dispatcher gives up.
        await s.DispatchAsync();
        for (var retry = 0; retry < 6; retry++)
        {
            s.Host.Clock.Advance(TimeSpan.FromMinutes(10));
            await s.DispatchAsync();
        }
        Assert.True(await s.OutboxIsEmptyAsync(), "The seal was still being retried.");
        var failed = await s.RoundPageAsync();
        Assert.Contains("Förseglingscertifikatet finns inte", failed.Text, StringComparison.Ordinal);
        var reseal = Assert.Single(failed.Forms, f => f.Action == $"/rundor/{s.RoundId}/forsegla");
        Assert.Contains("Försegla igen", failed.Text, StringComparison.Ordinal);
        Assert.Empty(await s.SignedBlobsAsync());

        // The cause is fixed: the administration's certificate is installed where the setting says.
        using (var certificate = SealCertificates.CreateDevelopment(JusteraTestHostOptions.DefaultStart.AddDays(-1), "CN=Exempelby stadsdelsförvaltning", TimeSpan.FromDays(365)))
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "hemligt"));

        using (var posted = await s.Secretary.PostAsync(new Uri(reseal.Action, UriKind.Relative), new FormUrlEncodedContent(reseal.Hidden)))
        {
            Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
            Assert.Equal($"/rundor/{s.RoundId}", posted.Headers.Location?.OriginalString);
        }
        // A second press (a double click) asks for nothing more.
        using (var again = await s.Secretary.PostAsync(new Uri(reseal.Action, UriKind.Relative), new FormUrlEncodedContent(reseal.Hidden)))
            Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        await s.DispatchAsync();

        var page = await s.RoundPageAsync();
        Assert.Contains("Protokollet är justerat och förseglat", page.Text, StringComparison.Ordinal);
        Assert.Contains("bad om att protokollet version 1 skulle förseglas igen", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(page.Forms, f => f.Action.EndsWith("/forsegla", StringComparison.Ordinal));
        var status = await s.StatusAsync();
        Assert.Equal(SealScenario.Sha256(await s.StoredSealedFileAsync()), status.GetProperty("signedProtocol").GetProperty("sha256").GetString());
        var pdfsig = PdfTools.Run("pdfsig", await s.StoredSealedFileAsync(), "{file}");
        Assert.Contains("Signer Certificate Common Name: Exempelby stadsdelsförvaltning", pdfsig.Output, StringComparison.Ordinal);

        // The API's "försegla igen" on a sealed round changes nothing.
        using var api = await s.Secretary.PostAsync(new Uri($"api/rundor/{s.RoundId}/forsegla", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using var history = await s.Secretary.GetAsync(new Uri($"api/rundor/{s.RoundId}/historik", UriKind.Relative));
        using var json = JsonDocument.Parse(await history.Content.ReadAsStringAsync());
        Assert.Single(json.RootElement.EnumerateArray(), e => e.GetProperty("type").GetString() == "SealRetried");
        Assert.Single(json.RootElement.EnumerateArray(), e => e.GetProperty("type").GetString() == "ProtocolSealed");
    }

    [Fact]
    public async Task GivenARoundAwaitingAnswers_WhenTheApiIsAskedToSealAgain_ThenItIsRefusedWithASwedishReason()
    {
        await using var s = await SealScenario.StartAsync(fixture);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(SealScenario.Original);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(file, "protocol", "fg-protokoll.pdf");
        form.Add(new StringContent("""[{"name":"Kim Justerare","organisation":"Vision","email":"kim@example.org"}]"""), "roster");
        form.Add(new StringContent(SealScenario.MeetingDate), "meetingDate");
        form.Add(new StringContent("2026-12-15T16:00"), "deadline");
        form.Add(new StringContent("true"), "start");
        using var created = await s.Secretary.PostAsync(new Uri("api/rundor", UriKind.Relative), form);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetString();

        using var refused = await s.Secretary.PostAsync(new Uri($"api/rundor/{id}/forsegla", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("förseglas igen först när alla justerare har godkänt", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.Json;
using Justera.Application.SignedProtocols;
using Justera.Integration.Tests.Hosting;

namespace Justera.Integration.Tests.SignedProtocols;

/// <summary>A completed round becomes a signed protocol: sealed once, stored write-once, mailed to everyone, readable by independent tools.</summary>
[Collection(SignedProtocolsServers.Name)]
public sealed class SealingTests(SignedProtocolsFixture fixture)
{
    [Fact]
    public async Task GivenACompletedRound_WhenTheSealEffectRunsTwiceAtOnce_ThenExactlyOneSealedFileIsStoredAndItsHashIsRecorded()
    {
        await using var s = await SealScenario.StartAsync(fixture);
        await s.CompleteRoundAsync();
        var sealing = s.Host.Service<ProtocolSealing>();

        await Task.WhenAll(Task.Run(() => sealing.SealAsync(s.RoundId, 1)), Task.Run(() => sealing.SealAsync(s.RoundId, 1)));

        Assert.Equal([$"{s.DocumentId}.evidens.json", $"{s.DocumentId}.pdf"], (await s.SignedBlobsAsync()).Order(StringComparer.Ordinal));
        var stored = await s.StoredSealedFileAsync();
        var status = await s.StatusAsync();
        Assert.Equal("Justerat", status.GetProperty("phase").GetString());
        var signed = status.GetProperty("signedProtocol");
        Assert.Equal(SealScenario.Sha256(stored), signed.GetProperty("sha256").GetString());
        Assert.Equal(s.DocumentId, signed.GetProperty("documentId").GetString());
        Assert.Single(await HistoryAsync(s), e => e.GetProperty("type").GetString() == "ProtocolSealed");
        // The approved original, byte for byte, then the appended pages and the seal.
        Assert.True(stored.AsSpan().StartsWith(SealScenario.Original));

        // The dispatcher's own run of the effect finds the round sealed and changes nothing.
        await s.DispatchAsync();
        Assert.Equal(2, (await s.SignedBlobsAsync()).Count);
        Assert.Single(await HistoryAsync(s), e => e.GetProperty("type").GetString() == "ProtocolSealed");
        Assert.True(await s.OutboxIsEmptyAsync());
    }

    [Fact]
    public async Task GivenASealedRound_WhenIndependentToolsReadTheFile_ThenTheSealIsValidTheFileIsCleanAndEveryJusterareIsThere()
    {
        var s = await fixture.SealedAsync();
        var stored = await s.StoredSealedFileAsync();

        var pdfsig = PdfTools.Run("pdfsig", stored, "{file}");
        Assert.True(pdfsig.ExitCode == 0, pdfsig.Output + pdfsig.Error);
        Assert.Contains("Signature Type: ETSI.CAdES.detached", pdfsig.Output, StringComparison.Ordinal);
        Assert.Contains("Signature is Valid", pdfsig.Output, StringComparison.Ordinal);
        Assert.Contains("Total document signed", pdfsig.Output, StringComparison.Ordinal);
        Assert.Contains($"Signer Certificate Common Name: Justera utvecklingscertifikat", pdfsig.Output, StringComparison.Ordinal);

        var qpdf = PdfTools.Run("qpdf", stored, "--check", "{file}");
        Assert.True(qpdf.ExitCode == 0, $"qpdf --check exited {qpdf.ExitCode}: {qpdf.Output}{qpdf.Error}");
        Assert.DoesNotContain("WARNING", qpdf.Output + qpdf.Error, StringComparison.OrdinalIgnoreCase);

        var text = PdfTools.Text(stored);
        Assert.Contains("Protokoll från förvaltningsgruppen 3 december 2026", text, StringComparison.Ordinal);
        Assert.Contains("Karin Exempelsson, för arbetsgivaren", text, StringComparison.Ordinal);
        Assert.Contains("Anna Björk, för Kommunal", text, StringComparison.Ordinal);
        Assert.Contains("Erik Söderström, för Vision", text, StringComparison.Ordinal);
        Assert.Contains($"Justerat med oenighet under {SealScenario.DissentItem}: {SealScenario.DissentText}", text, StringComparison.Ordinal);
        Assert.Contains($"Dokument-id: {s.DocumentId}", text, StringComparison.Ordinal);
        Assert.Contains($"SHA-256 {SealScenario.Sha256(SealScenario.Original)}, {SealScenario.Original.Length} byte", text, StringComparison.Ordinal);
        // The sample mentions bilaga 1, so the answers are bilaga 2, 3 and 4.
        Assert.Contains("Bilaga 4", text, StringComparison.Ordinal);
        Assert.Contains($"Underskriftens äkthet valideras här: {s.Host.BaseAddress}verifiera?dokument={s.DocumentId}", text, StringComparison.Ordinal);
        foreach (var person in s.People)
            Assert.DoesNotContain(person.Email, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GivenASealedRound_WhenTheEvidenceIsRead_ThenItHasTheAnswersAndHashesButNoEmailAddress()
    {
        var s = await fixture.SealedAsync();

        var blob = await s.Host.Service<Storage.SignedProtocols.SignedProtocolBlobs>().ReadAsync($"{s.DocumentId}.evidens.json");
        var evidence = Assert.IsType<BinaryData>(blob).ToString();

        using var json = JsonDocument.Parse(evidence);
        Assert.Equal(s.DocumentId, json.RootElement.GetProperty("documentId").GetString());
        Assert.Equal(SealScenario.Sha256(SealScenario.Original), json.RootElement.GetProperty("approvedVersion").GetProperty("sha256").GetString());
        var answers = json.RootElement.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("event").GetString() == "AnswerRecorded").ToList();
        Assert.Equal(3, answers.Count);
        Assert.Equal(SealScenario.DissentText, answers[2].GetProperty("text").GetString());
        Assert.Equal("Erik Söderström", answers[2].GetProperty("justerare").GetProperty("name").GetString());
        Assert.Equal("RoundCompleted", json.RootElement.GetProperty("events").EnumerateArray().Last().GetProperty("event").GetString());
        Assert.DoesNotContain("@", evidence, StringComparison.Ordinal);

        // The same evidence travels inside the sealed file.
        var attachments = PdfTools.Run("qpdf", await s.StoredSealedFileAsync(), "--show-attachment=justering-evidens.json", "{file}");
        Assert.True(attachments.ExitCode == 0, attachments.Error);
        Assert.Equal(evidence, attachments.Output);
    }

    [Fact]
    public async Task GivenASealedRound_WhenTheMailsAreSent_ThenEveryJusterareAndTheSecretaryGetALinkToTheSignedProtocol()
    {
        var s = await fixture.SealedAsync();
        var stored = await s.StoredSealedFileAsync();

        foreach (var person in s.People)
        {
            var mail = await s.WaitForMailAsync(person.Email, "Signerat protokoll: " + SealScenario.BaseSubject);
            Assert.Contains("Protokollet är nu justerat och förseglat", mail.Text, StringComparison.Ordinal);
            Assert.Contains($"Protokollets dokument-id är {s.DocumentId}.", mail.Text, StringComparison.Ordinal);
            Assert.Equal($"{s.Host.BaseAddress}verifiera?dokument={s.DocumentId}", s.LinkIn(mail, SealScenario.VerificationLink()).AbsoluteUri);
            var link = s.LinkIn(mail, SealScenario.SignedLink());
            Assert.NotEqual(s.Links[person].AbsolutePath + "/signerat", link.AbsolutePath);

            using var download = await s.Host.NewBrowser().GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("protokoll-2026-12-03-justerat.pdf", download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal(stored, await download.Content.ReadAsByteArrayAsync());
        }

        var notice = await s.WaitForMailAsync(s.SecretaryEmail, "Signerat protokoll: " + SealScenario.BaseSubject);
        Assert.Contains("är justerad och förseglad", notice.Text, StringComparison.Ordinal);
        Assert.Contains($"/rundor/{s.RoundId}", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await s.MailsToAsync(s.SecretaryEmail), m => m.Subject.StartsWith("Leveransfel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenASealedRound_WhenAJusterareOpensTheirOldLinks_ThenTheReceiptLinksTheSignedProtocolAndTheFormIsClosed()
    {
        var s = await fixture.SealedAsync();
        var karin = s.Links[s.People[0]];
        var browser = s.Host.NewBrowser();

        var receipt = await HtmlPage.ReadAsync(await browser.GetAsync(new Uri(karin.AbsoluteUri + "/kvitto")));
        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.Contains("Ditt svar: Inget att erinra", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("protokollet är justerat och förseglat", receipt.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{karin.AbsolutePath}/signerat\"", receipt.Html, StringComparison.Ordinal);

        using var signed = await browser.GetAsync(new Uri(karin.AbsoluteUri + "/signerat"));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal(await s.StoredSealedFileAsync(), await signed.Content.ReadAsByteArrayAsync());

        var form = await HtmlPage.ReadAsync(await browser.GetAsync(karin));
        Assert.Equal(HttpStatusCode.Gone, form.Status);
        Assert.Equal("Justeringen är avslutad", form.Heading);
        var protocol = await HtmlPage.ReadAsync(await browser.GetAsync(new Uri(karin.AbsoluteUri + "/protokoll")));
        Assert.Equal(HttpStatusCode.Gone, protocol.Status);

        var guessed = await HtmlPage.ReadAsync(await browser.GetAsync(new Uri(s.Host.BaseAddress, $"svar/{s.RoundId}.{new string('A', 43)}/signerat")));
        Assert.Equal(HttpStatusCode.NotFound, guessed.Status);
    }

    [Fact]
    public async Task GivenASealedRound_WhenTheSecretaryOpensTheRound_ThenThePageSaysSealedWithDocumentIdHashAndDownload()
    {
        var s = await fixture.SealedAsync();
        var stored = await s.StoredSealedFileAsync();

        var page = await s.RoundPageAsync();

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Protokollet är justerat och förseglat", page.Text, StringComparison.Ordinal);
        Assert.Contains($"Dokument-id {s.DocumentId}", page.Text, StringComparison.Ordinal);
        Assert.Contains($"Kontrollsumma (SHA-256) {SealScenario.Sha256(stored)}", page.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/rundor/{s.RoundId}/signerat\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("Läge Justerat och förseglat", page.Text, StringComparison.Ordinal);
        Assert.Contains($"Protokollet version 1 förseglades och sparades som dokument {s.DocumentId}", page.Text, StringComparison.Ordinal);

        foreach (var path in new[] { $"rundor/{s.RoundId}/signerat", $"api/rundor/{s.RoundId}/signerat" })
        {
            using var download = await s.Secretary.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(stored, await download.Content.ReadAsByteArrayAsync());
        }

        // Another administration's secretary finds no such round.
        using var other = s.Host.NewSecretaryClient($"annan.{s.Tag}@example.org", "Annanby stadsdel");
        using var refused = await other.GetAsync(new Uri($"api/rundor/{s.RoundId}/signerat", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task GivenAnExpiredCertificate_WhenTheRoundCompletes_ThenTheRoundPageShowsTheFailureTheSecretaryIsToldAndNothingIsStored()
    {
        var folder = Path.Combine(fixture.DataFolder, $"expired-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var pfx = Path.Combine(folder, "sigill.pfx");
        using (var expired = SealCertificates.CreateDevelopment(Hosting.JusteraTestHostOptions.DefaultStart.AddYears(-3), "CN=Exempelby stadsdelsförvaltning", TimeSpan.FromDays(365)))
            await File.WriteAllBytesAsync(pfx, expired.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12, "hemligt"));
        await using var s = await SealScenario.StartAsync(fixture, new Dictionary<string, string?>
        {
            ["Sealing:PfxPath"] = pfx,
            ["Sealing:PfxPassword"] = "hemligt",
        });
        await s.CompleteRoundAsync();

        // The dispatcher carries out the seal effect, which fails, and keeps retrying until it gives up.
        await s.DispatchAsync();
        for (var retry = 0; retry < 6; retry++)
        {
            s.Host.Clock.Advance(TimeSpan.FromMinutes(10));
            await s.DispatchAsync();
        }

        var page = await s.RoundPageAsync();
        Assert.Contains("""<div class="felsammanfattning" role="alert">""", page.Html, StringComparison.Ordinal);
        Assert.Contains("Protokollet kunde inte förseglas", page.Text, StringComparison.Ordinal);
        Assert.Contains("Förseglingscertifikatet gick ut", page.Text, StringComparison.Ordinal);
        Assert.Contains("Inget oförseglat protokoll har sparats som signerat.", page.Text, StringComparison.Ordinal);
        var status = await s.StatusAsync();
        Assert.Equal("Justerat", status.GetProperty("phase").GetString());
        Assert.StartsWith("Förseglingscertifikatet gick ut", status.GetProperty("sealFailure").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("signedProtocol").ValueKind);

        Assert.Empty(await s.SignedBlobsAsync());
        var told = await s.WaitForMailAsync(s.SecretaryEmail, "Försegling misslyckades: " + SealScenario.BaseSubject);
        Assert.Contains("Förseglingscertifikatet gick ut", told.Text, StringComparison.Ordinal);
        // Told once, though every retry failed; and not as an e-mail that could not be delivered.
        var mails = await s.MailsToAsync(s.SecretaryEmail);
        Assert.Single(mails, m => m.Subject.StartsWith("Försegling misslyckades", StringComparison.Ordinal));
        Assert.DoesNotContain(mails, m => m.Subject.StartsWith("Leveransfel", StringComparison.Ordinal));
        Assert.Empty(status.GetProperty("deliveryFailures").EnumerateArray());

        using var download = await s.Secretary.GetAsync(new Uri($"api/rundor/{s.RoundId}/signerat", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
    }

    private static async Task<IReadOnlyList<JsonElement>> HistoryAsync(SealScenario s)
    {
        using var response = await s.Secretary.GetAsync(new Uri($"api/rundor/{s.RoundId}/historik", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.Clone().EnumerateArray()];
    }
}

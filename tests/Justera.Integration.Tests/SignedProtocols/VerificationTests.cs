using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Justera.Application.SignedProtocols;
using Justera.Documents.Sealing;
using Justera.Integration.Tests.Hosting;

namespace Justera.Integration.Tests.SignedProtocols;

/// <summary>The public verification page and API: a genuine copy is confirmed, and every kind of fake is told apart, in Swedish.</summary>
[Collection(SignedProtocolsServers.Name)]
public sealed partial class VerificationTests(SignedProtocolsFixture fixture)
{
    [Fact]
    public async Task GivenTheSealedProtocol_WhenUploaded_ThenThePageSaysItIsGenuineAndListsTheJusterare()
    {
        var s = await fixture.SealedAsync();
        var stored = await s.StoredSealedFileAsync();

        var page = await s.VerifyFileAsync(stored);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Protokollet är äkta", page.Text, StringComparison.Ordinal);
        Assert.Contains("Detta är det justerade protokollet från förvaltningsgruppens möte torsdagen den 3 december 2026, version 1, förseglat tisdagen den 8 december 2026 kl. 10.10.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Karin Exempelsson arbetsgivaren Inget att erinra", page.Text, StringComparison.Ordinal);
        Assert.Contains("Anna Björk Kommunal Inget att erinra", page.Text, StringComparison.Ordinal);
        Assert.Contains($"Erik Söderström Vision Justerat med oenighet under {SealScenario.DissentItem}: {SealScenario.DissentText}", page.Text, StringComparison.Ordinal);
        Assert.Contains($"Dokument-id {s.DocumentId}", page.Text, StringComparison.Ordinal);
        Assert.Contains("""role="status" """.Trim(), page.Html, StringComparison.Ordinal);
        // Nothing the protocol does not print itself: no justerare's address, no round page. (The secretary signed in
        // with the development headers, whose name is their address, so that is what the protocol prints.)
        foreach (var person in s.People)
            Assert.DoesNotContain(person.Email, page.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"Vid anteckningarna {s.SecretaryEmail}", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"/rundor/{s.RoundId}", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenOneByteChangedInTheSealedPart_WhenUploaded_ThenNotGenuineBecauseTheSealNoLongerMatches()
    {
        var s = await fixture.SealedAsync();
        var changed = await s.StoredSealedFileAsync();
        changed[SealScenario.Original.Length / 2] ^= 0x01;

        var page = await s.VerifyFileAsync(changed);

        AssertNotGenuine(page, "Protokollet är inte äkta", "sigillet stämmer inte med innehållet, så dokumentet har ändrats efter förseglingen");
    }

    [Fact]
    public async Task GivenAnUpdateAppendedAfterTheSeal_WhenUploaded_ThenNotGenuineBecauseSomethingWasAddedAfterSealing()
    {
        var s = await fixture.SealedAsync();
        var stored = await s.StoredSealedFileAsync();
        var appended = AppendEmptyUpdate(stored);
        Assert.Equal(0, PdfTools.Run("qpdf", appended, "--check", "{file}").ExitCode);

        var page = await s.VerifyFileAsync(appended);

        AssertNotGenuine(page, "Protokollet är inte äkta", "något har lagts till i filen efter förseglingen");
        Assert.Contains($"Den förseglade delen av filen är dokument {s.DocumentId}.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenACommentAppendedAfterTheSeal_WhenUploaded_ThenNotGenuineBecauseSomethingWasAddedAfterSealing()
    {
        var s = await fixture.SealedAsync();
        byte[] appended = [.. await s.StoredSealedFileAsync(), .. "% x\n"u8];

        var page = await s.VerifyFileAsync(appended);

        AssertNotGenuine(page, "Protokollet är inte äkta", "något har lagts till i filen efter förseglingen");
    }

    [Fact]
    public async Task GivenAnUnrelatedPdf_WhenUploaded_ThenNotSealedByJustera()
    {
        var s = await fixture.SealedAsync();

        var page = await s.VerifyFileAsync(SealScenario.Original);

        AssertNotGenuine(page, "Protokollet är inte äkta", "Dokumentet är inte förseglat av Justera: det har inget elektroniskt sigill.");
    }

    [Fact]
    public async Task GivenAProtocolSealedWithSomeoneElsesCertificate_WhenUploaded_ThenNotSealedByJustera()
    {
        var s = await fixture.SealedAsync();
        using var other = SealCertificates.CreateDevelopment(s.Host.Clock.GetUtcNow(), "CN=Någon annan");
        var forged = ProtocolSealer.Seal(SealScenario.Original, Facts(s, "falskt-dokument"), "{}"u8.ToArray(), other, ProtocolSealing.SealOptions);

        var page = await s.VerifyFileAsync(forged);

        AssertNotGenuine(page, "Protokollet är inte äkta", "sigillet är äkta, men det är någon annans");
    }

    [Fact]
    public async Task GivenAFileSealedWithJusterasCertificateButNeverStored_WhenUploaded_ThenUnknownDocument()
    {
        var s = await fixture.SealedAsync();
        var certificate = s.Host.Service<SealCertificates>().Current();
        var unknown = ProtocolSealer.Seal(SealScenario.Original, Facts(s, $"{new string('0', 32)}-v1"), "{}"u8.ToArray(), certificate, ProtocolSealing.SealOptions);

        var page = await s.VerifyFileAsync(unknown);

        AssertNotGenuine(page, "Okänt dokument", "Okänt dokument: det är förseglat med Justeras sigill, men finns inte bland de protokoll som Justera har förseglat");
    }

    [Fact]
    public async Task GivenTheDocumentId_WhenLookedUpFromThePrintedLink_ThenThePageShowsWhatWasSealed()
    {
        var s = await fixture.SealedAsync();
        var browser = s.Host.NewBrowser();

        var page = await HtmlPage.ReadAsync(await browser.GetAsync(new Uri($"verifiera?dokument={s.DocumentId}", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Dokumentet finns", page.Text, StringComparison.Ordinal);
        Assert.Contains("Ladda upp din fil för att kontrollera att den är oförändrad.", page.Text, StringComparison.Ordinal);
        Assert.Contains("Anna Björk Kommunal Inget att erinra", page.Text, StringComparison.Ordinal);
        Assert.Contains($"Det signerade protokollets SHA-256 {SealScenario.Sha256(await s.StoredSealedFileAsync())}", page.Text, StringComparison.Ordinal);

        var unknown = await HtmlPage.ReadAsync(await browser.GetAsync(new Uri($"verifiera?dokument={new string('f', 32)}-v1", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        AssertNotGenuine(unknown, "Okänt dokument", "Justera har inte förseglat något protokoll med det dokument-id:t");
        var nonsense = await HtmlPage.ReadAsync(await browser.GetAsync(new Uri("verifiera?dokument=%3Cscript%3E", UriKind.Relative)));
        Assert.Contains("Okänt dokument", nonsense.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", nonsense.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTheApi_WhenAFileOrADocumentIdIsPosted_ThenItAnswersWithTheVerdictAsJson()
    {
        var s = await fixture.SealedAsync();
        var http = s.Host.NewBrowser();

        using var fileForm = new MultipartFormDataContent { { Pdf(await s.StoredSealedFileAsync()), "file", "protokoll.pdf" } };
        var genuine = await JsonAsync(await http.PostAsync(new Uri("api/verifiera", UriKind.Relative), fileForm), HttpStatusCode.OK);
        Assert.Equal("Genuine", genuine.GetProperty("verdict").GetString());
        Assert.True(genuine.GetProperty("isGenuine").GetBoolean());
        Assert.Equal(s.DocumentId, genuine.GetProperty("document").GetProperty("documentId").GetString());
        Assert.Equal(["Karin Exempelsson", "Anna Björk", "Erik Söderström"],
            genuine.GetProperty("document").GetProperty("justerare").EnumerateArray().Select(j => j.GetProperty("name").GetString()));

        using var idForm = new MultipartFormDataContent { { new StringContent(s.DocumentId), "dokument" } };
        var recorded = await JsonAsync(await http.PostAsync(new Uri("api/verifiera", UriKind.Relative), idForm), HttpStatusCode.OK);
        Assert.Equal("Recorded", recorded.GetProperty("verdict").GetString());
        Assert.False(recorded.GetProperty("isGenuine").GetBoolean());

        using var changedForm = new MultipartFormDataContent { { Pdf([.. await s.StoredSealedFileAsync(), .. "% x\n"u8]), "file", "protokoll.pdf" } };
        var changed = await JsonAsync(await http.PostAsync(new Uri("api/verifiera", UriKind.Relative), changedForm), HttpStatusCode.OK);
        Assert.Equal("ChangedAfterSealing", changed.GetProperty("verdict").GetString());

        using var empty = new MultipartFormDataContent { { Pdf([]), "file", "tom.pdf" } };
        var refused = await JsonAsync(await http.PostAsync(new Uri("api/verifiera", UriKind.Relative), empty), HttpStatusCode.BadRequest);
        Assert.Equal("BadInput", refused.GetProperty("verdict").GetString());
        Assert.Equal("Filen är tom. Välj det signerade protokollet (PDF) och försök igen.", refused.GetProperty("message").GetString());
    }

    // Numbers a forger writes in the seal's /ByteRange: past Int64, a sum that overflows, negative, beyond the file.
    [Theory]
    [InlineData("0 99999999999999999999 1 1")]
    [InlineData("0 1 9223372036854775807 9")]
    [InlineData("0 -1 2 3")]
    [InlineData("0 10 20 99999999")]
    public async Task GivenAForgedByteRange_WhenCheckedThroughTheApi_ThenNotGenuineWithTheReasonNot500(string byteRange)
    {
        var s = await fixture.SealedAsync();
        var stored = await s.StoredSealedFileAsync();
        var text = Encoding.Latin1.GetString(stored);
        var at = text.LastIndexOf("/ByteRange [", StringComparison.Ordinal) + "/ByteRange [".Length;
        var end = text.IndexOf(']', at);
        Assert.True(byteRange.Length <= end - at, "the forged range fits the reserved space, so no offset moves");
        var forged = Encoding.Latin1.GetBytes(text[..at] + byteRange.PadRight(end - at) + text[end..]);

        var http = s.Host.NewBrowser();
        using var form = new MultipartFormDataContent { { Pdf(forged), "file", "protokoll.pdf" } };
        var answer = await JsonAsync(await http.PostAsync(new Uri("api/verifiera", UriKind.Relative), form), HttpStatusCode.OK);

        Assert.Equal("SignatureInvalid", answer.GetProperty("verdict").GetString());
        Assert.Equal("Dokumentet är inte äkta: sigillets byteintervall (/ByteRange) beskriver inte filen: det ska vara fyra heltal som börjar på 0 och ryms i filen.", answer.GetProperty("message").GetString());
    }

    public static TheoryData<string, string> BadFiles() => new()
    {
        { "empty", "Filen är tom." },
        { "text", "Filen är inte en PDF." },
        { "huge", "Filen är större än 25 MB." },
        { "encrypted", "Filen är lösenordsskyddad eller krypterad och kan inte kontrolleras." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task GivenAnUploadThatCannotBeChecked_WhenUploaded_ThenASwedishMessageAndNothingIsStored(string kind, string message)
    {
        var s = await fixture.SealedAsync();
        var before = await s.SignedBlobsAsync();
        var file = kind switch
        {
            "empty" => [],
            "text" => Encoding.UTF8.GetBytes("Inget att erinra till protokollet.\n"),
            "huge" => [.. "%PDF-1.7\n"u8, .. new byte[26 * 1024 * 1024]],
            "encrypted" => Encrypted(await s.StoredSealedFileAsync()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var page = await s.VerifyFileAsync(file);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, page.Text, StringComparison.Ordinal);
        Assert.Contains("""<p class="fel" id="file-fel">""", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Protokollet är äkta", page.Text, StringComparison.Ordinal);
        Assert.Equal(before, await s.SignedBlobsAsync());
    }

    [Fact]
    public async Task GivenManyVerificationsFromOneAddress_WhenTheLimitIsPassed_ThenTooManyInSwedish()
    {
        await using var s = await SealScenario.StartAsync(fixture, new Dictionary<string, string?> { ["Justera:VerificationsPerMinute"] = "3" });
        var browser = s.Host.NewBrowser();

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await HtmlPage.ReadAsync(await browser.GetAsync(new Uri("verifiera", UriKind.Relative)))).Status);
        var limited = await HtmlPage.ReadAsync(await browser.GetAsync(new Uri("verifiera", UriKind.Relative)));
        using var api = await browser.PostAsync(new Uri("api/verifiera", UriKind.Relative), new MultipartFormDataContent { { new StringContent("x"), "dokument" } });

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("För många kontroller", limited.Heading);
        Assert.Contains("Vänta en minut och försök sedan igen.", limited.Text, StringComparison.Ordinal);
        Assert.True(limited.Headers.ContainsKey("Retry-After"));
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        // The secretary's pages are not limited.
        Assert.Equal(HttpStatusCode.OK, (await s.Secretary.GetAsync(new Uri("api/rundor", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task GivenAnyPage_WhenItIsShown_ThenTheFooterLinksTheVerificationPage()
    {
        var s = await fixture.SealedAsync();

        var page = await HtmlPage.ReadAsync(await s.Host.NewBrowser().GetAsync(new Uri("tillganglighet", UriKind.Relative)));
        var verification = await HtmlPage.ReadAsync(await s.Host.NewBrowser().GetAsync(new Uri("verifiera", UriKind.Relative)));

        Assert.Contains("""<a href="/verifiera">Kontrollera ett signerat protokoll</a>""", page.Html, StringComparison.Ordinal);
        Assert.Equal("Kontrollera ett signerat protokoll", verification.Heading);
        Assert.Contains("Filen du laddar upp sparas inte.", verification.Text, StringComparison.Ordinal);
    }

    private static void AssertNotGenuine(HtmlPage page, string heading, string reason)
    {
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("""<div class="felsammanfattning" role="alert" id="svar">""", page.Html, StringComparison.Ordinal);
        Assert.Contains(heading, page.Text, StringComparison.Ordinal);
        Assert.Contains(reason, page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Protokollet är äkta", page.Text, StringComparison.Ordinal);
    }

    private static JusteringPageFacts Facts(SealScenario s, string documentId) => new(
        "Exempelby stadsdel", new DateOnly(2026, 12, 3), 1, "Sara Sekreterare",
        [new("Karin Exempelsson", "arbetsgivaren", "Inget att erinra", s.Host.Clock.GetUtcNow(), 2, "Personlig länk i e-post", null, 1, SealScenario.Sha256(SealScenario.Original))],
        documentId, SealScenario.Sha256(SealScenario.Original), SealScenario.Original.Length,
        new Uri(s.Host.BaseAddress, $"verifiera?dokument={documentId}"), s.Host.Clock.GetUtcNow());

    /// <summary>
    /// An incremental update after the seal that changes no object: a cross-reference section with only the free
    /// entry and a trailer whose /Prev is the sealed file's last startxref — what an editor adding a page starts with.
    /// </summary>
    private static byte[] AppendEmptyUpdate(byte[] sealedFile)
    {
        var text = Encoding.Latin1.GetString(sealedFile);
        var lastStartxref = long.Parse(StartxrefPattern().Matches(text)[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        var trailer = TrailerPattern().Matches(text)[^1].Groups[1].Value;
        trailer = PrevPattern().Replace(trailer, string.Create(CultureInfo.InvariantCulture, $"/Prev {lastStartxref}"));
        var update = new StringBuilder("\n% Ändrad efter förseglingen\n");
        var xrefAt = sealedFile.Length + Encoding.Latin1.GetByteCount(update.ToString());
        update.Append("xref\n0 1\n0000000000 65535 f \ntrailer\n").Append(trailer)
            .Append(CultureInfo.InvariantCulture, $"\nstartxref\n{xrefAt}\n%%EOF\n");
        return [.. sealedFile, .. Encoding.Latin1.GetBytes(update.ToString())];
    }

    private static byte[] Encrypted(byte[] file)
    {
        var folder = Path.Combine(Path.GetTempPath(), "justera-tests", $"qpdf-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "in.pdf");
            var output = Path.Combine(folder, "out.pdf");
            File.WriteAllBytes(input, file);
            var result = PdfTools.Run("qpdf", [], "--encrypt", "u", "o", "256", "--", input, output);
            Assert.True(result.ExitCode is 0 or 3, result.Error);
            return File.ReadAllBytes(output);
        }
        finally
        {
            Infrastructure.TempFolders.DeleteQuietly(folder);
        }
    }

    private static ByteArrayContent Pdf(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return content;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"Answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
            using var json = JsonDocument.Parse(body);
            return json.RootElement.Clone();
        }
    }

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartxrefPattern();

    [GeneratedRegex(@"trailer\s*(<<.*?>>)\s*startxref", RegexOptions.Singleline)]
    private static partial Regex TrailerPattern();

    [GeneratedRegex(@"/Prev\s+\d+")]
    private static partial Regex PrevPattern();
}

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Justera.Browser.Tests;

/// <summary>
/// The end of a round as people meet it: the one justerare approves, the secretary reloads until the protocol is
/// sealed and downloads it, and anyone, without signing in, checks that copy (and a changed one) on /verifiera.
/// </summary>
[Collection(BrowserWorld.Name)]
public sealed class SignedProtocolInTheBrowserTests(BrowserFixture fixture)
{
    /// <summary>How long the background dispatcher may take to seal a completed round.</summary>
    private static readonly TimeSpan SealTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long one look at the reloaded round page waits before the next reload.</summary>
    private const float ReloadEveryMs = 1_000;

    [ChromiumFact]
    public async Task Secretary_downloads_the_sealed_protocol_and_anyone_can_verify_it_and_see_a_changed_copy_rejected()
    {
        await using var scenario = new BrowserScenario(fixture);
        var karin = scenario.Justerare("Karin Exempelsson", "arbetsgivaren");
        var folder = Directory.CreateTempSubdirectory("justera-browser-signed-");
        try
        {
            // The secretary sends the protocol to one justerare, so one answer completes the round.
            var secretary = await scenario.SignInAsSecretaryAsync();
            await scenario.CreateAndStartRoundAsync(secretary, [karin]);
            await Expect(secretary.GetByText("0 av 1 har svarat", new() { Exact = true })).ToBeVisibleAsync();

            // Karin answers through the link in her e-mail, in her own browser.
            var reply = await scenario.OpenPersonalLinkAsync(karin);
            await BrowserScenario.AnswerAsync(reply, "Inget att erinra");
            await Expect(reply.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tack, ditt svar är registrerat");
            await Expect(reply.GetByRole(AriaRole.Status)).ToContainTextAsync("Ditt svar: Inget att erinra");

            // The secretary reloads the round page until the background dispatcher has sealed the protocol.
            await ReloadUntilSealedAsync(secretary);
            var sealedBox = secretary.GetByRole(AriaRole.Status).Filter(new() { Has = SealedHeading(secretary) });
            await Expect(sealedBox).ToContainTextAsync("Alla justerare har godkänt version 1.");
            await Expect(secretary.GetByText("1 av 1 har svarat", new() { Exact = true })).ToBeVisibleAsync();
            await Expect(secretary.Locator("dt:text-is('Läge') + dd")).ToHaveTextAsync("Justerat och förseglat");
            var downloadLink = sealedBox.GetByRole(AriaRole.Link, new() { Name = "Hämta det signerade protokollet (PDF)", Exact = true });
            await Expect(downloadLink).ToHaveAttributeAsync("href", new Regex(@"^/rundor/[^/]+/signerat$"));
            var documentId = (await sealedBox.Locator("dt:text-is('Dokument-id') + dd code").TextContentAsync() ?? "").Trim();
            var pageSha256 = (await sealedBox.Locator("dt:text-is('Kontrollsumma (SHA-256)') + dd code").TextContentAsync() ?? "").Trim();
            Assert.Matches("^[0-9a-f]{32}-v1$", documentId);
            Assert.Matches("^[0-9a-f]{64}$", pageSha256);
            await AxeCheck.AssertNoViolationsAsync(secretary, "the sealed round page");

            // The link downloads the signed protocol as a file, named after the meeting.
            var download = await secretary.RunAndWaitForDownloadAsync(() => downloadLink.ClickAsync());
            Assert.Null(await download.FailureAsync());
            Assert.Equal($"protokoll-{scenario.MeetingDate:yyyy-MM-dd}-justerat.pdf", download.SuggestedFilename);
            var signedPath = Path.Combine(folder.FullName, download.SuggestedFilename);
            await download.SaveAsAsync(signedPath);
            var signed = await File.ReadAllBytesAsync(signedPath);

            // It is the approved protocol, byte for byte, with the justering page and the seal after it.
            var original = await File.ReadAllBytesAsync(BrowserScenario.SamplePdf);
            Assert.True(signed.Length > original.Length,
                $"The signed protocol ({signed.Length} bytes) is not longer than the approved original ({original.Length} bytes).");
            Assert.True(signed.AsSpan(0, original.Length).SequenceEqual(original),
                "The signed protocol does not begin with the bytes of the approved original (samples/" + BrowserScenario.ProtocolFileName + ").");
            Assert.Equal(pageSha256, Convert.ToHexStringLower(SHA256.HashData(signed)));

            // Anyone, not signed in, opens the verification page in a browser of their own.
            var verifier = await scenario.NewPageAsync();
            await verifier.GotoAsync("/verifiera");
            await Expect(verifier.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kontrollera ett signerat protokoll");
            await Expect(verifier.GetByRole(AriaRole.Navigation, new() { Name = "Sekreterare" })).ToHaveCountAsync(0);
            var fileInput = verifier.GetByLabel("Signerat protokoll (PDF)", new() { Exact = true });
            await Expect(fileInput).ToBeVisibleAsync();
            await Expect(verifier.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
            await Expect(verifier.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
            await AxeCheck.AssertNoViolationsAsync(verifier, "the verification form");

            // The downloaded file is genuine, and the page says whose answers it carries.
            await fileInput.SetInputFilesAsync(signedPath);
            await verifier.GetByRole(AriaRole.Button, new() { Name = "Kontrollera filen", Exact = true }).ClickAsync();
            var genuine = verifier.GetByRole(AriaRole.Status);
            await Expect(genuine.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Protokollet är äkta");
            // The page writes dates with their weekday: "möte torsdagen den 3 december 2026, version 1, ...".
            await Expect(genuine).ToContainTextAsync(new Regex(
                $@"Detta är det justerade protokollet från förvaltningsgruppens möte \w+ den {Regex.Escape(scenario.MeetingDateText)}, version 1, förseglat "));
            await Expect(genuine).ToContainTextAsync("Filen är oförändrad sedan förseglingen.");
            await Expect(genuine.Locator("dt:text-is('Förvaltning') + dd")).ToHaveTextAsync(scenario.Administration);
            await Expect(genuine.Locator("dt:text-is('Vid anteckningarna') + dd")).ToHaveTextAsync(BrowserScenario.SecretaryName);
            await Expect(genuine.Locator("dt:text-is('Dokument-id') + dd")).ToHaveTextAsync(documentId);
            await Expect(genuine.Locator("dt:text-is('Det signerade protokollets SHA-256') + dd")).ToHaveTextAsync(pageSha256);
            await Expect(genuine.Locator("dt:text-is('Det godkända protokollet') + dd"))
                .ToContainTextAsync($"SHA-256 {Convert.ToHexStringLower(SHA256.HashData(original))}, {original.Length} byte.");
            var answers = genuine.GetByRole(AriaRole.Table, new() { Name = "Justerarna och deras svar", Exact = true });
            await Expect(answers.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
            var karinsRow = answers.GetByRole(AriaRole.Row).Filter(new() { Has = verifier.GetByRole(AriaRole.Rowheader, new() { Name = karin.Name, Exact = true }) });
            await Expect(karinsRow).ToHaveCountAsync(1);
            await Expect(karinsRow.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync(karin.Organisation);
            await Expect(karinsRow.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("Inget att erinra");
            await Expect(verifier.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
            await AxeCheck.AssertNoViolationsAsync(verifier, "the verification page with a genuine verdict");

            // A copy with one byte changed inside the sealed range (in the middle of the approved protocol) is not genuine.
            var changed = (byte[])signed.Clone();
            changed[original.Length / 2] ^= 0x01;
            var changedPath = Path.Combine(folder.FullName, "protokoll-andrad.pdf");
            await File.WriteAllBytesAsync(changedPath, changed);
            await fileInput.SetInputFilesAsync(changedPath);
            await verifier.GetByRole(AriaRole.Button, new() { Name = "Kontrollera filen", Exact = true }).ClickAsync();
            var notGenuine = verifier.GetByRole(AriaRole.Alert);
            await Expect(notGenuine.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Protokollet är inte äkta");
            await Expect(notGenuine).ToContainTextAsync(
                "Dokumentet är inte äkta: sigillet stämmer inte med innehållet, så dokumentet har ändrats efter förseglingen eller sigillet är skadat.");
            await Expect(verifier.GetByRole(AriaRole.Heading, new() { Name = "Protokollet är äkta", Exact = true })).ToHaveCountAsync(0);
            await Expect(verifier.GetByRole(AriaRole.Table, new() { Name = "Justerarna och deras svar", Exact = true })).ToHaveCountAsync(0);
            await AxeCheck.AssertNoViolationsAsync(verifier, "the verification page with a not-genuine verdict");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static ILocator SealedHeading(IPage page) =>
        page.GetByRole(AriaRole.Heading, new() { Name = "Protokollet är justerat och förseglat", Exact = true });

    /// <summary>
    /// Reloads the round page, as the page itself asks ("ladda om sidan om en stund"), until it shows the sealed
    /// protocol, for at most <see cref="SealTimeout"/>; each look waits up to <see cref="ReloadEveryMs"/>.
    /// </summary>
    private static async Task ReloadUntilSealedAsync(IPage secretary)
    {
        var heading = SealedHeading(secretary);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await secretary.ReloadAsync();
            var left = SealTimeout - waited.Elapsed;
            try
            {
                await Expect(heading).ToBeVisibleAsync(new() { Timeout = (float)Math.Clamp(left.TotalMilliseconds, 1, ReloadEveryMs) });
                return;
            }
            catch (PlaywrightException) when (waited.Elapsed < SealTimeout)
            {
                // Not sealed yet: reload and look again.
            }
            catch (PlaywrightException)
            {
                var main = await secretary.GetByRole(AriaRole.Main).InnerTextAsync();
                Assert.Fail($"The round page did not show \"Protokollet är justerat och förseglat\" within {SealTimeout.TotalSeconds} s ({secretary.Url}):\n{main}");
            }
        }
    }
}

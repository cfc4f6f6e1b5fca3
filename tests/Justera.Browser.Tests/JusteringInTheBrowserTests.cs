using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Justera.Browser.Tests;

/// <summary>The main scenario as people do it: the secretary in one browser, each justerare in another, reached by e-mail.</summary>
[Collection(BrowserWorld.Name)]
public sealed class JusteringInTheBrowserTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task Secretary_creates_a_round_in_the_browser_and_a_justerare_answers_through_the_mailed_link()
    {
        await using var scenario = new BrowserScenario(fixture);
        var justerare = scenario.TwoJusterare();
        var (karin, anna) = (justerare[0], justerare[1]);

        // The secretary signs in, creates the round and sends it.
        var secretary = await scenario.SignInAsSecretaryAsync();
        await Expect(secretary.GetByRole(AriaRole.Main)).ToContainTextAsync("Det finns inga justeringsrundor ännu.");
        await scenario.CreateAndStartRoundAsync(secretary, justerare);
        var roundUrl = secretary.Url;
        await Expect(secretary.GetByText("0 av 2 har svarat", new() { Exact = true })).ToBeVisibleAsync();
        var table = secretary.GetByRole(AriaRole.Table, new() { Name = "Justerarna och deras svar på version 1" });
        foreach (var person in justerare)
        {
            var row = table.GetByRole(AriaRole.Row).Filter(new() { HasText = person.Email });
            await Expect(row).ToContainTextAsync(person.Name);
            await Expect(row).ToContainTextAsync(person.Organisation);
            await Expect(row).ToContainTextAsync("Inte svarat");
        }
        await Expect(secretary.GetByRole(AriaRole.Main))
            .ToContainTextAsync($"Version 1: {BrowserScenario.ProtocolFileName} (PDF,");

        // Karin reads the request e-mail and opens her personal link in her own browser.
        var request = await scenario.RequestMailAsync(karin);
        Assert.Contains(scenario.MeetingDateText, request.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(karin.Name, request.Subject, StringComparison.Ordinal);
        Assert.Contains("Öppna protokollet och svara", request.Text, StringComparison.Ordinal);
        var reply = await scenario.OpenPersonalLinkAsync(karin);
        await Expect(reply.GetByRole(AriaRole.Main)).ToContainTextAsync(scenario.Administration);
        await Expect(reply.GetByRole(AriaRole.Main)).ToContainTextAsync(scenario.DeadlineText);
        await Expect(reply.GetByRole(AriaRole.Link, new() { Name = "Öppna protokollet, version 1 (PDF)" })).ToBeVisibleAsync();
        // Nothing of the secretary's session came along: this browser is not signed in.
        await Expect(reply.GetByRole(AriaRole.Navigation, new() { Name = "Sekreterare" })).ToHaveCountAsync(0);

        await BrowserScenario.AnswerAsync(reply, "Inget att erinra");
        await Expect(reply).ToHaveURLAsync(new Regex("/svar/[^/]+/kvitto$"));
        await Expect(reply.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tack, ditt svar är registrerat");
        await Expect(reply.GetByRole(AriaRole.Status)).ToContainTextAsync("Ditt svar: Inget att erinra");
        await Expect(reply.GetByRole(AriaRole.Main)).ToContainTextAsync($"Ett kvitto har skickats till {karin.Email}.");

        // The receipt e-mail goes to Karin's own address.
        var receipt = await scenario.ReceiptMailAsync(karin);
        Assert.Contains("Inget att erinra", receipt.Text, StringComparison.Ordinal);

        // Back in the secretary's browser: one of two has answered, in the table and in the history.
        await secretary.ReloadAsync();
        Assert.Equal(roundUrl, secretary.Url);
        await Expect(secretary.GetByText("1 av 2 har svarat", new() { Exact = true })).ToBeVisibleAsync();
        var karinsRow = table.GetByRole(AriaRole.Row).Filter(new() { HasText = karin.Email });
        // Organisation, status, answer, when, after the deadline, channel.
        await Expect(karinsRow.GetByRole(AriaRole.Cell)).ToHaveTextAsync(
        [
            Exactly(karin.Organisation), Exactly("Inget att erinra"), Exactly("Inget att erinra"),
            new Regex(@"^\d{4}-\d{2}-\d{2} kl\. \d{2}\.\d{2}$"), Exactly("Nej"), Exactly("Personlig länk"),
        ]);
        var annasRow = table.GetByRole(AriaRole.Row).Filter(new() { HasText = anna.Email });
        await Expect(annasRow).ToContainTextAsync("Inte svarat");
        var history = secretary.Locator("h2:text-is('Historik') + ol");
        await Expect(history.GetByRole(AriaRole.Listitem)).ToContainTextAsync(
            [
                "Rundan skapades med 2 justerare och protokollet version 1.",
                $"Begäran om justering skickades till {karin.Name} ({karin.Organisation}), {anna.Name} ({anna.Organisation}).",
                $"{karin.Name} ({karin.Organisation}) svarade på version 1 via personlig länk: Inget att erinra",
            ]);

        // And the rounds list shows the round with its answer count.
        await secretary.GetByRole(AriaRole.Link, new() { Name = "Justeringsrundor" }).ClickAsync();
        var rounds = secretary.GetByRole(AriaRole.Table, new() { Name = "Förvaltningens justeringsrundor, den senast skapade först" });
        await Expect(rounds.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Väntar på svar");
        await Expect(rounds.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("1 av 2 har svarat");
    }

    private static Regex Exactly(string text) => new($"^{Regex.Escape(text)}$");
}

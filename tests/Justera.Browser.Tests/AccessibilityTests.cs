using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Justera.Browser.Tests;

/// <summary>
/// axe-core (WCAG 2.0/2.1 A and AA) on the pages people use, in the states they meet them: as first shown and
/// with field errors. Each test also checks what a person reads, so an empty or wrong page cannot pass.
/// </summary>
[Collection(BrowserWorld.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task Reply_page_has_no_wcag_violations()
    {
        await using var scenario = new BrowserScenario(fixture);
        var reply = await OpenReplyPageAsync(scenario);

        await Expect(reply.GetByRole(AriaRole.Group, new() { Name = "Ditt svar" }).GetByRole(AriaRole.Radio)).ToHaveCountAsync(3);
        await AxeCheck.AssertNoViolationsAsync(reply, "the reply page");
    }

    [ChromiumFact]
    public async Task Reply_page_with_field_errors_has_no_wcag_violations()
    {
        await using var scenario = new BrowserScenario(fixture);
        var reply = await OpenReplyPageAsync(scenario);

        // Dissent without naming the item it is about.
        await BrowserScenario.AnswerAsync(reply, "Justerar med oenighet");
        await Expect(reply.GetByRole(AriaRole.Alert)).ToContainTextAsync("Det finns 1 fel att rätta");
        var item = reply.GetByLabel("Punkt du är oenig om (vid oenighet)", new() { Exact = true });
        await Expect(item).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(item).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("Ange vilken punkt du är oenig om"));
        await Expect(reply.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link)).ToHaveTextAsync(
            "Ange vilken punkt du är oenig om, till exempel \"§ 4 Föranmälda frågor\".");
        // The choice made is kept, so the person only adds what was missing.
        await Expect(reply.GetByRole(AriaRole.Radio, new() { Name = "Justerar med oenighet", Exact = true })).ToBeCheckedAsync();
        // The summary's link leads to the field (WCAG 3.3.1).
        await reply.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(item).ToBeFocusedAsync();

        await AxeCheck.AssertNoViolationsAsync(reply, "the reply page with a field error");
    }

    [ChromiumFact]
    public async Task Receipt_page_has_no_wcag_violations()
    {
        await using var scenario = new BrowserScenario(fixture);
        var reply = await OpenReplyPageAsync(scenario);

        await BrowserScenario.AnswerAsync(reply, "Inget att erinra");
        await Expect(reply.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tack, ditt svar är registrerat");
        await Expect(reply.GetByRole(AriaRole.Status)).ToContainTextAsync("Ditt svar: Inget att erinra");

        await AxeCheck.AssertNoViolationsAsync(reply, "the receipt page");
    }

    [ChromiumFact]
    public async Task Round_page_has_no_wcag_violations_before_and_after_an_answer()
    {
        await using var scenario = new BrowserScenario(fixture);
        var secretary = await scenario.SignInAsSecretaryAsync();
        var justerare = scenario.TwoJusterare();
        await scenario.CreateAndStartRoundAsync(secretary, justerare);
        await Expect(secretary.GetByText("0 av 2 har svarat", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Name = "Åtgärder" })).ToBeVisibleAsync();
        await AxeCheck.AssertNoViolationsAsync(secretary, "the round page just after it was created");

        var reply = await scenario.OpenPersonalLinkAsync(justerare[0]);
        await BrowserScenario.AnswerAsync(reply, "Inget att erinra");
        await Expect(reply.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tack, ditt svar är registrerat");

        await secretary.ReloadAsync();
        await Expect(secretary.GetByText("1 av 2 har svarat", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(secretary.Locator("h2:text-is('Historik') + ol"))
            .ToContainTextAsync($"{justerare[0].Name} ({justerare[0].Organisation}) svarade på version 1 via personlig länk: Inget att erinra");
        await AxeCheck.AssertNoViolationsAsync(secretary, "the round page with one answer");
    }

    [ChromiumFact]
    public async Task Create_form_with_errors_has_no_wcag_violations()
    {
        await using var scenario = new BrowserScenario(fixture);
        var secretary = await scenario.SignInAsSecretaryAsync();
        await secretary.GetByRole(AriaRole.Link, new() { Name = "Ny justeringsrunda" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ny justeringsrunda");

        // No file, no dates, and a justerare whose address is not one.
        await secretary.GetByLabel("Namn, rad 1", new() { Exact = true }).FillAsync("Karin Exempelsson");
        await secretary.GetByLabel("Organisation, rad 1", new() { Exact = true }).FillAsync("arbetsgivaren");
        await secretary.GetByLabel("E-postadress, rad 1", new() { Exact = true }).FillAsync("karin.exempelsson-at-example.org");
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Skapa och skicka till justerarna" }).ClickAsync();

        var summary = secretary.GetByRole(AriaRole.Alert).Filter(new() { HasText = "fel att rätta" });
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link)).ToContainTextAsync(["Välj protokollet (PDF) att skicka."]);
        await Expect(secretary.GetByLabel("Protokollet (PDF)", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(secretary.GetByLabel("E-postadress, rad 1", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        // What was typed is still there, and the summary's link leads to the faulty address.
        await Expect(secretary.GetByLabel("Namn, rad 1", new() { Exact = true })).ToHaveValueAsync("Karin Exempelsson");
        await summary.GetByRole(AriaRole.Link, new() { Name = "\"karin.exempelsson-at-example.org\" är inte en giltig e-postadress." }).ClickAsync();
        await Expect(secretary.GetByLabel("E-postadress, rad 1", new() { Exact = true })).ToBeFocusedAsync();

        await AxeCheck.AssertNoViolationsAsync(secretary, "the create form with errors");
    }

    [ChromiumFact]
    public async Task Rounds_list_has_no_wcag_violations_empty_and_with_a_round()
    {
        await using var scenario = new BrowserScenario(fixture);
        var secretary = await scenario.SignInAsSecretaryAsync();
        await Expect(secretary.GetByRole(AriaRole.Main)).ToContainTextAsync("Det finns inga justeringsrundor ännu.");
        await AxeCheck.AssertNoViolationsAsync(secretary, "the empty rounds list");

        await scenario.CreateAndStartRoundAsync(secretary, scenario.TwoJusterare());
        await secretary.GetByRole(AriaRole.Link, new() { Name = "Justeringsrundor" }).ClickAsync();
        var rounds = secretary.GetByRole(AriaRole.Table, new() { Name = "Förvaltningens justeringsrundor, den senast skapade först" });
        await Expect(rounds.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Expect(rounds.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Väntar på svar");
        await Expect(rounds.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("0 av 2 har svarat");
        await Expect(rounds.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync(scenario.DeadlineText);

        await AxeCheck.AssertNoViolationsAsync(secretary, "the rounds list with one round");
    }

    /// <summary>The check itself: a page with known faults must fail, naming rule, impact, help and the element.</summary>
    [ChromiumFact]
    public async Task The_axe_check_fails_on_a_page_with_known_violations_and_names_them()
    {
        await using var scenario = new BrowserScenario(fixture);
        var page = await scenario.NewPageAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="sv"><head><title>Prov</title></head>
            <body><main><h1>Prov</h1><input type="text" id="omarkt" name="omarkt"><img src="data:," id="utan-alt"></main></body></html>
            """);

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.FailException>(() => AxeCheck.AssertNoViolationsAsync(page, "a page with known faults"));

        Assert.Contains("- label [critical] Form elements must have labels", failure.Message, StringComparison.Ordinal);
        Assert.Contains("target: #omarkt", failure.Message, StringComparison.Ordinal);
        Assert.Contains("- image-alt [critical] Images must have alternative text", failure.Message, StringComparison.Ordinal);
        Assert.Contains("target: #utan-alt", failure.Message, StringComparison.Ordinal);
    }

    private static async Task<IPage> OpenReplyPageAsync(BrowserScenario scenario)
    {
        var secretary = await scenario.SignInAsSecretaryAsync();
        var justerare = scenario.TwoJusterare();
        await scenario.CreateAndStartRoundAsync(secretary, justerare);
        return await scenario.OpenPersonalLinkAsync(justerare[0]);
    }
}

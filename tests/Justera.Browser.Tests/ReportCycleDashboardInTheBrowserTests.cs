using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Justera.Application.ReportCycles;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;
using Justera.Integration.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Justera.Browser.Tests;

/// <summary>
/// The report cycle's secretary pages in Chromium with axe-core (WCAG 2.0/2.1 A and AA): the start form with errors, and
/// the dashboard with its progress bars and the chart of the goal assessments. The test's administration imports the
/// sample units and structure first, as a script does; everything after is done in the browser.
/// </summary>
/// <remarks>
/// A cycle's id is its period and year, for the whole installation: the browser tests share one host, so this class
/// starts the verksamhetsberättelse for 2026 (vb-2026), which no other browser test starts (the report page test starts T2 2026).
/// </remarks>
[Collection(BrowserWorld.Name)]
public sealed partial class ReportCycleDashboardInTheBrowserTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task Start_form_with_errors_has_no_wcag_violations()
    {
        await using var scenario = new BrowserScenario(fixture);
        var secretary = await scenario.SignInAsSecretaryAsync();
        await ImportSetupAsync(scenario);
        await secretary.GetByRole(AriaRole.Navigation, new() { Name = "Sekreterare" }).GetByRole(AriaRole.Link, new() { Name = "Rapportcykler" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rapportcykler");
        await secretary.GetByRole(AriaRole.Link, new() { Name = "Ny rapportcykel" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ny rapportcykel");
        await AxeCheck.AssertNoViolationsAsync(secretary, "the start form");

        // No period, a Saturday, a threshold that is no number, and "chosen units" with none ticked.
        await secretary.GetByLabel("Sista dag för enheternas rapporter", new() { Exact = true }).FillAsync(Saturday(scenario));
        await secretary.GetByLabel("Gräns för avvikelse (mnkr)", new() { Exact = true }).FillAsync("mycket");
        await secretary.GetByRole(AriaRole.Radio, new() { Name = "Enheterna jag kryssar i nedan" }).CheckAsync();
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Starta rapportcykeln" }).ClickAsync();

        var summary = secretary.GetByRole(AriaRole.Alert).Filter(new() { HasText = "fel att rätta" });
        await Expect(summary).ToContainTextAsync("Det finns 4 fel att rätta");
        await Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync([
            new Regex("^Välj period: T1, T2 eller VB\\.$"),
            new Regex("^Sista dag måste vara en arbetsdag; .* är lördag\\.$"),
            new Regex("^Gränsen för avvikelse: "),
            new Regex("^Välj minst en enhet, eller välj alla enheter\\.$"),
        ]);
        var deadline = secretary.GetByLabel("Sista dag för enheternas rapporter", new() { Exact = true });
        await Expect(deadline).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(deadline).ToHaveAccessibleDescriptionAsync(new Regex("är lördag"));
        await Expect(secretary.GetByLabel("Gräns för avvikelse (mnkr)", new() { Exact = true })).ToHaveValueAsync("mycket");
        // The summary's link leads to the field (WCAG 3.3.1).
        await summary.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("är lördag") }).ClickAsync();
        await Expect(deadline).ToBeFocusedAsync();

        await AxeCheck.AssertNoViolationsAsync(secretary, "the start form with errors");
    }

    [ChromiumFact]
    public async Task Dashboard_with_the_assessment_chart_has_no_wcag_violations()
    {
        await using var scenario = new BrowserScenario(fixture);
        var secretary = await scenario.SignInAsSecretaryAsync();
        var structure = await ImportSetupAsync(scenario);
        await secretary.GotoAsync("/rapportcykler/ny");
        await secretary.GetByRole(AriaRole.Radio, new() { Name = "VB, verksamhetsberättelse (hela året)" }).CheckAsync();
        await secretary.GetByLabel("År", new() { Exact = true }).SelectOptionAsync("2026");
        await secretary.GetByLabel("Sista dag för enheternas rapporter", new() { Exact = true })
            .FillAsync(scenario.DeadlineDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Starta rapportcykeln" }).ClickAsync();

        await Expect(secretary).ToHaveURLAsync(new Regex("/rapportcykler/vb-2026$"));
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Verksamhetsberättelsen 2026");
        await Expect(secretary.GetByRole(AriaRole.Status).First).ToContainTextAsync("Rapportcykeln är startad.");

        // One manager saves a draft through the link in the request mail the engine sent: it assesses its first goal "helt".
        var unit = "FSK-01";
        var request = await fixture.MailDev.WaitForMailAsync(
            m => m.Subject == "Underlag till verksamhetsberättelsen 2026: Förskolorna i Bredäng", BrowserFixture.MailTimeout);
        var token = UnitLink().Match(request.Text ?? "").Groups[1].Value;
        var assignment = structure.Assignments.Single(a => a.UnitId == unit);
        var input = UnitInput.Empty with
        {
            Goals = [.. assignment.GoalIds.Select((g, i) => new GoalAssessment(g, i == 0 ? GoalFulfilment.Fully : null, ""))],
        };
        var saved = await fixture.Host.Service<ReportCycleService>().SaveDraftAsync(Uri.UnescapeDataString(token), unit, input, 0);
        Assert.Null(saved.Decision.Refusal);

        await secretary.ReloadAsync();
        await Expect(secretary.GetByRole(AriaRole.Progressbar, new() { Name = "0 av 10 enheter klara" })).ToBeVisibleAsync();
        await Expect(secretary.GetByRole(AriaRole.Progressbar, new() { Name = "Avdelningen för förskola 0 av 4 enheter klara" })).ToBeVisibleAsync();
        var row = secretary.GetByRole(AriaRole.Row).Filter(new() { HasText = "Förskolorna i Bredäng" });
        await Expect(row).ToContainTextAsync("utkast");
        var chart = secretary.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("^Diagram över enheternas bedömning per mål") });
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart).ToHaveAttributeAsync("aria-label", new Regex("Mål 1\\.3 I Stockholm når barn [^:]*: 1 helt, 0 delvis, 0 inte, 2 saknas\\."));
        var numbers = secretary.GetByRole(AriaRole.Table, new() { Name = "Bedömningarna per mål i siffror (antal enheter)" });
        await Expect(numbers.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mål 1.3 " })).ToHaveTextAsync(new Regex("1\\s*0\\s*0\\s*2\\s*3$"));
        await Expect(secretary.GetByRole(AriaRole.Link, new() { Name = "Sammanställd rapport" })).ToHaveAttributeAsync("href", "/rapportcykler/vb-2026/rapport");

        await AxeCheck.AssertNoViolationsAsync(secretary, "the cycle's dashboard with the chart");
    }

    /// <summary>The sample units and the sample structure for 2026, imported for the scenario's administration through the set-up API.</summary>
    private async Task<YearStructure> ImportSetupAsync(BrowserScenario scenario)
    {
        var client = fixture.Host.NewSecretaryClient(scenario.SecretaryEmail, Uri.EscapeDataString(scenario.Administration));
        var folder = Path.Combine(RepoPaths.Root, "samples", "report-cycle");
        var structureText = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(folder, "struktur-2021.json")))
            .Replace("\"year\": 2021", "\"year\": 2026", StringComparison.Ordinal);
        await PutAsync(client, "/api/enheter", await File.ReadAllBytesAsync(Path.Combine(folder, "enheter.csv")), "text/csv");
        await PutAsync(client, "/api/malstruktur/2026", Encoding.UTF8.GetBytes(structureText), "application/json");
        var structure = StructureJson.Read(Encoding.UTF8.GetBytes(structureText));
        Assert.True(structure.Succeeded);
        return structure.Value!;
    }

    private static async Task PutAsync(HttpClient client, string path, byte[] body, string contentType)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await client.PutAsync(new Uri(path, UriKind.Relative), content);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The first Saturday after the app's today, as the date field takes it.</summary>
    private static string Saturday(BrowserScenario scenario)
    {
        var day = scenario.DeadlineDate;
        while (day.DayOfWeek != DayOfWeek.Saturday)
            day = day.AddDays(1);
        return day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"https?://[^\s]+/enhet/([^\s]+)")]
    private static partial Regex UnitLink();
}

using Justera.Application.ReportCycles;
using Justera.Core.Calendar;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;
using Justera.Integration.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Justera.Browser.Tests;

/// <summary>
/// axe-core on a report cycle's report page with a compiled version, and what a person reads there: the versions to
/// download and the hand-over to the FG protocol's justering. (T2 2026: a cycle no other browser test starts; the dashboard test starts VB 2026.)
/// </summary>
[Collection(BrowserWorld.Name)]
public sealed class ReportPageAccessibilityTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task Report_page_with_a_compiled_version_has_no_wcag_violations()
    {
        await using var scenario = new BrowserScenario(fixture);
        var host = fixture.Host;
        var cycles = host.Service<ReportCycleService>();
        var units = UnitsCsv.Read(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "samples", "report-cycle", "enheter.csv"))).Value!;
        var structure = StructureJson.Read(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "samples", "report-cycle", "struktur-2021.json"))).Value! with { Year = 2026 };
        var deadline = StockholmTime.LocalDate(host.Clock.GetUtcNow()).AddDays(14);
        while (!SwedishCalendar.IsWorkingDay(deadline))
            deadline = deadline.AddDays(1);
        var started = await cycles.StartAsync(ReportPeriod.T2, 2026, deadline, 0.5m, units, structure,
            new Justera.Core.ReportCycles.Person(BrowserScenario.SecretaryName, scenario.SecretaryEmail), "form-browser-report");
        Assert.False(started.Refused, started.Decision.Refusal?.Message);
        var cycleId = ReportCycleIds.For(ReportPeriod.T2, 2026);
        // Closed with every unit missing: the report lists them, and version 1 is compiled by the cycle's orchestration.
        var closed = await cycles.CloseAsync(cycleId, confirmedMissing: true, BrowserScenario.SecretaryName);
        Assert.False(closed.Refused, closed.Decision.Refusal?.Message);
        await Eventually.TrueAsync(async () => (await cycles.LoadCycleAsync(cycleId)).State.CycleOrNull!.Compilations.Count == 1,
            TimeSpan.FromSeconds(60), "Version 1 was not compiled in time.");

        var secretary = await scenario.SignInAsSecretaryAsync();
        await secretary.GotoAsync($"/rapportcykler/{cycleId}/rapport");
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rapport: Tertialrapport 2 2026");
        await Expect(secretary.GetByRole(AriaRole.Link, new() { Name = "Word, version 1" })).ToHaveAttributeAsync("href", $"/rapportcykler/{cycleId}/rapport/1/docx");
        await Expect(secretary.GetByRole(AriaRole.Link, new() { Name = "Excel, version 1" })).ToBeVisibleAsync();
        await Expect(secretary.GetByRole(AriaRole.Button, new() { Name = "Sammanställ en ny version" })).ToBeVisibleAsync();
        await Expect(secretary.GetByLabel("FG-mötets datum", new() { Exact = true })).ToBeVisibleAsync();
        await AxeCheck.AssertNoViolationsAsync(secretary, "the report page with one compiled version");

        // The hand-over opens the new-round form pre-filled for the meeting, and it stays accessible.
        await secretary.GetByLabel("FG-mötets datum", new() { Exact = true }).FillAsync(StockholmTime.LocalDate(host.Clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await secretary.GetByRole(AriaRole.Button, new() { Name = "Starta justering av FG-protokollet" }).ClickAsync();
        await Expect(secretary.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ny justeringsrunda");
        await Expect(secretary.GetByRole(AriaRole.Status)).ToContainTextAsync("tertialrapport 2 2026 behandlades");
        await Expect(secretary.GetByLabel("Mötesdatum", new() { Exact = true })).ToHaveValueAsync(
            StockholmTime.LocalDate(host.Clock.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await AxeCheck.AssertNoViolationsAsync(secretary, "the new-round form opened from the report page");
    }
}

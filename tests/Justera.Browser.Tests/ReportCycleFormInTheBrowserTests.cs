using System.Text.RegularExpressions;
using Justera.Application.ReportCycles;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Justera.Integration.Tests.ReportCycles.Links;
using Microsoft.Playwright;
using CyclePerson = Justera.Core.ReportCycles.Person;
using static Microsoft.Playwright.Assertions;

namespace Justera.Browser.Tests;

/// <summary>
/// The report cycle's personal links in Chromium: the unit form filled in and saved with the keyboard alone, and
/// axe-core (WCAG 2.0/2.1 A and AA) on the unit form with its errors shown and on the department head's page.
/// </summary>
[Collection(BrowserWorld.Name)]
public sealed class ReportCycleFormInTheBrowserTests(BrowserFixture fixture)
{
    [ChromiumFact]
    public async Task The_unit_form_is_filled_in_and_saved_with_the_keyboard_alone()
    {
        await using var cycle = await CycleInTheBrowser.StartAsync(fixture);
        var unit = cycle.Unit("FSK-04");
        var page = await cycle.OpenUnitFormAsync(unit);

        static ILocator Id(IPage p, string id) => p.Locator($"[id='{id}']");
        var helt = Id(page, "mal[NM1.3.1].maluppfyllelse-helt");
        var delvis = Id(page, "mal[NM1.3.1].maluppfyllelse-delvis");
        await Expect(delvis).ToHaveAccessibleNameAsync("Uppfylls delvis");

        // Into the goal's radio group with Tab, then the arrow key moves the choice, as in any radio group.
        await TabToAsync(page, helt);
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(delvis).ToBeCheckedAsync();
        await TabToAsync(page, Id(page, "mal[NM1.3.1].analys"));
        await page.Keyboard.TypeAsync("Introduktionen fungerar, men kön har vuxit.");
        await TabToAsync(page, Id(page, "indikator[ind-inskrivna-barn].utfall"));
        await Expect(page.Locator(":focus")).ToHaveAccessibleNameAsync("Periodens utfall");
        await page.Keyboard.TypeAsync("91,5 %");
        await TabToAsync(page, Id(page, "indikator[ind-inskrivna-barn].prognos"));
        await page.Keyboard.TypeAsync("92");
        var onPlan = Id(page, "aktivitet[akt-introduktionsforskola].status-enligt-plan");
        await TabToAsync(page, onPlan);
        await page.Keyboard.PressAsync("Space");
        await Expect(onPlan).ToBeCheckedAsync();
        await TabToAsync(page, Id(page, "ekonomi[personal].prognos"));
        await page.Keyboard.TypeAsync("3,4");
        await TabToAsync(page, Id(page, "ekonomi[ovrigt].prognos"));
        await page.Keyboard.TypeAsync("0.6");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Spara utkast", Exact = true }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Utkastet är sparat.");
        await Expect(Id(page, "mal[NM1.3.1].maluppfyllelse-delvis")).ToBeCheckedAsync();
        await Expect(Id(page, "mal[NM1.3.1].analys")).ToHaveValueAsync("Introduktionen fungerar, men kön har vuxit.");
        await Expect(Id(page, "indikator[ind-inskrivna-barn].utfall")).ToHaveValueAsync("91,5");
        await Expect(Id(page, "ekonomi[personal].prognos")).ToHaveValueAsync("3,4");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Avvikelse enligt prognosen: -0,2 mnkr.");

        var report = await cycle.ReportAsync(unit);
        Assert.Equal(1, report.Version);
        Assert.Equal(91.5m, report.Input.Indicators.Single().Outcome);
        Assert.Equal(0.6m, report.Input.Economy.Single(e => e.BudgetRowId == "ovrigt").Forecast);
    }

    [ChromiumFact]
    public async Task The_unit_form_with_errors_shown_has_no_wcag_violations()
    {
        await using var cycle = await CycleInTheBrowser.StartAsync(fixture);
        var page = await cycle.OpenUnitFormAsync(cycle.Unit("FSK-01"));
        await AxeCheck.AssertNoViolationsAsync(page, "the empty unit form");

        var utfall = page.Locator("[id='indikator[ind-leg-forskollarare].utfall']");
        await utfall.FillAsync("trettio");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara utkast", Exact = true }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "fel att rätta" });
        await Expect(summary).ToContainTextAsync("Det finns 1 fel att rätta");
        await Expect(utfall).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(utfall).ToHaveAccessibleDescriptionAsync(new Regex("Skriv bara siffror, till exempel 1 268,2, utan bokstäver eller enhet."));
        await Expect(utfall).ToHaveValueAsync("trettio");
        await summary.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(utfall).ToBeFocusedAsync();
        await AxeCheck.AssertNoViolationsAsync(page, "the unit form with a number error");

        await utfall.FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Klarmarkera", Exact = true }).ClickAsync();
        await Expect(summary).ToContainTextAsync("fel att rätta");
        await Expect(summary.GetByRole(AriaRole.Link).First).ToContainTextAsync("Välj prognostiserad måluppfyllelse för mål 1.3.");
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Prognostiserad måluppfyllelse för mål 1.3" }))
            .ToHaveAccessibleDescriptionAsync(new Regex("Välj prognostiserad måluppfyllelse för mål 1.3."));
        await AxeCheck.AssertNoViolationsAsync(page, "the unit form with klarmarkera's errors");
    }

    [ChromiumFact]
    public async Task The_department_page_has_no_wcag_violations_with_a_ready_unit_and_a_comment_error()
    {
        await using var cycle = await CycleInTheBrowser.StartAsync(fixture);
        var unit = cycle.Unit("FSK-04");
        await cycle.MarkReadyAsync(unit);

        var head = await cycle.OpenDepartmentPageAsync(unit);
        await Expect(head.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Granskning: Avdelningen för förskola");
        await Expect(head.GetByRole(AriaRole.Main)).ToContainTextAsync("1 av 4 enheter klara");
        await Expect(head.GetByRole(AriaRole.Table, new() { Name = "Läge per enhet" }).GetByRole(AriaRole.Row)).ToHaveCountAsync(5);
        await Expect(head.GetByRole(AriaRole.Main)).ToContainTextAsync("Verksamheten följer planen.");
        await AxeCheck.AssertNoViolationsAsync(head, "the department page with a ready unit");

        await head.GetByRole(AriaRole.Button, new() { Name = "Skicka tillbaka Öppna förskolan", Exact = true }).ClickAsync();
        var comment = head.GetByLabel("Kommentar till enhetschefen om Öppna förskolan", new() { Exact = true });
        await Expect(comment).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(comment).ToHaveAccessibleDescriptionAsync(new Regex("Skriv vad enhetschefen behöver ändra."));
        await AxeCheck.AssertNoViolationsAsync(head, "the department page with a comment error");
    }

    /// <summary>Tab until <paramref name="target"/> has focus: it must be reachable from where the focus is, with Tab alone.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int max = 80)
    {
        for (var i = 0; i < max; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
                return;
        }
        Assert.Fail($"{max} presses of Tab never reached {target}.");
    }
}

/// <summary>
/// A report cycle of the sample units for one browser test, on a Justera host of its own (its own table prefix, on the
/// browser fixture's Azurite and maildev), so its T1 2026 never meets another test's. The addresses carry the test's
/// tag, so each test reads only its own mail. People reach the pages through the links in the mails.
/// </summary>
internal sealed class CycleInTheBrowser : IAsyncDisposable
{
    private readonly BrowserFixture fixture;
    private readonly List<IBrowserContext> contexts = [];

    private CycleInTheBrowser(BrowserFixture fixture, JusteraTestHost host, IReadOnlyList<ReportingUnit> units, YearStructure structure)
    {
        this.fixture = fixture;
        Host = host;
        Units = units;
        Structure = structure;
    }

    public JusteraTestHost Host { get; }

    public IReadOnlyList<ReportingUnit> Units { get; }

    public YearStructure Structure { get; }

    public ReportCycleService Service => Host.Service<ReportCycleService>();

    public static string CycleId => ReportCycleIds.For(ReportPeriod.T1, 2026);

    public static async Task<CycleInTheBrowser> StartAsync(BrowserFixture fixture)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        static CyclePerson Tagged(CyclePerson p, string tag) => p with { Email = p.Email.Replace("@", $".{tag}@", StringComparison.Ordinal) };
        var read = UnitsCsv.Read(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "samples", "report-cycle", "enheter.csv")));
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        var units = read.Value!.Select(u => u with { Manager = Tagged(u.Manager, tag), DepartmentHead = Tagged(u.DepartmentHead, tag) }).ToList();
        var structure = StructureJson.Read(await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "samples", "report-cycle", "struktur-2021.json")));
        Assert.True(structure.Succeeded, string.Join("; ", structure.Errors));

        var host = await JusteraTestHost.StartAsync(new JusteraTestHostOptions
        {
            StorageConnectionString = fixture.Host.Options.StorageConnectionString,
            SmtpPort = fixture.Host.Options.SmtpPort,
            BackgroundLoops = false,
        });
        var cycle = new CycleInTheBrowser(fixture, host, units, structure.Value! with { Year = 2026 });
        var started = await cycle.Service.StartAsync(ReportPeriod.T1, 2026, new DateOnly(2026, 12, 9), 0.5m, units, cycle.Structure,
            new CyclePerson("Hanna Sekreterare", $"hanna.sekreterare.{tag}@example.org"), "form-1");
        Assert.False(started.Refused, started.Decision.Refusal?.Message);
        OpenUnitsResult opened;
        do
        {
            opened = await cycle.Service.OpenUnitsAsync(CycleId, 20);
        }
        while (opened.Remaining > 0);
        await cycle.DrainAsync();
        return cycle;
    }

    public ReportingUnit Unit(string id) => Units.Single(u => u.Id == id);

    /// <summary>The unit's manager opens the request mail's link in a browser of their own.</summary>
    public async Task<IPage> OpenUnitFormAsync(ReportingUnit unit)
    {
        var mail = await fixture.MailDev.WaitForMailAsync(
            m => m.To.Any(t => t.Address == unit.Manager.Email) && m.Subject == $"Underlag till tertialrapport 1 2026: {unit.Name}", BrowserFixture.MailTimeout);
        var page = await NewPageAsync();
        await page.GotoAsync(CycleLinkBrowser.LinkIn(mail, "enhet", Host.BaseAddress).AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{unit.Name}: underlag till tertialrapport 1 2026");
        return page;
    }

    /// <summary>The department head opens the link in the mail that says the unit is klarmarkerad.</summary>
    public async Task<IPage> OpenDepartmentPageAsync(ReportingUnit unit)
    {
        var mail = await fixture.MailDev.WaitForMailAsync(
            m => m.To.Any(t => t.Address == unit.DepartmentHead.Email) && m.Subject.StartsWith($"Klarmarkerad: {unit.Name}", StringComparison.Ordinal), BrowserFixture.MailTimeout);
        var page = await NewPageAsync();
        await page.GotoAsync(CycleLinkBrowser.LinkIn(mail, "avdelning", Host.BaseAddress).AbsoluteUri);
        return page;
    }

    /// <summary>Klarmarkera a complete input through the unit's request link, as the form would, and send the mails.</summary>
    public async Task MarkReadyAsync(ReportingUnit unit)
    {
        var mail = await fixture.MailDev.WaitForMailAsync(
            m => m.To.Any(t => t.Address == unit.Manager.Email) && m.Subject == $"Underlag till tertialrapport 1 2026: {unit.Name}", BrowserFixture.MailTimeout);
        var token = Uri.UnescapeDataString(CycleLinkBrowser.LinkIn(mail, "enhet", Host.BaseAddress).AbsolutePath["/enhet/".Length..]);
        var a = Structure.Assignments.Single(x => x.UnitId == unit.Id);
        var input = new UnitInput(
            [.. a.GoalIds.Select(g => new GoalAssessment(g, GoalFulfilment.Partly, "Verksamheten följer planen."))],
            [],
            [.. a.ActivityIds.Select(id => new ActivityStatus(id, ActivityProgress.OnPlan, ""))],
            [.. a.Budget.Select(b => new EconomyForecast(b.Id, b.Budget, ""))],
            "", "");
        var ready = await Service.MarkReadyAsync(token, unit.Id, input, 0);
        Assert.False(ready.Refused, ready.Decision.Refusal?.Message);
        await DrainAsync();
    }

    public async Task<UnitReport> ReportAsync(ReportingUnit unit) =>
        (await Service.Store.LoadUnitAsync(CycleId, unit.Id)).State.ReportOrNull!;

    private async Task DrainAsync()
    {
        var outbox = Host.Service<Justera.Storage.Outbox.OutboxStore>();
        var until = DateTime.UtcNow + BrowserFixture.MailTimeout;
        while ((await outbox.ReadCycleAsync(CycleId)).Count > 0)
        {
            Assert.True(DateTime.UtcNow < until, "The cycle's outbox was not emptied in time.");
            await Host.DispatchOnceAsync();
        }
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.NewContextAsync();
        contexts.Add(context);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts)
            await context.CloseAsync();
        await Host.DisposeAsync();
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Justera.Core.ReportCycles;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.ReportCycles.Cycles;

/// <summary>
/// "Ny rapportcykel" as a secretary uses it: a start that reaches every manager by mail and lands on the dashboard, and
/// every way a start can be wrong — each answered at its field in Swedish, with nothing stored and nothing sent.
/// </summary>
[Collection(CyclePagesServers.Name)]
public sealed class CycleStartPageTests(ServersFixture servers)
{
    [Fact]
    public async Task GivenUnitsAndAStructure_WhenTheSecretaryStartsACycleOnThePage_ThenEachManagerGetsOneRequestPerUnitAndTheDashboardListsEveryUnit()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers, backgroundLoops: true);
        var form = await s.GetPageAsync("/rapportcykler/ny");
        Assert.Equal("Ny rapportcykel", form.Heading);
        // The units to choose from, grouped per department, as the register has them.
        Assert.Contains("Avdelningen för förskola Förskolorna i Bredäng (FSK-01, Åsa Lindholm)", form.Text);
        Assert.Contains("Alla enheter (10 i registret)", form.Text);

        await s.StartFromPageAsync();

        // The engine's orchestration opens the units and sends the requests: one per unit, to its own manager.
        await Eventually.TrueAsync(async () => (await s.MailDev.GetMailsAsync()).Count(IsRequest) >= s.Units.Count,
            CycleScenario.MailTimeout, "Not every unit's request arrived in time.");
        var mails = await s.MailsAsync();
        Assert.Equal(s.Units.Count, mails.Count(IsRequest));
        foreach (var unit in s.Units)
        {
            var request = Assert.Single(mails, m => m.Subject == CycleScenario.RequestSubject(unit));
            Assert.Equal(unit.Manager.Email, Assert.Single(request.To).Address);
            Assert.Equal(unit.Id, CycleScenario.Read(Assert.Single(CycleScenario.UnitTokens(request))).Scope);
        }

        var dashboard = await s.GetPageAsync($"/rapportcykler/{CyclePagesScenario.CycleId}");
        Assert.Equal(HttpStatusCode.OK, dashboard.Status);
        Assert.Equal("Tertialrapport 1 2026", dashboard.Heading);
        Assert.Contains("Rapportcykeln är startad.", dashboard.Text);
        Assert.Contains("Sista dag tisdagen den 15 december 2026", dashboard.Text);
        Assert.Contains("0 av 10 enheter klara", dashboard.Text);
        Assert.Contains("Avdelningen för förskola 0 av 4 enheter klara", dashboard.Text);
        Assert.Contains("Avdelningen för äldreomsorg 0 av 3 enheter klara", dashboard.Text);
        foreach (var unit in s.Units)
            Assert.Equal($"{unit.Name} {unit.Id} {unit.Manager.Name} ej påbörjad 15 december 2026 –", Row(dashboard, unit.Id));
        Assert.Contains($"{CyclePagesScenario.SecretaryEmail} startade tertialrapport 1 2026 för 10 enheter, sista dag 15 december 2026, gräns för avvikelse 0,5 mnkr.", dashboard.Text);

        // The confirmation is shown once: a reload does not repeat it.
        Assert.DoesNotContain("Rapportcykeln är startad.", (await s.GetPageAsync($"/rapportcykler/{CyclePagesScenario.CycleId}")).Text);

        var list = await s.GetPageAsync("/rapportcykler");
        Assert.Contains("Tertialrapport 1 2026 T1 2026 Pågår 15 december 2026 0 av 10 enheter klara", list.Text);
    }

    [Fact]
    public async Task GivenAStartFormWithoutItsAntiforgeryToken_WhenPosted_ThenTheFormHasExpiredAndNothingIsStored()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);
        using var response = await s.StartFromPageAsync(CyclePagesScenario.StartFields(), withAntiforgery: false);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Formuläret har gått ut", page.Heading);
        Assert.Contains("Inget har sparats.", page.Text);
        await s.AssertNoCycleAsync();
    }

    [Fact]
    public async Task GivenEveryFieldWrong_WhenTheStartIsPosted_ThenEachFieldSaysWhatIsWrongInSwedishAndNothingIsStoredOrSent()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);
        using var response = await s.StartFromPageAsync(CyclePagesScenario.StartFields(
            ("period", ""), ("year", "20x6"), ("deadline", "2026-13-45"), ("deviationThreshold", "mycket"), ("unitSelection", "valda")));
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Det finns 5 fel att rätta", page.Text);
        Assert.Contains("Välj period: T1, T2 eller VB.", FieldError(page, "period"));
        Assert.Contains("Året ska vara ett årtal mellan 2000 och 2100", FieldError(page, "year"));
        Assert.Contains("Skriv sista dag som ÅÅÅÅ-MM-DD", FieldError(page, "deadline"));
        Assert.StartsWith("Gränsen för avvikelse:", FieldError(page, "deviationThreshold"), StringComparison.Ordinal);
        Assert.Contains("Välj minst en enhet, eller välj alla enheter.", FieldError(page, "units"));
        // Each field is marked and tied to its message; what was typed is shown again.
        Assert.Matches("""id="deadline"[^>]*value="2026-13-45"[^>]*aria-describedby="deadline-hint deadline-fel" aria-invalid="true" """.Trim(), page.Html);
        Assert.Matches("""id="unitSelection-valda"[^>]*checked""", page.Html);
        await s.AssertNoCycleAsync();
        Assert.Empty(await s.MailsAsync());
    }

    [Theory]
    [InlineData("9999-12-31", "Sista dag får ligga högst ett år fram i tiden")]
    [InlineData("2027-12-09", "Sista dag får ligga högst ett år fram i tiden")]
    [InlineData("0001-01-01", "Sista dag har redan passerat")]
    [InlineData("2026-12-07", "Sista dag har redan passerat")]
    [InlineData("2026-12-24", "Sista dag måste vara en arbetsdag; 24 december 2026 är julafton")]
    [InlineData("2026-12-12", "Sista dag måste vara en arbetsdag; 12 december 2026 är lördag")]
    [InlineData("imorgon", "Skriv sista dag som ÅÅÅÅ-MM-DD")]
    [InlineData("2026-02-30", "Skriv sista dag som ÅÅÅÅ-MM-DD")]
    public async Task GivenAnAbsurdOrImpossibleDeadline_WhenTheStartIsPosted_ThenTheDeadlineIsRefusedAndNothingIsStored(string deadline, string message)
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);
        using var response = await s.StartFromPageAsync(CyclePagesScenario.StartFields(("deadline", deadline)));
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains(message, FieldError(page, "deadline"));
        Assert.Contains("Det finns 1 fel att rätta", page.Text);
        await s.AssertNoCycleAsync();
    }

    [Fact]
    public async Task GivenADeadlineAsSwedesWriteIt_WhenTheStartIsPosted_ThenTheCycleStartsWithThatDay()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);
        using var response = await s.StartFromPageAsync(CyclePagesScenario.StartFields(("deadline", "16 december 2026")));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(new DateOnly(2026, 12, 16), (await s.Service.LoadCycleAsync(CyclePagesScenario.CycleId)).State.CycleOrNull!.Deadline);
    }

    [Fact]
    public async Task GivenAYearWithoutAStructure_WhenTheStartIsPosted_ThenThePageSaysToImportItAndLinksToTheStructurePage()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);
        using var response = await s.StartFromPageAsync(CyclePagesScenario.StartFields(("year", "2027")));
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Det finns ingen målstruktur för 2027. Importera årets målstruktur under Målstruktur först.", FieldError(page, "year"));
        Assert.Contains("""<a href="/malstruktur">importera målstrukturen under Målstruktur</a>""", page.Html, StringComparison.Ordinal);
        // The year sent stays chosen beside its error.
        Assert.Contains("""<option value="2027" selected>""", page.Html, StringComparison.Ordinal);
        await s.AssertNoCycleAsync();
    }

    [Fact]
    public async Task GivenChosenUnitsThatTheRegisterDoesNotHave_WhenTheStartIsPosted_ThenTheUnknownOnesAreNamedAndNothingIsStored()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);
        var fields = CyclePagesScenario.StartFields(("unitSelection", "valda"));
        fields.Add(new("units", "FSK-01"));
        fields.Add(new("units", "NOPE-1"));
        fields.Add(new("units", new string('x', 5000)));
        using var response = await s.StartFromPageAsync(fields);
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        var units = FieldError(page, "units");
        Assert.Contains("Enheten ”NOPE-1” finns inte i enhetsregistret.", units);
        Assert.Contains($"Enheten ”{new string('x', 40)}…” finns inte i enhetsregistret.", units);
        // The boxes ticked stay ticked.
        Assert.Matches("""<input type="checkbox" id="enhet-0" name="units" value="FSK-01" checked>""", page.Html);
        await s.AssertNoCycleAsync();
    }

    [Fact]
    public async Task GivenChosenUnits_WhenTheCycleStarts_ThenOnlyThoseUnitsAreInIt()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);
        var fields = CyclePagesScenario.StartFields(("unitSelection", "valda"));
        fields.Add(new("units", "IFO-02"));
        fields.Add(new("units", "fsk-03"));
        using var response = await s.StartFromPageAsync(fields);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var cycle = (await s.Service.LoadCycleAsync(CyclePagesScenario.CycleId)).State.CycleOrNull!;
        // In the register's order, spelt as the register spells them.
        Assert.Equal(["FSK-03", "IFO-02"], cycle.Units.Select(u => u.Id));
        var dashboard = await s.GetPageAsync($"/rapportcykler/{CyclePagesScenario.CycleId}");
        Assert.Contains("0 av 2 enheter klara", dashboard.Text);
        Assert.DoesNotContain("Förskolorna i Bredäng", dashboard.Text);
    }

    [Fact]
    public async Task GivenAStartedCycle_WhenTheSamePeriodAndYearIsStartedAgain_ThenItIsRefusedInSwedishWhileTheSameFormSentTwiceStartsOnce()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);
        var form = (await s.GetPageAsync("/rapportcykler/ny")).Forms.Single(f => f.Action == "/rapportcykler/ny");
        var fields = form.Hidden.Concat(CyclePagesScenario.StartFields()).ToList();
        foreach (var _ in new[] { 1, 2 })
        {
            // A double click: the same form, with its one form key, twice.
            using var content = new FormUrlEncodedContent(fields);
            using var same = await s.Secretary.PostAsync(new Uri("/rapportcykler/ny", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.SeeOther, same.StatusCode);
        }
        Assert.Single(await s.Service.CycleHistoryAsync(CyclePagesScenario.CycleId));

        using var again = await s.StartFromPageAsync(CyclePagesScenario.StartFields(("deadline", "2026-12-16")));
        var page = await HtmlPage.ReadAsync(again);
        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Contains("Rapportcykeln startades inte Det finns redan en rapportcykel för tertialrapport 1 2026. Samma period kan bara startas en gång.", page.Text);
        Assert.Single(await s.Service.CycleHistoryAsync(CyclePagesScenario.CycleId));
        Assert.Equal(new DateOnly(2026, 12, 15), (await s.Service.LoadCycleAsync(CyclePagesScenario.CycleId)).State.CycleOrNull!.Deadline);
    }

    [Fact]
    public async Task GivenAnAdministrationWithoutSetUpData_WhenItsSecretaryOpensTheStartForm_ThenThePageLinksToTheImportsInstead()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers, importSetup: false);
        var page = await s.GetPageAsync("/rapportcykler/ny");

        Assert.Equal("Ny rapportcykel", page.Heading);
        Assert.Contains("Det finns ingen målstruktur importerad. Importera årets målstruktur under Målstruktur först.", page.Text);
        Assert.Contains("Enhetsregistret är tomt. Importera enheterna under Enheter först.", page.Text);
        Assert.Contains("""<a href="/malstruktur">""", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(page.Forms, f => f.Action == "/rapportcykler/ny");
    }

    [Fact]
    public async Task GivenAnotherAdministrationsCycle_WhenASecretaryOpensItOrTheList_ThenItDoesNotExistForThem()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);
        await s.StartFromPageAsync();
        var other = s.Host.NewSecretaryClient("olle.annan@example.org", Uri.EscapeDataString("Annanstads stadsdelsförvaltning"));

        var page = await s.GetPageAsync($"/rapportcykler/{CyclePagesScenario.CycleId}", other);
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Rapportcykeln finns inte", page.Heading);
        Assert.Contains("Det finns inga rapportcykler ännu.", (await s.GetPageAsync("/rapportcykler", other)).Text);
        using var api = await other.GetAsync(new Uri($"/api/rapportcykler/{CyclePagesScenario.CycleId}", UriKind.Relative));
        Assert.Equal("Rapportcykeln finns inte", (await CyclePagesScenario.JsonAsync(api, HttpStatusCode.NotFound)).GetProperty("title").GetString());
        // Nor may they act on it.
        using var close = await other.PostAsync(new Uri($"/api/rapportcykler/{CyclePagesScenario.CycleId}/stang", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, close.StatusCode);
        Assert.IsType<ReportCycleState.Open>((await s.Service.LoadCycleAsync(CyclePagesScenario.CycleId)).State);
    }

    [Fact]
    public async Task GivenAStartFormWithAHugeField_WhenPosted_ThenItIsRefusedAsUnreadableInSwedishAndNothingIsStored()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);
        using var response = await s.StartFromPageAsync(CyclePagesScenario.StartFields(("deviationThreshold", new string('9', 300 * 1024))));
        var page = await HtmlPage.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Formuläret kan inte läsas", page.Heading);
        Assert.Contains("Inget har sparats.", page.Text);
        await s.AssertNoCycleAsync();
    }

    private static bool IsRequest(ReceivedMail m) => m.Subject.StartsWith("Underlag till tertialrapport 1 2026", StringComparison.Ordinal);

    /// <summary>The message shown at a field (its element <c>{field}-fel</c>), as a person reads it.</summary>
    internal static string FieldError(HtmlPage page, string field)
    {
        var match = Regex.Match(page.Html, $"""<p class="fel" id="{Regex.Escape(field)}-fel">(.*?)</p>""", RegexOptions.Singleline);
        Assert.True(match.Success, $"No error at {field}; the page reads: {page.Text}");
        return Visible(match.Groups[1].Value).Replace("Fel: ", "", StringComparison.Ordinal);
    }

    /// <summary>A unit's row of the dashboard, as a person reads it.</summary>
    internal static string Row(HtmlPage page, string unitId)
    {
        var match = Regex.Match(page.Html, $"""<tr data-unit="{Regex.Escape(unitId)}">(.*?)</tr>""", RegexOptions.Singleline);
        Assert.True(match.Success, $"No row for {unitId}.");
        return Visible(match.Groups[1].Value);
    }

    private static string Visible(string html) => new HtmlPage(HttpStatusCode.OK, html, new Dictionary<string, string>()).Text;
}

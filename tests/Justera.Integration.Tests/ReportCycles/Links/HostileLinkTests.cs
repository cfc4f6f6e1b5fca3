using System.Net;
using Justera.Core.ReportCycles;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using static Justera.Integration.Tests.ReportCycles.Links.UnitFormFlowTests;

namespace Justera.Integration.Tests.ReportCycles.Links;

/// <summary>
/// What people and scripts get wrong on the report cycle's links — numbers nobody can read, oversized texts, forged or
/// foreign forms, links of the wrong kind or of a closed period — each answered with a 4xx page in Swedish, and nothing
/// stored or sent.
/// </summary>
[Collection(ReportCyclesServers.Name)]
public sealed class HostileLinkTests(ServersFixture servers) : IAsyncLifetime
{
    private const string Utfall = $"indikator[{SplitIndicator}].utfall";

    private CycleScenario s = null!;

    public async Task InitializeAsync() => s = await CycleScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenHostileUnitForms_WhenPosted_ThenEachGetsA4xxPageInSwedishAndNothingIsStoredOrSent()
    {
        await s.StartAndOpenAsync();
        await s.DrainAsync();
        var link = CycleLinkBrowser.LinkIn(Assert.Single(await s.MailsAsync(), m => m.Subject == CycleScenario.RequestSubject(s.Unit(Bredang))), "enhet", s.Host.BaseAddress);
        var browser = new CycleLinkBrowser(s.Host.NewBrowser());
        var form = Assert.Single((await browser.OpenAsync(link)).Forms);
        var before = await SnapshotAsync();

        async Task<HtmlPage> Refused(HttpStatusCode status, IEnumerable<KeyValuePair<string, string>> fields, bool withHidden = true, params string[] texts)
        {
            var page = await browser.PostForPageAsync(link, form, fields, withHidden);
            Assert.True(page.Status == status, $"Expected {(int)status}, got {(int)page.Status}: {page.Text[..Math.Min(2000, page.Text.Length)]}");
            foreach (var text in texts)
                Assert.Contains(text, page.Text, StringComparison.Ordinal);
            Assert.Equal(before, await SnapshotAsync());
            return page;
        }

        // Numbers nobody can read: each its own message beside its field, and what was typed is shown again.
        var garbage = Draft();
        garbage[Utfall] = "trettio";
        garbage[$"indikator[{SplitIndicator}].prognos"] = "1,2,3";
        garbage[$"indikator[{SplitIndicator}].utfallMan"] = "12-5";
        garbage["ekonomi[personal].prognos"] = "38,6 kr";
        var page = await Refused(HttpStatusCode.BadRequest, With(garbage, "spara"), texts:
        [
            "Det finns 4 fel att rätta",
            "Skriv bara siffror, till exempel 1 268,2, utan bokstäver eller enhet.",
            "Talet har mer än ett decimaltecken.",
            "Plus- eller minustecknet får bara stå först i talet",
        ]);
        Assert.Equal("trettio", CycleLinkBrowser.ValueOf(page, Utfall));
        Assert.Equal("38,6 kr", CycleLinkBrowser.ValueOf(page, "ekonomi[personal].prognos"));
        Assert.Contains($"aria-describedby=\"indikator[{SplitIndicator}].jamfor {Utfall}-fel\"", CycleLinkBrowser.ControlTag(page, Utfall), StringComparison.Ordinal);
        Assert.Equal("Analysen av förskolans mål.\n\nAndra stycket.", CycleLinkBrowser.ValueOf(page, $"mal[{BoardGoalPartly}].analys"));

        // Past Int64 and double, in every notation, and past the form's own bounds.
        var huge = Draft();
        huge[Utfall] = "99999999999999999999";
        huge[$"indikator[{SplitIndicator}].prognos"] = "1e400";
        huge["ekonomi[lokaler].prognos"] = "1.7976931348623157E+309";
        huge["ekonomi[ovrigt].prognos"] = new string('9', 80);
        await Refused(HttpStatusCode.BadRequest, With(huge, "spara"), texts:
        [
            "Talet är för stort: det får ha högst 15 siffror före decimaltecknet.",
            "Skriv bara siffror",
            "Talet är för långt: högst 64 tecken.",
        ]);
        var outOfRange = Draft();
        outOfRange[Utfall] = "250 %";
        outOfRange["ekonomi[personal].prognos"] = "123 456 789";
        await Refused(HttpStatusCode.BadRequest, With(outOfRange, "spara"), texts:
        [
            "är en andel och ska vara mellan 0 och 100 %.",
            "Prognosen ska anges i mnkr och vara högst 100 000.",
        ]);

        // A text past the rule's 10 000 characters gets the field's message; a 1 MB field never reaches the form at all.
        var longText = Draft();
        longText["godaExempel"] = new string('å', 20_000);
        await Refused(HttpStatusCode.BadRequest, With(longText, "spara"), texts: ["Goda exempel får vara högst 10 000 tecken; den är 20 000."]);
        var megabyte = Draft();
        megabyte[$"mal[{BoardGoalPartly}].analys"] = new string('x', 1024 * 1024);
        await Refused(HttpStatusCode.BadRequest, With(megabyte, "spara"), texts: ["Formuläret kan inte läsas", "Inget har sparats."]);

        // Without the anti-forgery token, with fields the form does not have, for a goal the unit does not assess.
        await Refused(HttpStatusCode.BadRequest, With(Draft(), "spara").Concat([new("enhet", Bredang), new("version", "0")]), withHidden: false,
            texts: ["Formuläret har gått ut"]);
        await Refused(HttpStatusCode.BadRequest, With(Draft(), "spara").Append(new("hemligt", "1")), texts: ["Formuläret innehåller fält som inte hör till enhetens formulär (hemligt)."]);
        await Refused(HttpStatusCode.BadRequest, With(Draft(), "klarmarkera").Append(new("mal[KF1.1].analys", "Inte vårt mål.")), texts: ["mal[KF1.1].analys"]);
        var twice = With(Draft(), "spara").Append(new(Utfall, "12")).ToList();
        await Refused(HttpStatusCode.BadRequest, twice, texts: ["Fältet skickades mer än en gång."]);
        var badChoice = Draft();
        badChoice["aktivitet[akt-laslyftet].status"] = "klar";
        await Refused(HttpStatusCode.BadRequest, With(badChoice, "spara"), texts: ["Välj ett av alternativen enligt plan, delvis enligt plan eller inte enligt plan."]);

        // Another unit's id in this link's form, a unit that does not exist, a version or button that is not the form's.
        List<KeyValuePair<string, string>> Hidden(string name, string value) =>
            [.. form.Hidden.Where(h => h.Key != name), new(name, value)];
        await Refused(HttpStatusCode.Forbidden, Hidden("enhet", "FSK-02").Concat(With(Draft(), "spara")), withHidden: false,
            texts: ["Länken gäller Förskolorna i Bredäng, inte Förskolorna i Sätra."]);
        await Refused(HttpStatusCode.BadRequest, Hidden("enhet", "../ALD-01'\"<x>").Concat(With(Draft(), "spara")), withHidden: false,
            texts: ["Formuläret gäller ingen enhet i rapportperioden."]);
        await Refused(HttpStatusCode.BadRequest, Hidden("version", "-1").Concat(With(Draft(), "spara")), withHidden: false,
            texts: ["Formulärets version saknas eller är felaktig."]);
        await Refused(HttpStatusCode.BadRequest, Hidden("version", "99").Concat(With(Draft(), "spara")), withHidden: false,
            texts: ["Formulärets version finns inte. Ladda om sidan."]);
        await Refused(HttpStatusCode.BadRequest, With(Draft(), "radera"), texts: ["Formuläret säger inte om det ska sparas som utkast eller klarmarkeras."]);
        using (var json = await browser.Http.PostAsync(link, new StringContent("{}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
            Assert.Contains("Skicka ett formulär", (await HtmlPage.ReadAsync(json)).Text, StringComparison.Ordinal);
        }

        // The same browser still saves the same form once it is right.
        var saved = await browser.SubmitAsync(link, form, With(Draft(), "spara"));
        Assert.Contains("Utkastet är sparat.", saved.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenLinksOfTheWrongKindOrAClosedPeriod_WhenUsedOnEitherPage_ThenTheyOpenNothingAndChangeNothing()
    {
        await s.StartAndOpenAsync();
        await s.DrainAsync();
        var mails = await s.MailsAsync();
        var managerLink = CycleLinkBrowser.LinkIn(Assert.Single(mails, m => m.Subject == CycleScenario.RequestSubject(s.Unit(Bredang))), "enhet", s.Host.BaseAddress);
        var open = s.Unit("FSK-04");
        var openToken = CycleScenario.UnitTokens(Assert.Single(mails, m => m.Subject == CycleScenario.RequestSubject(open)))[0];
        await s.MailDev.DeleteAllAsync();
        var ready = await s.Service.MarkReadyAsync(openToken, open.Id, s.CompleteInput(open.Id), 0);
        Assert.False(ready.Refused, ready.Decision.Refusal?.Message);
        await s.DrainAsync();
        var headLink = CycleLinkBrowser.LinkIn(Assert.Single(await s.MailsAsync()), "avdelning", s.Host.BaseAddress);
        var headToken = headLink.AbsolutePath["/avdelning/".Length..];
        var managerToken = managerLink.AbsolutePath["/enhet/".Length..];
        var browser = new CycleLinkBrowser(s.Host.NewBrowser());
        var managerForm = Assert.Single((await browser.OpenAsync(managerLink)).Forms);
        var review = await browser.OpenAsync(headLink);
        var approveForm = review.Forms[0];
        var before = await SnapshotAsync();

        async Task NotValid(HtmlPage page)
        {
            Assert.True(page.Status == HttpStatusCode.NotFound, $"Expected 404, got {(int)page.Status}: {page.Text}");
            Assert.Equal("Länken fungerar inte", page.Heading);
            Assert.Contains("Kontrollera att du har kopierat hela länken från e-postmeddelandet.", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Förskolorna", page.Text, StringComparison.Ordinal);
            Assert.Equal(before, await SnapshotAsync());
        }

        var tampered = managerToken[..^3] + (managerToken[^3] == 'A' ? "B" : "A") + managerToken[^2..];
        foreach (var path in new[] { $"/enhet/{headToken}", $"/avdelning/{managerToken}", "/enhet/inte-en-lank", "/avdelning/inte-en-lank", $"/enhet/{tampered}", $"/enhet/{managerToken}x" })
            await NotValid(await browser.GetAsync(new Uri(s.Host.BaseAddress, path)));
        // A genuine form posted to the department head's link on /enhet, and the head's form to the manager's link.
        await NotValid(await browser.PostForPageAsync(new Uri(s.Host.BaseAddress, $"/enhet/{headToken}"), managerForm with { Action = $"/enhet/{headToken}" }, With(Draft(), "spara")));
        await NotValid(await browser.PostForPageAsync(new Uri(s.Host.BaseAddress, $"/avdelning/{managerToken}"), approveForm with { Action = $"/avdelning/{managerToken}" }, [new("atgard", "godkann")]));

        // The department page's forms: forged, foreign, stale.
        async Task<HtmlPage> Review(HttpStatusCode status, IEnumerable<KeyValuePair<string, string>> fields, bool withHidden, string text)
        {
            var page = await browser.PostForPageAsync(headLink, approveForm, fields, withHidden);
            Assert.True(page.Status == status, $"Expected {(int)status}, got {(int)page.Status}: {page.Text}");
            Assert.Contains(text, page.Text, StringComparison.Ordinal);
            Assert.Equal(before, await SnapshotAsync());
            return page;
        }
        List<KeyValuePair<string, string>> Hidden(string name, string value) =>
            [.. approveForm.Hidden.Where(h => h.Key != name), new(name, value)];
        await Review(HttpStatusCode.BadRequest, [new("enhet", open.Id), new("version", "1"), new("atgard", "godkann")], false, "Formuläret har gått ut");
        await Review(HttpStatusCode.BadRequest, [new("atgard", "godkann"), new("godkandAv", "Någon annan")], true, "Formuläret innehåller fält som inte hör till granskningen.");
        await Review(HttpStatusCode.Forbidden, Hidden("enhet", "ALD-01").Append(new("atgard", "godkann")), false, "Enheten hör inte till Avdelningen för förskola.");
        await Review(HttpStatusCode.Conflict, Hidden("version", "0").Append(new("atgard", "godkann")), false, "Rapporten har ändrats sedan du läste den.");
        await Review(HttpStatusCode.BadRequest, [new("atgard", "radera")], true, "Formuläret säger inte om rapporten ska godkännas eller skickas tillbaka.");
        await Review(HttpStatusCode.BadRequest, [new("atgard", "skickaTillbaka"), new("kommentar", new string('x', 5000))], true, "Kommentaren får vara högst 4000 tecken.");
        Assert.Equal(UnitPhase.Ready, (await s.Service.UnitFormAsync(openToken)).Unit!.State.Phase);

        // Past the deadline the head's page says which units are late; a klarmarkerad unit is not.
        s.Host.Clock.Advance(TimeSpan.FromDays(2));
        var late = await browser.OpenAsync(headLink);
        Assert.Contains("Förskolorna i Bredäng Åsa Lindholm Ej påbörjad, sen onsdagen den 9 december 2026", late.Text, StringComparison.Ordinal);
        Assert.Contains("Öppna förskolan Leila Haddad Klarmarkerad onsdagen den 9 december 2026", late.Text, StringComparison.Ordinal);

        // A closed period: every link says so with 410, forms posted anyway change nothing.
        var closed = await s.Service.CloseAsync(CycleScenario.CycleId, confirmedMissing: true, "Hanna Sekreterare");
        Assert.False(closed.Refused, closed.Decision.Refusal?.Message);
        before = await SnapshotAsync();
        foreach (var page in new[]
        {
            await browser.GetAsync(managerLink),
            await browser.GetAsync(headLink),
            await browser.PostForPageAsync(managerLink, managerForm, With(Draft(), "spara")),
            await browser.PostForPageAsync(headLink, approveForm, [new("atgard", "godkann")]),
        })
        {
            Assert.Equal(HttpStatusCode.Gone, page.Status);
            Assert.Equal("Perioden är stängd", page.Heading);
            Assert.Contains("tertialrapport 1 2026 tar inte emot fler ändringar", page.Text, StringComparison.Ordinal);
        }
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(["UnitOpened"], (await s.Service.UnitHistoryAsync(CycleScenario.CycleId, Bredang)).SelectMany(d => d.Events).Select(e => e.GetType().Name));
    }

    /// <summary>Every unit's stream version and the cycle's outbox: what a refused request must leave as it was.</summary>
    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var unit in s.Units)
            parts.Add($"{unit.Id}:{(await s.Service.Store.LoadUnitAsync(CycleScenario.CycleId, unit.Id)).Version}");
        parts.Add($"outbox:{(await s.Host.Service<Storage.Outbox.OutboxStore>().ReadCycleAsync(CycleScenario.CycleId)).Count}");
        parts.Add($"cycle:{(await s.Service.LoadCycleAsync(CycleScenario.CycleId)).Version}");
        return string.Join(' ', parts);
    }
}

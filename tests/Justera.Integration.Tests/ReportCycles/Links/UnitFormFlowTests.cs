using System.Net;
using Justera.Core.ReportCycles;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.ReportCycles.Links;

/// <summary>
/// The unit form and the department head's page through HTTP, as people use them: the links come from the e-mails
/// maildev received, forms are posted with their own hidden fields, and each step is checked in what the next page
/// says and in what the unit's stream holds.
/// </summary>
[Collection(ReportCyclesServers.Name)]
public sealed class UnitFormFlowTests(ServersFixture servers) : IAsyncLifetime
{
    public const string Bredang = "FSK-01";
    public const string BoardGoalNotMet = "NM3.2.1";
    public const string BoardGoalPartly = "NM1.3.1";
    public const string SplitIndicator = "ind-leg-forskollarare";

    /// <summary>How the pages name <see cref="BoardGoalNotMet"/>: its title cut at 60 characters (StructureLabels).</summary>
    public const string NotMetLabel = "nämndmålet ”Förvaltningen har närvarande ledare och engagerade medarbet…”";

    private CycleScenario s = null!;

    public async Task InitializeAsync() => s = await CycleScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    /// <summary>
    /// The form for Förskolorna i Bredäng as a manager fills it in, numbers typed the Swedish ways, with the analysis
    /// of the goal that is not met left out (klarmarkera must ask for it).
    /// </summary>
    public static Dictionary<string, string> Draft() => new()
    {
        ["mal[KF1.3].maluppfyllelse"] = "helt",
        [$"mal[{BoardGoalPartly}].maluppfyllelse"] = "delvis",
        [$"mal[{BoardGoalPartly}].analys"] = "Analysen av förskolans mål.\n\nAndra stycket.",
        [$"mal[{BoardGoalNotMet}].maluppfyllelse"] = "inte",
        [$"indikator[{SplitIndicator}].utfall"] = "31,5 %",
        [$"indikator[{SplitIndicator}].utfallMan"] = "12.5",
        [$"indikator[{SplitIndicator}].utfallKvinnor"] = "34",
        [$"indikator[{SplitIndicator}].prognos"] = "33",
        ["indikator[ind-avd-utan-leg].utfall"] = "1 268",
        ["indikator[ind-barn-per-anstalld].prognos"] = "5,1",
        ["aktivitet[akt-fysisk-aktivitet].status"] = "enligt-plan",
        ["aktivitet[akt-laslyftet].status"] = "delvis",
        ["aktivitet[akt-laslyftet].kommentar"] = "Läslyftet startar först i höst.",
        ["godaExempel"] = "Utevistelsen har ökat.",
        ["ekonomi[personal].prognos"] = "38,6",
        ["ekonomi[lokaler].prognos"] = "9.2",
        ["ekonomi[ovrigt].prognos"] = "3,1",
        ["ekonomi[intakter].prognos"] = "\u22124,6",
    };

    public static IEnumerable<KeyValuePair<string, string>> With(IReadOnlyDictionary<string, string> values, string action) =>
        values.Append(new("atgard", action));

    [Fact]
    public async Task GivenTheRequestMail_WhenTheManagerFillsInAndTheHeadSendsBackAndApproves_ThenEachPageSaysSoAndTheFormEndsReadOnly()
    {
        await s.StartAndOpenAsync();
        await s.DrainAsync();
        var unit = s.Unit(Bredang);
        var link = CycleLinkBrowser.LinkIn(Assert.Single(await s.MailsAsync(), m => m.Subject == CycleScenario.RequestSubject(unit)), "enhet", s.Host.BaseAddress);
        await s.MailDev.DeleteAllAsync();
        var manager = new CycleLinkBrowser(s.Host.NewBrowser());

        var empty = await manager.OpenAsync(link);
        Assert.Equal("Förskolorna i Bredäng: underlag till tertialrapport 1 2026", empty.Heading);
        Assert.Contains("Du fyller i som Åsa Lindholm, enhetschef för Förskolorna i Bredäng", empty.Text, StringComparison.Ordinal);
        Assert.Contains("Årsmål: 33 %. KF:s årsmål: 33 %.", empty.Text, StringComparison.Ordinal);
        Assert.Contains("Budget: 38,4 mnkr.", empty.Text, StringComparison.Ordinal);
        Assert.Equal("no-referrer", empty.Headers["Referrer-Policy"]);
        Assert.Contains("no-store", empty.Headers["Cache-Control"], StringComparison.Ordinal);

        // Spara utkast: 303 back to the form, which shows what was saved, the numbers written the Swedish way.
        var saved = await manager.SubmitAsync(link, Assert.Single(empty.Forms), With(Draft(), "spara"));
        Assert.Contains("Utkastet är sparat.", saved.Text, StringComparison.Ordinal);
        Assert.Equal("31,5", CycleLinkBrowser.ValueOf(saved, $"indikator[{SplitIndicator}].utfall"));
        Assert.Equal("1\u00A0268", CycleLinkBrowser.ValueOf(saved, "indikator[ind-avd-utan-leg].utfall"));
        Assert.Equal("-4,6", CycleLinkBrowser.ValueOf(saved, "ekonomi[intakter].prognos"));
        Assert.Equal("Analysen av förskolans mål.\n\nAndra stycket.", CycleLinkBrowser.ValueOf(saved, $"mal[{BoardGoalPartly}].analys"));
        Assert.Equal("delvis", CycleLinkBrowser.CheckedValue(saved, $"mal[{BoardGoalPartly}].maluppfyllelse"));
        Assert.Contains("Avvikelse enligt prognosen: -0,2 mnkr.", saved.Text, StringComparison.Ordinal);
        var stored = await ReportAsync(link);
        Assert.Equal(1, stored.Version);
        var outcome = stored.Input.Indicators.Single(i => i.IndicatorId == SplitIndicator);
        Assert.Equal((31.5m, 12.5m, 34m, 33m), (outcome.Outcome, outcome.OutcomeMen, outcome.OutcomeWomen, outcome.FullYearForecast));
        Assert.Equal(1268m, stored.Input.Indicators.Single(i => i.IndicatorId == "ind-avd-utan-leg").Outcome);
        Assert.Equal(-4.6m, stored.Input.Economy.Single(e => e.BudgetRowId == "intakter").Forecast);

        // A reload in a new browser shows the same: the draft is stored, not kept in a session.
        var reloaded = await new CycleLinkBrowser(s.Host.NewBrowser()).OpenAsync(link);
        Assert.Equal("Läslyftet startar först i höst.", CycleLinkBrowser.ValueOf(reloaded, "aktivitet[akt-laslyftet].kommentar"));
        Assert.DoesNotContain("Utkastet är sparat.", reloaded.Text, StringComparison.Ordinal);

        // Klarmarkera without the analysis the unmet goal needs: 400, the error at the top and beside the field, nothing lost.
        var refused = await manager.PostForPageAsync(link, Assert.Single(saved.Forms), With(Draft(), "klarmarkera"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Det finns 1 fel att rätta", refused.Text, StringComparison.Ordinal);
        const string Missing = $"Skriv en analys för {NotMetLabel}: den behövs när målet inte uppfylls helt.";
        Assert.Contains(Missing, refused.Text, StringComparison.Ordinal);
        var analysis = $"mal[{BoardGoalNotMet}].analys";
        Assert.Contains($"href=\"#{analysis}\"", refused.Html, StringComparison.Ordinal);
        var tag = CycleLinkBrowser.ControlTag(refused, analysis);
        Assert.Contains("aria-invalid=\"true\"", tag, StringComparison.Ordinal);
        Assert.Contains($"{analysis}-fel", tag, StringComparison.Ordinal);
        Assert.Equal("31,5 %", CycleLinkBrowser.ValueOf(refused, $"indikator[{SplitIndicator}].utfall"));
        Assert.Equal((1, UnitPhase.Draft), ((await ReportAsync(link)).Version, (await StateAsync(link)).Phase));

        var fixedDraft = Draft();
        fixedDraft[analysis] = "Sjukfrånvaron har ökat under pandemin.";
        var ready = await manager.SubmitAsync(link, Assert.Single(refused.Forms), With(fixedDraft, "klarmarkera"));
        Assert.Contains("Rapporten är klarmarkerad och skickad till avdelningschefen", ready.Text, StringComparison.Ordinal);
        Assert.Empty(ready.Forms);
        Assert.Contains("Sjukfrånvaron har ökat under pandemin.", ready.Text, StringComparison.Ordinal);
        Assert.Equal(UnitPhase.Ready, (await StateAsync(link)).Phase);

        // The department head follows the klarmarkerad mail's link.
        await s.DrainAsync();
        var toHead = Assert.Single(await s.MailsAsync());
        Assert.Equal(unit.DepartmentHead.Email, Assert.Single(toHead.To).Address);
        var headLink = CycleLinkBrowser.LinkIn(toHead, "avdelning", s.Host.BaseAddress);
        await s.MailDev.DeleteAllAsync();
        var head = new CycleLinkBrowser(s.Host.NewBrowser());
        var review = await head.OpenAsync(headLink);
        Assert.Equal("Granskning: Avdelningen för förskola", review.Heading);
        Assert.Contains("Du granskar som Maria Berglund", review.Text, StringComparison.Ordinal);
        Assert.Contains("1 av 4 enheter klara", review.Text, StringComparison.Ordinal);
        Assert.Contains("Förskolorna i Bredäng Åsa Lindholm Klarmarkerad", review.Text, StringComparison.Ordinal);
        Assert.Contains("Förskolorna i Sätra Åsa Lindholm Ej påbörjad", review.Text, StringComparison.Ordinal);
        Assert.Contains("Sjukfrånvaron har ökat under pandemin.", review.Text, StringComparison.Ordinal);
        Assert.Equal(2, review.Forms.Count);

        // Sending back needs a comment.
        var sendBack = review.Forms[1];
        var noComment = await head.PostForPageAsync(headLink, sendBack, [new("atgard", "skickaTillbaka"), new("kommentar", "  ")]);
        Assert.Equal(HttpStatusCode.BadRequest, noComment.Status);
        Assert.Contains("Skriv vad enhetschefen behöver ändra.", noComment.Text, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", CycleLinkBrowser.ControlTag(noComment, $"kommentar-{Bredang}"), StringComparison.Ordinal);
        Assert.Equal(UnitPhase.Ready, (await StateAsync(link)).Phase);
        var sentBack = await head.SubmitAsync(headLink, sendBack, [new("atgard", "skickaTillbaka"), new("kommentar", "Förtydliga analysen av sjukfrånvaron.")]);
        Assert.Contains("Rapporten är återskickad.", sentBack.Text, StringComparison.Ordinal);
        Assert.Contains("Förskolorna i Bredäng Åsa Lindholm Återskickad", sentBack.Text, StringComparison.Ordinal);

        // The manager's new link shows the comment first, and the form can be edited again.
        await s.DrainAsync();
        var backMail = Assert.Single(await s.MailsAsync());
        var newLink = CycleLinkBrowser.LinkIn(backMail, "enhet", s.Host.BaseAddress);
        await s.MailDev.DeleteAllAsync();
        var again = await manager.OpenAsync(newLink);
        Assert.Contains("Avdelningschefen har skickat tillbaka rapporten Maria Berglund skrev", again.Text, StringComparison.Ordinal);
        Assert.Contains("Förtydliga analysen av sjukfrånvaron.", again.Text, StringComparison.Ordinal);
        Assert.True(again.Html.IndexOf("Förtydliga analysen", StringComparison.Ordinal) < again.Html.IndexOf("<form", StringComparison.Ordinal),
            "The department head's comment comes before the form.");
        Assert.Equal("Sjukfrånvaron har ökat under pandemin.", CycleLinkBrowser.ValueOf(again, analysis));
        fixedDraft[analysis] = "Sjukfrånvaron har ökat under pandemin; enheten följer upp varje fall.";
        var readyAgain = await manager.SubmitAsync(newLink, Assert.Single(again.Forms), With(fixedDraft, "klarmarkera"));
        Assert.Contains("Klarmarkerad", readyAgain.Text, StringComparison.Ordinal);

        // The head approves the new version from the same page.
        var second = await head.OpenAsync(headLink);
        var approved = await head.SubmitAsync(headLink, second.Forms[0], [new("atgard", "godkann")]);
        Assert.Contains("Rapporten är godkänd.", approved.Text, StringComparison.Ordinal);
        Assert.Contains("Förskolorna i Bredäng Åsa Lindholm Godkänd", approved.Text, StringComparison.Ordinal);
        Assert.Empty(approved.Forms);

        // After approval the form only reads, and an old open form posted anyway changes nothing.
        var readOnly = await manager.OpenAsync(newLink);
        Assert.Contains("Godkänd av Maria Berglund", readOnly.Text, StringComparison.Ordinal);
        Assert.Empty(readOnly.Forms);
        Assert.DoesNotContain("<textarea", readOnly.Html, StringComparison.Ordinal);
        Assert.Contains("enheten följer upp varje fall", readOnly.Text, StringComparison.Ordinal);
        var late = await manager.PostForPageAsync(newLink, Assert.Single(again.Forms), With(Draft(), "spara"));
        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.Contains("Rapporten är godkänd och kan inte längre ändras.", late.Text, StringComparison.Ordinal);
        var lateGarbage = Draft();
        lateGarbage[$"indikator[{SplitIndicator}].utfall"] = "trettio";
        var lateAndWrong = await manager.PostForPageAsync(newLink, Assert.Single(again.Forms), With(lateGarbage, "spara"));
        Assert.Equal(HttpStatusCode.Conflict, lateAndWrong.Status);
        Assert.Contains("Rapporten är klarmarkerad eller godkänd och kan inte ändras nu.", lateAndWrong.Text, StringComparison.Ordinal);

        var history = await s.Service.UnitHistoryAsync(CycleScenario.CycleId, Bredang);
        Assert.Equal(
            ["UnitOpened", "DraftSaved", "DraftSaved", "UnitMarkedReady", "UnitSentBack", "DraftSaved", "UnitMarkedReady", "UnitApproved"],
            history.SelectMany(d => d.Events).Select(e => e.GetType().Name));
    }

    [Fact]
    public async Task GivenTwoTabsOnOneForm_WhenTheSecondSavesAfterTheFirst_ThenItIsToldWhatChangedKeepsItsTextAndCanSaveKnowingly()
    {
        await s.StartAndOpenAsync();
        await s.DrainAsync();
        var link = CycleLinkBrowser.LinkIn(Assert.Single(await s.MailsAsync(), m => m.Subject == CycleScenario.RequestSubject(s.Unit(Bredang))), "enhet", s.Host.BaseAddress);
        var first = new CycleLinkBrowser(s.Host.NewBrowser());
        var second = new CycleLinkBrowser(s.Host.NewBrowser());
        var firstForm = Assert.Single((await first.OpenAsync(link)).Forms);
        var secondForm = Assert.Single((await second.OpenAsync(link)).Forms);

        var a = Draft();
        a[$"mal[{BoardGoalNotMet}].analys"] = "Den första fliken skrev det här.";
        await first.SubmitAsync(link, firstForm, With(a, "spara"));

        var b = Draft();
        b[$"mal[{BoardGoalNotMet}].analys"] = "Den andra fliken skrev något annat.";
        b["godaExempel"] = "";
        var stale = await second.PostForPageAsync(link, secondForm, With(b, "spara"));
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("Rapporten har sparats av någon annan medan du hade den öppen", stale.Text, StringComparison.Ordinal);
        Assert.Contains($"Analys för {NotMetLabel} har ändrats.", stale.Text, StringComparison.Ordinal);
        Assert.Contains("Goda exempel har ändrats.", stale.Text, StringComparison.Ordinal);
        Assert.Equal("Den andra fliken skrev något annat.", CycleLinkBrowser.ValueOf(stale, $"mal[{BoardGoalNotMet}].analys"));
        Assert.Equal("Den första fliken skrev det här.", (await ReportAsync(link)).Input.Goals.Single(g => g.GoalId == BoardGoalNotMet).Analysis);

        // Having seen what changed, saving again from the page it got replaces the stored version.
        var replaced = await second.SubmitAsync(link, Assert.Single(stale.Forms), With(b, "spara"));
        Assert.Contains("Utkastet är sparat.", replaced.Text, StringComparison.Ordinal);
        var report = await ReportAsync(link);
        Assert.Equal(2, report.Version);
        Assert.Equal("Den andra fliken skrev något annat.", report.Input.Goals.Single(g => g.GoalId == BoardGoalNotMet).Analysis);
    }

    [Fact]
    public async Task GivenTheLastPeriodsReport_WhenTheNextPeriodsFormOpens_ThenItsOutcomeIsShownAndItsTextsCanBeFetchedWithoutSaving()
    {
        await s.StartAndOpenAsync();
        await s.DrainAsync();
        var t1Link = CycleLinkBrowser.LinkIn(Assert.Single(await s.MailsAsync(), m => m.Subject == CycleScenario.RequestSubject(s.Unit(Bredang))), "enhet", s.Host.BaseAddress);
        var manager = new CycleLinkBrowser(s.Host.NewBrowser());
        await manager.SubmitAsync(t1Link, Assert.Single((await manager.OpenAsync(t1Link)).Forms), With(Draft(), "spara"));
        await s.MailDev.DeleteAllAsync();

        var t2 = ReportCycleIds.For(ReportPeriod.T2, 2026);
        var started = await s.Service.StartAsync(ReportPeriod.T2, 2026, CycleScenario.Deadline.AddDays(2), 0.5m, s.Units, s.Structure, CycleScenario.Secretary, "form-t2");
        Assert.False(started.Refused, started.Decision.Refusal?.Message);
        Application.ReportCycles.OpenUnitsResult opened;
        do
        {
            opened = await s.Service.OpenUnitsAsync(t2, 20);
        }
        while (opened.Remaining > 0);
        var outbox = s.Host.Service<Storage.Outbox.OutboxStore>();
        while ((await outbox.ReadCycleAsync(t2)).Count > 0)
            await s.Host.DispatchOnceAsync();
        var t2Mail = Assert.Single(await s.MailsAsync(), m => m.Subject == "Underlag till tertialrapport 2 2026: Förskolorna i Bredäng");
        var t2Link = CycleLinkBrowser.LinkIn(t2Mail, "enhet", s.Host.BaseAddress);

        var form = await manager.OpenAsync(t2Link);
        Assert.Contains("Årsmål: 33 %. KF:s årsmål: 33 %. Utfall T1 2026: 31,5 %.", form.Text, StringComparison.Ordinal);
        Assert.Equal("", CycleLinkBrowser.ValueOf(form, $"mal[{BoardGoalPartly}].analys"));
        var filled = await manager.PostForPageAsync(t2Link, Assert.Single(form.Forms), [new("atgard", "forra"), new("godaExempel", "Eget nytt exempel.")]);
        Assert.Equal(HttpStatusCode.OK, filled.Status);
        Assert.Contains("Texterna från T1 2026 är ifyllda där fälten var tomma. Inget är sparat ännu", filled.Text, StringComparison.Ordinal);
        Assert.Equal("Analysen av förskolans mål.\n\nAndra stycket.", CycleLinkBrowser.ValueOf(filled, $"mal[{BoardGoalPartly}].analys"));
        Assert.Equal("Eget nytt exempel.", CycleLinkBrowser.ValueOf(filled, "godaExempel"));
        Assert.Equal(0, (await s.Service.UnitFormAsync(t2Link.AbsolutePath["/enhet/".Length..])).InputVersion);
    }

    private async Task<UnitReportState> StateAsync(Uri link)
    {
        var view = await s.Service.UnitFormAsync(Uri.UnescapeDataString(link.AbsolutePath["/enhet/".Length..]));
        Assert.Null(view.Refusal);
        return view.Unit!.State;
    }

    private async Task<UnitReport> ReportAsync(Uri link) => (await StateAsync(link)).ReportOrNull!;
}

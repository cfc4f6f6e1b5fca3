using Justera.Application.ReportCycles;
using Justera.Core.JusteringRounds;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Compilation;
using Justera.Core.Swedish;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Justera.Web.Secretary;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.ReportCycles.Reports;

/// <summary>The report page's model: the view, the confirmation of the action that led here, or the refusal of the one just posted.</summary>
internal sealed record ReportPageModel(CycleReportView View, string? Done = null, string? Refusal = null);

/// <summary>
/// "Rapport": the compiled report of a cycle — whether a compilation is running or failed, the versions to download
/// as Word and Excel, "Sammanställ" once the period is closed, and the hand-over to the justering of the FG protocol.
/// </summary>
internal static class ReportPages
{
    public const string Compile = "sammanstall";

    /// <summary>Seconds between the page's own reloads while a compilation runs (HTTP Refresh; nothing else reloads it).</summary>
    public const int RefreshSeconds = 5;

    public static string Path(string cycleId) => $"/rapportcykler/{cycleId}/rapport";

    public static string FilePath(string cycleId, int number, ReportFormat format) =>
        $"/rapportcykler/{cycleId}/rapport/{number}/{(format == ReportFormat.Docx ? "docx" : "xlsx")}";

    public static string DoneText(string? done) => done switch
    {
        Compile => "En ny version av rapporten är begärd. Den sammanställs nu; sidan visar den när den är klar.",
        _ => "",
    };

    public static IResult Page(HttpContext context, SecretaryUser user, ReportPageModel model, int status = StatusCodes.Status200OK)
    {
        var view = model.View;
        var cycle = view.Cycle;
        var title = $"Rapport: {ReportTitles.Title(cycle.Period, cycle.Year)}";
        // While a version is compiled the page reloads itself; the status text is polite, so a screen reader is not interrupted.
        if (view.Pending is not null)
            context.Response.Headers["Refresh"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var done = DoneText(model.Done);
        var body = H($"""
            <h1>{title}</h1>
            <p><a href="/rapportcykler/{cycle.Id}">Tillbaka till rapportcykeln</a></p>
            {(done.Length == 0 ? Html.Empty : H($"""<div class="kvitto" role="status"><p>{done}</p></div>"""))}
            {(model.Refusal is null ? Html.Empty : H($"""<div class="felsammanfattning" role="alert"><h2>Det gick inte</h2><p>{model.Refusal}</p></div>"""))}
            <h2>Sammanställning</h2>
            {Compilation(context, view)}
            <h2>Versioner</h2>
            {Versions(view)}
            <h2>Justering av FG-protokollet</h2>
            {HandOver(view, user)}
            """);
        return SecretaryLayout.Page(context, user, title, body, status);
    }

    public static IResult NotFound(HttpContext context, SecretaryUser user) => SecretaryLayout.Page(context, user, "Rapportcykeln finns inte", H($"""
        <h1>Rapportcykeln finns inte</h1>
        <p>Det finns ingen sådan rapportcykel, eller ingen sådan version av dess rapport. <a href="/rapportcykler">Tillbaka till rapportcyklerna</a>.</p>
        """), StatusCodes.Status404NotFound);

    private static Html Compilation(HttpContext context, CycleReportView view)
    {
        var cycle = view.Cycle;
        if (!view.Closed)
        {
            return H($"""
                <p>Perioden är öppen. Rapporten sammanställs när perioden stängs: av sig själv när du stänger den på <a href="/rapportcykler/{cycle.Id}">rapportcykelns sida</a>.</p>
                """);
        }
        var status = view.Pending is { } pending
            ? H($"""
                <div class="kvitto" role="status" aria-live="polite">
                <p><strong>Sammanställning pågår</strong> (version {pending} begärd). Word- och Excel-filerna skrivs nu. Sidan laddas om var {RefreshSeconds}:e sekund tills de är klara; du kan också <a href="{Path(cycle.Id)}">ladda om den själv</a>.</p>
                </div>
                """)
            : Html.Empty;
        var failure = view.Failure is { } f
            ? H($"""
                <div class="felsammanfattning" role="alert">
                <h3>Sammanställningen misslyckades</h3>
                <p>Version {f.Number} kunde inte sammanställas ({SwedishFormat.DateTime(f.FailedAt)}): {f.Reason}</p>
                </div>
                """)
            : Html.Empty;
        var form = view.Pending is null
            ? H($"""
                <form method="post" action="{Path(cycle.Id)}/{Compile}">
                {Forms.AntiforgeryField(context)}
                <p><button type="submit">{(view.Versions.Count == 0 ? "Sammanställ" : "Sammanställ en ny version")}</button></p>
                <p class="hint">En ny version byggs av enheternas godkända underlag. Tidigare versioner finns kvar oförändrade.</p>
                </form>
                """)
            : Html.Empty;
        return H($"{status}{failure}{form}");
    }

    private static Html Versions(CycleReportView view)
    {
        var cycle = view.Cycle;
        if (view.Versions.Count == 0)
            return H($"<p>Ingen version är sammanställd ännu.</p>");
        var rows = view.Versions.OrderByDescending(v => v.Number).Select(v => H($"""
            <tr>
            <th scope="row">Version {v.Number}</th>
            <td><time datetime="{v.CompiledAt:O}">{SwedishFormat.DateTime(v.CompiledAt)}</time></td>
            <td><a href="{FilePath(cycle.Id, v.Number, ReportFormat.Docx)}" download>Word, version {v.Number}</a></td>
            <td><a href="{FilePath(cycle.Id, v.Number, ReportFormat.Xlsx)}" download>Excel, version {v.Number}</a></td>
            </tr>
            """));
        return Layout.Scrollable("Rapportens versioner", H($"""
            <table>
            <caption class="visually-hidden">Rapportens sammanställda versioner, den senaste först</caption>
            <thead><tr><th scope="col">Version</th><th scope="col">Sammanställd</th><th scope="col">Word (.docx)</th><th scope="col">Excel (.xlsx)</th></tr></thead>
            <tbody>{rows}</tbody>
            </table>
            """), hasFocusableContent: true);
    }

    private static Html HandOver(CycleReportView view, SecretaryUser user)
    {
        var cycle = view.Cycle;
        if (view.Round is { } linked)
        {
            // Another administration's round is not shown, as everywhere: the link alone says nothing about it.
            if (linked.State.RoundOrNull is not { } round || round.Administration.Id != user.AdministrationId)
                return H($"<p>Justeringsrundan som rapporten lämnades till finns inte i din förvaltning.</p>");
            var sealedText = linked.State is JusteringRoundState.Sealed s
                ? H($"""Ja, {SwedishFormat.DateTime(s.SignedProtocol.SealedAt)}. <a href="/rundor/{round.Id}/signerat">Ladda ned det signerade protokollet</a>.""")
                : H($"Nej, inte ännu.");
            return H($"""
                <p>Rapporten lämnades till justeringen av protokollet från förvaltningsgruppens möte {SwedishFormat.Date(round.MeetingDate)}.</p>
                <dl>
                <dt>Läge</dt><dd>{SecretaryLayout.PhaseName(linked.State.GetType().Name)}</dd>
                <dt>Svar hittills</dt><dd>{SecretaryLayout.AnsweredText(round.Answers.Count, round.Justerare.Count)}</dd>
                <dt>Förseglat</dt><dd>{sealedText}</dd>
                </dl>
                <p><a href="/rundor/{round.Id}">Gå till justeringsrundan</a></p>
                """);
        }
        if (view.Versions.Count == 0)
            return H($"<p>När rapporten är sammanställd kan du starta justeringen av protokollet från förvaltningsgruppens möte där den behandlades.</p>");
        return H($"""
            <p>Rapporten behandlas i förvaltningsgruppens möte. Starta sedan justeringen av mötets protokoll härifrån: formuläret för en ny justeringsrunda fylls i med mötesdatumet, och rundan visas här tills protokollet är förseglat.</p>
            <form method="get" action="/rundor/ny">
            <input type="hidden" name="cykel" value="{cycle.Id}">
            <label for="mote">FG-mötets datum</label>
            <p class="hint" id="mote-hint">Frivilligt. Dagen förvaltningsgruppen behandlade rapporten, till exempel 2026-12-17.</p>
            <input type="date" id="mote" name="mote" aria-describedby="mote-hint">
            <p><button type="submit">Starta justering av FG-protokollet</button></p>
            </form>
            """);
    }
}

using System.Globalization;
using Justera.Application.ReportCycles;
using Justera.Core.ReportCycles;
using Justera.Core.Swedish;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Justera.Web.Secretary;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.ReportCycles.Cycles;

/// <summary>
/// Everything the dashboard shows. After a refused action the page is shown again with <paramref name="Action"/>'s form
/// filled in as posted and the refusal's messages.
/// </summary>
internal sealed record CyclePageModel(
    CycleOverview Overview,
    IReadOnlyDictionary<string, string> GoalLabels,
    IReadOnlyList<CycleHistoryEntry> History,
    string? Done = null,
    string? Action = null,
    IFormCollection? Posted = null,
    CycleRefusal? Refusal = null);

/// <summary>
/// The secretary's dashboard of one cycle: progress per department, each unit's phase, the chart of the goal assessments,
/// the actions (remind now, extend, close), the way to the compiled report, and the cycle's history.
/// </summary>
internal static class CycleDashboardPages
{
    // Action names: the last segment of each form's URL, the prefix of its inputs' ids, and the one-time confirmation (Flash).
    public const string Remind = "paminn";
    public const string Extend = "forlang";
    public const string Close = "stang";
    public const string Started = "startad";

    /// <summary>The compile page another part of Justera serves; the dashboard only leads there.</summary>
    public static string ReportPath(string cycleId) => $"/rapportcykler/{cycleId}/rapport";

    private static string? Confirmation(string? done) => done switch
    {
        Started => "Rapportcykeln är startad. Enhetscheferna får var sin förfrågan med en personlig länk, i jämn takt.",
        Remind => "Påminnelsen skickas.",
        Extend => "Sista dag är ändrad. Påminnelserna följer den nya dagen.",
        Close => "Perioden är stängd. Rapporten sammanställs nu.",
        _ => null,
    };

    public static IResult Page(HttpContext context, SecretaryUser user, CyclePageModel model, int status = StatusCodes.Status200OK)
    {
        var overview = model.Overview;
        var state = overview.Cycle.State;
        var cycle = state.CycleOrNull!;
        var title = CycleWording.Title(cycle.Period, cycle.Year);
        var errors = FieldErrors(model);
        var confirmation = Confirmation(model.Done);

        var body = H($"""
            <h1>{title}</h1>
            {(confirmation is null ? Html.Empty : H($"""<div class="kvitto" role="status"><p>{confirmation}</p></div>"""))}
            {Layout.ErrorSummary(errors)}
            {(model.Refusal is { } refusal && errors.Count == 0 ? H($"""<div class="felsammanfattning" role="alert"><h2>Det gick inte</h2><p>{refusal.Message}</p>{refusal.Fields.Select(f => H($"<p>{f.Message}</p>"))}</div>""") : Html.Empty)}
            {DeliveryFailures(cycle)}
            <dl>
            <dt>Läge</dt><dd>{CycleWording.CyclePhase(state)}</dd>
            <dt>Sista dag</dt><dd>{SwedishFormat.Date(cycle.Deadline)}</dd>
            <dt>Gräns för avvikelse</dt><dd>{CycleWording.Amount(cycle.DeviationThreshold)}</dd>
            <dt>Handläggare</dt><dd>{cycle.Secretary.Name} ({cycle.Secretary.Email})</dd>
            <dt>Startad</dt><dd>{SwedishFormat.DateTime(cycle.StartedAt)}</dd>
            </dl>
            {ClosedText(state)}
            <h2>Enheternas rapporter</h2>
            <p id="framsteg-alla">{overview.Progress}</p>
            <progress aria-labelledby="framsteg-alla" max="{Math.Max(1, overview.Total)}" value="{overview.Done}">{overview.Progress}</progress>
            <ul>
            <li>Ej påbörjade: {overview.Count(UnitPhase.NotOpened) + overview.Count(UnitPhase.NotStarted)}</li>
            <li>Utkast: {overview.Count(UnitPhase.Draft)}</li>
            <li>Återskickade: {overview.Count(UnitPhase.SentBack)}</li>
            <li>Klarmarkerade: {overview.Count(UnitPhase.Ready)}</li>
            <li>Godkända: {overview.Approved}</li>
            <li>Sena: {overview.Late}</li>
            </ul>
            {overview.Departments.Select((d, i) => Department(d, i))}
            <h2>Måluppfyllelse hittills</h2>
            {AssessmentChart.Render(overview.Goals, model.GoalLabels)}
            {Actions(context, model, errors)}
            {ReportSection(state)}
            <h2>Historik</h2>
            <ol class="tidslinje">
            {model.History.Select(e => H($"""<li><time datetime="{e.At:O}">{SwedishFormat.Time(e.At)}</time>: {e.Description}</li>"""))}
            </ol>
            """);
        return SecretaryLayout.Page(context, user, title, body, status);
    }

    private static Html ClosedText(ReportCycleState state) => state is ReportCycleState.Closed c
        ? H($"""
            <div class="kvitto" role="status">
            <p>{c.ClosedBy} stängde perioden {SwedishFormat.DateTime(c.ClosedAt)}. Inga enheter kan ändra sina rapporter längre.</p>
            {(c.MissingUnitIds.Count == 0 ? H($"<p>Alla enheter var godkända.</p>") : H($"<p>Saknas i rapporten: {CycleWording.Names(c.Cycle, c.MissingUnitIds)}.</p>"))}
            </div>
            """)
        : Html.Empty;

    private static Html Department(DepartmentOverview department, int index) => H($"""
        <section aria-labelledby="avdelning-{index}">
        <h3 id="avdelning-{index}">{department.Department}</h3>
        <p id="avdelning-{index}-framsteg">{department.Progress}</p>
        <progress aria-labelledby="avdelning-{index} avdelning-{index}-framsteg" max="{Math.Max(1, department.Units.Count)}" value="{department.Done}">{department.Progress}</progress>
        {Layout.Scrollable($"Enheterna i {department.Department}", H($"""
            <table>
            <caption class="visually-hidden">Enheterna i {department.Department}: läge, sista dag och senaste ändring</caption>
            <thead><tr><th scope="col">Enhet</th><th scope="col">Enhetschef</th><th scope="col">Läge</th><th scope="col">Sista dag</th><th scope="col">Senast ändrad</th></tr></thead>
            <tbody>
            {department.Units.Select(u => H($"""
                <tr data-unit="{u.Unit.Id}">
                <th scope="row">{u.Unit.Name}<br><span class="hint">{u.Unit.Id}</span></th>
                <td>{u.Unit.Manager.Name}</td>
                <td>{CycleWording.Phase(u.Phase)}{(u.Late ? H($""", <strong class="sen">sen</strong>""") : Html.Empty)}</td>
                <td>{CycleWording.Date(u.Deadline)}</td>
                <td>{(u.UpdatedAt is { } at && u.Phase is not (UnitPhase.NotOpened or UnitPhase.NotStarted) ? SwedishFormat.Time(at) : "–")}</td>
                </tr>
                """))}
            </tbody>
            </table>
            """))}
        </section>
        """);

    private static Html DeliveryFailures(ReportCycle cycle) => cycle.DeliveryFailures.Count == 0
        ? Html.Empty
        : H($"""
            <div class="felsammanfattning" role="alert">
            <h2>E-post kunde inte levereras</h2>
            <ul>{cycle.DeliveryFailures.Select(f => H($"<li>E-post till {f.Recipient} kunde inte levereras ({SwedishFormat.Time(f.FailedAt)}): {f.Reason}</li>"))}</ul>
            <p>Stämmer adressen inte, rätta den i enhetslistan och kontakta enhetschefen på annat sätt.</p>
            </div>
            """);

    /// <summary>
    /// The place of the compiled report: the compile page (versions, downloads, the hand-over to justering) is built
    /// elsewhere and served at <see cref="ReportPath"/>; the dashboard only leads there.
    /// </summary>
    private static Html ReportSection(ReportCycleState state) => H($"""
        <section id="sammanstalld-rapport" aria-labelledby="sammanstalld-rapport-rubrik">
        <h2 id="sammanstalld-rapport-rubrik">Sammanställd rapport</h2>
        <p>{(state is ReportCycleState.Closed
            ? "Perioden är stängd. Där finns rapportens versioner som Word och Excel, och därifrån startar du justeringen av förvaltningsgruppens protokoll."
            : "Rapporten sammanställs när perioden stängs. Där finns sedan rapportens versioner som Word och Excel.")}</p>
        <p><a href="{ReportPath(state.CycleOrNull!.Id)}">Sammanställd rapport</a></p>
        </section>
        """);

    private static Html Actions(HttpContext context, CyclePageModel model, IReadOnlyDictionary<string, string> errors)
    {
        if (model.Overview.Cycle.State is not ReportCycleState.Open)
            return H($"<h2>Åtgärder</h2><p>Perioden är stängd, så det går inte att påminna, förlänga eller stänga längre.</p>");
        var forms = new ActionForms(context, model, errors);
        return H($"""
            <h2>Åtgärder</h2>
            {forms.Remind()}
            {forms.Extend()}
            {forms.Close()}
            """);
    }

    /// <summary>A refusal's field errors keyed by the ids of the posted form's inputs, so the summary's links land on them.</summary>
    private static Dictionary<string, string> FieldErrors(CyclePageModel model)
    {
        if (model.Refusal is not { } refusal || model.Action is not { } action)
            return [];
        if (refusal.Reason == CycleRefusalReason.ConfirmationRequired)
            return new() { [$"{Close}-confirmMissing"] = refusal.Message };
        return refusal.Fields
            .Select(f => (Field: f.Field switch { "newDeadline" => "deadline", var other => other }, f.Message))
            .Where(f => f.Field is "deadline" or "unitId" or "confirmMissing")
            .GroupBy(f => f.Field)
            .ToDictionary(g => $"{action}-{g.Key}", g => g.First().Message);
    }

    /// <summary>The small forms of the dashboard; each posts to <c>/rapportcykler/{id}/{action}</c>.</summary>
    private sealed class ActionForms(HttpContext context, CyclePageModel model, IReadOnlyDictionary<string, string> errors)
    {
        private readonly ReportCycle _cycle = model.Overview.Cycle.State.CycleOrNull!;

        private string Value(string action, string name, string fallback = "") =>
            model.Action == action && model.Posted is { } posted ? posted[name].ToString() : fallback;

        private Html Open(string action, string heading, Html intro) => H($"""
            <section aria-labelledby="{action}-rubrik">
            <h3 id="{action}-rubrik">{heading}</h3>
            {intro}
            <form method="post" action="/rapportcykler/{_cycle.Id}/{action}" novalidate>
            {Forms.AntiforgeryField(context)}
            """);

        private static Html End(string button, bool secondary = false) => H($"""
            <div><button type="submit"{(secondary ? Html.Raw(" class=\"sekundar\"") : Html.Empty)}>{button}</button></div>
            </form>
            </section>
            """);

        private Html UnitSelect(string action, string label, string allLabel, IEnumerable<UnitOverview> units, Func<UnitOverview, string> describe)
        {
            var id = $"{action}-unitId";
            var chosen = Value(action, "unitId");
            return H($"""
                <label for="{id}">{label}</label>
                {Layout.FieldError(errors, id)}
                <select id="{id}" name="unitId"{Layout.Describe(errors, id)}>
                <option value="">{allLabel}</option>
                {units.Select(u => H($"""<option value="{u.Unit.Id}"{(u.Unit.Id == chosen ? Html.Raw(" selected") : Html.Empty)}>{u.Unit.Name} ({describe(u)})</option>"""))}
                </select>
                """);
        }

        private IEnumerable<UnitOverview> Units => model.Overview.Departments.SelectMany(d => d.Units);

        public Html Remind()
        {
            var waiting = Units.Where(u => ReminderPlan.AwaitsManager(u.Phase)).ToList();
            if (waiting.Count == 0)
                return H($"""<section aria-labelledby="{CycleDashboardPages.Remind}-rubrik"><h3 id="{CycleDashboardPages.Remind}-rubrik">Påminn nu</h3><p>Ingen enhet väntar på sin enhetschef, så det finns ingen att påminna.</p></section>""");
            return H($"""
                {Open(CycleDashboardPages.Remind, "Påminn nu", H($"<p>{CycleWording.Units(waiting.Count, capital: true)} väntar på sin enhetschef. Enhetschefen får en påminnelse med en ny länk; den som redan har fått e-post från rapportcykeln i dag får ingen till. Påminnelser går också ut automatiskt.</p>"))}
                {UnitSelect(CycleDashboardPages.Remind, "Vem ska påminnas", "Alla enheter som inte är klara", waiting, u => CycleWording.Phase(u.Phase))}
                {End("Påminn nu")}
                """);
        }

        public Html Extend()
        {
            var id = $"{CycleDashboardPages.Extend}-deadline";
            return H($"""
                {Open(CycleDashboardPages.Extend, "Förläng sista dag", H($"<p>Nu: {SwedishFormat.Date(_cycle.Deadline)}. Du kan flytta sista dag för alla enheter eller för en enhet. Påminnelserna börjar om från den nya dagen.</p>"))}
                {UnitSelect(CycleDashboardPages.Extend, "För vilka enheter", "Alla enheter", Units, u => $"sista dag {CycleWording.Date(u.Deadline)}")}
                <label for="{id}">Ny sista dag</label>
                <p class="hint" id="{id}-hint">En arbetsdag, senare än den nuvarande och högst ett år fram i tiden. Skriv ÅÅÅÅ-MM-DD, till exempel 2026-12-18.</p>
                {Layout.FieldError(errors, id)}
                <input type="date" id="{id}" name="deadline" value="{Value(CycleDashboardPages.Extend, "deadline")}"{Layout.Describe(errors, id, $"{id}-hint")}>
                {End("Förläng sista dag")}
                """);
        }

        public Html Close()
        {
            var missing = Units.Where(u => u.Phase != UnitPhase.Approved).ToList();
            var id = $"{CycleDashboardPages.Close}-confirmMissing";
            if (missing.Count == 0)
            {
                return H($"""
                    {Open(CycleDashboardPages.Close, "Stäng perioden", H($"<p>Alla enheter är godkända. När perioden stängs kan ingen enhet ändra sin rapport längre, och rapporten sammanställs.</p>"))}
                    {End("Stäng perioden")}
                    """);
            }
            return H($"""
                {Open(CycleDashboardPages.Close, "Stäng perioden", H($"""
                    <p>{missing.Count.ToString(CultureInfo.InvariantCulture)} av {model.Overview.Total.ToString(CultureInfo.InvariantCulture)} enheter är inte godkända. Stänger du perioden nu kan de inte längre lämna sina rapporter, och de redovisas som saknade i rapporten:</p>
                    <ul id="{CycleDashboardPages.Close}-saknas">{missing.Select(u => H($"<li>{u.Unit.Name} ({CycleWording.Phase(u.Phase)})</li>"))}</ul>
                    """))}
                {Layout.FieldError(errors, id)}
                <div class="val">
                <input type="checkbox" id="{id}" name="confirmMissing" value="on"{Layout.Describe(errors, id)}>
                <label for="{id}">Jag vill stänga perioden utan enheterna ovan</label>
                </div>
                {End("Stäng perioden", secondary: true)}
                """);
        }
    }
}

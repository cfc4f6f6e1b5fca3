using Justera.Application.ReportCycles;
using Justera.Core.ReportCycles;
using Justera.Core.Swedish;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.ReportCycles.Links;

/// <summary>One unit as the department head sees it: its phase, its report when opened, and whether this link may decide on it.</summary>
internal sealed record DepartmentUnit(ReportingUnit Unit, UnitPhase Phase, bool Late, DateOnly Deadline, UnitReportState? State, bool CanDecide);

/// <summary>What the department page shows: the department's units in the cycle, and the structure to read their inputs by.</summary>
internal sealed record DepartmentPageModel(string Token, string Department, ReportCycle Cycle, YearStructure Structure, IReadOnlyList<DepartmentUnit> Units)
{
    public Person Head => Units.Select(u => u.Unit.DepartmentHead).FirstOrDefault() ?? new Person("", "");
}

/// <summary>
/// The department head's page at /avdelning/{token}: the department's units with their phase, the progress line, each
/// klarmarkerad unit's input to read, and per such unit the choice to approve it or send it back with a comment.
/// </summary>
internal static class DepartmentPage
{
    public const string ApprovedFlash = "godkand";
    public const string SentBackFlash = "aterskickad";

    public static string? DoneText(string? flash) => flash switch
    {
        ApprovedFlash => "Rapporten är godkänd. Enhetschefen har fått besked.",
        SentBackFlash => "Rapporten är återskickad. Enhetschefen har fått din kommentar och en ny länk.",
        _ => null,
    };

    public static string CommentField(string unitId) => $"kommentar-{unitId}";

    public static string PhaseText(UnitPhase phase) => phase switch
    {
        UnitPhase.Draft => "Utkast",
        UnitPhase.Ready => "Klarmarkerad",
        UnitPhase.Approved => "Godkänd",
        UnitPhase.SentBack => "Återskickad",
        _ => "Ej påbörjad",
    };

    public static IResult Render(HttpContext context, DepartmentPageModel model, IReadOnlyDictionary<string, string> errors,
        IReadOnlyDictionary<string, string>? comments = null, string? done = null, string? problem = null, int status = StatusCodes.Status200OK)
    {
        var overview = new DepartmentOverview(model.Department, [.. model.Units.Select(u =>
            new UnitOverview(u.Unit, u.Phase, u.Late, u.Deadline, u.State?.ReportOrNull?.Version ?? 0, u.State?.ReportOrNull?.SavedAt))]);
        var body = H($"""
            <h1>Granskning: {model.Department}</h1>
            {(done is null ? Html.Empty : H($"""<div class="kvitto" role="status"><p>{done}</p></div>"""))}
            {(problem is null ? Html.Empty : H($"""<div class="felsammanfattning" role="alert" tabindex="-1"><h2>Det gick inte</h2><p>{problem}</p></div>"""))}
            {Layout.ErrorSummary(errors)}
            <p>Du granskar som <strong>{model.Head.Name}</strong>, avdelningschef för {model.Department}, underlagen till {model.Cycle.Name}. Är det inte du? Kontakta förvaltningens handläggare {model.Cycle.Secretary.Name}, {model.Cycle.Secretary.Email}.</p>
            <p id="framsteg"><strong>{overview.Progress}</strong> (klarmarkerade eller godkända)</p>
            <progress value="{overview.Done}" max="{Math.Max(1, overview.Units.Count)}" aria-labelledby="framsteg">{overview.Progress}</progress>
            <h2>Avdelningens enheter</h2>
            {Layout.Scrollable("Avdelningens enheter", H($"""
                <table><caption>Läge per enhet</caption>
                <thead><tr><th scope="col">Enhet</th><th scope="col">Enhetschef</th><th scope="col">Läge</th><th scope="col">Sista dag</th></tr></thead>
                <tbody>{model.Units.Select(u => H($"<tr><th scope=\"row\">{u.Unit.Name}</th><td>{u.Unit.Manager.Name}</td><td>{PhaseText(u.Phase)}{(u.Late ? Html.Raw(", <strong>sen</strong>") : Html.Empty)}</td><td>{SwedishFormat.Date(u.Deadline)}</td></tr>"))}</tbody>
                </table>
                """))}
            {model.Units.Where(u => u.Phase is UnitPhase.Ready or UnitPhase.Approved).Select(u => Unit(context, model, u, errors, comments))}
            """);
        return Layout.Page($"Granskning: {model.Department}", body, status);
    }

    private static Html Unit(HttpContext context, DepartmentPageModel model, DepartmentUnit unit, IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string>? comments)
    {
        var report = unit.State!.ReportOrNull!;
        var comment = CommentField(unit.Unit.Id);
        var decide = unit.Phase == UnitPhase.Ready
            ? unit.CanDecide
                ? H($"""
                    <h3>Godkänn eller skicka tillbaka</h3>
                    <form method="post" action="/avdelning/{model.Token}" novalidate>
                    {Forms.AntiforgeryField(context)}
                    <input type="hidden" name="enhet" value="{unit.Unit.Id}">
                    <input type="hidden" name="version" value="{report.Version}">
                    <button type="submit" name="atgard" value="godkann">Godkänn {unit.Unit.Name}</button>
                    </form>
                    <form method="post" action="/avdelning/{model.Token}" novalidate>
                    {Forms.AntiforgeryField(context)}
                    <input type="hidden" name="enhet" value="{unit.Unit.Id}">
                    <input type="hidden" name="version" value="{report.Version}">
                    <label for="{comment}">Kommentar till enhetschefen<span class="visually-hidden"> om {unit.Unit.Name}</span></label>
                    <p class="hint" id="{comment}-hint">Krävs när du skickar tillbaka: skriv vad som behöver ändras. Högst {UnitReportDecider.MaxCommentLength} tecken.</p>
                    {Layout.FieldError(errors, comment)}
                    <textarea id="{comment}" name="kommentar" maxlength="{UnitReportDecider.MaxCommentLength}"{Layout.Describe(errors, comment, comment + "-hint")}>
                    {comments?.GetValueOrDefault(comment) ?? ""}</textarea>
                    <button type="submit" name="atgard" value="skickaTillbaka" class="sekundar">Skicka tillbaka {unit.Unit.Name}</button>
                    </form>
                    """)
                : H($"<p>Använd länken i e-postmeddelandet om att {unit.Unit.Name} är klarmarkerad för att godkänna eller skicka tillbaka rapporten.</p>")
            : Html.Empty;
        var state = unit.State switch
        {
            UnitReportState.Ready r => $"Klarmarkerad {SwedishFormat.DateTime(r.ReadyAt)}, version {report.Version}.",
            UnitReportState.Approved a => $"Godkänd av {a.ApprovedBy} {SwedishFormat.DateTime(a.ApprovedAt)}.",
            _ when report.SentBack is { } note => $"Återskickad {SwedishFormat.DateTime(note.SentAt)}: {note.Comment}",
            _ => $"Utkast, senast sparat {(report.SavedAt is { } at ? SwedishFormat.DateTime(at) : "")}. Underlaget kan ändras tills enhetschefen klarmarkerar.",
        };
        return H($"""
            <h2>{unit.Unit.Name}</h2>
            <p>{state}</p>
            <details{(unit.Phase == UnitPhase.Ready ? Html.Raw(" open") : Html.Empty)}>
            <summary>Underlaget från {unit.Unit.Name}</summary>
            {ReportReading.Input(model.Structure, model.Structure.Assignments.FirstOrDefault(a => a.UnitId == unit.Unit.Id) ?? new UnitAssignment(unit.Unit.Id, [], [], [], []), report.Input, 3, unit.Unit.Name)}
            </details>
            {decide}
            """);
    }
}

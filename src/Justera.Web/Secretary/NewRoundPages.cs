using Justera.Application.JusteringRounds;
using Justera.Core.JusteringRounds;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Secretary;

/// <summary>
/// The create form, as first shown or as posted back. <paramref name="Rows"/> are the filled-in justerare in
/// the order the parser reads them, so that an error on <c>justerare[2].email</c> lands on the third row.
/// </summary>
/// <param name="Cycle">The report cycle whose report the round's protocol discussed (the hand-over from its report page): the
/// round is linked to it once created. <paramref name="MeetingDate"/> pre-fills the meeting's date ("yyyy-MM-dd").</param>
internal sealed record NewRoundForm(IReadOnlyList<JusterareInput> Rows, int RowCount, IFormCollection? Posted = null, string? RosterFrom = null,
    HandOver? Cycle = null, string? MeetingDate = null)
{
    public const int DefaultRows = 8;

    /// <summary>How many rows to show: what was asked for, at least the default and every filled row, at most the round's limit.</summary>
    public static int RowsFor(string? asked, int filled)
    {
        var rows = Math.Min(int.TryParse(asked, out var n) ? n : DefaultRows, RoundRules.MaxJusterare);
        return Math.Max(rows, Math.Max(DefaultRows, filled));
    }
}

/// <summary>The report cycle a new round is started from: its id (carried in a hidden field) and its name ("tertialrapport 1 2026").</summary>
internal sealed record HandOver(string CycleId, string Title);

/// <summary>"Ny justeringsrunda": the protocol, the dates, the rules and the justerare, in one form that works without JavaScript.</summary>
internal static class NewRoundPages
{
    private static readonly string[] Organisations =
        ["arbetsgivaren", "Kommunal", "Vision", "Sveriges Lärare", "SACO", "Akademikerförbundet SSR", "Ledarna", "Vårdförbundet"];

    public static IResult Form(HttpContext context, SecretaryUser user, NewRoundForm form, Refusal? refusal = null, int status = StatusCodes.Status200OK)
    {
        var errors = Forms.Errors(refusal is null ? null : refusal with { Fields = [.. refusal.Fields.OrderBy(f => PageOrder(f.Field))] });
        string Value(string name) => form.Posted?[name].ToString() ?? (name == "meetingDate" ? form.MeetingDate ?? "" : "");
        var handOver = form.Cycle is { } cycle
            ? H($"""
                <input type="hidden" name="cykel" value="{cycle.CycleId}">
                <div class="kvitto" role="status"><p>Justeringen gäller protokollet från förvaltningsgruppens möte där {cycle.Title} behandlades. När rundan är skapad visas den på <a href="/rapportcykler/{cycle.CycleId}/rapport">rapportens sida</a>.</p></div>
                """)
            : Html.Empty;
        var keepCycle = form.Cycle is { } c ? $"&cykel={Uri.EscapeDataString(c.CycleId)}" : "";
        var silence = form.Posted is not null && form.Posted["silenceCountsAsNoObjection"] == "on";
        var moreRows = form.RowCount < 20 ? 20 : form.RowCount < RoundRules.MaxJusterare ? RoundRules.MaxJusterare : 0;

        var body = H($"""
            <h1>Ny justeringsrunda</h1>
            {Layout.ErrorSummary(errors)}
            {(refusal is { Fields.Count: 0 } ? H($"""<div class="felsammanfattning" role="alert"><p>{refusal.Message}</p></div>""") : Html.Empty)}
            <p>Ladda upp protokollet från förvaltningsgruppens möte, välj sista dag för synpunkter och ange justerarna. Du kan spara rundan som utkast och skicka den senare.</p>
            <form method="post" action="/rundor/ny" enctype="multipart/form-data" novalidate>
            {Forms.AntiforgeryField(context)}
            <input type="hidden" name="rader" value="{form.RowCount}">
            {handOver}

            <h2>Protokoll och datum</h2>
            <label for="protocol">Protokollet (PDF)</label>
            <p class="hint" id="protocol-hint">Högst 25 MB. PDF-filer med skript, startåtgärder eller inbäddade filer tas inte emot, eftersom de visas för personer utanför förvaltningen.{(form.Posted is null ? Html.Empty : H($" Välj filen igen: webbläsaren behåller den inte när formuläret visas på nytt."))}</p>
            {Layout.FieldError(errors, "protocol")}
            <input type="file" id="protocol" name="protocol" accept="application/pdf,.pdf" {Layout.Describe(errors, "protocol", "protocol-hint")}>

            <label for="meetingDate">Mötesdatum</label>
            <p class="hint" id="meetingDate-hint">Dagen förvaltningsgruppen sammanträdde, till exempel 2026-11-19.</p>
            {Layout.FieldError(errors, "meetingDate")}
            <input type="date" id="meetingDate" name="meetingDate" value="{Value("meetingDate")}" {Layout.Describe(errors, "meetingDate", "meetingDate-hint")}>

            <label for="deadline">Sista dag för synpunkter</label>
            <p class="hint" id="deadline-hint">Datum och klockslag i svensk tid, till exempel 2026-12-01 16:00.</p>
            {Layout.FieldError(errors, "deadline")}
            <input type="datetime-local" id="deadline" name="deadline" value="{Value("deadline")}" {Layout.Describe(errors, "deadline", "deadline-hint")}>

            <label for="justeringDate">Justeringsdag</label>
            <p class="hint" id="justeringDate-hint">Frivilligt. Lämna tomt för samma dag som sista dag för synpunkter.</p>
            {Layout.FieldError(errors, "justeringDate")}
            <input type="date" id="justeringDate" name="justeringDate" value="{Value("justeringDate")}" {Layout.Describe(errors, "justeringDate", "justeringDate-hint")}>

            <label for="firstAttachmentNumber">Första bilagenummer</label>
            <p class="hint" id="firstAttachmentNumber-hint">Frivilligt. Lämna tomt för förslag från protokollet: ett mer än den högsta "Bilaga N" som står i det, annars 1. Svaren blir bilagor i det justerade protokollet.</p>
            {Layout.FieldError(errors, "firstAttachmentNumber")}
            <input type="text" inputmode="numeric" id="firstAttachmentNumber" name="firstAttachmentNumber" size="4" value="{Value("firstAttachmentNumber")}" {Layout.Describe(errors, "firstAttachmentNumber", "firstAttachmentNumber-hint")}>

            <fieldset>
            <legend>Regel för uteblivna svar</legend>
            <div class="val">
            <input type="checkbox" id="silenceCountsAsNoObjection" name="silenceCountsAsNoObjection" value="on" aria-describedby="silenceCountsAsNoObjection-hint"{(silence ? Html.Raw(" checked") : Html.Empty)}>
            <label for="silenceCountsAsNoObjection">Inget svar före sista dag räknas som inget att erinra</label>
            <p class="hint" id="silenceCountsAsNoObjection-hint">Välj bara detta om förvaltningsgruppen har kommit överens om det. Annars får du besked om vilka som inte har svarat, och rundan fortsätter.</p>
            </div>
            </fieldset>

            <h2>Justerare</h2>
            {(form.RosterFrom is null ? Html.Empty : H($"""<p>Raderna är ifyllda med justerarna från den senaste rundan ({form.RosterFrom}). Ändra de rader som inte stämmer och töm rader för den som inte ska justera.</p>"""))}
            <p class="hint" id="justerare-hint">En rad per justerare: en för varje facklig organisation som var med och en för arbetsgivaren. Tomma rader hoppas över. Högst {RoundRules.MaxJusterare} justerare.</p>
            {(moreRows == 0 ? Html.Empty : H($"""<p><a href="/rundor/ny?rader={moreRows}{keepCycle}">Visa {moreRows} rader</a> (det du redan har skrivit här sparas inte).</p>"""))}
            {Layout.FieldError(errors, "justerare")}
            <fieldset id="justerare"{Layout.Describe(errors, "justerare", "justerare-hint")}>
            <legend>Justerarna ({form.RowCount} rader)</legend>
            <div class="tabell">
            <table>
            <thead><tr><th scope="col">Rad</th><th scope="col">Namn</th><th scope="col">Organisation</th><th scope="col">E-postadress</th></tr></thead>
            <tbody>
            {Enumerable.Range(0, form.RowCount).Select(i => Row(i, i < form.Rows.Count ? form.Rows[i] : null, errors))}
            </tbody>
            </table>
            </div>
            </fieldset>
            <datalist id="organisationer">{Organisations.Select(o => H($"""<option value="{o}">"""))}</datalist>

            <p>
            <button type="submit" name="start" value="off" class="sekundar">Spara som utkast</button>
            <button type="submit" name="start" value="on">Skapa och skicka till justerarna</button>
            </p>
            <p class="hint">"Skapa och skicka" skickar genast e-post med en personlig länk till varje justerare. Ett utkast kan du ändra och skicka från rundans sida.</p>
            </form>
            """);
        return SecretaryLayout.Page(context, user, "Ny justeringsrunda", body, status);
    }

    private static readonly string[] FieldOrder = ["protocol", "meetingDate", "deadline", "justeringDate", "firstAttachmentNumber", "justerare"];

    /// <summary>Where a field is on the page, so that the error summary lists the errors in the order a person meets the fields.</summary>
    private static (int Field, int Row) PageOrder(string field)
    {
        const string rowPrefix = "justerare[";
        var close = field.IndexOf(']', StringComparison.Ordinal);
        var row = field.StartsWith(rowPrefix, StringComparison.Ordinal) && close > rowPrefix.Length
            && int.TryParse(field.AsSpan(rowPrefix.Length, close - rowPrefix.Length), out var i) ? i : -1;
        var index = Array.IndexOf(FieldOrder, row >= 0 ? "justerare" : field);
        return (index < 0 ? FieldOrder.Length : index, row);
    }

    private static Html Row(int i, JusterareInput? row, IReadOnlyDictionary<string, string> errors)
    {
        Html Cell(string field, string label, string? value, string type, string autocomplete, Html extra) => H($"""
            <td>
            <label class="visually-hidden" for="justerare[{i}].{field}">{label}, rad {i + 1}</label>
            {Layout.FieldError(errors, $"justerare[{i}].{field}")}
            <input type="{type}" id="justerare[{i}].{field}" name="justerare[{i}].{field}" value="{value ?? ""}" maxlength="{(field == "email" ? 254 : RoundRules.MaxNameLength)}" autocomplete="{autocomplete}"{extra}{Layout.Describe(errors, $"justerare[{i}].{field}")}>
            </td>
            """);
        return H($"""
            <tr>
            <th scope="row">{i + 1}</th>
            {Cell("name", "Namn", row?.Name, "text", "off", Html.Empty)}
            {Cell("organisation", "Organisation", row?.Organisation, "text", "off", Html.Raw(" list=\"organisationer\""))}
            {Cell("email", "E-postadress", row?.Email, "email", "off", Html.Empty)}
            </tr>
            """);
    }
}

using System.Globalization;
using Justera.Core.ReportCycles;
using Justera.Storage.ReportCycles.Setup;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Justera.Web.Secretary;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.ReportCycles.Cycles;

/// <summary>The start form as first shown or as posted back with the refusal.</summary>
internal sealed record NewCycleForm(IReadOnlyList<StructureVersion> Years, UnitRegister Register, DateTimeOffset Now, IFormCollection? Posted = null, CycleRefusal? Refusal = null);

/// <summary>
/// "Ny rapportcykel": period, year, deadline, the avvikelse threshold and the units (all, or chosen per department), in one
/// form that works without JavaScript. Without a structure or a register there is nothing to start: the page says where
/// to import them instead.
/// </summary>
internal static class NewCyclePages
{
    public const string DefaultThreshold = "0,5";

    /// <summary>The form's fields in page order; the error summary lists errors in the order a person meets the fields.</summary>
    private static readonly string[] FieldOrder = ["period", "year", "deadline", "deviationThreshold", "units"];

    public static IResult Form(HttpContext context, SecretaryUser user, NewCycleForm form, int status = StatusCodes.Status200OK)
    {
        var errors = Errors(form.Refusal);
        var general = form.Refusal is { } r && (r.Fields.Count == 0 || r.Fields.Any(f => PageField(f.Field) is null))
            ? (r.Fields.Count == 0 ? [r.Message] : r.Fields.Where(f => PageField(f.Field) is null).Select(f => f.Message).ToList())
            : [];
        var active = form.Register.ActiveUnits.ToList();
        Html body;
        if (form.Years.Count == 0 || active.Count == 0)
        {
            body = H($"""
                <h1>Ny rapportcykel</h1>
                <div class="felsammanfattning" role="alert">
                <h2>Det går inte att starta en rapportcykel ännu</h2>
                {(form.Years.Count == 0 ? H($"""<p>Det finns ingen målstruktur importerad. <a href="/malstruktur">Importera årets målstruktur under Målstruktur</a> först.</p>""") : Html.Empty)}
                {(active.Count == 0 ? H($"""<p>Enhetsregistret är tomt. <a href="/enheter">Importera enheterna under Enheter</a> först.</p>""") : Html.Empty)}
                </div>
                <p><a href="/rapportcykler">Tillbaka till rapportcyklerna</a></p>
                """);
            return SecretaryLayout.Page(context, user, "Ny rapportcykel", body, status);
        }

        string Value(string name, string fallback = "") => form.Posted is { } p ? p[name].ToString() : fallback;
        var period = Value("period");
        var year = Value("year", DefaultYear(form.Years, form.Now));
        var selection = Value("unitSelection", "alla");
        var chosen = form.Posted is { } posted ? posted["units"].Select(v => v ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase) : [];

        body = H($"""
            <h1>Ny rapportcykel</h1>
            {Layout.ErrorSummary(errors)}
            {(general.Count == 0 ? Html.Empty : H($"""<div class="felsammanfattning" role="alert"><h2>Rapportcykeln startades inte</h2>{general.Select(m => H($"<p>{m}</p>"))}</div>"""))}
            <p>Varje enhetschef får ett e-postmeddelande per enhet med en personlig länk till enhetens formulär. Påminnelser går ut automatiskt före och efter sista dag.</p>
            <form method="post" action="/rapportcykler/ny" novalidate>
            {Forms.AntiforgeryField(context)}
            {Forms.FormKeyField()}

            {Layout.FieldError(errors, "period")}
            <fieldset id="period"{Layout.Describe(errors, "period")}>
            <legend>Period</legend>
            {Enum.GetValues<ReportPeriod>().Select(p => H($"""
                <div class="val">
                <input type="radio" id="period-{p}" name="period" value="{p}"{(period == p.ToString() ? Html.Raw(" checked") : Html.Empty)}>
                <label for="period-{p}">{CycleWording.PeriodLabel(p)}</label>
                </div>
                """))}
            </fieldset>

            <label for="year">År</label>
            <p class="hint" id="year-hint">Året måste ha en importerad målstruktur. Saknas året, <a href="/malstruktur">importera målstrukturen under Målstruktur</a> först.</p>
            {Layout.FieldError(errors, "year")}
            <select id="year" name="year"{Layout.Describe(errors, "year", "year-hint")}>
            {form.Years.Select(y => y.Year.ToString(CultureInfo.InvariantCulture)).Concat(YearNotListed(year, form.Years)).Select(y => H($"""<option value="{y}"{(y == year ? Html.Raw(" selected") : Html.Empty)}>{y}</option>"""))}
            </select>

            <label for="deadline">Sista dag för enheternas rapporter</label>
            <p class="hint" id="deadline-hint">En arbetsdag, högst ett år fram i tiden. Skriv ÅÅÅÅ-MM-DD, till exempel 2026-12-15.</p>
            {Layout.FieldError(errors, "deadline")}
            <input type="date" id="deadline" name="deadline" value="{Value("deadline")}"{Layout.Describe(errors, "deadline", "deadline-hint")}>

            <label for="deviationThreshold">Gräns för avvikelse (mnkr)</label>
            <p class="hint" id="deviationThreshold-hint">Enheter vars prognos avviker mer än så från budget måste kommentera avvikelsen. Till exempel 0,5.</p>
            {Layout.FieldError(errors, "deviationThreshold")}
            <input type="text" inputmode="decimal" id="deviationThreshold" name="deviationThreshold" size="8" value="{Value("deviationThreshold", DefaultThreshold)}"{Layout.Describe(errors, "deviationThreshold", "deviationThreshold-hint")}>

            {Layout.FieldError(errors, "units")}
            <fieldset id="units"{Layout.Describe(errors, "units", "units-hint")}>
            <legend>Enheter</legend>
            <p class="hint" id="units-hint">Alla enheter betyder enheterna i registret som har ett uppdrag i årets målstruktur. Kryssrutorna gäller bara när du väljer enheter själv.</p>
            <div class="val">
            <input type="radio" id="unitSelection-alla" name="unitSelection" value="alla"{(selection != "valda" ? Html.Raw(" checked") : Html.Empty)}>
            <label for="unitSelection-alla">Alla enheter ({active.Count} i registret)</label>
            </div>
            <div class="val">
            <input type="radio" id="unitSelection-valda" name="unitSelection" value="valda"{(selection == "valda" ? Html.Raw(" checked") : Html.Empty)}>
            <label for="unitSelection-valda">Enheterna jag kryssar i nedan</label>
            </div>
            {Departments(active, chosen)}
            </fieldset>

            <p><button type="submit">Starta rapportcykeln</button></p>
            <p class="hint">Förfrågningarna skickas genast, i jämn takt. Samma period och år kan bara startas en gång.</p>
            </form>
            """);
        return SecretaryLayout.Page(context, user, "Ny rapportcykel", body, status);
    }

    /// <summary>A posted year that has no structure stays selected, so the page shows what was sent beside its error.</summary>
    private static IEnumerable<string> YearNotListed(string year, IReadOnlyList<StructureVersion> years) =>
        year.Length > 0 && year.Length <= 4 && year.All(char.IsAsciiDigit) && !years.Any(y => y.Year.ToString(CultureInfo.InvariantCulture) == year) ? [year] : [];

    /// <summary>This year when it has a structure, else the newest year that has one.</summary>
    private static string DefaultYear(IReadOnlyList<StructureVersion> years, DateTimeOffset now)
    {
        var thisYear = Core.Calendar.StockholmTime.LocalDate(now).Year;
        return (years.Any(y => y.Year == thisYear) ? thisYear : years[0].Year).ToString(CultureInfo.InvariantCulture);
    }

    private static Html Departments(IReadOnlyList<ReportingUnit> units, HashSet<string> chosen)
    {
        var index = 0;
        return Html.Join(units
            .GroupBy(u => u.Department, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Create(CultureInfo.GetCultureInfo("sv-SE"), false))
            .Select(g => H($"""
                <fieldset>
                <legend>{g.Key}</legend>
                {g.Select(u =>
                {
                    var id = $"enhet-{index++}";
                    return H($"""
                        <div class="val">
                        <input type="checkbox" id="{id}" name="units" value="{u.Id}"{(chosen.Contains(u.Id) ? Html.Raw(" checked") : Html.Empty)}>
                        <label for="{id}">{u.Name} <span class="hint">({u.Id}, {u.Manager.Name})</span></label>
                        </div>
                        """);
                })}
                </fieldset>
                """)));
    }

    /// <summary>Which of the page's fields a refusal's field is shown at: the decider's <c>units[3].manager.email</c> at the units; null for none.</summary>
    internal static string? PageField(string field) =>
        field.StartsWith("units", StringComparison.Ordinal) ? "units"
        : Array.IndexOf(FieldOrder, field) >= 0 ? field
        : null;

    private static Dictionary<string, string> Errors(CycleRefusal? refusal)
    {
        if (refusal is null)
            return [];
        var errors = new Dictionary<string, string>();
        foreach (var f in refusal.Fields.Where(f => PageField(f.Field) is not null).OrderBy(f => Array.IndexOf(FieldOrder, PageField(f.Field))))
        {
            var field = PageField(f.Field)!;
            // Several units can be wrong at once: the units' field shows them all, one after the other.
            errors[field] = errors.TryGetValue(field, out var before) ? $"{before} {f.Message}" : f.Message;
        }
        return errors;
    }
}

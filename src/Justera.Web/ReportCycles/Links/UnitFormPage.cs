using Justera.Core.ReportCycles;
using Justera.Core.Swedish;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;
using F = Justera.Web.ReportCycles.Links.UnitFormFields;

namespace Justera.Web.ReportCycles.Links;

/// <summary>What the unit form needs besides the posted values: the unit's report, its cycle, and the period before.</summary>
internal sealed record UnitPage(
    string Token,
    UnitReportState State,
    UnitReport Report,
    ReportCycle Cycle,
    YearStructure Structure,
    UnitAssignment Assignment,
    DateOnly Deadline,
    UnitInput? Previous,
    string PreviousName)
{
    public bool Editable => State is UnitReportState.Editing;

    public StructureLabels Labels { get; } = new(Structure);

    public IReadOnlyList<string> Fields => F.All(Assignment, Labels);

    /// <summary>Whether the period before has any text to start from.</summary>
    public bool HasPreviousTexts => Previous is { } p
        && (p.Goals.Any(g => Assignment.GoalIds.Contains(g.GoalId) && !string.IsNullOrWhiteSpace(g.Analysis))
            || !string.IsNullOrWhiteSpace(p.GoodExamples) || !string.IsNullOrWhiteSpace(p.GenderEqualityAnalysis));
}

/// <summary>
/// The unit manager's form at /enhet/{token}: one page, sections per goal in the structure's order, every control with
/// a label (radio groups in fieldsets with legends), errors summarised at the top and beside each field, in Swedish.
/// Once klarmarkerad or approved it only shows what was submitted.
/// </summary>
internal static class UnitFormPage
{
    public const string Saved = "sparat";
    public const string Submitted = "klarmarkerat";

    public static string? DoneText(string? flash) => flash switch
    {
        Saved => "Utkastet är sparat. Du kan fortsätta nu eller senare via samma länk.",
        Submitted => "Rapporten är klarmarkerad och skickad till avdelningschefen för godkännande.",
        _ => null,
    };

    public static IResult Render(HttpContext context, UnitPage page, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> errors,
        string? done = null, string? notice = null, CycleRefusal? stale = null, int? version = null, int status = StatusCodes.Status200OK)
    {
        var unit = page.Report.Unit;
        var ordered = F.InPageOrder(errors, page.Fields);
        var body = H($"""
            <h1>{unit.Name}: underlag till {page.Cycle.Name}</h1>
            {(done is null ? Html.Empty : H($"""<div class="kvitto" role="status"><p>{done}</p></div>"""))}
            {(notice is null ? Html.Empty : H($"""<div class="kvitto" role="status"><p>{notice}</p></div>"""))}
            {Stale(stale)}
            {Layout.ErrorSummary(ordered)}
            {SentBack(page)}
            <p>Du fyller i som <strong>{unit.Manager.Name}</strong>, enhetschef för <strong>{unit.Name}</strong> ({unit.Department}). Är det inte du? Fyll inte i något, utan kontakta förvaltningens handläggare {page.Cycle.Secretary.Name}, {page.Cycle.Secretary.Email}.</p>
            <dl>
            <dt>Läge</dt><dd>{PhaseText(page)}</dd>
            <dt>Sista dag att klarmarkera</dt><dd>{SwedishFormat.Date(page.Deadline)}</dd>
            {(page.Report.SavedAt is { } saved ? H($"<dt>Senast sparad</dt><dd>{SwedishFormat.DateTime(saved)} (version {page.Report.Version})</dd>") : Html.Empty)}
            </dl>
            {(page.Editable ? Form(context, page, values, ordered, version ?? page.Report.Version) : ReadOnly(page))}
            """);
        return Layout.Page($"{unit.Name}: underlag till {page.Cycle.Name}", body, status);
    }

    private static string PhaseText(UnitPage page) => page.State switch
    {
        UnitReportState.Approved a => $"Godkänd av {a.ApprovedBy} {SwedishFormat.DateTime(a.ApprovedAt)}. Rapporten kan inte längre ändras.",
        UnitReportState.Ready r => $"Klarmarkerad {SwedishFormat.DateTime(r.ReadyAt)}. Rapporten väntar på avdelningschefens godkännande och kan inte ändras under tiden.",
        _ => page.State.Phase switch
        {
            UnitPhase.SentBack => "Återskickad av avdelningschefen. Ändra och klarmarkera igen.",
            UnitPhase.Draft => "Utkast, inte klarmarkerad.",
            _ => "Inte påbörjad.",
        },
    };

    private static Html SentBack(UnitPage page) => page.Report.SentBack is { } note && page.Editable
        ? H($"""
            <div class="aterskickad">
            <h2>Avdelningschefen har skickat tillbaka rapporten</h2>
            <p>{note.SentBy} skrev {SwedishFormat.DateTime(note.SentAt)}:</p>
            <blockquote>{ReportReading.Text(note.Comment, "")}</blockquote>
            <p>Ändra det som behövs och klarmarkera rapporten igen.</p>
            </div>
            """)
        : Html.Empty;

    /// <summary>A save refused because someone saved in between: what changed, while the person's own text stays in the form below.</summary>
    private static Html Stale(CycleRefusal? stale) => stale is null
        ? Html.Empty
        : H($"""
            <div class="felsammanfattning" role="alert" tabindex="-1">
            <h2>Rapporten har sparats av någon annan medan du hade den öppen</h2>
            <p>{stale.Message}</p>
            {(stale.Fields.Count == 0 ? Html.Empty : H($"""<p>Det här skiljer den sparade versionen från formuläret nedan:</p><ul>{stale.Fields.Select(f => H($"""<li><a href="#{f.Field}">{f.Message}</a></li>"""))}</ul>"""))}
            <p>Det du skrev står kvar i formuläret nedan men är inte sparat. Spara igen för att ersätta den sparade versionen med det som står i formuläret, eller öppna länken på nytt för att se den sparade versionen.</p>
            </div>
            """);

    private static Html ReadOnly(UnitPage page) => H($"""
        <h2>Det inskickade underlaget</h2>
        {ReportReading.Input(page.Structure, page.Assignment, page.Report.Input, 3, "")}
        """);

    private static Html Form(HttpContext context, UnitPage page, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> errors, int version)
    {
        string V(string field) => values.GetValueOrDefault(field, "");
        var outline = UnitOutline.For(page.Structure, page.Assignment);
        var goals = new List<Html>();
        foreach (var direction in outline)
        {
            goals.Add(ReportReading.Heading(2, direction.Heading));
            foreach (var area in direction.Areas)
            {
                goals.Add(ReportReading.Heading(3, area.Goal.Heading));
                goals.Add(Goal(page, area.Goal, V, errors));
                foreach (var board in area.BoardGoals)
                {
                    goals.Add(ReportReading.Heading(4, board.Heading));
                    goals.Add(Goal(page, board, V, errors));
                }
            }
        }

        return H($"""
            <form id="{F.FormField}" method="post" action="/enhet/{page.Token}" novalidate>
            {Forms.AntiforgeryField(context)}
            <input type="hidden" name="{F.UnitField}" value="{page.Report.Unit.Id}">
            <input type="hidden" name="{F.VersionField}" value="{version}">
            <p class="hint" id="{F.TextsField}">Spara som utkast så ofta du vill: det som är sparat finns kvar när du öppnar länken igen. Siffror skriver du som vanligt, till exempel 1 268,2 eller 4,1 %. Texterna får vara högst {UnitInputRules.MaxTextLength.ToString("N0", Sv)} tecken var och {UnitInputRules.MaxTotalTextLength.ToString("N0", Sv)} tecken sammanlagt.{(page.HasPreviousTexts ? $" Texterna från {page.PreviousName} kan hämtas som utgångspunkt längst ned i formuläret." : "")}</p>
            {Layout.FieldError(errors, F.TextsField)}
            {Html.Join(goals)}
            <h2>Goda exempel och jämställdhetsanalys</h2>
            {TextArea(F.GoodExamples, "Goda exempel (frivilligt)", "Berätta gärna om något som har fungerat bra under perioden.", V, errors)}
            {TextArea(F.GenderEquality, "Jämställdhetsanalys (frivilligt)", "Skillnader mellan kvinnor och män i verksamheten och vad enheten gör åt dem.", V, errors)}
            {Economy(page, V, errors)}
            <h2>Spara eller klarmarkera</h2>
            <p class="hint">Klarmarkera när allt är ifyllt: då kontrolleras formuläret och avdelningschefen får rapporten för godkännande.</p>
            <button type="submit" name="{F.ActionField}" value="spara" class="sekundar">Spara utkast</button>
            <button type="submit" name="{F.ActionField}" value="klarmarkera">Klarmarkera</button>
            {(page.HasPreviousTexts ? H($"""
                <h2>Texterna från {page.PreviousName}</h2>
                <p class="hint" id="forra-hint">Fyller i tomma textfält i formuläret med enhetens texter från {page.PreviousName}. Inget sparas förrän du sparar.</p>
                <button type="submit" name="{F.ActionField}" value="forra" class="sekundar" aria-describedby="forra-hint">Hämta texterna från {page.PreviousName}</button>
                """) : Html.Empty)}
            </form>
            """);
    }

    private static Html Goal(UnitPage page, OutlineGoal goal, Func<string, string> v, IReadOnlyDictionary<string, string> errors)
    {
        var parts = new List<Html>();
        if (goal.Assessed)
        {
            var fulfilment = F.Fulfilment(goal.Id);
            parts.Add(Radios(fulfilment, $"Prognostiserad måluppfyllelse för {goal.Label}",
                F.Fulfilments.Select(x => (x.Value, x.Label)), v(fulfilment), errors));
            parts.Add(TextArea(F.Analysis(goal.Id), H($"Analys<span class=\"visually-hidden\"> för {goal.Label}</span>"),
                "Krävs när målet inte uppfylls helt: vad som påverkar måluppfyllelsen och vad enheten gör.", v, errors,
                page.Previous?.Goals.FirstOrDefault(g => g.GoalId == goal.Id)?.Analysis, page.PreviousName));
        }
        foreach (var indicator in goal.Indicators)
            parts.Add(Indicator(page, indicator, v, errors));
        foreach (var activity in goal.Activities)
        {
            var status = F.ActivityStatus(activity.Id);
            parts.Add(H($"""
                <fieldset class="aktivitet">
                <legend>Aktivitet: {activity.Title}</legend>
                {Radios(status, "Status", F.Progresses.Select(x => (x.Value, x.Label)), v(status), errors)}
                {TextArea(F.ActivityComment(activity.Id), H($"Kommentar<span class=\"visually-hidden\"> till aktiviteten</span>"), "Krävs när aktiviteten inte går enligt plan.", v, errors)}
                </fieldset>
                """));
        }
        return Html.Join(parts);
    }

    private static Html Indicator(UnitPage page, Indicator indicator, Func<string, string> v, IReadOnlyDictionary<string, string> errors)
    {
        var compare = $"indikator[{indicator.Id}].jamfor";
        var previous = page.Previous?.Indicators.FirstOrDefault(i => i.IndicatorId == indicator.Id)?.Outcome;
        var facts = new List<string> { $"Årsmål: {ReportReading.Amount(indicator.AnnualTarget, indicator.Unit)}" };
        if (indicator.CouncilAnnualTarget is { } council)
            facts.Add($"KF:s årsmål: {ReportReading.Amount(council, indicator.Unit)}");
        if (previous is not null)
            facts.Add($"Utfall {page.PreviousName}: {ReportReading.Amount(previous, indicator.Unit)}");
        return H($"""
            <fieldset class="indikator">
            <legend>Indikator: {indicator.Name} ({indicator.Unit})</legend>
            <p class="hint" id="{compare}">{string.Join(". ", facts)}.</p>
            {NumberInput(F.Outcome(indicator.Id), "Periodens utfall", compare, v, errors)}
            {(indicator.SplitBySex ? Html.Join([NumberInput(F.OutcomeMen(indicator.Id), "Utfall män/pojkar", compare, v, errors), NumberInput(F.OutcomeWomen(indicator.Id), "Utfall kvinnor/flickor", compare, v, errors)]) : Html.Empty)}
            {NumberInput(F.Forecast(indicator.Id), "Prognos helår", compare, v, errors)}
            </fieldset>
            """);
    }

    private static Html Economy(UnitPage page, Func<string, string> v, IReadOnlyDictionary<string, string> errors)
    {
        if (page.Assignment.Budget.Length == 0)
            return Html.Empty;
        var threshold = SwedishNumber.Format(page.Cycle.DeviationThreshold, 1);
        var rows = page.Assignment.Budget.Select(row =>
        {
            var hint = $"ekonomi[{row.Id}].budget";
            var forecast = Parsed(v(F.EconomyForecast(row.Id)));
            return H($"""
                <fieldset class="budgetrad">
                <legend>Budgetrad: {row.Name}</legend>
                <p class="hint" id="{hint}">Budget: {ReportReading.Amount(row.Budget, "mnkr")}. Avvikelse enligt prognosen: {ReportReading.Deviation(row.Budget, forecast)}.</p>
                {NumberInput(F.EconomyForecast(row.Id), "Prognos helår (mnkr)", hint, v, errors)}
                {TextArea(F.EconomyComment(row.Id), H($"Kommentar<span class=\"visually-hidden\"> till {row.Name}</span>"), $"Krävs när avvikelsen är större än {threshold} mnkr.", v, errors)}
                </fieldset>
                """);
        });
        var input = new UnitInput([], [], [], [.. page.Assignment.Budget.Select(row =>
        {
            return new EconomyForecast(row.Id, Parsed(v(F.EconomyForecast(row.Id))), v(F.EconomyComment(row.Id)));
        })], "", "");
        return H($"""
            <h2>Ekonomi</h2>
            <p>Belopp i miljoner kronor (mnkr). Avvikelse är budget minus prognos: ett överskott är positivt, ett underskott negativt. Avvikelsen räknas om när du sparar.</p>
            {rows}
            <h3>Sammanställning</h3>
            {EconomyTable(page, input)}
            """);
    }

    /// <summary>A typed number for the computed avvikelse; one that cannot be read has its own field error, and no avvikelse.</summary>
    private static decimal? Parsed(string text) => SwedishNumber.TryParseOptional(text, out var value, out _) ? value : null;

    private static Html EconomyTable(UnitPage page, UnitInput input)
    {
        var rows = page.Assignment.Budget.Select(row =>
        {
            var f = input.Economy.FirstOrDefault(e => e.BudgetRowId == row.Id)?.Forecast;
            return H($"""<tr><th scope="row">{row.Name}</th><td>{ReportReading.Amount(row.Budget, "mnkr")}</td><td>{ReportReading.Amount(f, "mnkr")}</td><td>{ReportReading.Deviation(row.Budget, f)}</td></tr>""");
        });
        var budget = page.Assignment.Budget.Sum(b => b.Budget);
        var forecasts = input.Economy.Select(e => e.Forecast).ToList();
        decimal? forecast = forecasts.Count > 0 && forecasts.All(f => f is not null) ? forecasts.Sum() : null;
        return Layout.Scrollable("Budget, prognos och avvikelse", H($"""
            <table><caption>Budget, prognos och avvikelse (mnkr)</caption>
            <thead><tr><th scope="col">Budgetrad</th><th scope="col">Budget</th><th scope="col">Prognos</th><th scope="col">Avvikelse</th></tr></thead>
            <tbody>{rows}</tbody>
            <tfoot><tr><th scope="row">Totalt</th><td>{ReportReading.Amount(budget, "mnkr")}</td><td>{ReportReading.Amount(forecast, "mnkr")}</td><td>{ReportReading.Deviation(budget, forecast)}</td></tr></tfoot>
            </table>
            """));
    }

    private static Html Radios(string field, string legend, IEnumerable<(string Value, string Label)> options, string chosen, IReadOnlyDictionary<string, string> errors) => H($"""
        <fieldset id="{field}"{Layout.Describe(errors, field)}>
        <legend>{legend}</legend>
        {Layout.FieldError(errors, field)}
        {options.Select(o => H($"""
            <div class="val"><input type="radio" id="{field}-{o.Value}" name="{field}" value="{o.Value}"{(chosen == o.Value ? Html.Raw(" checked") : Html.Empty)}> <label for="{field}-{o.Value}">{o.Label}</label></div>
            """))}
        </fieldset>
        """);

    private static Html NumberInput(string field, string label, string hintId, Func<string, string> v, IReadOnlyDictionary<string, string> errors) => H($"""
        <label for="{field}">{label}</label>
        {Layout.FieldError(errors, field)}
        <input type="text" inputmode="decimal" autocomplete="off" id="{field}" name="{field}" maxlength="{SwedishNumber.MaxLength}" value="{v(field)}"{Layout.Describe(errors, field, hintId)}>
        """);

    private static Html TextArea(string field, string label, string hint, Func<string, string> v, IReadOnlyDictionary<string, string> errors) =>
        TextArea(field, H($"{label}"), hint, v, errors);

    private static Html TextArea(string field, Html label, string hint, Func<string, string> v, IReadOnlyDictionary<string, string> errors,
        string? previous = null, string? previousName = null) => H($"""
        <label for="{field}">{label}</label>
        <p class="hint" id="{field}-hint">{hint}</p>
        {Layout.FieldError(errors, field)}
        <textarea id="{field}" name="{field}" maxlength="{UnitInputRules.MaxTextLength}"{Layout.Describe(errors, field, field + "-hint")}>
        {v(field)}</textarea>
        {(string.IsNullOrWhiteSpace(previous) ? Html.Empty : H($"""<details><summary>Analysen från {previousName}</summary>{ReportReading.Text(previous, "")}</details>"""))}
        """);

    private static readonly System.Globalization.CultureInfo Sv = System.Globalization.CultureInfo.GetCultureInfo("sv-SE");
}

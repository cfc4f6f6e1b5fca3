using System.Globalization;
using Justera.Core.JusteringRounds;

namespace Justera.Core.ReportCycles;

/// <summary>
/// The rules of a unit's input, each broken rule a Swedish message on a stable field name such as
/// <c>mal[g12].analys</c>. A draft must be well-formed (only the unit's own goals, indicators, activities and budget
/// rows, each once; numbers in range; men/women only where the indicator is split; texts within bounds); klarmarkera
/// also asks for completeness. Indicator outcomes stay optional at klarmarkera: many are measured yearly or by others
/// ("Tas fram av nämnd"), but a split indicator with an outcome needs its men and women too.
/// </summary>
public static class UnitInputRules
{
    public const int MaxTextLength = 10_000;
    public const int MaxTotalTextLength = 50_000;
    public const decimal MaxCount = 1_000_000_000m;
    public const decimal MaxAmount = 1_000_000_000_000m;
    public const decimal MaxForecastMnkr = 100_000m;

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    public static List<FieldError> Check(UnitInput input, string unitId, YearStructure structure, decimal deviationThreshold, bool complete)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(structure);
        var labels = new StructureLabels(structure);
        var assignment = structure.Assignments.FirstOrDefault(a => a.UnitId == unitId)
            ?? new UnitAssignment(unitId, [], [], [], []);
        var errors = new List<FieldError>();

        Known(errors, input.Goals.Select(g => g.GoalId), assignment.GoalIds, "mal", "Målet ingår inte i enhetens uppdrag.", "Målet finns två gånger.");
        Known(errors, input.Indicators.Select(i => i.IndicatorId), assignment.IndicatorIds, "indikator", "Indikatorn ingår inte i enhetens uppdrag.", "Indikatorn finns två gånger.");
        Known(errors, input.Activities.Select(a => a.ActivityId), assignment.ActivityIds, "aktivitet", "Aktiviteten ingår inte i enhetens uppdrag.", "Aktiviteten finns två gånger.");
        Known(errors, input.Economy.Select(e => e.BudgetRowId), assignment.Budget.Select(b => b.Id), "ekonomi", "Budgetraden hör inte till enheten.", "Budgetraden finns två gånger.");

        foreach (var outcome in input.Indicators)
        {
            if (labels.FindIndicator(outcome.IndicatorId) is not { } indicator || !assignment.IndicatorIds.Contains(outcome.IndicatorId))
                continue;
            var field = $"indikator[{outcome.IndicatorId}]";
            var label = labels.Indicator(outcome.IndicatorId);
            Range(errors, outcome.Outcome, indicator, $"{field}.utfall", $"Utfallet för {label}");
            Range(errors, outcome.OutcomeMen, indicator, $"{field}.utfallMan", $"Utfallet för män för {label}");
            Range(errors, outcome.OutcomeWomen, indicator, $"{field}.utfallKvinnor", $"Utfallet för kvinnor för {label}");
            Range(errors, outcome.FullYearForecast, indicator, $"{field}.prognos", $"Prognosen för {label}");
            if (!indicator.SplitBySex && (outcome.OutcomeMen is not null || outcome.OutcomeWomen is not null))
                errors.Add(new($"{field}.utfallMan", $"{Capital(label)} redovisas inte uppdelad på kvinnor och män."));
            if (complete && indicator.SplitBySex && outcome.Outcome is not null)
            {
                if (outcome.OutcomeMen is null)
                    errors.Add(new($"{field}.utfallMan", $"Ange utfallet för män för {label}."));
                if (outcome.OutcomeWomen is null)
                    errors.Add(new($"{field}.utfallKvinnor", $"Ange utfallet för kvinnor för {label}."));
            }
        }

        foreach (var forecast in input.Economy)
        {
            if (forecast.Forecast is { } f && Math.Abs(f) > MaxForecastMnkr)
                errors.Add(new($"ekonomi[{forecast.BudgetRowId}].prognos", $"Prognosen ska anges i mnkr och vara högst {MaxForecastMnkr.ToString("N0", Swedish)}."));
        }

        Texts(errors, input, labels, assignment);
        if (complete)
            Completeness(errors, input, labels, assignment, deviationThreshold);
        return errors;
    }

    private static void Completeness(List<FieldError> errors, UnitInput input, StructureLabels labels, UnitAssignment assignment, decimal threshold)
    {
        foreach (var goalId in assignment.GoalIds)
        {
            var goal = input.Goals.FirstOrDefault(g => g.GoalId == goalId);
            var label = labels.Goal(goalId);
            if (goal?.Fulfilment is null)
                errors.Add(new($"mal[{goalId}].maluppfyllelse", $"Välj prognostiserad måluppfyllelse för {label}."));
            else if (goal.Fulfilment != GoalFulfilment.Fully && string.IsNullOrWhiteSpace(goal.Analysis))
                errors.Add(new($"mal[{goalId}].analys", $"Skriv en analys för {label}: den behövs när målet inte uppfylls helt."));
        }

        foreach (var activityId in assignment.ActivityIds)
        {
            var activity = input.Activities.FirstOrDefault(a => a.ActivityId == activityId);
            var label = labels.Activity(activityId);
            if (activity?.Progress is null)
                errors.Add(new($"aktivitet[{activityId}].status", $"Välj status för {label}."));
            else if (activity.Progress != ActivityProgress.OnPlan && string.IsNullOrWhiteSpace(activity.Comment))
                errors.Add(new($"aktivitet[{activityId}].kommentar", $"Kommentera {label}: den går inte enligt plan."));
        }

        foreach (var row in assignment.Budget)
        {
            var forecast = input.Economy.FirstOrDefault(e => e.BudgetRowId == row.Id);
            var label = StructureLabels.BudgetRow(assignment, row.Id);
            if (forecast?.Forecast is not { } f)
                errors.Add(new($"ekonomi[{row.Id}].prognos", $"Ange prognos för {label}."));
            else if (Math.Abs(row.Budget - f) > threshold && string.IsNullOrWhiteSpace(forecast.Comment))
                errors.Add(new($"ekonomi[{row.Id}].kommentar",
                    $"Förklara avvikelsen för {label}: {(row.Budget - f).ToString("0.0#", Swedish)} mnkr är mer än gränsen {threshold.ToString("0.0#", Swedish)} mnkr."));
        }
    }

    private static void Texts(List<FieldError> errors, UnitInput input, StructureLabels labels, UnitAssignment assignment)
    {
        var texts = new List<(string Field, string Label, string Text)>();
        texts.AddRange(input.Goals.Select(g => ($"mal[{g.GoalId}].analys", $"Analysen för {labels.Goal(g.GoalId)}", g.Analysis ?? "")));
        texts.AddRange(input.Activities.Select(a => ($"aktivitet[{a.ActivityId}].kommentar", $"Kommentaren till {labels.Activity(a.ActivityId)}", a.Comment ?? "")));
        texts.AddRange(input.Economy.Select(e => ($"ekonomi[{e.BudgetRowId}].kommentar", $"Kommentaren till {StructureLabels.BudgetRow(assignment, e.BudgetRowId)}", e.Comment ?? "")));
        texts.Add(("godaExempel", "Goda exempel", input.GoodExamples ?? ""));
        texts.Add(("jamstalldhetsanalys", "Jämställdhetsanalysen", input.GenderEqualityAnalysis ?? ""));
        foreach (var (field, label, text) in texts.Where(t => t.Text.Length > MaxTextLength))
            errors.Add(new(field, $"{label} får vara högst {MaxTextLength.ToString("N0", Swedish)} tecken; den är {text.Length.ToString("N0", Swedish)}."));
        var total = texts.Sum(t => (long)t.Text.Length);
        if (total > MaxTotalTextLength)
            errors.Add(new("texter", $"Enhetens texter får vara högst {MaxTotalTextLength.ToString("N0", Swedish)} tecken sammanlagt; de är {total.ToString("N0", Swedish)}. Korta någon text."));
    }

    private static void Known(List<FieldError> errors, IEnumerable<string> ids, IEnumerable<string> assigned, string prefix, string unknown, string duplicate)
    {
        var allowed = assigned.ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (!allowed.Contains(id))
                errors.Add(new($"{prefix}[{id}]", unknown));
            else if (!seen.Add(id))
                errors.Add(new($"{prefix}[{id}]", duplicate));
        }
    }

    /// <summary>A share is 0–100 %, a count is not negative, anything else within a bound no real figure reaches.</summary>
    private static void Range(List<FieldError> errors, decimal? value, Indicator indicator, string field, string what)
    {
        if (value is not { } v)
            return;
        var unit = indicator.Unit.Trim().ToLowerInvariant();
        if (unit == "%" && v is < 0 or > 100)
            errors.Add(new(field, $"{what} är en andel och ska vara mellan 0 och 100 %."));
        else if (unit is "st" or "antal" or "timmar" or "h" && v is < 0 or > MaxCount)
            errors.Add(new(field, $"{what} är ett antal och kan inte vara negativt eller orimligt stort."));
        else if (Math.Abs(v) > MaxAmount)
            errors.Add(new(field, $"{what} är orimligt stort."));
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Swedish) + text[1..];
}

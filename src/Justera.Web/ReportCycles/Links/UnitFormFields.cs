using System.Collections.Immutable;
using System.Globalization;
using Justera.Core.ReportCycles;
using Justera.Core.Swedish;
using Microsoft.AspNetCore.Http;

namespace Justera.Web.ReportCycles.Links;

/// <summary>
/// The unit form's field names — the same as <see cref="UnitInputRules"/> and <see cref="UnitInputChanges"/> use, so a
/// refusal's field error lands beside its own control — and the reading of a posted form into a <see cref="UnitInput"/>.
/// </summary>
internal static class UnitFormFields
{
    public const string UnitField = "enhet";
    public const string VersionField = "version";
    public const string ActionField = "atgard";
    public const string GoodExamples = "godaExempel";
    public const string GenderEquality = "jamstalldhetsanalys";

    /// <summary>Where errors about the form as a whole (unknown fields, a missing version) are shown.</summary>
    public const string FormField = "formular";

    /// <summary>The total-length rule's field in <see cref="UnitInputRules"/>.</summary>
    public const string TextsField = "texter";

    public static string Fulfilment(string goalId) => $"mal[{goalId}].maluppfyllelse";

    public static string Analysis(string goalId) => $"mal[{goalId}].analys";

    public static string Outcome(string indicatorId) => $"indikator[{indicatorId}].utfall";

    public static string OutcomeMen(string indicatorId) => $"indikator[{indicatorId}].utfallMan";

    public static string OutcomeWomen(string indicatorId) => $"indikator[{indicatorId}].utfallKvinnor";

    public static string Forecast(string indicatorId) => $"indikator[{indicatorId}].prognos";

    public static string ActivityStatus(string activityId) => $"aktivitet[{activityId}].status";

    public static string ActivityComment(string activityId) => $"aktivitet[{activityId}].kommentar";

    public static string EconomyForecast(string rowId) => $"ekonomi[{rowId}].prognos";

    public static string EconomyComment(string rowId) => $"ekonomi[{rowId}].kommentar";

    /// <summary>The radio values of a goal's assessment, as posted, with the words a person reads.</summary>
    public static IReadOnlyList<(string Value, GoalFulfilment Fulfilment, string Label)> Fulfilments { get; } =
    [
        ("helt", GoalFulfilment.Fully, "Uppfylls helt"),
        ("delvis", GoalFulfilment.Partly, "Uppfylls delvis"),
        ("inte", GoalFulfilment.NotMet, "Uppfylls inte"),
    ];

    public static IReadOnlyList<(string Value, ActivityProgress Progress, string Label)> Progresses { get; } =
    [
        ("enligt-plan", ActivityProgress.OnPlan, "Enligt plan"),
        ("delvis", ActivityProgress.PartlyOnPlan, "Delvis enligt plan"),
        ("inte-enligt-plan", ActivityProgress.NotOnPlan, "Inte enligt plan"),
    ];

    public static string Label(GoalFulfilment? f) => Fulfilments.FirstOrDefault(x => x.Fulfilment == f).Label ?? "Inte bedömd";

    public static string Label(ActivityProgress? p) => Progresses.FirstOrDefault(x => x.Progress == p).Label ?? "Ingen status";

    /// <summary>Every field the unit's form has, in the order the page shows them (the error summary keeps that order).</summary>
    public static IReadOnlyList<string> All(UnitAssignment assignment, StructureLabels labels)
    {
        var fields = new List<string>();
        foreach (var goal in assignment.GoalIds)
            fields.AddRange([Fulfilment(goal), Analysis(goal)]);
        foreach (var id in assignment.IndicatorIds)
        {
            fields.Add(Outcome(id));
            if (labels.FindIndicator(id) is { SplitBySex: true })
                fields.AddRange([OutcomeMen(id), OutcomeWomen(id)]);
            fields.Add(Forecast(id));
        }
        foreach (var id in assignment.ActivityIds)
            fields.AddRange([ActivityStatus(id), ActivityComment(id)]);
        fields.AddRange([GoodExamples, GenderEquality]);
        foreach (var row in assignment.Budget)
            fields.AddRange([EconomyForecast(row.Id), EconomyComment(row.Id)]);
        return fields;
    }

    /// <summary>The stored input as the form's field values: numbers written the Swedish way, so they read back the same.</summary>
    public static Dictionary<string, string> ValuesOf(UnitInput input)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in input.Goals)
        {
            values[Fulfilment(g.GoalId)] = Fulfilments.FirstOrDefault(x => x.Fulfilment == g.Fulfilment).Value ?? "";
            values[Analysis(g.GoalId)] = g.Analysis ?? "";
        }
        foreach (var i in input.Indicators)
        {
            values[Outcome(i.IndicatorId)] = Number(i.Outcome);
            values[OutcomeMen(i.IndicatorId)] = Number(i.OutcomeMen);
            values[OutcomeWomen(i.IndicatorId)] = Number(i.OutcomeWomen);
            values[Forecast(i.IndicatorId)] = Number(i.FullYearForecast);
        }
        foreach (var a in input.Activities)
        {
            values[ActivityStatus(a.ActivityId)] = Progresses.FirstOrDefault(x => x.Progress == a.Progress).Value ?? "";
            values[ActivityComment(a.ActivityId)] = a.Comment ?? "";
        }
        foreach (var e in input.Economy)
        {
            values[EconomyForecast(e.BudgetRowId)] = Number(e.Forecast);
            values[EconomyComment(e.BudgetRowId)] = e.Comment ?? "";
        }
        values[GoodExamples] = input.GoodExamples ?? "";
        values[GenderEquality] = input.GenderEqualityAnalysis ?? "";
        return values;
    }

    /// <summary>A number the Swedish way with as many decimals as it has (up to <see cref="SwedishNumber.MaxDecimals"/>); empty for none.</summary>
    public static string Number(decimal? value) => value is { } v ? SwedishNumber.Format(v, Decimals(v)) : "";

    public static int Decimals(decimal value)
    {
        var text = value.ToString("0.####", CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? 0 : text.Length - point - 1;
    }

    /// <summary>
    /// Reads the posted form against the unit's assignment. Every value a person typed is kept (so a re-rendered form
    /// loses nothing); each unparsable number, unknown choice, unknown or repeated field is a Swedish field error.
    /// </summary>
    public static PostedUnitForm Read(IFormCollection form, UnitAssignment assignment, StructureLabels labels, string antiforgeryField)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var known = All(assignment, labels).ToHashSet(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var (name, value) in form)
        {
            if (name == antiforgeryField || name is UnitField or VersionField or ActionField)
                continue;
            if (!known.Contains(name))
            {
                unknown.Add(name);
                continue;
            }
            if (value.Count > 1)
                errors[name] = "Fältet skickades mer än en gång. Ladda om sidan och försök igen.";
            values[name] = (value.ToString() ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        if (unknown.Count > 0)
        {
            var named = string.Join(", ", unknown.Take(3).Select(n => n.Length > 60 ? n[..60] + "…" : n));
            errors[FormField] = $"Formuläret innehåller fält som inte hör till enhetens formulär ({named}{(unknown.Count > 3 ? " med flera" : "")}). Ladda om sidan och fyll i formuläret där. Inget har sparats.";
        }

        string Value(string field) => values.GetValueOrDefault(field, "");
        decimal? Parsed(string field)
        {
            if (SwedishNumber.TryParseOptional(Value(field), out var number, out var error))
                return number;
            errors.TryAdd(field, error!);
            return null;
        }

        var goals = assignment.GoalIds.Select(id =>
        {
            var choice = Value(Fulfilment(id));
            var match = Fulfilments.FirstOrDefault(f => f.Value == choice);
            if (choice.Length > 0 && match.Value is null)
                errors.TryAdd(Fulfilment(id), "Välj ett av alternativen uppfylls helt, delvis eller inte.");
            return new GoalAssessment(id, match.Value is null ? null : match.Fulfilment, Value(Analysis(id)));
        }).ToImmutableArray();

        var indicators = assignment.IndicatorIds.Select(id =>
        {
            var split = labels.FindIndicator(id) is { SplitBySex: true };
            return new IndicatorOutcome(id, Parsed(Outcome(id)),
                split ? Parsed(OutcomeMen(id)) : null, split ? Parsed(OutcomeWomen(id)) : null, Parsed(Forecast(id)));
        }).Where(i => i.Outcome is not null || i.OutcomeMen is not null || i.OutcomeWomen is not null || i.FullYearForecast is not null)
            .ToImmutableArray();

        var activities = assignment.ActivityIds.Select(id =>
        {
            var choice = Value(ActivityStatus(id));
            var match = Progresses.FirstOrDefault(p => p.Value == choice);
            if (choice.Length > 0 && match.Value is null)
                errors.TryAdd(ActivityStatus(id), "Välj ett av alternativen enligt plan, delvis enligt plan eller inte enligt plan.");
            return new ActivityStatus(id, match.Value is null ? null : match.Progress, Value(ActivityComment(id)));
        }).ToImmutableArray();

        var economy = assignment.Budget.Select(row => new EconomyForecast(row.Id, Parsed(EconomyForecast(row.Id)), Value(EconomyComment(row.Id))))
            .ToImmutableArray();

        var input = new UnitInput(goals, indicators, activities, economy, Value(GoodExamples), Value(GenderEquality));
        return new PostedUnitForm(input, values, errors);
    }

    /// <summary>Field errors in the order of the page's fields, then any others (such as the form as a whole).</summary>
    public static Dictionary<string, string> InPageOrder(IReadOnlyDictionary<string, string> errors, IReadOnlyList<string> order)
    {
        var ordered = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in new[] { FormField }.Concat(order))
        {
            if (errors.TryGetValue(field, out var message))
                ordered[field] = message;
        }
        foreach (var (field, message) in errors)
            ordered.TryAdd(field, message);
        return ordered;
    }
}

/// <summary>A posted unit form: the input it says, what the person typed (field by field) and what could not be read.</summary>
internal sealed record PostedUnitForm(UnitInput Input, IReadOnlyDictionary<string, string> Values, Dictionary<string, string> Errors);

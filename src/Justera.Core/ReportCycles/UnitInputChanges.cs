namespace Justera.Core.ReportCycles;

/// <summary>One field that differs between two versions of a unit's input, in Swedish for the manager.</summary>
public sealed record InputChange(string Field, string Message);

/// <summary>
/// What changed between two versions of a unit's input, field by field ("Analys för mål 1.2 har ändrats"): shown
/// when a save is refused as stale, so the manager sees what someone else saved meanwhile. Field names are the
/// form's (<see cref="UnitInputRules"/>); an item missing on one side counts as empty.
/// </summary>
public static class UnitInputChanges
{
    public static IReadOnlyList<InputChange> Between(UnitInput older, UnitInput newer, YearStructure structure)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var labels = new StructureLabels(structure);
        var changes = new List<InputChange>();
        void Compare<T>(T a, T b, string field, string message)
        {
            if (!EqualityComparer<T>.Default.Equals(a, b))
                changes.Add(new(field, message));
        }

        foreach (var id in Ids(older.Goals.Select(g => g.GoalId), newer.Goals.Select(g => g.GoalId)))
        {
            var a = older.Goals.FirstOrDefault(g => g.GoalId == id);
            var b = newer.Goals.FirstOrDefault(g => g.GoalId == id);
            var goal = labels.Goal(id);
            Compare(a?.Fulfilment, b?.Fulfilment, $"mal[{id}].maluppfyllelse", $"Måluppfyllelse för {goal} har ändrats.");
            Compare(a?.Analysis ?? "", b?.Analysis ?? "", $"mal[{id}].analys", $"Analys för {goal} har ändrats.");
        }

        foreach (var id in Ids(older.Indicators.Select(i => i.IndicatorId), newer.Indicators.Select(i => i.IndicatorId)))
        {
            var a = older.Indicators.FirstOrDefault(i => i.IndicatorId == id);
            var b = newer.Indicators.FirstOrDefault(i => i.IndicatorId == id);
            var indicator = labels.Indicator(id);
            Compare(a?.Outcome, b?.Outcome, $"indikator[{id}].utfall", $"Utfall för {indicator} har ändrats.");
            Compare(a?.OutcomeMen, b?.OutcomeMen, $"indikator[{id}].utfallMan", $"Utfall för män för {indicator} har ändrats.");
            Compare(a?.OutcomeWomen, b?.OutcomeWomen, $"indikator[{id}].utfallKvinnor", $"Utfall för kvinnor för {indicator} har ändrats.");
            Compare(a?.FullYearForecast, b?.FullYearForecast, $"indikator[{id}].prognos", $"Prognos helår för {indicator} har ändrats.");
        }

        foreach (var id in Ids(older.Activities.Select(a => a.ActivityId), newer.Activities.Select(a => a.ActivityId)))
        {
            var a = older.Activities.FirstOrDefault(x => x.ActivityId == id);
            var b = newer.Activities.FirstOrDefault(x => x.ActivityId == id);
            var activity = labels.Activity(id);
            Compare(a?.Progress, b?.Progress, $"aktivitet[{id}].status", $"Status för {activity} har ändrats.");
            Compare(a?.Comment ?? "", b?.Comment ?? "", $"aktivitet[{id}].kommentar", $"Kommentaren till {activity} har ändrats.");
        }

        foreach (var id in Ids(older.Economy.Select(e => e.BudgetRowId), newer.Economy.Select(e => e.BudgetRowId)))
        {
            var a = older.Economy.FirstOrDefault(x => x.BudgetRowId == id);
            var b = newer.Economy.FirstOrDefault(x => x.BudgetRowId == id);
            var row = StructureLabels.BudgetRow(structure.Assignments.FirstOrDefault(x => x.Budget.Any(r => r.Id == id)), id);
            Compare(a?.Forecast, b?.Forecast, $"ekonomi[{id}].prognos", $"Prognos för {row} har ändrats.");
            Compare(a?.Comment ?? "", b?.Comment ?? "", $"ekonomi[{id}].kommentar", $"Kommentaren till {row} har ändrats.");
        }

        Compare(older.GoodExamples, newer.GoodExamples, "godaExempel", "Goda exempel har ändrats.");
        Compare(older.GenderEqualityAnalysis, newer.GenderEqualityAnalysis, "jamstalldhetsanalys", "Jämställdhetsanalysen har ändrats.");
        return changes;
    }

    /// <summary>Whether two inputs say the same: records compare their arrays by reference, so this compares field by field.</summary>
    public static bool Same(UnitInput a, UnitInput b, YearStructure structure) => Between(a, b, structure).Count == 0;

    private static IEnumerable<string> Ids(IEnumerable<string> a, IEnumerable<string> b) => a.Concat(b).Distinct(StringComparer.Ordinal);
}

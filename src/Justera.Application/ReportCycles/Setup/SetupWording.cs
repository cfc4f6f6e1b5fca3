using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;

namespace Justera.Application.ReportCycles.Setup;

/// <summary>What an import will do or did, in the Swedish a secretary reads on the preview and the list page.</summary>
public static class SetupWording
{
    /// <summary>E.g. "3 nya enheter, 2 ändrade (enhetschef, enhetschefens e-post), 8 oförändrade, 1 finns inte längre i filen.".</summary>
    public static string UnitsSummary(UnitsComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (comparison.IsNoChange)
            return comparison.Summary;
        var parts = new List<string>();
        if (!comparison.Added.IsEmpty)
            parts.Add(Count(comparison.Added.Length, "ny enhet", "nya enheter"));
        if (!comparison.Changed.IsEmpty)
        {
            var fields = comparison.Changed.SelectMany(c => c.Fields).Distinct().Order().Select(FieldName);
            parts.Add($"{Count(comparison.Changed.Length, "ändrad", "ändrade")} ({string.Join(", ", fields)})");
        }
        if (!comparison.Unchanged.IsEmpty)
            parts.Add(Count(comparison.Unchanged.Length, "oförändrad", "oförändrade"));
        if (!comparison.Removed.IsEmpty)
            parts.Add($"{comparison.Removed.Length} finns inte längre i filen");
        return string.Join(", ", parts) + ".";
    }

    /// <summary>A changed field as the summary names it, in lower case.</summary>
    public static string FieldName(UnitField field) => field switch
    {
        UnitField.Name => "namn",
        UnitField.Department => "avdelning",
        UnitField.ManagerName => "enhetschef",
        UnitField.ManagerEmail => "enhetschefens e-post",
        UnitField.DepartmentHeadName => "avdelningschef",
        UnitField.DepartmentHeadEmail => "avdelningschefens e-post",
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>A field's value in a unit, for showing what changed.</summary>
    public static string Value(ReportingUnit unit, UnitField field)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return field switch
        {
            UnitField.Name => unit.Name,
            UnitField.Department => unit.Department,
            UnitField.ManagerName => unit.Manager.Name,
            UnitField.ManagerEmail => unit.Manager.Email,
            UnitField.DepartmentHeadName => unit.DepartmentHead.Name,
            UnitField.DepartmentHeadEmail => unit.DepartmentHead.Email,
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
    }

    public static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}

/// <summary>How much a year structure holds, for the preview and the list of years.</summary>
public sealed record StructureCounts(int DirectionGoals, int AreaGoals, int BoardGoals, int Indicators, int Activities, int Assignments, int BudgetRows)
{
    public static StructureCounts Of(YearStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var areas = structure.DirectionGoals.SelectMany(d => d.AreaGoals).ToList();
        var boards = areas.SelectMany(a => a.BoardGoals).ToList();
        return new(
            structure.DirectionGoals.Length,
            areas.Count,
            boards.Count,
            areas.Sum(a => a.Indicators.Length) + boards.Sum(b => b.Indicators.Length),
            areas.Sum(a => a.Activities.Length) + boards.Sum(b => b.Activities.Length),
            structure.Assignments.Length,
            structure.Assignments.Sum(a => a.Budget.Length));
    }

    /// <summary>E.g. "3 inriktningsmål, 5 mål för verksamhetsområdet, 4 nämndmål, 12 indikatorer, 6 aktiviteter och uppdrag för 10 enheter".</summary>
    public string Summary =>
        $"{DirectionGoals} inriktningsmål, {AreaGoals} mål för verksamhetsområdet, {BoardGoals} nämndmål, "
        + $"{SetupWording.Count(Indicators, "indikator", "indikatorer")}, {SetupWording.Count(Activities, "aktivitet", "aktiviteter")} "
        + $"och uppdrag för {SetupWording.Count(Assignments, "enhet", "enheter")}";
}

using System.Collections.Immutable;

namespace Justera.Core.ReportCycles.Compilation;

/// <summary>
/// The administration's report for one period, compiled from the units' approved inputs: what the Word and Excel
/// writers print, with every sum and sentence already decided here so both files say the same.
/// </summary>
public sealed record CompiledReport(
    string Administration,
    ReportPeriod Period,
    int Year,
    DateOnly CompiledOn,
    int UnitCount,
    ImmutableArray<ReportingUnit> MissingUnits,
    ImmutableArray<CompiledGoal> Goals,
    CompiledEconomy Economy,
    ImmutableArray<UnitText> GoodExamples,
    ImmutableArray<UnitText> GenderEqualityAnalyses,
    ImmutableArray<UnitStatus> Units,
    ImmutableArray<GoalChartRow> Chart)
{
    /// <summary>The report's name as the administration writes it, e.g. "Tertialrapport 1 2021" or "Verksamhetsberättelse 2021".</summary>
    public string Title => ReportTitles.Title(Period, Year);

    /// <summary>How many units' approved inputs the report is built on.</summary>
    public int ReportedUnitCount => UnitCount - MissingUnits.Length;

    /// <summary>The sentence at the start that says whose inputs are in the report and whose are missing.</summary>
    public string CoverageSentence => SwedishSentences.Coverage(ReportedUnitCount, UnitCount);

    /// <summary>Every goal in the report's order, depth first: each inriktningsmål, its KF mål, their nämndmål.</summary>
    public IEnumerable<CompiledGoal> AllGoals => Goals.SelectMany(Flatten);

    private static IEnumerable<CompiledGoal> Flatten(CompiledGoal goal) => [goal, .. goal.Children.SelectMany(Flatten)];
}

/// <summary>The three levels of the goal structure, as the report's headings show them.</summary>
public enum GoalLevel
{
    /// <summary>KF:s inriktningsmål.</summary>
    Direction,

    /// <summary>KF:s mål för verksamhetsområdet.</summary>
    Area,

    /// <summary>Nämndmål.</summary>
    Board,
}

/// <summary>
/// One goal in the report: how the units assess it, their analyses under their names, its indicators and the
/// activities that are not on plan; its lower goals follow in <see cref="Children"/>.
/// </summary>
/// <param name="Number">"1" or "1.2" as the structure numbers it; nämndmål carry their KF goal's number, as the seed prints them under it.</param>
/// <param name="Assessment">Null when no unit in the cycle reports on this goal.</param>
/// <param name="AssessmentSentence">E.g. "Tre av fem enheter bedömer att målet uppfylls helt, en delvis och en inte."; empty when <paramref name="Assessment"/> is null.</param>
public sealed record CompiledGoal(
    string Id,
    GoalLevel Level,
    string Number,
    string Title,
    AssessmentDistribution? Assessment,
    string AssessmentSentence,
    ImmutableArray<UnitAnalysis> Analyses,
    ImmutableArray<IndicatorTable> Indicators,
    int ActivityCount,
    ImmutableArray<ActivityDeviation> ActivitiesNotOnPlan,
    ImmutableArray<CompiledGoal> Children)
{
    /// <summary>The heading the report prints: "1. En modern storstad…", "1.2 Stockholm är…", "Nämndmål: I Skärholmen…".</summary>
    public string Heading => Level switch
    {
        GoalLevel.Direction => $"{Number.TrimEnd('.')}. {Title}",
        GoalLevel.Area => $"{Number.TrimEnd('.')} {Title}",
        _ => $"Nämndmål: {Title}",
    };
}

/// <summary>How the units that report on a goal assess it; <see cref="Missing"/> counts those that gave no assessment (including units whose input is missing).</summary>
public sealed record AssessmentDistribution(int Fully, int Partly, int NotMet, int Missing)
{
    /// <summary>All units that report on the goal.</summary>
    public int Total => Fully + Partly + NotMet + Missing;

    /// <summary>The units that gave an assessment.</summary>
    public int Assessed => Fully + Partly + NotMet;
}

/// <summary>One unit's assessment and analysis of a goal, printed under the unit's name.</summary>
public sealed record UnitAnalysis(string UnitId, string UnitName, GoalFulfilment? Fulfilment, string Analysis);

/// <summary>One indicator's figures per unit, with a total row only where the unit of measure adds up (<see cref="Indicator.Adds"/>).</summary>
public sealed record IndicatorTable(Indicator Indicator, ImmutableArray<IndicatorRow> Rows, IndicatorRow? Total);

/// <summary>A unit's figures for an indicator (or the total row, whose <see cref="UnitId"/> is null).</summary>
public sealed record IndicatorRow(
    string Label,
    string? UnitId,
    string Department,
    decimal? Outcome,
    decimal? OutcomeMen,
    decimal? OutcomeWomen,
    decimal? FullYearForecast);

/// <summary>A prioriterad aktivitet that a unit reports as delvis or inte enligt plan, with the unit's comment.</summary>
public sealed record ActivityDeviation(PriorityActivity Activity, string UnitId, string UnitName, ActivityProgress Progress, string Comment);

/// <summary>The economy table: one block per department with its units as "varav" rows, then the administration's total.</summary>
public sealed record CompiledEconomy(ImmutableArray<EconomyDepartment> Departments, EconomyLine Total, ImmutableArray<UnitText> Comments);

/// <summary>A department's total and its units.</summary>
public sealed record EconomyDepartment(EconomyLine Total, ImmutableArray<EconomyLine> Units);

/// <summary>
/// Budget and full-year forecast in mnkr. Where a unit gave no forecast (or its input is missing) its budget stands in
/// for the forecast, so the totals still add up, and <see cref="ForecastMissing"/> says so.
/// </summary>
public sealed record EconomyLine(string Name, decimal Budget, decimal Forecast, bool ForecastMissing)
{
    /// <summary>Avvikelse = budget − prognos: positive is a surplus.</summary>
    public decimal Variance => Budget - Forecast;
}

/// <summary>A free text from one unit (goda exempel, jämställdhetsanalys, an economy comment).</summary>
public sealed record UnitText(string UnitId, string UnitName, string Text);

/// <summary>A unit's line on the status sheet: whether its input is in the report, and how it assessed its goals.</summary>
public sealed record UnitStatus(ReportingUnit Unit, bool Reported, int Fully, int Partly, int NotMet);

/// <summary>One bar of the assessment chart: a goal and how many units assess it helt, delvis, inte, or not at all.</summary>
/// <param name="Label">A short label for the chart's axis (at most 48 characters, cut with "…").</param>
/// <param name="Heading">The goal's full heading, for tables and alt text.</param>
public sealed record GoalChartRow(string GoalId, string Label, string Heading, int Fully, int Partly, int NotMet, int Missing);

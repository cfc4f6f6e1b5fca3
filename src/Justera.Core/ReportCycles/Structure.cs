using System.Collections.Immutable;

namespace Justera.Core.ReportCycles;

/// <summary>The three reports of a year: tertialrapport 1 and 2, and the verksamhetsberättelse.</summary>
public enum ReportPeriod
{
    /// <summary>Tertialrapport 1 (January–April).</summary>
    T1,

    /// <summary>Tertialrapport 2 (January–August).</summary>
    T2,

    /// <summary>Verksamhetsberättelse (the whole year).</summary>
    VB,
}

/// <summary>A person the cycle writes to: a unit manager (enhetschef) or a department head (avdelningschef).</summary>
public sealed record Person(string Name, string Email);

/// <summary>A unit (enhet) that reports in the cycle, its department (avdelning), its manager and its department head.</summary>
public sealed record ReportingUnit(string Id, string Name, string Department, Person Manager, Person DepartmentHead);

/// <summary>
/// The year's goal structure: KF:s inriktningsmål, under each KF:s mål för verksamhetsområdet, under each the
/// nämndmål; indicators and prioriterade aktiviteter hang on the two lower levels. Goal, indicator and activity ids
/// are unique across the whole structure, so a unit's assignment can name them without their level.
/// </summary>
public sealed record YearStructure(
    int Year,
    ImmutableArray<DirectionGoal> DirectionGoals,
    ImmutableArray<UnitAssignment> Assignments);

/// <summary>KF:s inriktningsmål, e.g. "En modern storstad med möjligheter och valfrihet för alla".</summary>
public sealed record DirectionGoal(string Id, string Number, string Title, ImmutableArray<AreaGoal> AreaGoals);

/// <summary>KF:s mål för verksamhetsområdet, e.g. "1.2 Stockholm är en trygg, säker och välskött stad att bo och vistas i".</summary>
public sealed record AreaGoal(
    string Id,
    string Number,
    string Title,
    ImmutableArray<Indicator> Indicators,
    ImmutableArray<PriorityActivity> Activities,
    ImmutableArray<BoardGoal> BoardGoals);

/// <summary>A nämndmål: the board's own goal under a KF goal for the area.</summary>
public sealed record BoardGoal(
    string Id,
    string Title,
    ImmutableArray<Indicator> Indicators,
    ImmutableArray<PriorityActivity> Activities);

/// <summary>
/// An indicator measured per period. <see cref="Unit"/> is the unit of measure as written ("%", "st", "kr",
/// "mnkr", "index"…); <see cref="SplitBySex"/> asks for the outcome for men/boys and women/girls as well.
/// </summary>
public sealed record Indicator(
    string Id,
    string Name,
    string Unit,
    bool SplitBySex,
    decimal? AnnualTarget,
    decimal? CouncilAnnualTarget)
{
    /// <summary>Whether the units' outcomes add up to the administration's (counts and money), so a report can show a total.</summary>
    public bool Adds => Unit.Trim().ToLowerInvariant() is "st" or "kr" or "tkr" or "mnkr" or "antal" or "timmar" or "h";
}

/// <summary>A prioriterad aktivitet from the budget, followed up with a status per unit.</summary>
public sealed record PriorityActivity(string Id, string Title, DateOnly? Starts, DateOnly? Ends);

/// <summary>
/// What one unit reports on this year: which goals it assesses, which indicators and activities it follows up,
/// and its budget rows for the economy part (amounts in mnkr, as the administration's report writes them).
/// </summary>
public sealed record UnitAssignment(
    string UnitId,
    ImmutableArray<string> GoalIds,
    ImmutableArray<string> IndicatorIds,
    ImmutableArray<string> ActivityIds,
    ImmutableArray<BudgetRow> Budget);

/// <summary>One row of a unit's operating budget, e.g. "Personal" 12,4 mnkr.</summary>
public sealed record BudgetRow(string Id, string Name, decimal Budget);

/// <summary>Prognostiserad måluppfyllelse: whether the goal is expected to be met this year.</summary>
public enum GoalFulfilment
{
    /// <summary>"Uppfylls helt".</summary>
    Fully,

    /// <summary>"Uppfylls delvis".</summary>
    Partly,

    /// <summary>"Uppfylls inte".</summary>
    NotMet,
}

/// <summary>How a prioriterad aktivitet is going.</summary>
public enum ActivityProgress
{
    /// <summary>"Enligt plan".</summary>
    OnPlan,

    /// <summary>"Delvis enligt plan".</summary>
    PartlyOnPlan,

    /// <summary>"Inte enligt plan".</summary>
    NotOnPlan,
}

/// <summary>A unit's assessment of one goal: the forecast and its analysis (required unless the goal is met fully).</summary>
public sealed record GoalAssessment(string GoalId, GoalFulfilment? Fulfilment, string Analysis);

/// <summary>A unit's figures for one indicator this period; empty where not yet known.</summary>
public sealed record IndicatorOutcome(string IndicatorId, decimal? Outcome, decimal? OutcomeMen, decimal? OutcomeWomen, decimal? FullYearForecast);

/// <summary>A unit's status for one activity, with a comment when it is not on plan.</summary>
public sealed record ActivityStatus(string ActivityId, ActivityProgress? Progress, string Comment);

/// <summary>A unit's full-year forecast for one budget row; avvikelse = budget − prognos (a surplus is positive).</summary>
public sealed record EconomyForecast(string BudgetRowId, decimal? Forecast, string Comment);

/// <summary>Everything a unit manager fills in for one period: saved as drafts, then marked ready (klarmarkerad).</summary>
public sealed record UnitInput(
    ImmutableArray<GoalAssessment> Goals,
    ImmutableArray<IndicatorOutcome> Indicators,
    ImmutableArray<ActivityStatus> Activities,
    ImmutableArray<EconomyForecast> Economy,
    string GoodExamples,
    string GenderEqualityAnalysis)
{
    public static UnitInput Empty { get; } = new([], [], [], [], "", "");
}

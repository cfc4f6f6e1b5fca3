using Justera.Core.ReportCycles;
using Justera.Storage.ReportCycles;

namespace Justera.Application.ReportCycles;

/// <summary>One unit on the dashboard: its phase, whether it is late, its deadline and when it last changed.</summary>
public sealed record UnitOverview(ReportingUnit Unit, UnitPhase Phase, bool Late, DateOnly Deadline, int InputVersion, DateTimeOffset? UpdatedAt)
{
    /// <summary>Klarmarkerad or approved: what "34 av 52 enheter klara" counts.</summary>
    public bool Done => Phase is UnitPhase.Ready or UnitPhase.Approved;
}

/// <summary>A department's units on the dashboard, with its progress.</summary>
public sealed record DepartmentOverview(string Department, IReadOnlyList<UnitOverview> Units)
{
    public int Done => Units.Count(u => u.Done);

    /// <summary>"3 av 4 enheter klara".</summary>
    public string Progress => CycleOverview.ProgressText(Done, Units.Count);
}

/// <summary>The units' assessments of one goal so far, for the chart: helt / delvis / inte / saknas.</summary>
public sealed record GoalAssessmentCounts(string GoalId, int Fully, int Partly, int NotMet, int Missing);

/// <summary>
/// The secretary's dashboard (or, with a department, a department head's): read from the cycle's state row and the
/// units' summary columns only — two reads, however many units, and no unit's long texts.
/// </summary>
public sealed record CycleOverview(
    StoredCycle Cycle,
    IReadOnlyList<DepartmentOverview> Departments,
    IReadOnlyList<GoalAssessmentCounts> Goals)
{
    public int Total => Departments.Sum(d => d.Units.Count);

    public int Done => Departments.Sum(d => d.Done);

    public int Approved => Departments.Sum(d => d.Units.Count(u => u.Phase == UnitPhase.Approved));

    public int Late => Departments.Sum(d => d.Units.Count(u => u.Late));

    /// <summary>"34 av 52 enheter klara".</summary>
    public string Progress => ProgressText(Done, Total);

    public int Count(UnitPhase phase) => Departments.Sum(d => d.Units.Count(u => u.Phase == phase));

    internal static string ProgressText(int done, int total) => $"{done} av {total} {(total == 1 ? "enhet" : "enheter")} klara";

    internal static CycleOverview From(StoredCycle stored, IReadOnlyList<UnitSummary> summaries, YearStructure structure, string? department, DateTimeOffset now)
    {
        var cycle = stored.State.CycleOrNull!;
        var byId = summaries.ToDictionary(s => s.UnitId, StringComparer.Ordinal);
        var units = cycle.Units.Where(u => department is null || u.Department == department).ToList();
        var overviews = units.Select(u =>
        {
            var summary = byId.GetValueOrDefault(u.Id);
            var phase = summary?.Phase ?? UnitPhase.NotOpened;
            var late = stored.State is ReportCycleState.Open && ReminderPlan.IsLate(cycle, new UnitProgress(u.Id, phase), now);
            return new UnitOverview(u, phase, late, cycle.DeadlineFor(u.Id), summary?.InputVersion ?? 0, summary?.UpdatedAt);
        }).ToList();
        var departments = overviews
            .GroupBy(o => o.Unit.Department, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), false))
            .Select(g => new DepartmentOverview(g.Key, [.. g]))
            .ToList();

        var assignments = structure.Assignments.ToDictionary(a => a.UnitId, StringComparer.Ordinal);
        var goalIds = structure.DirectionGoals
            .SelectMany(d => d.AreaGoals)
            .SelectMany(a => new[] { a.Id }.Concat(a.BoardGoals.Select(b => b.Id)))
            .ToList();
        var goals = new List<GoalAssessmentCounts>();
        foreach (var goalId in goalIds)
        {
            var reporting = units.Where(u => assignments.TryGetValue(u.Id, out var a) && a.GoalIds.Contains(goalId)).ToList();
            if (reporting.Count == 0)
                continue;
            int fully = 0, partly = 0, notMet = 0, missing = 0;
            foreach (var unit in reporting)
            {
                GoalFulfilment? f = byId.TryGetValue(unit.Id, out var s) && s.Goals.TryGetValue(goalId, out var g) ? g : null;
                switch (f)
                {
                    case GoalFulfilment.Fully: fully++; break;
                    case GoalFulfilment.Partly: partly++; break;
                    case GoalFulfilment.NotMet: notMet++; break;
                    default: missing++; break;
                }
            }
            goals.Add(new GoalAssessmentCounts(goalId, fully, partly, notMet, missing));
        }
        return new CycleOverview(stored, departments, goals);
    }
}

/// <summary>A unit's form as its manager's link opens it, or why it does not open.</summary>
public sealed record UnitFormView(
    StoredUnit? Unit,
    ReportCycle? Cycle,
    YearStructure? Structure,
    UnitAssignment? Assignment,
    DateOnly? Deadline,
    CycleRefusal? Refusal)
{
    public static UnitFormView Refused(CycleRefusal refusal) => new(null, null, null, null, null, refusal);

    /// <summary>The version a save from this form is based on (the input's version, which the stale check compares).</summary>
    public int InputVersion => Unit?.State.ReportOrNull?.Version ?? 0;
}

/// <summary>A department head's view: the department's opened units, or why the link does not open it.</summary>
public sealed record DepartmentView(string Department, ReportCycle? Cycle, IReadOnlyList<StoredUnit> Units, CycleRefusal? Refusal)
{
    public static DepartmentView Refused(CycleRefusal refusal) => new("", null, [], refusal);
}

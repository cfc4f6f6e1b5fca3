using Justera.Application.ReportCycles;
using Justera.Core.ReportCycles;
using Justera.Web.ReportCycles.Cycles;

namespace Justera.Web.ReportCycles.Api;

/// <summary>A cycle in the administration's list.</summary>
public sealed record CycleSummaryView(
    string Id, string Name, ReportPeriod Period, int Year, string Phase, DateOnly Deadline, int Units, int Done, string Progress)
{
    public static CycleSummaryView From(CycleListItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var h = item.Head;
        return new(h.CycleId, CycleWording.Title(h.Period, h.Year), h.Period, h.Year, CycleWording.CyclePhase(h.Phase), h.Deadline, h.UnitCount, item.Done, item.Progress);
    }
}

/// <summary>One unit on the dashboard: its phase (with the Swedish word), whether it is late, its deadline and last change.</summary>
public sealed record CycleUnitView(
    string Id, string Name, Person Manager, UnitPhase Phase, string PhaseText, bool Late, DateOnly Deadline, int InputVersion, DateTimeOffset? UpdatedAt);

/// <summary>A department's units and progress ("3 av 4 enheter klara").</summary>
public sealed record CycleDepartmentView(string Department, int Total, int Done, string Progress, IReadOnlyList<CycleUnitView> Units);

/// <summary>The units' assessments of one goal so far: helt / delvis / inte / saknas.</summary>
public sealed record CycleGoalView(string GoalId, string Goal, int Fully, int Partly, int NotMet, int Missing);

/// <summary>
/// A cycle's dashboard as JSON: its facts, progress per department and unit, the goals' assessments so far, and — once
/// closed — who closed it and which units are missing. <c>report</c> is the page of the compiled report.
/// </summary>
public sealed record CycleOverviewView(
    string Id,
    string Name,
    ReportPeriod Period,
    int Year,
    string Phase,
    bool Closed,
    DateOnly Deadline,
    decimal DeviationThreshold,
    Person Secretary,
    DateTimeOffset StartedAt,
    int Total,
    int Done,
    int Approved,
    int Late,
    string Progress,
    IReadOnlyList<CycleDepartmentView> Departments,
    IReadOnlyList<CycleGoalView> Goals,
    string? ClosedBy,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<string> MissingUnitIds,
    IReadOnlyList<MailFailure> DeliveryFailures,
    string Report)
{
    public static CycleOverviewView From(CycleOverview overview, IReadOnlyDictionary<string, string> goalLabels)
    {
        ArgumentNullException.ThrowIfNull(overview);
        ArgumentNullException.ThrowIfNull(goalLabels);
        var state = overview.Cycle.State;
        var c = state.CycleOrNull!;
        var closed = state as ReportCycleState.Closed;
        return new(
            c.Id, CycleWording.Title(c.Period, c.Year), c.Period, c.Year, CycleWording.CyclePhase(state), closed is not null,
            c.Deadline, c.DeviationThreshold, c.Secretary, c.StartedAt,
            overview.Total, overview.Done, overview.Approved, overview.Late, overview.Progress,
            [.. overview.Departments.Select(d => new CycleDepartmentView(d.Department, d.Units.Count, d.Done, d.Progress,
                [.. d.Units.Select(u => new CycleUnitView(u.Unit.Id, u.Unit.Name, u.Unit.Manager, u.Phase, CycleWording.Phase(u.Phase), u.Late,
                    u.Deadline, u.InputVersion, u.UpdatedAt))]))],
            [.. overview.Goals.Select(g => new CycleGoalView(g.GoalId, goalLabels.TryGetValue(g.GoalId, out var l) ? l : g.GoalId,
                g.Fully, g.Partly, g.NotMet, g.Missing))],
            closed?.ClosedBy, closed?.ClosedAt, closed?.MissingUnitIds ?? [], c.DeliveryFailures,
            CycleDashboardPages.ReportPath(c.Id));
    }
}

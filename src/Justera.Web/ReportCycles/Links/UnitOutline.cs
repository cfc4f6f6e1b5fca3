using Justera.Core.ReportCycles;

namespace Justera.Web.ReportCycles.Links;

/// <summary>One goal of a unit's outline: whether the unit assesses it, and the unit's indicators and activities under it.</summary>
internal sealed record OutlineGoal(string Id, string Heading, string Label, bool Assessed, IReadOnlyList<Indicator> Indicators, IReadOnlyList<PriorityActivity> Activities);

/// <summary>A KF goal for the area with the board goals under it that concern the unit.</summary>
internal sealed record OutlineArea(OutlineGoal Goal, IReadOnlyList<OutlineGoal> BoardGoals);

/// <summary>A KF direction goal with the area goals under it that concern the unit.</summary>
internal sealed record OutlineDirection(string Heading, IReadOnlyList<OutlineArea> Areas);

/// <summary>
/// The part of the year's goal structure one unit reports on, in the structure's order: a goal is in it when the unit
/// assesses it or follows up one of its indicators or activities, and a level is in it when something under it is.
/// </summary>
internal static class UnitOutline
{
    public static IReadOnlyList<OutlineDirection> For(YearStructure structure, UnitAssignment assignment)
    {
        var labels = new StructureLabels(structure);
        var goals = assignment.GoalIds.ToHashSet(StringComparer.Ordinal);
        var indicators = assignment.IndicatorIds.ToHashSet(StringComparer.Ordinal);
        var activities = assignment.ActivityIds.ToHashSet(StringComparer.Ordinal);

        OutlineGoal Goal(string id, string heading, IEnumerable<Indicator> i, IEnumerable<PriorityActivity> a) =>
            new(id, heading, labels.Goal(id), goals.Contains(id), [.. i.Where(x => indicators.Contains(x.Id))], [.. a.Where(x => activities.Contains(x.Id))]);

        static bool Concerns(OutlineGoal g) => g.Assessed || g.Indicators.Count > 0 || g.Activities.Count > 0;

        var outline = new List<OutlineDirection>();
        foreach (var direction in structure.DirectionGoals)
        {
            var areas = new List<OutlineArea>();
            foreach (var area in direction.AreaGoals)
            {
                var areaGoal = Goal(area.Id, $"KF:s mål för verksamhetsområdet {area.Number} {area.Title}", area.Indicators, area.Activities);
                var boards = area.BoardGoals.Select(b => Goal(b.Id, $"Nämndmål: {b.Title}", b.Indicators, b.Activities)).Where(Concerns).ToList();
                if (Concerns(areaGoal) || boards.Count > 0)
                    areas.Add(new OutlineArea(areaGoal, boards));
            }
            if (areas.Count > 0)
                outline.Add(new OutlineDirection($"KF:s inriktningsmål {direction.Number}: {direction.Title}", areas));
        }
        return outline;
    }

    /// <summary>The period before a cycle's, whose outcomes and texts the form shows: VB of the year before T1, T1 before T2, T2 before VB.</summary>
    public static (ReportPeriod Period, int Year) PreviousPeriod(ReportPeriod period, int year) => period switch
    {
        ReportPeriod.T1 => (ReportPeriod.VB, year - 1),
        ReportPeriod.T2 => (ReportPeriod.T1, year),
        _ => (ReportPeriod.T2, year),
    };

    /// <summary>"VB 2025", "T1 2026": the short name of a period, as the report's column "Periodens utfall VB 2020" writes it.</summary>
    public static string Short(ReportPeriod period, int year) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{period} {year}");
}

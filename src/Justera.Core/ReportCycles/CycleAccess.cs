using Justera.Core.Links;

namespace Justera.Core.ReportCycles;

/// <summary>
/// What a link may open, for the pages that only read: a manager's link opens its own unit's form, a department head's
/// link the department's units. A link's hash is kept by the stream whose decision mailed it: the unit's own stream
/// (request, send-back, klarmarkerad mails) or the cycle's (reminders, escalations), so a page checks both.
/// </summary>
public static class CycleAccess
{
    /// <summary>Null when <paramref name="by"/> may open <paramref name="report"/>'s form; otherwise why not.</summary>
    public static CycleRefusal? UnitForm(LinkCredential by, UnitReport report, ReportCycleState cycle) =>
        Open(cycle) is { } closed ? closed : UnitReportDecider.Check(by, LinkHolder.UnitManager, report, cycle.CycleOrNull!);

    /// <summary>
    /// Null when <paramref name="by"/> may open the department it names; <paramref name="departmentUnits"/> are the
    /// department's opened units (the department view reads them anyway).
    /// </summary>
    public static CycleRefusal? Department(LinkCredential by, IEnumerable<UnitReport> departmentUnits, ReportCycleState cycle)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(departmentUnits);
        if (Open(cycle) is { } closed)
            return closed;
        var c = cycle.CycleOrNull!;
        if (by.Link.CycleId != c.Id || by.Link.Holder != LinkHolder.DepartmentHead)
            return CycleRefusal.Because(CycleRefusalReason.UnknownLink, "Länken är inte giltig.");
        var known = c.Issued(by.Link, by.TokenHash)
            || departmentUnits.Any(u => u.Unit.Department == by.Link.Scope && u.DepartmentLinkHashes.Contains(by.TokenHash));
        return known ? null : CycleRefusal.Because(CycleRefusalReason.UnknownLink, "Länken är inte giltig.");
    }

    /// <summary>A closed cycle's links stop working: the period is over.</summary>
    private static CycleRefusal? Open(ReportCycleState cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return cycle switch
        {
            ReportCycleState.Open => null,
            ReportCycleState.Closed c => CycleRefusal.Because(CycleRefusalReason.Closed, $"Perioden är stängd: {c.Cycle.Name} tar inte emot fler ändringar."),
            _ => CycleRefusal.Because(CycleRefusalReason.NotFound, "Rapportcykeln finns inte."),
        };
    }
}

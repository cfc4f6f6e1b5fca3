using Justera.Core.Calendar;
using Justera.Core.Links;

namespace Justera.Core.ReportCycles;

/// <summary>A unit whose manager is due a reminder now, and why.</summary>
public sealed record DueReminder(ReportingUnit Unit, UnitReminderKind Kind);

/// <summary>A department whose head is due an escalation now: its late units, and those whose escalation counts.</summary>
public sealed record DueEscalation(string Department, Person Head, IReadOnlyList<ReportingUnit> LateUnits, IReadOnlyList<string> EscalatedUnitIds);

/// <summary>Everything the cycle's timer would send at one moment.</summary>
public sealed record DueMail(IReadOnlyList<DueReminder> Reminders, IReadOnlyList<DueEscalation> Escalations)
{
    public bool IsEmpty => Reminders.Count == 0 && Escalations.Count == 0;
}

/// <summary>
/// When the cycle reminds whom. Mails go on Swedish working days from 09:00 (the round's reminder time) until the
/// office closes at 17:00: once <see cref="WorkingDaysBefore"/> working days before a unit's deadline, on the
/// deadline's morning, then each working day while late, at most <see cref="LateReminderCap"/> times. From
/// <see cref="EscalateAfterWorkingDaysLate"/> working days late the department head gets an escalation listing the
/// department's late units, at most once a working day and <see cref="EscalationCap"/> times per unit and deadline.
/// Nobody gets more than one reminder e-mail a day: a manager's due units and a head's late units go in one
/// digest, and someone already mailed today (by a tick or by "påminn nu") waits until the next working day. Nothing
/// goes out on the day the cycle started, the day the request mails go. Ready and approved units get nothing.
/// </summary>
public static class ReminderPlan
{
    public const int WorkingDaysBefore = 3;
    public const int LateReminderCap = 5;
    public const int EscalateAfterWorkingDaysLate = 2;
    public const int EscalationCap = 3;

    /// <summary>
    /// At most this many people are mailed by one decision, so its outbox rows, events and state row fit one Table
    /// transaction (100 operations). Those left over are still due: <see cref="Next"/> says "now" for them and the
    /// timer's next tick, or the secretary's next "påminn nu", reaches them.
    /// </summary>
    public const int MaxPeoplePerDecision = 80;

    /// <summary>Gets the Stockholm local time from which reminders go out: the justering round's reminder time.</summary>
    public static TimeOnly SendFrom => ReminderSchedule.WorkingDayBeforeTime;

    /// <summary>Phases whose manager is still expected to do something, and so is reminded.</summary>
    public static bool AwaitsManager(UnitPhase phase) => phase is UnitPhase.NotStarted or UnitPhase.Draft or UnitPhase.SentBack;

    /// <summary>Whether reminders may go out at <paramref name="now"/>: a working day between 09:00 and 17:00.</summary>
    public static bool InSendingWindow(DateTimeOffset now) =>
        OfficeHours.IsWithin(now) && TimeOnly.FromDateTime(StockholmTime.ToStockholm(now).DateTime) >= SendFrom;

    /// <summary>Working days after <paramref name="deadline"/> up to and including <paramref name="day"/>.</summary>
    public static int WorkingDaysLate(DateOnly deadline, DateOnly day)
    {
        var late = 0;
        for (var d = deadline.AddDays(1); d <= day; d = d.AddDays(1))
        {
            if (SwedishCalendar.IsWorkingDay(d))
                late++;
        }

        return late;
    }

    /// <summary>The reminder a unit's schedule asks for on <paramref name="day"/>, whatever its phase and its manager's other mail; null when none.</summary>
    public static UnitReminderKind? KindOn(UnitSchedule schedule, DateOnly day, DateOnly startDay)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (!SwedishCalendar.IsWorkingDay(day) || day <= startDay || schedule.LastRemindedOn == day)
            return null;
        var deadline = schedule.Deadline;
        if (day < deadline)
            return !schedule.BeforeSent && day >= SwedishCalendar.AddWorkingDays(deadline, -WorkingDaysBefore) ? UnitReminderKind.BeforeDeadline : null;
        if (day == deadline)
            return schedule.DeadlineDaySent ? null : UnitReminderKind.DeadlineDay;
        return schedule.LateReminders < LateReminderCap ? UnitReminderKind.Late : null;
    }

    /// <summary>Whether a late unit's schedule asks for an escalation on <paramref name="day"/>.</summary>
    public static bool EscalationDueOn(UnitSchedule schedule, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return SwedishCalendar.IsWorkingDay(day)
            && schedule.Escalations < EscalationCap
            && schedule.LastEscalatedOn != day
            && day >= SwedishCalendar.AddWorkingDays(schedule.Deadline, EscalateAfterWorkingDaysLate);
    }

    /// <summary>What the timer sends at <paramref name="now"/>, given every unit's phase.</summary>
    public static DueMail DueAt(ReportCycle cycle, DateTimeOffset now, IReadOnlyList<UnitProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (!InSendingWindow(now))
            return new([], []);
        var today = StockholmTime.LocalDate(now);
        var startDay = StockholmTime.LocalDate(cycle.StartedAt);
        var phases = Phases(progress);
        var reminders = new List<DueReminder>();
        var late = new List<ReportingUnit>();
        foreach (var unit in cycle.Units)
        {
            if (!AwaitsManager(PhaseOf(phases, unit.Id)))
                continue;
            var schedule = Schedule(cycle, unit.Id);
            if (!MailedOn(cycle, unit.Manager, today) && KindOn(schedule, today, startDay) is { } kind)
                reminders.Add(new(unit, kind));
            if (today > schedule.Deadline)
                late.Add(unit);
        }

        var escalations = late
            .GroupBy(u => u.Department, StringComparer.Ordinal)
            .Select(g => (Department: g.Key, Late: g.ToList(), Head: g.First().DepartmentHead,
                Escalated: g.Where(u => EscalationDueOn(Schedule(cycle, u.Id), today)).Select(u => u.Id).ToList()))
            .Where(d => d.Escalated.Count > 0 && !MailedOn(cycle, d.Head, today))
            .Select(d => new DueEscalation(d.Department, d.Head, d.Late, d.Escalated))
            .ToList();
        return Capped(reminders, escalations);
    }

    /// <summary>Keeps the first <see cref="MaxPeoplePerDecision"/> people, with all that is due for each of them.</summary>
    internal static DueMail Capped(IReadOnlyList<DueReminder> reminders, IReadOnlyList<DueEscalation> escalations)
    {
        var people = reminders.Select(r => ReportCycle.PersonKey(r.Unit.Manager))
            .Concat(escalations.Select(e => ReportCycle.PersonKey(e.Head)))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxPeoplePerDecision)
            .ToHashSet(StringComparer.Ordinal);
        return new(
            [.. reminders.Where(r => people.Contains(ReportCycle.PersonKey(r.Unit.Manager)))],
            [.. escalations.Where(e => people.Contains(ReportCycle.PersonKey(e.Head)))]);
    }

    /// <summary>The dashboard's "sen": a unit still awaiting its manager after its own deadline's date.</summary>
    public static bool IsLate(ReportCycle cycle, UnitProgress progress, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(progress);
        return AwaitsManager(progress.Phase) && StockholmTime.LocalDate(now) > cycle.DeadlineFor(progress.UnitId);
    }

    /// <summary>The fresh links a <see cref="Tick"/> at <paramref name="now"/> needs: mint one each and pass them on the command.</summary>
    public static IReadOnlyList<CycleLink> LinksForTick(ReportCycleState state, DateTimeOffset now, IReadOnlyList<UnitProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state is not ReportCycleState.Open { Cycle: var cycle })
            return [];
        var due = DueAt(cycle, now, progress);
        return
        [
            .. due.Reminders.Select(r => CycleLink.ForUnit(cycle.Id, r.Unit.Id)),
            .. due.Escalations.Select(e => CycleLink.ForDepartment(cycle.Id, e.Department)),
        ];
    }

    /// <summary>
    /// The units a <see cref="RemindNow"/> would remind: the one asked for, or every unit still awaiting its manager;
    /// none whose manager was already mailed today, and no more managers than one decision may mail (the edge repeats
    /// "påminn alla" until it is refused as having nobody left).
    /// </summary>
    public static IReadOnlyList<ReportingUnit> ForRemindNow(ReportCycle cycle, string? unitId, IReadOnlyList<UnitProgress> progress, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var phases = Phases(progress);
        var today = StockholmTime.LocalDate(now);
        var units = cycle.Units.Where(u => (unitId is null || u.Id == unitId) && AwaitsManager(PhaseOf(phases, u.Id)) && !MailedOn(cycle, u.Manager, today));
        return [.. Capped([.. units.Select(u => new DueReminder(u, UnitReminderKind.Manual))], []).Reminders.Select(r => r.Unit)];
    }

    /// <summary>The fresh links a <see cref="RemindNow"/> needs.</summary>
    public static IReadOnlyList<CycleLink> LinksForRemindNow(ReportCycleState state, string? unitId, IReadOnlyList<UnitProgress> progress, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state is ReportCycleState.Open { Cycle: var cycle }
            ? [.. ForRemindNow(cycle, unitId, progress, now).Select(u => CycleLink.ForUnit(cycle.Id, u.Id))]
            : [];
    }

    /// <summary>
    /// The next moment anything of the cycle's timer becomes due: a reminder, an escalation or the deadline notice.
    /// Approved units are done for good; ready and unopened ones may still change (a send-back, a late opening), so
    /// they count from the next working day, never today, and a tick never asks to be woken again at once.
    /// </summary>
    public static DateTimeOffset? Next(ReportCycle cycle, DateTimeOffset now, IReadOnlyList<UnitProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var today = StockholmTime.LocalDate(now);
        var beforeClosing = TimeOnly.FromDateTime(StockholmTime.ToStockholm(now).DateTime) < OfficeHours.Closing;
        var openToday = SwedishCalendar.IsWorkingDay(today) && beforeClosing;
        var startDay = StockholmTime.LocalDate(cycle.StartedAt);
        var phases = Phases(progress ?? []);
        DateOnly? next = null;
        DateOnly? Earliest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

        if (!cycle.DeadlineNoticeDone)
            next = FirstWorkingDayFrom(Later(SwedishCalendar.NextWorkingDay(cycle.Deadline), openToday ? today : today.AddDays(1)));

        foreach (var unit in cycle.Units)
        {
            var phase = progress is null ? UnitPhase.Draft : PhaseOf(phases, unit.Id);
            if (phase == UnitPhase.Approved)
                continue;
            var schedule = Schedule(cycle, unit.Id);
            var canToday = openToday && AwaitsManager(phase);
            var reminderFrom = canToday && !MailedOn(cycle, unit.Manager, today) && schedule.LastRemindedOn != today ? today : today.AddDays(1);
            next = Earliest(next, FirstReminderDay(schedule, reminderFrom, startDay));
            var escalationFrom = canToday && !MailedOn(cycle, unit.DepartmentHead, today) && schedule.LastEscalatedOn != today ? today : today.AddDays(1);
            next = Earliest(next, FirstEscalationDay(schedule, escalationFrom));
        }

        if (next is not { } day)
            return null;
        var at = StockholmTime.FromLocal(day, SendFrom);
        return day == today && at < now ? now : at;
    }

    /// <summary>The first working day from <paramref name="from"/> on which <see cref="KindOn"/> asks for a reminder.</summary>
    public static DateOnly? FirstReminderDay(UnitSchedule schedule, DateOnly from, DateOnly startDay)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        from = Later(from, startDay.AddDays(1));
        if (schedule.LastRemindedOn == from)
            from = from.AddDays(1);
        var deadline = schedule.Deadline;
        DateOnly? best = null;
        if (!schedule.BeforeSent)
        {
            var day = FirstWorkingDayFrom(Later(from, SwedishCalendar.AddWorkingDays(deadline, -WorkingDaysBefore)));
            if (day < deadline)
                best = day;
        }

        if (best is null && !schedule.DeadlineDaySent && deadline >= from && SwedishCalendar.IsWorkingDay(deadline))
            best = deadline;
        if (best is null && schedule.LateReminders < LateReminderCap)
            best = FirstWorkingDayFrom(Later(from, deadline.AddDays(1)));
        return best;
    }

    /// <summary>The first working day from <paramref name="from"/> on which <see cref="EscalationDueOn"/> holds.</summary>
    public static DateOnly? FirstEscalationDay(UnitSchedule schedule, DateOnly from)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule.Escalations >= EscalationCap)
            return null;
        if (schedule.LastEscalatedOn == from)
            from = from.AddDays(1);
        return FirstWorkingDayFrom(Later(from, SwedishCalendar.AddWorkingDays(schedule.Deadline, EscalateAfterWorkingDaysLate)));
    }

    internal static UnitSchedule Schedule(ReportCycle cycle, string unitId) =>
        cycle.Schedules.TryGetValue(unitId, out var s) ? s : UnitSchedule.For(cycle.Deadline);

    internal static bool MailedOn(ReportCycle cycle, Person person, DateOnly day) =>
        cycle.LastMailed.TryGetValue(ReportCycle.PersonKey(person), out var last) && last == day;

    internal static Dictionary<string, UnitPhase> Phases(IReadOnlyList<UnitProgress> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var phases = new Dictionary<string, UnitPhase>(StringComparer.Ordinal);
        foreach (var p in progress)
            phases[p.UnitId] = p.Phase;
        return phases;
    }

    /// <summary>A unit missing from the progress has no row yet: not opened.</summary>
    internal static UnitPhase PhaseOf(Dictionary<string, UnitPhase> phases, string unitId) =>
        phases.TryGetValue(unitId, out var phase) ? phase : UnitPhase.NotOpened;

    private static DateOnly FirstWorkingDayFrom(DateOnly day) =>
        SwedishCalendar.IsWorkingDay(day) ? day : SwedishCalendar.NextWorkingDay(day);

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}

namespace Justera.Core.Calendar;

/// <summary>The reason a reminder is sent.</summary>
public enum ReminderKind
{
    /// <summary>Halfway between the start of the schedule and the deadline.</summary>
    Halfway,

    /// <summary>The morning of the last working day before the deadline.</summary>
    WorkingDayBefore,
}

/// <summary>A reminder of a given kind planned for a given instant.</summary>
/// <param name="Kind">Why the reminder is sent.</param>
/// <param name="At">When the reminder is sent, in Stockholm offset.</param>
public sealed record ScheduledReminder(ReminderKind Kind, DateTimeOffset At);

/// <summary>Plans reminder moments for a deadline from the start of a schedule.</summary>
public static class ReminderSchedule
{
    /// <summary>Gets the Stockholm local time at which working-day-before reminders are sent.</summary>
    public static TimeOnly WorkingDayBeforeTime { get; } = new(9, 0);

    /// <summary>Returns the reminders for the window from <paramref name="scheduleStart"/> to <paramref name="deadline"/>, ordered by time.</summary>
    /// <remarks>
    /// Reminders not strictly inside the window are dropped, so an empty or inverted window yields no reminders.
    /// At most one reminder is kept per Stockholm date; on a clash the working-day-before reminder wins.
    /// </remarks>
    public static IReadOnlyList<ScheduledReminder> Plan(
        DateTimeOffset scheduleStart,
        DateTimeOffset deadline,
        bool halfway,
        bool workingDayBefore)
    {
        ScheduledReminder? halfwayReminder = null;
        if (halfway)
        {
            var midpoint = scheduleStart + ((deadline - scheduleStart) / 2);
            halfwayReminder = new ScheduledReminder(ReminderKind.Halfway, OfficeHours.NextOpening(midpoint));
        }

        ScheduledReminder? dayBeforeReminder = null;
        if (workingDayBefore)
        {
            var day = SwedishCalendar.PreviousWorkingDay(StockholmTime.LocalDate(deadline));
            dayBeforeReminder = new ScheduledReminder(
                ReminderKind.WorkingDayBefore,
                StockholmTime.FromLocal(day, WorkingDayBeforeTime));
        }

        halfwayReminder = InsideWindow(halfwayReminder, scheduleStart, deadline);
        dayBeforeReminder = InsideWindow(dayBeforeReminder, scheduleStart, deadline);

        // Two reminders on one day read as nagging; the day-before one carries the more urgent message.
        if (halfwayReminder is not null
            && dayBeforeReminder is not null
            && StockholmTime.LocalDate(halfwayReminder.At) == StockholmTime.LocalDate(dayBeforeReminder.At))
        {
            halfwayReminder = null;
        }

        var plan = new List<ScheduledReminder>(2);
        if (halfwayReminder is not null)
        {
            plan.Add(halfwayReminder);
        }

        if (dayBeforeReminder is not null)
        {
            plan.Add(dayBeforeReminder);
        }

        plan.Sort(static (x, y) => x.At.CompareTo(y.At));
        return plan;
    }

    /// <summary>Returns the first reminder moment in <paramref name="plan"/> strictly after <paramref name="after"/>, or null.</summary>
    public static DateTimeOffset? Next(IReadOnlyList<ScheduledReminder> plan, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(plan);

        DateTimeOffset? next = null;
        foreach (var reminder in plan)
        {
            // Not relying on the order lets callers pass plans they have filtered or merged themselves.
            if (reminder.At > after && (next is null || reminder.At < next))
            {
                next = reminder.At;
            }
        }

        return next;
    }

    private static ScheduledReminder? InsideWindow(ScheduledReminder? reminder, DateTimeOffset start, DateTimeOffset deadline) =>
        reminder is not null && reminder.At > start && reminder.At < deadline ? reminder : null;
}

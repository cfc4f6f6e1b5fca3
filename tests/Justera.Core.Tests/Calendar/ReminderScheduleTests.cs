using CsCheck;
using Justera.Core.Calendar;
using static Justera.Core.Tests.Calendar.CalendarTestData;

namespace Justera.Core.Tests.Calendar;

public class ReminderScheduleTests
{
    [Fact]
    public void GivenFourteenDayWindowFromMondayToMonday_WhenPlanned_ThenHalfwayThenFridayMorning()
    {
        var plan = ReminderSchedule.Plan(
            Instant("2026-02-02T09:00+01:00"),
            Instant("2026-02-16T12:00+01:00"),
            halfway: true,
            workingDayBefore: true);

        Assert.Equal(
            [
                new ScheduledReminder(ReminderKind.Halfway, Instant("2026-02-09T10:30+01:00")),
                new ScheduledReminder(ReminderKind.WorkingDayBefore, Instant("2026-02-13T09:00+01:00")),
            ],
            plan);
    }

    [Fact]
    public void GivenDeadlineTuesdayAfterEaster_WhenPlanned_ThenDayBeforeIsSkartorsdagenAndHalfwayMovedToOpening()
    {
        // The midpoint is Monday 23:00 (the window spans the DST switch), so it moves to Tuesday's opening.
        var plan = ReminderSchedule.Plan(
            Instant("2026-03-23T09:00+01:00"),
            Instant("2026-04-07T12:00+02:00"),
            halfway: true,
            workingDayBefore: true);

        Assert.Equal(2, plan.Count);
        Assert.Equal(ReminderKind.Halfway, plan[0].Kind);
        AssertSameInstantAndOffset(Instant("2026-03-31T08:00+02:00"), plan[0].At);
        Assert.Equal(ReminderKind.WorkingDayBefore, plan[1].Kind);
        AssertSameInstantAndOffset(Instant("2026-04-02T09:00+02:00"), plan[1].At);
    }

    [Fact]
    public void GivenShortWindowWithHalfwayEarlierSameDay_WhenPlanned_ThenOnlyTheWorkingDayBeforeReminder()
    {
        // Halfway lands Tuesday 08:00 and the day-before reminder Tuesday 09:00.
        var plan = ReminderSchedule.Plan(
            Instant("2026-02-09T16:00+01:00"),
            Instant("2026-02-11T08:00+01:00"),
            halfway: true,
            workingDayBefore: true);

        var only = Assert.Single(plan);
        Assert.Equal(new ScheduledReminder(ReminderKind.WorkingDayBefore, Instant("2026-02-10T09:00+01:00")), only);
    }

    [Fact]
    public void GivenShortWindowWithHalfwayLaterSameDay_WhenPlanned_ThenStillOnlyTheWorkingDayBeforeReminder()
    {
        // Halfway lands Tuesday 16:30, after the Tuesday 09:00 day-before reminder.
        var plan = ReminderSchedule.Plan(
            Instant("2026-02-10T08:30+01:00"),
            Instant("2026-02-11T00:30+01:00"),
            halfway: true,
            workingDayBefore: true);

        var only = Assert.Single(plan);
        Assert.Equal(new ScheduledReminder(ReminderKind.WorkingDayBefore, Instant("2026-02-10T09:00+01:00")), only);
    }

    [Fact]
    public void GivenWindowTooShortForAnyReminder_WhenPlanned_ThenEmpty()
    {
        // The day-before reminder (Monday 09:00) precedes the start; halfway moves to Wednesday, past the deadline.
        var plan = ReminderSchedule.Plan(
            Instant("2026-02-10T17:30+01:00"),
            Instant("2026-02-10T18:30+01:00"),
            halfway: true,
            workingDayBefore: true);

        Assert.Empty(plan);
    }

    [Fact]
    public void GivenDayBeforeReminderExactlyAtStart_WhenPlanned_ThenItIsDropped()
    {
        var plan = ReminderSchedule.Plan(
            Instant("2026-02-09T09:00+01:00"),
            Instant("2026-02-10T12:00+01:00"),
            halfway: true,
            workingDayBefore: true);

        var only = Assert.Single(plan);
        Assert.Equal(new ScheduledReminder(ReminderKind.Halfway, Instant("2026-02-10T08:00+01:00")), only);
    }

    [Fact]
    public void GivenHalfwayMovedExactlyOntoDeadline_WhenPlanned_ThenItIsDropped()
    {
        var plan = ReminderSchedule.Plan(
            Instant("2026-02-09T16:00+01:00"),
            Instant("2026-02-10T08:00+01:00"),
            halfway: true,
            workingDayBefore: true);

        Assert.Empty(plan);
    }

    [Theory]
    [InlineData(true, false, ReminderKind.Halfway)]
    [InlineData(false, true, ReminderKind.WorkingDayBefore)]
    public void GivenOnlyOneKindEnabled_WhenPlanned_ThenOnlyThatKind(bool halfway, bool workingDayBefore, ReminderKind expected)
    {
        var plan = ReminderSchedule.Plan(
            Instant("2026-02-02T09:00+01:00"),
            Instant("2026-02-16T12:00+01:00"),
            halfway,
            workingDayBefore);

        Assert.Equal(expected, Assert.Single(plan).Kind);
    }

    [Fact]
    public void GivenBothKindsDisabled_WhenPlanned_ThenEmpty()
    {
        Assert.Empty(ReminderSchedule.Plan(
            Instant("2026-02-02T09:00+01:00"),
            Instant("2026-02-16T12:00+01:00"),
            halfway: false,
            workingDayBefore: false));
    }

    [Fact]
    public void GivenDeadlineBeforeStart_WhenPlanned_ThenEmpty()
    {
        Assert.Empty(ReminderSchedule.Plan(
            Instant("2026-02-16T12:00+01:00"),
            Instant("2026-02-02T09:00+01:00"),
            halfway: true,
            workingDayBefore: true));
    }

    [Fact]
    public void GivenDayBeforeReminderEarlierThanHalfway_WhenPlanned_ThenOrderedByTime()
    {
        // Halfway is Tuesday 08:00 (the deadline day); the day-before reminder is Monday 09:00.
        var plan = ReminderSchedule.Plan(
            Instant("2026-02-09T08:00+01:00"),
            Instant("2026-02-10T16:00+01:00"),
            halfway: true,
            workingDayBefore: true);

        Assert.Equal(
            [
                new ScheduledReminder(ReminderKind.WorkingDayBefore, Instant("2026-02-09T09:00+01:00")),
                new ScheduledReminder(ReminderKind.Halfway, Instant("2026-02-10T08:00+01:00")),
            ],
            plan);
    }

    [Fact]
    public void GivenPlan_WhenAskedNext_ThenFirstReminderStrictlyAfter()
    {
        var plan = ReminderSchedule.Plan(
            Instant("2026-02-02T09:00+01:00"),
            Instant("2026-02-16T12:00+01:00"),
            halfway: true,
            workingDayBefore: true);

        Assert.Equal(Instant("2026-02-09T10:30+01:00"), ReminderSchedule.Next(plan, Instant("2026-02-02T09:00+01:00")));
        Assert.Equal(Instant("2026-02-13T09:00+01:00"), ReminderSchedule.Next(plan, Instant("2026-02-09T10:30+01:00")));
        Assert.Null(ReminderSchedule.Next(plan, Instant("2026-02-13T09:00+01:00")));
    }

    [Fact]
    public void GivenAnyWindow_WhenPlanned_ThenRemindersAreInsideOrderedAndAtMostOnePerDay()
    {
        var from = Instant("2024-01-01T00:00+00:00");
        var minutes = Gen.Int[0, 4 * 366 * 24 * 60];
        var windowMinutes = Gen.Int[1, 30 * 24 * 60];
        Gen.Select(minutes, windowMinutes, Gen.Bool, Gen.Bool).Sample((startMinute, length, halfway, dayBefore) =>
        {
            var start = from.AddMinutes(startMinute);
            var deadline = start.AddMinutes(length);

            var plan = ReminderSchedule.Plan(start, deadline, halfway, dayBefore);

            Assert.All(plan, r => Assert.InRange(r.At, start.AddTicks(1), deadline.AddTicks(-1)));
            Assert.Equal(plan.OrderBy(r => r.At), plan);
            Assert.Equal(plan.Count, plan.Select(r => StockholmTime.LocalDate(r.At)).Distinct().Count());
            Assert.All(plan, r => Assert.True(OfficeHours.IsWithin(r.At)));
            Assert.True(halfway || plan.All(r => r.Kind != ReminderKind.Halfway));
            Assert.True(dayBefore || plan.All(r => r.Kind != ReminderKind.WorkingDayBefore));
        });
    }
}

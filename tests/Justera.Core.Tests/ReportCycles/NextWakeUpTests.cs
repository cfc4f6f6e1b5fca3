using Justera.Core.Calendar;
using Justera.Core.Links;
using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

public class NextWakeUpTests
{
    private static readonly UnitProgress[] Drafting = AllIn(UnitPhase.Draft);

    [Fact]
    public void GivenTheCycleJustStarted_WhenAskedForTheNextWakeUp_ThenItIsTheBeforeReminderAt0900ThreeWorkingDaysBefore()
    {
        Assert.Equal(At("2026-05-11T09:00"), ReportCycleDecider.NextWakeUp(ReportCycleDecider.Fold([Started()]), StartedAt, Drafting));
    }

    [Fact]
    public void GivenTheBeforeRemindersWentOut_WhenAskedAfterTheTick_ThenItIsTheDeadlineMorningNotAgainToday()
    {
        var at = At("2026-05-11T09:00");
        var state = ReportCycleDecider.Fold([Started(), new RemindersSent(
            [.. Units.Select(u => new UnitReminded(u.Id, UnitReminderKind.BeforeDeadline, $"h-{u.Id}"))], [], at)]);

        Assert.Equal(At("2026-05-15T09:00"), ReportCycleDecider.NextWakeUp(state, at, Drafting));
    }

    [Fact]
    public void GivenATickWasMissedWhileTheHostWasDown_WhenAskedLaterThatDay_ThenItIsNow()
    {
        var now = At("2026-05-11T11:17");

        Assert.Equal(now, ReportCycleDecider.NextWakeUp(ReportCycleDecider.Fold([Started()]), now, Drafting));
    }

    [Fact]
    public void GivenEveryUnitIsReady_WhenAskedOnTheBeforeDay_ThenNotTodayButTomorrowInCaseOneIsSentBack()
    {
        var now = At("2026-05-11T09:00");

        Assert.Equal(At("2026-05-12T09:00"), ReportCycleDecider.NextWakeUp(ReportCycleDecider.Fold([Started()]), now, AllIn(UnitPhase.Ready)));
    }

    [Fact]
    public void GivenEveryUnitIsApproved_WhenAsked_ThenOnlyTheDeadlineNoticeRemains()
    {
        Assert.Equal(At("2026-05-18T09:00"), ReportCycleDecider.NextWakeUp(ReportCycleDecider.Fold([Started()]), StartedAt, AllIn(UnitPhase.Approved)));
    }

    [Fact]
    public void GivenEveryUnitIsApprovedAndTheDeadlineNoticed_WhenAsked_ThenNothingIsPending()
    {
        var state = ReportCycleDecider.Fold([Started(), new DeadlinePassed([], At("2026-05-18T09:00"))]);

        Assert.Null(ReportCycleDecider.NextWakeUp(state, At("2026-05-18T09:00"), AllIn(UnitPhase.Approved)));
    }

    [Fact]
    public void GivenTheCycleIsClosed_WhenAsked_ThenNothingIsPending()
    {
        var state = ReportCycleDecider.Fold([Started(), new CycleClosed([], "Eva Holm", At("2026-05-05T10:00"))]);

        Assert.Null(ReportCycleDecider.NextWakeUp(state, At("2026-05-05T10:00"), Drafting));
    }

    [Fact]
    public void GivenTheCycleIsClosedWithAVersionAskedFor_WhenAsked_ThenItIsDueAtOnceUntilStoredOrFailed()
    {
        var closedAt = At("2026-05-05T10:00");
        var asked = ReportCycleDecider.Fold([Started(), new CycleClosed([], "Eva Holm", closedAt), new CompilationRequested(1, closedAt)]);
        var stored = ReportCycleDecider.Evolve(asked, new CompilationRecorded(1, "v1.docx", "v1.xlsx", closedAt.AddSeconds(3)));
        var failed = ReportCycleDecider.Evolve(asked, new CompilationFailed(1, "Typsnittet saknas.", closedAt.AddSeconds(3)));
        var askedAgain = ReportCycleDecider.Evolve(stored, new CompilationRequested(2, closedAt.AddHours(1)));

        Assert.Equal(closedAt.AddMinutes(1), ReportCycleDecider.NextWakeUp(asked, closedAt.AddMinutes(1), Drafting));
        Assert.Null(ReportCycleDecider.NextWakeUp(stored, closedAt.AddMinutes(1), Drafting));
        Assert.Null(ReportCycleDecider.NextWakeUp(failed, closedAt.AddMinutes(1), Drafting));
        Assert.Equal(closedAt.AddHours(1), ReportCycleDecider.NextWakeUp(askedAgain, closedAt.AddHours(1), Drafting));
    }

    [Fact]
    public void GivenLenaWasRemindedByHandThisMorning_WhenAskedAfterTheTickThatRemindedOmar_ThenLenasBeforeReminderWaitsForTomorrow()
    {
        var state = ReportCycleDecider.Fold([Started(),
            new RemindersSent([new UnitReminded(Stod.Id, UnitReminderKind.Manual, "h1")], [], At("2026-05-11T08:10")),
            new RemindersSent([new UnitReminded(Norr.Id, UnitReminderKind.BeforeDeadline, "h2")], [], At("2026-05-11T09:00"))]);

        Assert.Equal(At("2026-05-12T09:00"), ReportCycleDecider.NextWakeUp(state, At("2026-05-11T09:00"), Drafting));
    }

    [Fact]
    public void GivenEveryCapIsReached_WhenAskedAfterTheLastEscalation_ThenNothingIsPending()
    {
        var mails = TickTests.Simulate(Drafting, new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 29));
        Assert.NotEmpty(mails);
        var state = ReportCycleDecider.Fold([Started()]);
        for (var day = new DateOnly(2026, 5, 4); day <= new DateOnly(2026, 5, 29); day = day.AddDays(1))
        {
            var at = StockholmTime.FromLocal(day, new TimeOnly(9, 0));
            var links = ReminderPlan.LinksForTick(state, at, Drafting).Select((l, i) => new ScopedLink(l, $"t-{day}-{i}", $"h-{day}-{i}")).ToList();
            state = ReportCycleDecider.Decide(new Tick(Drafting, links, at), state).Events.Aggregate(state, ReportCycleDecider.Evolve);
        }

        Assert.Null(ReportCycleDecider.NextWakeUp(state, At("2026-05-29T09:00"), Drafting));
    }
}

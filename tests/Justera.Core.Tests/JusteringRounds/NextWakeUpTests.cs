using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class NextWakeUpTests
{
    private static JusteringRoundEvent HalfwaySent =>
        new LinksIssued(IssuedFor("h", 1, Anna, Mehmet, Karin), LinkPurpose.HalfwayReminder, HalfwayAt);

    private static JusteringRoundEvent DayBeforeSent =>
        new LinksIssued(IssuedFor("d", 1, Anna, Mehmet, Karin), LinkPurpose.WorkingDayBeforeReminder, DayBeforeAt);

    private static DateTimeOffset? NextWakeUp(DateTimeOffset now, params JusteringRoundEvent[] history) =>
        JusteringRoundDecider.NextWakeUp(JusteringRoundDecider.Fold(history), now);

    [Fact]
    public void GivenAJustStartedRound_WhenAskedForTheNextWakeUp_ThenTheHalfwayMoment()
    {
        Assert.Equal(HalfwayAt, NextWakeUp(StartedAt, Started()));
    }

    [Fact]
    public void GivenTheHalfwayReminderWasSent_WhenAskedForTheNextWakeUp_ThenTheWorkingDayBeforeMoment()
    {
        Assert.Equal(DayBeforeAt, NextWakeUp(HalfwayAt, [.. Started(), HalfwaySent]));
    }

    [Fact]
    public void GivenBothRemindersWereSent_WhenAskedForTheNextWakeUp_ThenTheDeadline()
    {
        Assert.Equal(Deadline, NextWakeUp(DayBeforeAt, [.. Started(), HalfwaySent, DayBeforeSent]));
    }

    [Fact]
    public void GivenTheDeadlineWasNoticed_WhenAskedForTheNextWakeUp_ThenNull()
    {
        Assert.Null(NextWakeUp(Deadline, [.. Started(), HalfwaySent, DayBeforeSent, new DeadlinePassed([Anna.Id, Mehmet.Id, Karin.Id], Deadline)]));
    }

    [Fact]
    public void GivenNoHalfwayPolicy_WhenAskedForTheNextWakeUp_ThenTheWorkingDayBeforeMoment()
    {
        Assert.Equal(DayBeforeAt, NextWakeUp(StartedAt, Started(new ReminderPolicy(Halfway: false))));
    }

    [Fact]
    public void GivenNoReminderPolicy_WhenAskedForTheNextWakeUp_ThenTheDeadline()
    {
        Assert.Equal(Deadline, NextWakeUp(StartedAt, Started(new ReminderPolicy(Halfway: false, WorkingDayBefore: false))));
    }

    [Fact]
    public void GivenEveryoneAnsweredButOneAskedForChanges_WhenAskedForTheNextWakeUp_ThenTheDeadlineNotAReminder()
    {
        Assert.Equal(Deadline, NextWakeUp(StartedAt,
            [.. Started(), Answered(Anna, ReplyKind.ChangesRequested, text: "Ändra § 5."), Answered(Mehmet), Answered(Karin)]));
    }

    [Fact]
    public void GivenTheHalfwayMomentWasMissedDuringDowntime_WhenAskedAfterOfficeHours_ThenTheNextMorningAtEight()
    {
        Assert.Equal(At("2026-12-01T08:00"), NextWakeUp(At("2026-11-30T18:00"), Started()));
    }

    [Fact]
    public void GivenTheDayBeforeMomentWasMissedOnFriday_WhenAskedFridayEvening_ThenMondayAtEight()
    {
        Assert.Equal(At("2026-12-07T08:00"), NextWakeUp(At("2026-12-04T17:30"), [.. Started(), HalfwaySent]));
    }

    [Fact]
    public void GivenTheHalfwayMomentWasMissedDuringDowntime_WhenAskedWithinOfficeHours_ThenNow()
    {
        var now = At("2026-11-30T14:10");

        Assert.Equal(now, NextWakeUp(now, Started()));
    }

    [Fact]
    public void GivenAChristmasRoundWithAMissedHalfway_WhenAskedOnJulafton_ThenTheFirstWorkingDayAfterChristmasAtEight()
    {
        Assert.Equal(At("2026-12-28T08:00"), NextWakeUp(At("2026-12-24T10:00"), ChristmasRound.Started));
    }

    [Fact]
    public void GivenAChristmasRound_WhenAskedAtTheStart_ThenItsHalfwayMoment()
    {
        Assert.Equal(ChristmasRound.HalfwayAt, NextWakeUp(ChristmasRound.StartedAt, ChristmasRound.Started));
    }

    [Fact]
    public void GivenAMissedReminderWhoseNextOpeningIsAfterTheDeadline_WhenAsked_ThenTheDeadline()
    {
        var deadline = At("2026-12-07T07:30");

        Assert.Equal(deadline, NextWakeUp(At("2026-12-04T18:00"),
            Created(deadline: deadline), new RoundStarted(StartedAt), new LinksIssued(IssuedFor("1", 1, Anna, Mehmet, Karin), LinkPurpose.Request, StartedAt),
            HalfwaySent));
    }

    [Fact]
    public void GivenADraft_WhenAskedForTheNextWakeUp_ThenNull()
    {
        Assert.Null(NextWakeUp(CreatedAt, Created()));
    }

    [Fact]
    public void GivenACompletedRound_WhenAskedForTheNextWakeUp_ThenNull()
    {
        Assert.Null(NextWakeUp(AnsweredAt, [.. Started(), Answered(Anna), Answered(Mehmet), Answered(Karin), new RoundCompleted(1, AnsweredAt)]));
    }

    [Fact]
    public void GivenACancelledRound_WhenAskedForTheNextWakeUp_ThenNull()
    {
        Assert.Null(NextWakeUp(AnsweredAt, [.. Started(), new RoundCancelled("Mötet ställdes in", AnsweredAt)]));
    }
}

using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class ExtendDeadlineTests
{
    private static readonly DateTimeOffset ExtendedAt = At("2026-12-01T10:00");
    private static readonly DateTimeOffset NewDeadline = At("2026-12-15T12:00");

    private static JusteringRoundEvent[] HalfwayReminded =>
    [
        .. Started(),
        new LinksIssued(IssuedFor("h", 1, Anna, Mehmet, Karin), LinkPurpose.HalfwayReminder, HalfwayAt),
    ];

    [Fact]
    public void GivenAStartedRound_WhenTheDeadlineIsExtended_ThenTheJusteringDateFollowsTheNewDeadline()
    {
        Scenario.Given(Started())
            .When(new ExtendDeadline(NewDeadline, null, ExtendedAt))
            .Then(new DeadlineExtended(NewDeadline, new DateOnly(2026, 12, 15), ExtendedAt))
            .ThenEffects();
    }

    [Fact]
    public void GivenAStartedRound_WhenExtendedToTheSameDayWithoutAJusteringDate_ThenTheJusteringDateStays()
    {
        var later = Deadline.AddHours(4);

        Scenario.Given(Started())
            .When(new ExtendDeadline(later, null, ExtendedAt))
            .Then(new DeadlineExtended(later, JusteringDate, ExtendedAt));
    }

    [Fact]
    public void GivenAStartedRound_WhenExtendedWithAJusteringDate_ThenThatDateIsKept()
    {
        var justeringDate = new DateOnly(2026, 12, 16);

        Scenario.Given(Started())
            .When(new ExtendDeadline(NewDeadline, justeringDate, ExtendedAt))
            .Then(new DeadlineExtended(NewDeadline, justeringDate, ExtendedAt));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void GivenAStartedRound_WhenTheNewDeadlineIsNotLater_ThenRefusedOnDeadline(int minutes)
    {
        Scenario.Given(Started())
            .When(new ExtendDeadline(Deadline.AddMinutes(minutes), null, ExtendedAt))
            .ThenRefuses(RefusalReason.Invalid, "deadline");
    }

    [Fact]
    public void GivenAStartedRound_WhenTheJusteringDateIsBeforeTheNewDeadlineDate_ThenRefusedOnJusteringDate()
    {
        Scenario.Given(Started())
            .When(new ExtendDeadline(NewDeadline, new DateOnly(2026, 12, 14), ExtendedAt))
            .ThenRefuses(RefusalReason.Invalid, "justeringDate");
    }

    [Fact]
    public void GivenThePassedDeadline_WhenExtendedToAMomentAlsoPast_ThenRefusedOnDeadline()
    {
        Scenario.Given([.. Started(), new DeadlinePassed([Anna.Id, Mehmet.Id, Karin.Id], Deadline)])
            .When(new ExtendDeadline(At("2026-12-09T12:00"), null, At("2026-12-10T09:00")))
            .ThenRefuses(RefusalReason.Invalid, "deadline");
    }

    [Fact]
    public void GivenThePassedDeadline_WhenExtended_ThenTheNewDeadlineIsNoticedAgain()
    {
        var passed = new DeadlinePassed([Anna.Id, Mehmet.Id, Karin.Id], Deadline);
        var extendedAt = At("2026-12-08T09:00");

        Scenario.Given([.. Started(), passed, new DeadlineExtended(NewDeadline, new DateOnly(2026, 12, 15), extendedAt)])
            .When(new Tick([], NewDeadline))
            .Then(new DeadlinePassed([Anna.Id, Mehmet.Id, Karin.Id], NewDeadline));
    }

    [Fact]
    public void GivenADraft_WhenTheDeadlineIsExtended_ThenExtended()
    {
        Scenario.Given(Created())
            .When(new ExtendDeadline(NewDeadline, null, CreatedAt.AddMinutes(5)))
            .Then(new DeadlineExtended(NewDeadline, new DateOnly(2026, 12, 15), CreatedAt.AddMinutes(5)));
    }

    [Fact]
    public void GivenAnExtendedDraft_WhenStarted_ThenTheScheduleRunsFromTheStart()
    {
        var state = Scenario.Given(Created(), new DeadlineExtended(NewDeadline, new DateOnly(2026, 12, 15), CreatedAt.AddMinutes(5)))
            .When(Start())
            .State;

        // Halfway from Monday 23 November 10:00 to Tuesday 15 December 12:00 is Friday 4 December 11:00.
        Assert.Equal(At("2026-12-04T11:00"), JusteringRoundDecider.NextWakeUp(state, StartedAt));
    }

    [Fact]
    public void GivenTheHalfwayReminderWasSent_WhenTheDeadlineIsExtended_ThenTheScheduleRestartsFromTheExtension()
    {
        var state = Scenario.Given(HalfwayReminded)
            .When(new ExtendDeadline(NewDeadline, null, ExtendedAt))
            .State;

        Assert.Equal(At("2026-12-08T11:00"), JusteringRoundDecider.NextWakeUp(state, ExtendedAt));
    }

    [Fact]
    public void GivenAnExtensionAfterTheHalfwayReminder_WhenTheNewHalfwayComes_ThenTheUnansweredAreRemindedAgain()
    {
        var newHalfway = At("2026-12-08T11:00");

        Scenario.Given([.. HalfwayReminded, Answered(Karin, at: ExtendedAt.AddMinutes(-5)), new DeadlineExtended(NewDeadline, new DateOnly(2026, 12, 15), ExtendedAt)])
            .When(new Tick(LinksFor("h2", Anna, Mehmet), newHalfway))
            .Then(new LinksIssued(IssuedFor("h2", 1, Anna, Mehmet), LinkPurpose.HalfwayReminder, newHalfway))
            .ThenEffects(
                Mail(JusterareMail.Reminder, Anna, "anna-h2"),
                Mail(JusterareMail.Reminder, Mehmet, "mehmet-h2"));
    }

    [Fact]
    public void GivenACompletedRound_WhenTheDeadlineIsExtended_ThenRefusedAsClosed()
    {
        Scenario.Given([.. Started(), Answered(Anna), Answered(Mehmet), Answered(Karin), new RoundCompleted(1, AnsweredAt)])
            .When(new ExtendDeadline(NewDeadline, null, ExtendedAt))
            .ThenRefuses(RefusalReason.Closed);
    }

    [Fact]
    public void GivenACancelledRound_WhenTheDeadlineIsExtended_ThenRefusedAsClosed()
    {
        Scenario.Given([.. Started(), new RoundCancelled("Mötet ställdes in", AnsweredAt)])
            .When(new ExtendDeadline(NewDeadline, null, ExtendedAt))
            .ThenRefuses(RefusalReason.Closed);
    }
}

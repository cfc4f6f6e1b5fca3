using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class TickTests
{
    private static readonly ReminderPolicy Silence = new(SilenceCountsAsNoObjection: true);

    private static JusteringRoundEvent[] HalfwayReminded =>
    [
        .. Started(),
        new LinksIssued(IssuedFor("h", 1, Anna, Mehmet, Karin), LinkPurpose.HalfwayReminder, HalfwayAt),
    ];

    [Fact]
    public void GivenAStartedRound_WhenTheClockTicksBeforeAnyReminderIsDue_ThenNothing()
    {
        Scenario.Given(Started())
            .When(new Tick(LinksFor("h", Anna, Mehmet, Karin), HalfwayAt.AddMinutes(-1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenAnnaAnswered_WhenTheHalfwayMomentComes_ThenOnlyMehmetAndKarinAreReminded()
    {
        Scenario.Given([.. Started(), Answered(Anna)])
            .When(new Tick(LinksFor("h", Mehmet, Karin), HalfwayAt))
            .Then(new LinksIssued(IssuedFor("h", 1, Mehmet, Karin), LinkPurpose.HalfwayReminder, HalfwayAt))
            .ThenEffects(
                Mail(JusterareMail.Reminder, Mehmet, "mehmet-h"),
                Mail(JusterareMail.Reminder, Karin, "karin-h"));
    }

    [Fact]
    public void GivenTheHalfwayReminderWasSent_WhenTheClockTicksLaterThatDay_ThenNothing()
    {
        Scenario.Given(HalfwayReminded)
            .When(new Tick(LinksFor("x", Anna, Mehmet, Karin), HalfwayAt.AddHours(3)))
            .ThenNothing();
    }

    [Fact]
    public void GivenAHalfwayPolicyTurnedOff_WhenTheHalfwayMomentComes_ThenNothing()
    {
        Scenario.Given(Started(new ReminderPolicy(Halfway: false)))
            .When(new Tick(LinksFor("h", Anna, Mehmet, Karin), HalfwayAt))
            .ThenNothing();
    }

    [Fact]
    public void GivenTheHalfwayMomentWasMissed_WhenTheClockTicksAfterOfficeHours_ThenNothing()
    {
        Scenario.Given(Started())
            .When(new Tick(LinksFor("h", Anna, Mehmet, Karin), At("2026-11-30T17:30")))
            .ThenNothing();
    }

    [Fact]
    public void GivenTheHalfwayMomentWasMissed_WhenTheClockTicksBeforeTheOfficeOpens_ThenNothing()
    {
        Scenario.Given(Started())
            .When(new Tick(LinksFor("h", Anna, Mehmet, Karin), At("2026-12-01T07:59")))
            .ThenNothing();
    }

    [Fact]
    public void GivenTheHalfwayMomentWasMissed_WhenTheOfficeOpensNextMorning_ThenTheReminderGoes()
    {
        var at = At("2026-12-01T08:00");

        Scenario.Given(Started())
            .When(new Tick(LinksFor("h", Anna, Mehmet, Karin), at))
            .Then(new LinksIssued(IssuedFor("h", 1, Anna, Mehmet, Karin), LinkPurpose.HalfwayReminder, at));
    }

    [Fact]
    public void GivenAChristmasRoundWithAMissedHalfway_WhenTheClockTicksOnJulafton_ThenNothing()
    {
        Scenario.Given(ChristmasRound.Started)
            .When(new Tick(LinksFor("h", Anna, Mehmet, Karin), At("2026-12-24T10:00")))
            .ThenNothing();
    }

    [Fact]
    public void GivenAChristmasRoundWithAMissedHalfway_WhenTheClockTicksOnAnnandagJul_ThenNothing()
    {
        Scenario.Given(ChristmasRound.Started)
            .When(new Tick(LinksFor("h", Anna, Mehmet, Karin), At("2026-12-26T10:00")))
            .ThenNothing();
    }

    [Fact]
    public void GivenAChristmasRoundWithAMissedHalfway_WhenTheOfficeOpensAfterChristmas_ThenTheReminderGoes()
    {
        var at = At("2026-12-28T08:00");

        Scenario.Given(ChristmasRound.Started)
            .When(new Tick(LinksFor("h", Anna, Mehmet, Karin), at))
            .Then(new LinksIssued(IssuedFor("h", 1, Anna, Mehmet, Karin), LinkPurpose.HalfwayReminder, at));
    }

    [Fact]
    public void GivenTheHalfwayReminderWasSent_WhenTheWorkingDayBeforeTheDeadlineBegins_ThenTheUnansweredAreRemindedAgain()
    {
        Scenario.Given([.. HalfwayReminded, Answered(Mehmet, at: At("2026-12-02T09:00"))])
            .When(new Tick(LinksFor("d", Anna, Karin), DayBeforeAt))
            .Then(new LinksIssued(IssuedFor("d", 1, Anna, Karin), LinkPurpose.WorkingDayBeforeReminder, DayBeforeAt))
            .ThenEffects(
                Mail(JusterareMail.Reminder, Anna, "anna-d"),
                Mail(JusterareMail.Reminder, Karin, "karin-d"));
    }

    [Fact]
    public void GivenBothRemindersWereMissed_WhenTheClockTicks_ThenOneReminderGoesAndNoSecondThatDay()
    {
        var at = At("2026-12-04T10:00");
        var first = Scenario.Given(Started())
            .When(new Tick(LinksFor("d", Anna, Mehmet, Karin), at))
            .Then(new LinksIssued(IssuedFor("d", 1, Anna, Mehmet, Karin), LinkPurpose.WorkingDayBeforeReminder, at));

        Scenario.Given([.. Started(), .. first.Decision.Events])
            .When(new Tick(LinksFor("e", Anna, Mehmet, Karin), at.AddHours(2)))
            .ThenNothing();
    }

    [Fact]
    public void GivenAManualReminderThisMorning_WhenTheWorkingDayBeforeReminderIsDue_ThenNobodyGetsASecondOneAndTheScheduleMovesOn()
    {
        var history = (JusteringRoundEvent[])
        [
            .. HalfwayReminded,
            new LinksIssued(IssuedFor("r", 1, Anna, Mehmet, Karin), LinkPurpose.ManualReminder, At("2026-12-04T08:30")),
        ];

        var outcome = Scenario.Given(history).When(new Tick(LinksFor("d", Anna, Mehmet, Karin), DayBeforeAt));

        Assert.Null(outcome.Decision.Refusal);
        Assert.Empty(outcome.Decision.Effects);
        Assert.Empty(outcome.Decision.Events.OfType<LinksIssued>().SelectMany(e => e.Links));
        Assert.Equal(Deadline, JusteringRoundDecider.NextWakeUp(outcome.State, DayBeforeAt));
    }

    [Fact]
    public void GivenEveryoneAnsweredButOneAskedForChanges_WhenTheHalfwayMomentPasses_ThenNothing()
    {
        // Nobody is left to remind, and NextWakeUp agrees: it asks for the deadline, not for this moment.
        Scenario.Given([.. Started(), Answered(Anna, ReplyKind.ChangesRequested, text: "Ändra § 5."), Answered(Mehmet), Answered(Karin)])
            .When(new Tick(LinksFor("h", Anna, Mehmet, Karin), HalfwayAt))
            .ThenNothing();
    }

    [Fact]
    public void GivenAnnaAnswered_WhenTheDeadlinePasses_ThenTheSecretaryIsToldWhoIsMissingAndTheRoundStaysOpen()
    {
        var state = Scenario.Given([.. Started(), Answered(Anna)])
            .When(new Tick(LinksFor("x", Mehmet, Karin), Deadline))
            .Then(new DeadlinePassed([Mehmet.Id, Karin.Id], Deadline))
            .ThenEffects(new NotifySecretary(SecretaryNotice.MissingAtDeadline, ["Mehmet Yilmaz (Vision)", "Karin Berg (arbetsgivaren)"]))
            .State;

        Assert.IsType<JusteringRoundState.AwaitingAnswers>(state);
    }

    [Fact]
    public void GivenTheDeadlineWasNoticed_WhenTheClockTicksAgain_ThenNothing()
    {
        Scenario.Given([.. Started(), new DeadlinePassed([Anna.Id, Mehmet.Id, Karin.Id], Deadline)])
            .When(new Tick([], Deadline.AddHours(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenTheDeadlineWasNoticed_WhenTheLastJusterareAnswersLate_ThenRoundCompletes()
    {
        var at = Deadline.AddDays(1);

        Scenario.Given([.. Started(), Answered(Anna), Answered(Mehmet), new DeadlinePassed([Karin.Id], Deadline)])
            .When(AnswerByLink("karin-1", at: at))
            .Then(Answered(Karin, at: at, late: true), new RoundCompleted(1, at));
    }

    [Fact]
    public void GivenEveryoneAnsweredButOneAskedForChanges_WhenTheDeadlinePasses_ThenNoOneIsMissing()
    {
        Scenario.Given([.. Started(), Answered(Anna, ReplyKind.ChangesRequested, text: "Ändra § 5."), Answered(Mehmet), Answered(Karin)])
            .When(new Tick([], Deadline))
            .Then(new DeadlinePassed([], Deadline))
            .ThenEffects();
    }

    [Fact]
    public void GivenSilenceCountsAsNoObjection_WhenTheDeadlinePasses_ThenTheMissingApproveBySilenceAndRoundCompletes()
    {
        var state = Scenario.Given([.. Started(Silence), Answered(Anna)])
            .When(new Tick([], Deadline))
            .Then(
                new DeadlinePassed([Mehmet.Id, Karin.Id], Deadline),
                BySilence(Mehmet),
                BySilence(Karin),
                new RoundCompleted(1, Deadline))
            .ThenEffects(new NotifySecretary(SecretaryNotice.Completed, []), new SealProtocol(1))
            .State;

        Assert.IsType<JusteringRoundState.Completed>(state);
    }

    [Fact]
    public void GivenSilenceCountsButAnnaAskedForChanges_WhenTheDeadlinePasses_ThenSilenceIsRecordedButTheRoundStaysOpen()
    {
        var state = Scenario.Given([.. Started(Silence), Answered(Anna, ReplyKind.ChangesRequested, text: "Ändra § 5.")])
            .When(new Tick([], Deadline))
            .Then(new DeadlinePassed([Mehmet.Id, Karin.Id], Deadline), BySilence(Mehmet), BySilence(Karin))
            .ThenEffects()
            .State;

        Assert.IsType<JusteringRoundState.AwaitingAnswers>(state);
    }

    [Fact]
    public void GivenADraft_WhenTheClockTicks_ThenNothing()
    {
        Scenario.Given(Created())
            .When(new Tick([], Deadline))
            .ThenNothing();
    }

    [Fact]
    public void GivenACompletedRound_WhenTheClockTicksPastTheDeadline_ThenNothing()
    {
        Scenario.Given([.. Started(), Answered(Anna), Answered(Mehmet), Answered(Karin), new RoundCompleted(1, AnsweredAt)])
            .When(new Tick([], Deadline))
            .ThenNothing();
    }

    [Fact]
    public void GivenACancelledRound_WhenTheClockTicksPastTheDeadline_ThenNothing()
    {
        Scenario.Given([.. Started(), new RoundCancelled("Mötet ställdes in", AnsweredAt)])
            .When(new Tick([], Deadline))
            .ThenNothing();
    }

    private static AnswerRecorded BySilence(Justerare j) =>
        new(j.Id, 1, ReplyKind.NoObjection, null, null, AnswerChannel.SilenceRule,
            "Inget svar före sista dag för synpunkter", Late: false, FormKey: null, Deadline);
}

using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class ReviseProtocolTests
{
    private static readonly DateTimeOffset RevisedAt = At("2026-11-25T10:00");

    private static JusteringRoundEvent[] ChangesAsked =>
    [
        .. Started(),
        Answered(Mehmet),
        Answered(Karin),
        Answered(Anna, ReplyKind.ChangesRequested, text: "Ändra § 5."),
    ];

    [Fact]
    public void GivenSynpunkter_WhenTheProtocolIsRevised_ThenEveryJusterareGetsTheNewVersionWithANewLink()
    {
        Scenario.Given(ChangesAsked)
            .When(Revise(RevisedAt))
            .Then(
                Revised(RevisedAt),
                new LinksIssued(IssuedFor("2", 2, Anna, Mehmet, Karin), LinkPurpose.NewVersion, RevisedAt))
            .ThenEffects(
                Mail(JusterareMail.NewVersion, Anna, "anna-2", version: 2),
                Mail(JusterareMail.NewVersion, Mehmet, "mehmet-2", version: 2),
                Mail(JusterareMail.NewVersion, Karin, "karin-2", version: 2));
    }

    [Fact]
    public void GivenSynpunkter_WhenTheProtocolIsRevised_ThenEarlierAnswersStopCounting()
    {
        var state = Scenario.Given(ChangesAsked).When(Revise(RevisedAt)).State;

        Assert.Empty(state.RoundOrNull!.Answers);
        Assert.Equal(2, state.RoundOrNull!.Protocol.Version);
    }

    [Fact]
    public void GivenARevisionAfterTwoApprovals_WhenTheOneWhoAskedForChangesApproves_ThenTheRoundStaysOpen()
    {
        var at = RevisedAt.AddHours(1);

        Scenario.Given([.. ChangesAsked, Revised(RevisedAt), new LinksIssued(IssuedFor("2", 2, Anna, Mehmet, Karin), LinkPurpose.NewVersion, RevisedAt)])
            .When(AnswerByLink("anna-2", at: at))
            .Then(Answered(Anna, version: 2, at: at, formKey: "form-anna-2"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void GivenVersionOne_WhenARevisionIsNotNumberedTwo_ThenRefusedAsWrongPhase(int version)
    {
        Scenario.Given(ChangesAsked)
            .When(Revise(RevisedAt, version: version))
            .ThenRefuses(RefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenVersionOne_WhenTheUploadedFileIsIdentical_ThenRefusedOnProtocol()
    {
        var command = Revise(RevisedAt);

        Scenario.Given(ChangesAsked)
            .When(command with { Protocol = command.Protocol with { Sha256 = Protocol(1).Sha256 } })
            .ThenRefuses(RefusalReason.Invalid, "protocol");
    }

    [Fact]
    public void GivenADeadlineOneWorkingDayAway_WhenRevisedWithoutANewDeadline_ThenRefusedOnDeadline()
    {
        // Friday 4 December; the deadline is Monday 7 December.
        Scenario.Given(ChangesAsked)
            .When(Revise(At("2026-12-04T10:00")))
            .ThenRefuses(RefusalReason.Invalid, "deadline");
    }

    [Fact]
    public void GivenADeadlineExactlyTwoWorkingDaysAway_WhenRevisedWithoutANewDeadline_ThenTheDeadlineIsKept()
    {
        // Thursday 3 December: Friday and Monday are the two working days.
        var at = At("2026-12-03T10:00");

        Scenario.Given(ChangesAsked)
            .When(Revise(at))
            .Then(Revised(at), new LinksIssued(IssuedFor("2", 2, Anna, Mehmet, Karin), LinkPurpose.NewVersion, at));
    }

    [Fact]
    public void GivenADeadlineOneWorkingDayAway_WhenRevisedWithALaterDeadline_ThenTheJusteringDateMovesWithIt()
    {
        var at = At("2026-12-04T10:00");
        var newDeadline = At("2026-12-11T12:00");

        Scenario.Given(ChangesAsked)
            .When(Revise(at, newDeadline))
            .Then(
                Revised(at, newDeadline, new DateOnly(2026, 12, 11)),
                new LinksIssued(IssuedFor("2", 2, Anna, Mehmet, Karin), LinkPurpose.NewVersion, at));
    }

    [Fact]
    public void GivenAJusteringDateAfterTheNewDeadlineDate_WhenRevised_ThenTheJusteringDateStays()
    {
        var newDeadline = At("2026-12-07T16:00");

        var revised = Assert.IsType<ProtocolRevised>(
            Scenario.Given(ChangesAsked).When(Revise(RevisedAt, newDeadline)).Decision.Events[0]);

        Assert.Equal(newDeadline, revised.Deadline);
        Assert.Equal(JusteringDate, revised.JusteringDate);
    }

    [Fact]
    public void GivenAStartedRound_WhenRevisedWithANewDeadlineInThePast_ThenRefusedOnDeadline()
    {
        Scenario.Given(ChangesAsked)
            .When(Revise(RevisedAt, RevisedAt.AddHours(-1)))
            .ThenRefuses(RefusalReason.Invalid, "deadline");
    }

    [Fact]
    public void GivenThePassedDeadline_WhenRevisedWithoutANewDeadline_ThenRefusedOnDeadline()
    {
        Scenario.Given([.. ChangesAsked, new DeadlinePassed([], Deadline)])
            .When(Revise(Deadline.AddDays(1)))
            .ThenRefuses(RefusalReason.Invalid, "deadline");
    }

    [Fact]
    public void GivenThePassedDeadline_WhenRevisedWithANewDeadline_ThenTheDeadlineIsWatchedAgain()
    {
        var at = At("2026-12-08T10:00");
        var newDeadline = At("2026-12-11T12:00");
        var revision = Scenario.Given([.. ChangesAsked, new DeadlinePassed([], Deadline)])
            .When(Revise(at, newDeadline));

        Scenario.Given([.. ChangesAsked, new DeadlinePassed([], Deadline), .. revision.Decision.Events])
            .When(new Tick([], newDeadline))
            .Then(new DeadlinePassed([Anna.Id, Mehmet.Id, Karin.Id], newDeadline));
    }

    [Fact]
    public void GivenAStartedRound_WhenRevised_ThenTheReminderScheduleRestartsFromTheRevision()
    {
        // Halfway from Wednesday 25 November 10:00 to Monday 7 December 12:00.
        var state = Scenario.Given(ChangesAsked).When(Revise(RevisedAt)).State;

        Assert.Equal(At("2026-12-01T11:00"), JusteringRoundDecider.NextWakeUp(state, RevisedAt));
    }

    [Fact]
    public void GivenADraft_WhenRevised_ThenRefusedAsWrongPhase()
    {
        Scenario.Given(Created())
            .When(Revise(RevisedAt))
            .ThenRefuses(RefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenACompletedRound_WhenRevised_ThenRefusedAsClosed()
    {
        Scenario.Given([.. Started(), Answered(Anna), Answered(Mehmet), Answered(Karin), new RoundCompleted(1, AnsweredAt)])
            .When(Revise(RevisedAt))
            .ThenRefuses(RefusalReason.Closed);
    }

    [Fact]
    public void GivenACancelledRound_WhenRevised_ThenRefusedAsClosed()
    {
        Scenario.Given([.. ChangesAsked, new RoundCancelled("Protokollet skrivs om från början", RevisedAt)])
            .When(Revise(RevisedAt.AddHours(1)))
            .ThenRefuses(RefusalReason.Closed);
    }
}

using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class StartRoundTests
{
    [Fact]
    public void GivenADraft_WhenStarted_ThenEveryJusterareGetsARequestWithTheirOwnLink()
    {
        Scenario.Given(Created())
            .When(Start())
            .Then(
                new RoundStarted(StartedAt),
                new LinksIssued(
                [
                    new IssuedLink(Anna.Id, 1, "hash-anna-1"),
                    new IssuedLink(Mehmet.Id, 1, "hash-mehmet-1"),
                    new IssuedLink(Karin.Id, 1, "hash-karin-1"),
                ], LinkPurpose.Request, StartedAt))
            .ThenEffects(
                Mail(JusterareMail.Request, Anna, "anna-1"),
                Mail(JusterareMail.Request, Mehmet, "mehmet-1"),
                Mail(JusterareMail.Request, Karin, "karin-1"));
    }

    [Fact]
    public void GivenADraft_WhenStartedWithMoreFreshLinksThanNeeded_ThenOnlyThePoolsFirstLinksAreUsed()
    {
        var outcome = Scenario.Given(Created())
            .When(new StartRound(FreshLinks("a", "b", "c", "d", "e"), StartedAt));

        var issued = Assert.IsType<LinksIssued>(outcome.Decision.Events[1]);
        Assert.Equal(["hash-a", "hash-b", "hash-c"], issued.Links.Select(l => l.TokenHash));
        Assert.Equal(["token-a", "token-b", "token-c"], outcome.Decision.Effects.Cast<MailJusterare>().Select(m => m.Token));
    }

    [Fact]
    public void GivenADraft_WhenStarted_ThenTheRoundAwaitsAnswers()
    {
        var state = Scenario.Given(Created()).When(Start()).Then([.. Started()[1..]]).State;

        Assert.IsType<JusteringRoundState.AwaitingAnswers>(state);
    }

    [Fact]
    public void GivenAStartedRound_WhenStartedAgain_ThenNothing()
    {
        Scenario.Given(Started())
            .When(Start(StartedAt.AddMinutes(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenACompletedRound_WhenStartedAgain_ThenNothing()
    {
        Scenario.Given([.. Started(), Answered(Anna), Answered(Mehmet), Answered(Karin), new RoundCompleted(1, AnsweredAt)])
            .When(Start(AnsweredAt))
            .ThenNothing();
    }

    [Fact]
    public void GivenADraftWhoseDeadlineHasPassed_WhenStarted_ThenRefusedOnDeadline()
    {
        Scenario.Given(Created())
            .When(Start(Deadline))
            .ThenRefuses(RefusalReason.Invalid, "deadline");
    }

    [Fact]
    public void GivenADraftWhoseDeadlineWasExtended_WhenStartedAfterTheOldDeadline_ThenStarted()
    {
        var newDeadline = At("2026-12-14T12:00");

        var decision = Scenario.Given(Created(), new DeadlineExtended(newDeadline, new DateOnly(2026, 12, 14), StartedAt))
            .When(Start(Deadline.AddHours(1)))
            .Decision;

        Assert.Null(decision.Refusal);
        Assert.Equal(3, decision.Effects.Count);
    }

    [Fact]
    public void GivenACancelledDraft_WhenStarted_ThenRefusedAsClosed()
    {
        Scenario.Given(Created(), new RoundCancelled("Mötet ställdes in", StartedAt))
            .When(Start(StartedAt.AddMinutes(5)))
            .ThenRefuses(RefusalReason.Closed);
    }
}

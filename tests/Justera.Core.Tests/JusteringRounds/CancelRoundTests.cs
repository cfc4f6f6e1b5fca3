using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class CancelRoundTests
{
    private static readonly DateTimeOffset CancelledAt = At("2026-11-25T15:00");

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void GivenAStartedRound_WhenCancelledWithoutAReason_ThenRefusedOnReason(string reason)
    {
        Scenario.Given(Started())
            .When(new CancelRound(reason, CancelledAt))
            .ThenRefuses(RefusalReason.Invalid, "reason");
    }

    [Fact]
    public void GivenAStartedRound_WhenTheReasonIsLongerThan1000Characters_ThenRefusedOnReason()
    {
        Scenario.Given(Started())
            .When(new CancelRound(new string('x', 1001), CancelledAt))
            .ThenRefuses(RefusalReason.Invalid, "reason");
    }

    [Fact]
    public void GivenAStartedRound_WhenCancelled_ThenEveryJusterareIsToldWhyWithoutALink()
    {
        const string reason = "Protokollet gäller fel möte.";

        var state = Scenario.Given(Started())
            .When(new CancelRound($"  {reason} ", CancelledAt))
            .Then(new RoundCancelled(reason, CancelledAt))
            .ThenEffects(
                new MailJusterare(JusterareMail.Cancelled, Anna, 1, null, reason),
                new MailJusterare(JusterareMail.Cancelled, Mehmet, 1, null, reason),
                new MailJusterare(JusterareMail.Cancelled, Karin, 1, null, reason))
            .State;

        Assert.IsType<JusteringRoundState.Cancelled>(state);
        Assert.Null(JusteringRoundDecider.NextWakeUp(state, CancelledAt));
    }

    [Fact]
    public void GivenAnnaReplacedBySofia_WhenCancelled_ThenSofiaIsToldAndAnnaIsNot()
    {
        Scenario.Given(
            [
                .. Started(),
                new JusterareReplaced(Anna.Id, Sofia, AnsweredAt),
                new LinksIssued(IssuedFor("1", 1, Sofia), LinkPurpose.Substitute, AnsweredAt),
            ])
            .When(new CancelRound("Mötet ställdes in", CancelledAt))
            .ThenEffects(
                new MailJusterare(JusterareMail.Cancelled, Sofia, 1, null, "Mötet ställdes in"),
                new MailJusterare(JusterareMail.Cancelled, Mehmet, 1, null, "Mötet ställdes in"),
                new MailJusterare(JusterareMail.Cancelled, Karin, 1, null, "Mötet ställdes in"));
    }

    [Fact]
    public void GivenADraft_WhenCancelled_ThenNobodyIsMailed()
    {
        Scenario.Given(Created())
            .When(new CancelRound("Fel protokoll uppladdat", CancelledAt))
            .Then(new RoundCancelled("Fel protokoll uppladdat", CancelledAt))
            .ThenEffects();
    }

    [Fact]
    public void GivenACancelledRound_WhenALinkIsUsed_ThenRefusedAsClosed()
    {
        Scenario.Given([.. Started(), new RoundCancelled("Mötet ställdes in", CancelledAt)])
            .When(AnswerByLink("karin-1", at: CancelledAt.AddHours(1)))
            .ThenRefuses(RefusalReason.Closed);
    }

    [Fact]
    public void GivenACancelledRound_WhenCancelledAgain_ThenNothing()
    {
        Scenario.Given([.. Started(), new RoundCancelled("Mötet ställdes in", CancelledAt)])
            .When(new CancelRound("Mötet ställdes in", CancelledAt.AddMinutes(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenACompletedRound_WhenCancelled_ThenRefusedAsClosed()
    {
        Scenario.Given([.. Started(), Answered(Anna), Answered(Mehmet), Answered(Karin), new RoundCompleted(1, AnsweredAt)])
            .When(new CancelRound("För sent", CancelledAt))
            .ThenRefuses(RefusalReason.Closed);
    }
}

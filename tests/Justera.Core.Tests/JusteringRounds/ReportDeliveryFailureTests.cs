using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class ReportDeliveryFailureTests
{
    private static readonly DateTimeOffset FailedAt = At("2026-11-23T10:20");

    [Fact]
    public void GivenAStartedRound_WhenAMailToAJusterareFails_ThenItIsRecordedAndTheSecretaryIsTold()
    {
        Scenario.Given(Started())
            .When(new ReportDeliveryFailure("outbox-7", Mehmet.Email, "550 5.1.1 mailbox unavailable", FailedAt))
            .Then(new DeliveryFailed("outbox-7", Mehmet.Email, "550 5.1.1 mailbox unavailable", FailedAt))
            .ThenEffects(new NotifySecretary(SecretaryNotice.DeliveryFailed, [Mehmet.Email]));
    }

    [Theory]
    [InlineData("eva.holm@example.org")]
    [InlineData("Eva.Holm@EXAMPLE.org")]
    public void GivenAStartedRound_WhenAMailToTheSecretaryHerselfFails_ThenItIsRecordedWithoutANotice(string recipient)
    {
        Scenario.Given(Started())
            .When(new ReportDeliveryFailure("outbox-9", recipient, "mailbox full", FailedAt))
            .Then(new DeliveryFailed("outbox-9", recipient, "mailbox full", FailedAt))
            .ThenEffects();
    }

    [Fact]
    public void GivenAReportedFailure_WhenTheSameFailureIsReportedAgain_ThenNothing()
    {
        Scenario.Given([.. Started(), new DeliveryFailed("outbox-7", Mehmet.Email, "550", FailedAt)])
            .When(new ReportDeliveryFailure("outbox-7", Mehmet.Email, "550", FailedAt.AddMinutes(5)))
            .ThenNothing();
    }

    [Fact]
    public void GivenAReportedFailure_WhenAnotherMailFails_ThenThatIsRecordedToo()
    {
        var state = Scenario.Given([.. Started(), new DeliveryFailed("outbox-7", Mehmet.Email, "550", FailedAt)])
            .When(new ReportDeliveryFailure("outbox-8", Karin.Email, "550", FailedAt))
            .Then(new DeliveryFailed("outbox-8", Karin.Email, "550", FailedAt))
            .State;

        Assert.Equal(["outbox-7", "outbox-8"], state.RoundOrNull!.DeliveryFailures.Select(f => f.EffectId));
    }

    [Fact]
    public void GivenACompletedRound_WhenTheCompletionNoticeFails_ThenItIsStillRecorded()
    {
        Scenario.Given([.. Started(), Answered(Anna), Answered(Mehmet), Answered(Karin), new RoundCompleted(1, AnsweredAt)])
            .When(new ReportDeliveryFailure("outbox-12", Eva.Email, "timeout", AnsweredAt.AddMinutes(30)))
            .Then(new DeliveryFailed("outbox-12", Eva.Email, "timeout", AnsweredAt.AddMinutes(30)))
            .ThenEffects();
    }

    [Fact]
    public void GivenACancelledRound_WhenACancellationMailFails_ThenTheSecretaryIsTold()
    {
        Scenario.Given([.. Started(), new RoundCancelled("Mötet ställdes in", AnsweredAt)])
            .When(new ReportDeliveryFailure("outbox-20", Anna.Email, "550", AnsweredAt.AddMinutes(1)))
            .Then(new DeliveryFailed("outbox-20", Anna.Email, "550", AnsweredAt.AddMinutes(1)))
            .ThenEffects(new NotifySecretary(SecretaryNotice.DeliveryFailed, [Anna.Email]));
    }
}

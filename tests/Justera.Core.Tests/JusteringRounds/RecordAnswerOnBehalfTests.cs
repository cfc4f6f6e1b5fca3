using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class RecordAnswerOnBehalfTests
{
    private static readonly DateTimeOffset RecordedAt = At("2026-11-26T13:15");

    [Fact]
    public void GivenAStartedRound_WhenTheSecretaryRecordsAnEmailedAnswer_ThenItIsRecordedWithWhoRecordedIt()
    {
        Scenario.Given(Started())
            .When(OnBehalf(Mehmet, ReplyKind.NoObjection, channel: "  e-post till sekreteraren "))
            .Then(new AnswerRecorded(Mehmet.Id, 1, ReplyKind.NoObjection, null, null, AnswerChannel.RecordedBySecretary,
                "e-post till sekreteraren, registrerat av Eva Holm", Late: false, "behalf-1", RecordedAt))
            .ThenEffects(Receipt(Mehmet, "Inget att erinra"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void GivenAStartedRound_WhenNoChannelIsGiven_ThenTheChannelIsEmailToTheSecretary(string channel)
    {
        var recorded = Assert.IsType<AnswerRecorded>(Assert.Single(
            Scenario.Given(Started()).When(OnBehalf(Mehmet, ReplyKind.NoObjection, channel)).Decision.Events));

        Assert.Equal("e-post till sekreteraren, registrerat av Eva Holm", recorded.ChannelDescription);
    }

    [Fact]
    public void GivenAStartedRound_WhenTheAnswerCameByPhone_ThenTheChannelSaysSo()
    {
        var recorded = Assert.IsType<AnswerRecorded>(Assert.Single(
            Scenario.Given(Started()).When(OnBehalf(Karin, ReplyKind.NoObjection, "telefon")).Decision.Events));

        Assert.Equal("telefon, registrerat av Eva Holm", recorded.ChannelDescription);
        Assert.Equal(AnswerChannel.RecordedBySecretary, recorded.Channel);
    }

    [Fact]
    public void GivenAStartedRound_WhenSynpunkterAreRecordedOnBehalf_ThenTheSecretaryIsToldLikeForAnyAnswer()
    {
        Scenario.Given(Started())
            .When(OnBehalf(Anna, ReplyKind.ChangesRequested, text: "Se bifogat e-postmeddelande."))
            .ThenEffects(
                Receipt(Anna, "Synpunkter: Se bifogat e-postmeddelande."),
                new NotifySecretary(SecretaryNotice.ChangesRequested, ["Anna Lindqvist (Kommunal)"]));
    }

    [Fact]
    public void GivenAllButOneApproved_WhenTheLastAnswerIsRecordedOnBehalf_ThenRoundCompletes()
    {
        var outcome = Scenario.Given([.. Started(), Answered(Anna), Answered(Karin)])
            .When(OnBehalf(Mehmet, ReplyKind.ApprovedWithDissent, item: "§ 4", text: "Oenig om § 4."));

        Assert.Equal(new RoundCompleted(1, RecordedAt), outcome.Decision.Events[^1]);
        Assert.Contains(new SealProtocol(1), outcome.Decision.Effects);
        Assert.IsType<JusteringRoundState.Completed>(outcome.State);
    }

    [Fact]
    public void GivenAStartedRound_WhenTheJusterareIsUnknown_ThenRefusedOnJusterareId()
    {
        Scenario.Given(Started())
            .When(OnBehalf(Sofia, ReplyKind.NoObjection))
            .ThenRefuses(RefusalReason.Invalid, "justerareId");
    }

    [Fact]
    public void GivenAnnaWasReplaced_WhenAnAnswerIsRecordedForHer_ThenRefusedOnJusterareId()
    {
        Scenario.Given(
            [
                .. Started(),
                new JusterareReplaced(Anna.Id, Sofia, AnsweredAt),
                new LinksIssued(IssuedFor("1", 1, Sofia), LinkPurpose.Substitute, AnsweredAt),
            ])
            .When(OnBehalf(Anna, ReplyKind.NoObjection))
            .ThenRefuses(RefusalReason.Invalid, "justerareId");
    }

    [Fact]
    public void GivenAStartedRound_WhenSynpunkterWithoutTextAreRecordedOnBehalf_ThenRefusedOnText()
    {
        Scenario.Given(Started())
            .When(OnBehalf(Anna, ReplyKind.ChangesRequested))
            .ThenRefuses(RefusalReason.Invalid, "text");
    }

    [Fact]
    public void GivenAnAnswerRecordedOnBehalf_WhenTheSameFormIsSubmittedAgain_ThenNothing()
    {
        var first = Scenario.Given(Started()).When(OnBehalf(Mehmet, ReplyKind.NoObjection)).Decision.Events;

        Scenario.Given([.. Started(), .. first])
            .When(OnBehalf(Mehmet, ReplyKind.ChangesRequested, text: "Ändra § 5."))
            .ThenNothing();
    }

    [Fact]
    public void GivenADraft_WhenAnAnswerIsRecordedOnBehalf_ThenRefusedAsWrongPhase()
    {
        Scenario.Given(Created())
            .When(OnBehalf(Mehmet, ReplyKind.NoObjection))
            .ThenRefuses(RefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenACompletedRound_WhenAnAnswerIsRecordedOnBehalf_ThenRefusedAsClosed()
    {
        Scenario.Given([.. Started(), Answered(Anna), Answered(Mehmet), Answered(Karin), new RoundCompleted(1, AnsweredAt)])
            .When(OnBehalf(Mehmet, ReplyKind.ChangesRequested, text: "Ändra § 5."))
            .ThenRefuses(RefusalReason.Closed);
    }

    [Fact]
    public void GivenARoundCompletedOnBehalf_WhenTheCompletingFormIsSubmittedAgain_ThenNothing()
    {
        var history = Scenario.Given([.. Started(), Answered(Anna), Answered(Karin)])
            .When(OnBehalf(Mehmet, ReplyKind.NoObjection)).Decision.Events;

        Scenario.Given([.. Started(), Answered(Anna), Answered(Karin), .. history])
            .When(OnBehalf(Mehmet, ReplyKind.NoObjection))
            .ThenNothing();
    }

    private static RecordAnswerOnBehalf OnBehalf(
        Justerare justerare,
        ReplyKind kind,
        string channel = "e-post till sekreteraren",
        string? item = null,
        string? text = null) =>
        new(justerare.Id, kind, item, text, channel, "Eva Holm", "behalf-1", RecordedAt);
}

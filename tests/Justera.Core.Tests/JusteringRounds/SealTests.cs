using System.Text.Json;
using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class SealTests
{
    private static readonly DateTimeOffset SealedAt = At("2026-11-24T14:01");
    private static readonly string DocumentId = $"{Id}-v1";
    private static readonly string BlobName = $"{DocumentId}.pdf";
    private static readonly string Sha256 = new('a', 64);

    private static JusteringRoundEvent[] Completed() =>
        [.. Started(), Answered(Anna), Answered(Mehmet), Answered(Karin), new RoundCompleted(1, AnsweredAt)];

    private static JusteringRoundEvent[] Sealed() =>
    [
        .. Completed(),
        new ProtocolSealed(1, BlobName, Sha256, DocumentId, SealedAt),
        new LinksIssued(IssuedFor("signerat", 1, Anna, Mehmet, Karin), LinkPurpose.SignedProtocol, SealedAt),
    ];

    private static RecordSeal Record(int version = 1, string? blobName = null, string? sha256 = null, string? documentId = null, DateTimeOffset? at = null) =>
        new(version, blobName ?? BlobName, sha256 ?? Sha256, documentId ?? DocumentId, LinksFor("signerat", Anna, Mehmet, Karin), at ?? SealedAt);

    [Fact]
    public void GivenACompletedRound_WhenTheSealIsRecorded_ThenTheRoundIsSealedAndEveryoneIsMailedALinkToIt()
    {
        var state = Scenario.Given(Completed())
            .When(Record())
            .Then(
                new ProtocolSealed(1, BlobName, Sha256, DocumentId, SealedAt),
                new LinksIssued(IssuedFor("signerat", 1, Anna, Mehmet, Karin), LinkPurpose.SignedProtocol, SealedAt))
            .ThenEffects(
                new NotifySecretary(SecretaryNotice.Sealed, []),
                Mail(JusterareMail.SignedProtocol, Anna, "anna-signerat"),
                Mail(JusterareMail.SignedProtocol, Mehmet, "mehmet-signerat"),
                Mail(JusterareMail.SignedProtocol, Karin, "karin-signerat"))
            .State;

        var sealedRound = Assert.IsType<JusteringRoundState.Sealed>(state);
        Assert.Equal(new SignedProtocol(1, BlobName, Sha256, DocumentId, SealedAt), sealedRound.SignedProtocol);
        Assert.Equal(3, sealedRound.Round.Answers.Count);
        Assert.Null(JusteringRoundDecider.NextWakeUp(state, SealedAt));
    }

    [Fact]
    public void GivenASealedRound_WhenTheSameFileIsRecordedAgain_ThenNothing()
    {
        Scenario.Given(Sealed())
            .When(Record(at: SealedAt.AddMinutes(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenASealedRound_WhenAnotherFileIsRecorded_ThenRefusedBecauseTheFirstStands()
    {
        Scenario.Given(Sealed())
            .When(Record(sha256: new string('b', 64)))
            .ThenRefuses(RefusalReason.Closed);
    }

    [Fact]
    public void GivenACompletedRound_WhenASealOfAnotherVersionIsRecorded_ThenRefused()
    {
        Scenario.Given(Completed())
            .When(Record(version: 2, documentId: $"{Id}-v2"))
            .ThenRefuses(RefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenACompletedRound_WhenTheDocumentIdIsNotTheRounds_ThenRefusedOnDocumentId()
    {
        Scenario.Given(Completed())
            .When(Record(documentId: "JUS-2026-0042"))
            .ThenRefuses(RefusalReason.Invalid, "documentId");
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("abc")]
    public void GivenACompletedRound_WhenTheHashIsNotALowerCaseSha256_ThenRefusedOnSha256(string sha256)
    {
        Scenario.Given(Completed())
            .When(Record(sha256: sha256))
            .ThenRefuses(RefusalReason.Invalid, "sha256");
    }

    [Fact]
    public void GivenAStartedRound_WhenASealIsRecorded_ThenRefusedAsWrongPhase()
    {
        Scenario.Given([.. Started(), Answered(Anna)])
            .When(Record())
            .ThenRefuses(RefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenACancelledRound_WhenASealIsRecorded_ThenRefusedAsClosed()
    {
        Scenario.Given([.. Started(), new RoundCancelled("Mötet ställdes in", AnsweredAt)])
            .When(Record())
            .ThenRefuses(RefusalReason.Closed);
    }

    [Fact]
    public void GivenAnnaReplacedBySofiaAndTheRoundCompleted_WhenSealed_ThenSofiaGetsTheLinkAndAnnaDoesNot()
    {
        Scenario.Given(
            [
                .. Started(),
                new JusterareReplaced(Anna.Id, Sofia, AnsweredAt),
                new LinksIssued(IssuedFor("1", 1, Sofia), LinkPurpose.Substitute, AnsweredAt),
                Answered(Sofia), Answered(Mehmet), Answered(Karin),
                new RoundCompleted(1, AnsweredAt),
            ])
            .When(new RecordSeal(1, BlobName, Sha256, DocumentId, LinksFor("signerat", Sofia, Mehmet, Karin), SealedAt))
            .Then(
                new ProtocolSealed(1, BlobName, Sha256, DocumentId, SealedAt),
                new LinksIssued(IssuedFor("signerat", 1, Sofia, Mehmet, Karin), LinkPurpose.SignedProtocol, SealedAt))
            .ThenEffects(
                new NotifySecretary(SecretaryNotice.Sealed, []),
                Mail(JusterareMail.SignedProtocol, Sofia, "sofia-signerat"),
                Mail(JusterareMail.SignedProtocol, Mehmet, "mehmet-signerat"),
                Mail(JusterareMail.SignedProtocol, Karin, "karin-signerat"));
    }

    [Fact]
    public void GivenACompletedRound_WhenSealingFails_ThenThePageShowsWhyAndTheSecretaryIsTold()
    {
        const string reason = "Förseglingscertifikatet har gått ut.";

        var state = Scenario.Given(Completed())
            .When(new ReportSealFailure(reason, SealedAt))
            .Then(new SealFailed(reason, SealedAt))
            .ThenEffects(new NotifySecretary(SecretaryNotice.SealFailed, [reason]))
            .State;

        var completed = Assert.IsType<JusteringRoundState.Completed>(state);
        Assert.Equal(new SealFailure(reason, SealedAt), completed.SealFailure);
        Assert.Equal(AnsweredAt, completed.CompletedAt);
    }

    [Fact]
    public void GivenASealFailure_WhenTheRetryFailsTheSameWay_ThenNothing()
    {
        Scenario.Given([.. Completed(), new SealFailed("Förseglingscertifikatet har gått ut.", SealedAt)])
            .When(new ReportSealFailure("Förseglingscertifikatet har gått ut.", SealedAt.AddMinutes(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenASealFailure_WhenTheRetryFailsAnotherWay_ThenTheNewReasonIsShownWithoutAnotherMail()
    {
        var state = Scenario.Given([.. Completed(), new SealFailed("Förseglingscertifikatet har gått ut.", SealedAt)])
            .When(new ReportSealFailure("  Lagringen svarade inte.  ", SealedAt.AddMinutes(1)))
            .Then(new SealFailed("Lagringen svarade inte.", SealedAt.AddMinutes(1)))
            .ThenEffects()
            .State;

        Assert.Equal("Lagringen svarade inte.", Assert.IsType<JusteringRoundState.Completed>(state).SealFailure?.Reason);
    }

    [Fact]
    public void GivenASealFailure_WhenTheSealIsRecordedAfterARetry_ThenTheRoundIsSealed()
    {
        var state = Scenario.Given([.. Completed(), new SealFailed("Lagringen svarade inte.", SealedAt)])
            .When(Record(at: SealedAt.AddMinutes(2)))
            .Then(
                new ProtocolSealed(1, BlobName, Sha256, DocumentId, SealedAt.AddMinutes(2)),
                new LinksIssued(IssuedFor("signerat", 1, Anna, Mehmet, Karin), LinkPurpose.SignedProtocol, SealedAt.AddMinutes(2)))
            .State;

        Assert.IsType<JusteringRoundState.Sealed>(state);
    }

    [Fact]
    public void GivenASealFailure_WhenTheSecretarySealsAgain_ThenTheFailureIsClearedAndANewSealIsInTheOutbox()
    {
        var state = Scenario.Given([.. Completed(), new SealFailed("Förseglingscertifikatet gick ut.", SealedAt)])
            .When(new RetrySeal("Eva Holm", SealedAt.AddHours(2)))
            .Then(new SealRetried(1, "Eva Holm", SealedAt.AddHours(2)))
            .ThenEffects(new SealProtocol(1))
            .State;

        var completed = Assert.IsType<JusteringRoundState.Completed>(state);
        Assert.Null(completed.SealFailure);
        Assert.Equal(AnsweredAt, completed.CompletedAt);
    }

    [Fact]
    public void GivenASealRetried_WhenTheSecretaryPressesAgain_ThenNothing()
    {
        Scenario.Given([.. Completed(), new SealFailed("Förseglingscertifikatet gick ut.", SealedAt), new SealRetried(1, "Eva Holm", SealedAt.AddHours(2))])
            .When(new RetrySeal("Eva Holm", SealedAt.AddHours(2).AddSeconds(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenASealRetried_WhenItFailsAgain_ThenTheSecretaryIsToldAgainAndMaySealAgain()
    {
        const string reason = "Förseglingscertifikatet gick ut.";
        var state = Scenario.Given([.. Completed(), new SealFailed(reason, SealedAt), new SealRetried(1, "Eva Holm", SealedAt.AddHours(2))])
            .When(new ReportSealFailure(reason, SealedAt.AddHours(3)))
            .Then(new SealFailed(reason, SealedAt.AddHours(3)))
            .ThenEffects(new NotifySecretary(SecretaryNotice.SealFailed, [reason]))
            .State;

        Scenario.Given([.. Completed(), new SealFailed(reason, SealedAt), new SealRetried(1, "Eva Holm", SealedAt.AddHours(2)), new SealFailed(reason, SealedAt.AddHours(3))])
            .When(new RetrySeal("Eva Holm", SealedAt.AddHours(4)))
            .Then(new SealRetried(1, "Eva Holm", SealedAt.AddHours(4)))
            .ThenEffects(new SealProtocol(1));
        Assert.NotNull(Assert.IsType<JusteringRoundState.Completed>(state).SealFailure);
    }

    [Fact]
    public void GivenACompletedRoundBeingSealed_WhenTheSecretarySealsAgain_ThenNothing()
    {
        Scenario.Given(Completed())
            .When(new RetrySeal("Eva Holm", SealedAt))
            .ThenNothing();
    }

    [Fact]
    public void GivenASealedRound_WhenTheSecretarySealsAgain_ThenNothing()
    {
        Scenario.Given(Sealed())
            .When(new RetrySeal("Eva Holm", SealedAt.AddHours(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenARoundAwaitingAnswers_WhenTheSecretarySealsAgain_ThenRefusedWithAReason()
    {
        var refusal = Scenario.Given([.. Started(), Answered(Anna)])
            .When(new RetrySeal("Eva Holm", SealedAt))
            .ThenRefuses(RefusalReason.WrongPhase);

        Assert.Contains("förseglas igen", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenACancelledRound_WhenTheSecretarySealsAgain_ThenRefused()
    {
        Scenario.Given([.. Started(), new RoundCancelled("Mötet ställdes in", AnsweredAt)])
            .When(new RetrySeal("Eva Holm", SealedAt))
            .ThenRefuses(RefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenASealedRound_WhenALateFailureIsReported_ThenNothing()
    {
        Scenario.Given(Sealed())
            .When(new ReportSealFailure("Ett tekniskt fel uppstod.", SealedAt.AddMinutes(5)))
            .ThenNothing();
    }

    [Fact]
    public void GivenAStartedRound_WhenASealFailureIsReported_ThenRefusedAsWrongPhase()
    {
        Scenario.Given(Started())
            .When(new ReportSealFailure("Förseglingscertifikatet har gått ut.", SealedAt))
            .ThenRefuses(RefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenASealedRound_WhenALinkIsUsedToAnswer_ThenRefusedAsClosed()
    {
        Scenario.Given(Sealed())
            .When(AnswerByLink("anna-signerat", formKey: "form-new", at: SealedAt.AddHours(1)))
            .ThenRefuses(RefusalReason.Closed);
    }

    [Fact]
    public void GivenASealedRound_WhenTheLastAnswerIsSubmittedTwice_ThenNothing()
    {
        Scenario.Given(Sealed())
            .When(AnswerByLink("karin-1", formKey: "form-karin-1", at: SealedAt.AddHours(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenASealedRound_WhenCancelled_ThenRefusedAsClosed()
    {
        Scenario.Given(Sealed())
            .When(new CancelRound("För sent", SealedAt.AddHours(1)))
            .ThenRefuses(RefusalReason.Closed);
    }

    [Fact]
    public void GivenASealedRound_WhenTimePasses_ThenNothing()
    {
        Scenario.Given(Sealed())
            .When(new Tick(FreshLinks("x"), Deadline.AddDays(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenASealedRound_WhenAMailWithTheDownloadLinkFails_ThenItIsRecordedAndTheSecretaryIsTold()
    {
        var state = Scenario.Given(Sealed())
            .When(new ReportDeliveryFailure("outbox-31", Mehmet.Email, "550", SealedAt.AddMinutes(3)))
            .Then(new DeliveryFailed("outbox-31", Mehmet.Email, "550", SealedAt.AddMinutes(3)))
            .ThenEffects(new NotifySecretary(SecretaryNotice.DeliveryFailed, [Mehmet.Email]))
            .State;

        Assert.IsType<JusteringRoundState.Sealed>(state);
        Assert.Single(state.RoundOrNull!.DeliveryFailures);
    }

    [Fact]
    public void GivenASealedRound_WhenStoredAndReadBack_ThenTheStateIsTheSame()
    {
        var state = JusteringRoundDecider.Fold(Sealed());

        var json = JsonSerializer.Serialize(state, JusteraJson.Options);
        var read = JsonSerializer.Deserialize<JusteringRoundState>(json, JusteraJson.Options);

        var sealedRound = Assert.IsType<JusteringRoundState.Sealed>(read);
        Assert.Equal(DocumentId, sealedRound.SignedProtocol.DocumentId);
        Assert.Equal(json, JsonSerializer.Serialize(read, JusteraJson.Options));
    }

    [Fact]
    public void GivenACompletedRoundStoredBeforeSealFailuresExisted_WhenReadBack_ThenItHasNoSealFailure()
    {
        var json = JsonSerializer.Serialize<JusteringRoundState>(JusteringRoundDecider.Fold(Completed()), JusteraJson.Options);
        Assert.DoesNotContain("sealFailure", json, StringComparison.Ordinal);

        var read = Assert.IsType<JusteringRoundState.Completed>(JsonSerializer.Deserialize<JusteringRoundState>(json, JusteraJson.Options));

        Assert.Null(read.SealFailure);
    }

    [Fact]
    public void TheDocumentIdIsTheRoundIdAndTheVersion() =>
        Assert.Equal("5b1d0c3e9a7f4e2d8c6b4a2f1e0d9c8b-v3", SignedProtocol.DocumentIdFor(Id, 3));
}

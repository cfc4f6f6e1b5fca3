using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class RecordAnswerTests
{
    private const string Item = "§ 4 Föranmälda frågor";

    [Fact]
    public void GivenAStartedRound_WhenAJusterareHasNothingToObject_ThenTheAnswerIsRecordedAndReceiptSent()
    {
        Scenario.Given(Started())
            .When(AnswerByLink("anna-1"))
            .Then(Answered(Anna))
            .ThenEffects(Receipt(Anna, "Inget att erinra"));
    }

    [Fact]
    public void GivenAStartedRound_WhenNoObjectionComesWithAnItemAndAComment_ThenTheItemIsDroppedAndTheCommentKept()
    {
        Scenario.Given(Started())
            .When(AnswerByLink("anna-1", item: Item, text: "  Bra skrivet.  "))
            .Then(Answered(Anna, text: "Bra skrivet."))
            .ThenEffects(Receipt(Anna, "Inget att erinra. Bra skrivet."));
    }

    [Fact]
    public void GivenAStartedRound_WhenAJusterareApprovesWithDissent_ThenTheTrimmedItemIsRecorded()
    {
        Scenario.Given(Started())
            .When(AnswerByLink("mehmet-1", ReplyKind.ApprovedWithDissent, item: $"  {Item} ", text: "Vision delar inte bedömningen."))
            .Then(Answered(Mehmet, ReplyKind.ApprovedWithDissent, item: Item, text: "Vision delar inte bedömningen."))
            .ThenEffects(Receipt(Mehmet, $"Justerat med oenighet under {Item}: Vision delar inte bedömningen."));
    }

    [Fact]
    public void GivenAStartedRound_WhenDissentComesWithoutText_ThenRecordedAndReceiptNamesTheItem()
    {
        Scenario.Given(Started())
            .When(AnswerByLink("mehmet-1", ReplyKind.ApprovedWithDissent, item: Item, text: "   "))
            .Then(Answered(Mehmet, ReplyKind.ApprovedWithDissent, item: Item))
            .ThenEffects(Receipt(Mehmet, $"Justerat med oenighet under {Item}"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void GivenAStartedRound_WhenDissentComesWithoutAnItem_ThenRefusedOnItem(string? item)
    {
        Scenario.Given(Started())
            .When(AnswerByLink("mehmet-1", ReplyKind.ApprovedWithDissent, item: item, text: "Oenig."))
            .ThenRefuses(RefusalReason.Invalid, "item");
    }

    [Fact]
    public void GivenAStartedRound_WhenTheItemIsLongerThan200Characters_ThenRefusedOnItem()
    {
        Scenario.Given(Started())
            .When(AnswerByLink("mehmet-1", ReplyKind.ApprovedWithDissent, item: new string('§', 201)))
            .ThenRefuses(RefusalReason.Invalid, "item");
    }

    [Fact]
    public void GivenAStartedRound_WhenAJusterareAsksForChanges_ThenRecordedAndTheSecretaryIsTold()
    {
        Scenario.Given(Started())
            .When(AnswerByLink("anna-1", ReplyKind.ChangesRequested, text: "Under § 5 ska det stå \"beslutade\"."))
            .Then(Answered(Anna, ReplyKind.ChangesRequested, text: "Under § 5 ska det stå \"beslutade\"."))
            .ThenEffects(
                Receipt(Anna, "Synpunkter: Under § 5 ska det stå \"beslutade\"."),
                new NotifySecretary(SecretaryNotice.ChangesRequested, ["Anna Lindqvist (Kommunal)"]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n ")]
    public void GivenAStartedRound_WhenSynpunkterComeWithoutText_ThenRefusedOnText(string? text)
    {
        Scenario.Given(Started())
            .When(AnswerByLink("anna-1", ReplyKind.ChangesRequested, text: text))
            .ThenRefuses(RefusalReason.Invalid, "text");
    }

    [Fact]
    public void GivenAStartedRound_WhenTheTextIs4001Characters_ThenRefusedOnText()
    {
        Scenario.Given(Started())
            .When(AnswerByLink("anna-1", ReplyKind.ChangesRequested, text: new string('x', 4001)))
            .ThenRefuses(RefusalReason.Invalid, "text");
    }

    [Fact]
    public void GivenAStartedRound_WhenTheTextIs4000Characters_ThenRecorded()
    {
        var text = new string('x', 4000);

        Scenario.Given(Started())
            .When(AnswerByLink("anna-1", ReplyKind.ChangesRequested, text: text))
            .Then(Answered(Anna, ReplyKind.ChangesRequested, text: text));
    }

    [Fact]
    public void GivenAStartedRound_WhenTheKindIsNotOneOfTheThree_ThenRefusedOnKind()
    {
        Scenario.Given(Started())
            .When(AnswerByLink("anna-1", (ReplyKind)7, text: "?"))
            .ThenRefuses(RefusalReason.Invalid, "kind");
    }

    [Fact]
    public void GivenAStartedRound_WhenTheFormKeyIsMissing_ThenRefusedOnFormKey()
    {
        Scenario.Given(Started())
            .When(AnswerByLink("anna-1", formKey: " "))
            .ThenRefuses(RefusalReason.Invalid, "formKey");
    }

    [Fact]
    public void GivenAnAnswer_WhenTheSameFormIsSubmittedAgain_ThenNothing()
    {
        Scenario.Given([.. Started(), Answered(Anna, formKey: "form-anna-1")])
            .When(AnswerByLink("anna-1", ReplyKind.ChangesRequested, text: "Ändra § 5.", formKey: "form-anna-1", at: AnsweredAt.AddSeconds(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenAStartedRound_WhenTheLinkHashIsUnknown_ThenRefusedAsUnknownLink()
    {
        Scenario.Given(Started())
            .When(AnswerByLink("guessed"))
            .ThenRefuses(RefusalReason.UnknownLink);
    }

    [Fact]
    public void GivenAnnaWasReplaced_WhenHerOldLinkIsUsed_ThenRefusedAsUnknownLink()
    {
        Scenario.Given(
            [
                .. Started(),
                new JusterareReplaced(Anna.Id, Sofia, AnsweredAt),
                new LinksIssued(IssuedFor("1", 1, Sofia), LinkPurpose.Substitute, AnsweredAt),
            ])
            .When(AnswerByLink("anna-1", at: AnsweredAt.AddHours(1)))
            .ThenRefuses(RefusalReason.UnknownLink);
    }

    [Fact]
    public void GivenARevisedProtocol_WhenALinkForVersionOneIsUsed_ThenRefusedAsSupersededLink()
    {
        Scenario.Given(Revised2())
            .When(AnswerByLink("anna-1", at: RevisedAt.AddHours(1)))
            .ThenRefuses(RefusalReason.SupersededLink);
    }

    [Fact]
    public void GivenARevisedProtocol_WhenTheNewLinkIsUsed_ThenTheAnswerIsForVersionTwo()
    {
        var at = RevisedAt.AddHours(1);

        Scenario.Given(Revised2())
            .When(AnswerByLink("anna-2", at: at))
            .Then(Answered(Anna, version: 2, at: at, formKey: "form-anna-2"))
            .ThenEffects(Receipt(Anna, "Inget att erinra", version: 2));
    }

    [Fact]
    public void GivenAStartedRound_WhenAnAnswerArrivesAfterTheDeadline_ThenItIsMarkedLate()
    {
        var at = Deadline.AddMinutes(1);

        Scenario.Given([.. Started(), new DeadlinePassed([Anna.Id, Mehmet.Id, Karin.Id], Deadline)])
            .When(AnswerByLink("anna-1", at: at))
            .Then(Answered(Anna, at: at, late: true));
    }

    [Fact]
    public void GivenAStartedRound_WhenAnAnswerArrivesExactlyAtTheDeadline_ThenItIsNotLate()
    {
        Scenario.Given(Started())
            .When(AnswerByLink("anna-1", at: Deadline))
            .Then(Answered(Anna, at: Deadline));
    }

    [Fact]
    public void GivenAnnaAskedForChanges_WhenSheApprovesWithAnotherForm_ThenASecondAnswerIsRecordedAndCounts()
    {
        var at = AnsweredAt.AddHours(2);

        var state = Scenario.Given(
            [
                .. Started(),
                Answered(Anna, ReplyKind.ChangesRequested, text: "Ändra § 5."),
                Answered(Mehmet),
            ])
            .When(AnswerByLink("anna-1", formKey: "form-anna-1-again", at: at))
            .Then(Answered(Anna, at: at, formKey: "form-anna-1-again"))
            .State;

        var answer = state.RoundOrNull!.Answers[Anna.Id];
        Assert.Equal(ReplyKind.NoObjection, answer.Kind);
        Assert.IsType<JusteringRoundState.AwaitingAnswers>(state);
    }

    [Fact]
    public void GivenAllButOneApproved_WhenLastAnswerArrives_ThenRoundCompletes()
    {
        var state = Scenario.Given(
            [
                .. Started(),
                Answered(Mehmet, ReplyKind.ApprovedWithDissent, item: Item),
                Answered(Karin),
            ])
            .When(AnswerByLink("anna-1"))
            .Then(Answered(Anna), new RoundCompleted(1, AnsweredAt))
            .ThenEffects(
                Receipt(Anna, "Inget att erinra"),
                new NotifySecretary(SecretaryNotice.Completed, []),
                new SealProtocol(1))
            .State;

        Assert.IsType<JusteringRoundState.Completed>(state);
        Assert.Null(JusteringRoundDecider.NextWakeUp(state, AnsweredAt));
    }

    [Fact]
    public void GivenAnnaAskedForChangesAndKarinApproved_WhenMehmetApproves_ThenTheRoundStaysOpen()
    {
        Scenario.Given(
            [
                .. Started(),
                Answered(Anna, ReplyKind.ChangesRequested, text: "Ändra § 5."),
                Answered(Karin),
            ])
            .When(AnswerByLink("mehmet-1"))
            .Then(Answered(Mehmet))
            .ThenEffects(Receipt(Mehmet, "Inget att erinra"));
    }

    [Fact]
    public void GivenAllButOneApproved_WhenTheLastAsksForChanges_ThenTheRoundStaysOpen()
    {
        Scenario.Given([.. Started(), Answered(Mehmet), Answered(Karin)])
            .When(AnswerByLink("anna-1", ReplyKind.ChangesRequested, text: "Ändra § 5."))
            .Then(Answered(Anna, ReplyKind.ChangesRequested, text: "Ändra § 5."));
    }

    [Fact]
    public void GivenACompletedRound_WhenAnotherAnswerArrives_ThenRefusedAsClosed()
    {
        Scenario.Given(Completed())
            .When(AnswerByLink("mehmet-1", ReplyKind.ChangesRequested, text: "Ändra § 5.", formKey: "form-late"))
            .ThenRefuses(RefusalReason.Closed);
    }

    [Fact]
    public void GivenACompletedRound_WhenTheCompletingFormIsSubmittedAgain_ThenNothing()
    {
        Scenario.Given(Completed())
            .When(AnswerByLink("anna-1"))
            .ThenNothing();
    }

    [Fact]
    public void GivenADraft_WhenAnAnswerArrives_ThenRefusedAsUnknownLink()
    {
        Scenario.Given(Created())
            .When(AnswerByLink("anna-1"))
            .ThenRefuses(RefusalReason.UnknownLink);
    }

    [Fact]
    public void GivenACancelledRound_WhenAnAnswerArrives_ThenRefusedAsClosed()
    {
        Scenario.Given([.. Started(), new RoundCancelled("Mötet ställdes in", AnsweredAt)])
            .When(AnswerByLink("anna-1", at: AnsweredAt.AddMinutes(1)))
            .ThenRefuses(RefusalReason.Closed);
    }

    [Fact]
    public void GivenARoundCancelledAfterAnAnswer_WhenThatFormIsSubmittedAgain_ThenNothing()
    {
        Scenario.Given([.. Started(), Answered(Anna), new RoundCancelled("Mötet ställdes in", AnsweredAt.AddMinutes(1))])
            .When(AnswerByLink("anna-1", at: AnsweredAt.AddMinutes(2)))
            .ThenNothing();
    }

    private static DateTimeOffset RevisedAt => At("2026-11-25T10:00");

    private static JusteringRoundEvent[] Revised2() =>
    [
        .. Started(),
        Answered(Anna, ReplyKind.ChangesRequested, text: "Ändra § 5.", formKey: "form-anna-synpunkter"),
        Revised(RevisedAt),
        new LinksIssued(IssuedFor("2", 2, Anna, Mehmet, Karin), LinkPurpose.NewVersion, RevisedAt),
    ];

    private static JusteringRoundEvent[] Completed() =>
    [
        .. Started(),
        Answered(Mehmet),
        Answered(Karin),
        Answered(Anna),
        new RoundCompleted(1, AnsweredAt),
    ];

    [Fact]
    public void GivenManyChangesOfAnswer_WhenTheyAreFolded_ThenOnlyTheMostRecentFormKeysAreKept()
    {
        var changes = Enumerable.Range(1, Round.RememberedFormKeys + 10)
            .Select(i => (JusteringRoundEvent)Answered(Anna, ReplyKind.ChangesRequested, text: $"Ändring {i}", formKey: $"form-{i}"));
        var round = JusteringRoundDecider.Fold([.. Started(), .. changes]).RoundOrNull!;

        Assert.Equal(Round.RememberedFormKeys, round.UsedFormKeys.Count);
        Assert.DoesNotContain("form-10", round.UsedFormKeys);
        Assert.Contains($"form-{Round.RememberedFormKeys + 10}", round.UsedFormKeys);
        // A double submit of the latest form is still recognised.
        Scenario.Given([.. Started(), .. changes])
            .When(AnswerByLink("anna-1", ReplyKind.ChangesRequested, text: "Ändring", formKey: $"form-{Round.RememberedFormKeys + 10}"))
            .ThenNothing();
    }
}

using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class ReplaceJusterareTests
{
    private static readonly DateTimeOffset ReplacedAt = At("2026-11-25T10:00");

    private static ReplaceJusterare ReplaceAnnaWith(Justerare substitute) =>
        new(Anna.Id, substitute, LinksFor("1", substitute), ReplacedAt);

    private static JusteringRoundEvent[] AnnaReplacedBySofia =>
    [
        .. Started(),
        new JusterareReplaced(Anna.Id, Sofia, ReplacedAt),
        new LinksIssued(IssuedFor("1", 1, Sofia), LinkPurpose.Substitute, ReplacedAt),
    ];

    [Fact]
    public void GivenADraft_WhenAJusterareIsReplaced_ThenNobodyIsMailed()
    {
        var state = Scenario.Given(Created())
            .When(ReplaceAnnaWith(Sofia))
            .Then(new JusterareReplaced(Anna.Id, Sofia, ReplacedAt))
            .ThenEffects()
            .State;

        Assert.Equal([Sofia, Mehmet, Karin], state.RoundOrNull!.Justerare);
    }

    [Fact]
    public void GivenAReplacementInTheDraft_WhenStarted_ThenTheSubstituteIsAskedAndTheReplacedIsNot()
    {
        Scenario.Given(Created(), new JusterareReplaced(Anna.Id, Sofia, ReplacedAt))
            .When(new StartRound(FreshLinks("a", "b", "c"), StartedAt))
            .ThenEffects(
                Mail(JusterareMail.Request, Sofia, "a"),
                Mail(JusterareMail.Request, Mehmet, "b"),
                Mail(JusterareMail.Request, Karin, "c"));
    }

    [Fact]
    public void GivenAStartedRound_WhenAJusterareIsReplaced_ThenTheSubstituteGetsARequestWithANewLink()
    {
        Scenario.Given(Started())
            .When(ReplaceAnnaWith(Sofia))
            .Then(
                new JusterareReplaced(Anna.Id, Sofia, ReplacedAt),
                new LinksIssued([new IssuedLink(Sofia.Id, 1, "hash-sofia-1")], LinkPurpose.Substitute, ReplacedAt))
            .ThenEffects(Mail(JusterareMail.Request, Sofia, "sofia-1"));
    }

    [Fact]
    public void GivenAnnaApproved_WhenSheIsReplaced_ThenHerAnswerAndHerLinksLeaveTheRound()
    {
        var round = Scenario.Given([.. Started(), Answered(Anna)])
            .When(ReplaceAnnaWith(Sofia))
            .State.RoundOrNull!;

        Assert.DoesNotContain(Anna.Id, round.Answers.Keys);
        Assert.DoesNotContain(round.Links, l => l.JusterareId == Anna.Id);
        Assert.Equal([Anna], round.Replaced);
        Assert.Equal([Sofia, Mehmet, Karin], round.NotAnswered);
    }

    [Fact]
    public void GivenAnnaReplacedBySofia_WhenAnnasLinkIsUsed_ThenRefusedAsUnknownLink()
    {
        Scenario.Given(AnnaReplacedBySofia)
            .When(AnswerByLink("anna-1", at: ReplacedAt.AddHours(1)))
            .ThenRefuses(RefusalReason.UnknownLink);
    }

    [Fact]
    public void GivenAnnaReplacedBySofia_WhenSofiasLinkIsUsed_ThenHerAnswerIsRecorded()
    {
        var at = ReplacedAt.AddHours(1);

        Scenario.Given(AnnaReplacedBySofia)
            .When(AnswerByLink("sofia-1", at: at))
            .Then(Answered(Sofia, at: at))
            .ThenEffects(Receipt(Sofia, "Inget att erinra"));
    }

    [Fact]
    public void GivenAnnaApprovedAndWasThenReplaced_WhenEveryoneElseApproves_ThenTheRoundWaitsForTheSubstitute()
    {
        var at = ReplacedAt.AddHours(1);

        Scenario.Given([.. Started(), Answered(Anna, at: StartedAt.AddHours(1)), Answered(Mehmet), .. AnnaReplacedBySofia[3..]])
            .When(AnswerByLink("karin-1", at: at))
            .Then(Answered(Karin, at: at));
    }

    [Fact]
    public void GivenAnnaReplacedAndTheOthersApproved_WhenTheSubstituteApproves_ThenRoundCompletes()
    {
        var at = ReplacedAt.AddHours(1);

        Scenario.Given([.. AnnaReplacedBySofia, Answered(Mehmet, at: at), Answered(Karin, at: at)])
            .When(AnswerByLink("sofia-1", at: at))
            .Then(Answered(Sofia, at: at), new RoundCompleted(1, at));
    }

    [Theory]
    [InlineData("mehmet.yilmaz@example.org")]
    [InlineData("MEHMET.Yilmaz@Example.org")]
    [InlineData("anna.lindqvist@example.org")]
    public void GivenAStartedRound_WhenTheSubstituteHasAnEmailOfTheRound_ThenRefusedOnSubstituteEmail(string email)
    {
        Scenario.Given(Started())
            .When(ReplaceAnnaWith(Sofia with { Email = email }))
            .ThenRefuses(RefusalReason.Invalid, "substitute.email");
    }

    [Fact]
    public void GivenAnnaReplacedBySofia_WhenAnnaIsBroughtBackForMehmet_ThenRefusedOnSubstituteEmail()
    {
        Scenario.Given(AnnaReplacedBySofia)
            .When(new ReplaceJusterare(Mehmet.Id, Anna with { Id = "j-anna-again" }, LinksFor("1", Anna), ReplacedAt.AddHours(1)))
            .ThenRefuses(RefusalReason.Invalid, "substitute.email");
    }

    [Fact]
    public void GivenAStartedRound_WhenTheSubstituteHasABadEmail_ThenRefusedOnSubstituteEmail()
    {
        Scenario.Given(Started())
            .When(ReplaceAnnaWith(Sofia with { Email = "sofia.ek@" }))
            .ThenRefuses(RefusalReason.Invalid, "substitute.email");
    }

    [Fact]
    public void GivenAStartedRound_WhenTheSubstituteHasNoName_ThenRefusedOnSubstituteName()
    {
        Scenario.Given(Started())
            .When(ReplaceAnnaWith(Sofia with { Name = " " }))
            .ThenRefuses(RefusalReason.Invalid, "substitute.name");
    }

    [Fact]
    public void GivenAStartedRound_WhenAnUnknownJusterareIsReplaced_ThenRefusedOnJusterareId()
    {
        Scenario.Given(Started())
            .When(new ReplaceJusterare("j-nobody", Sofia, LinksFor("1", Sofia), ReplacedAt))
            .ThenRefuses(RefusalReason.Invalid, "justerareId");
    }

    [Fact]
    public void GivenAnnaReplacedBySofia_WhenAnnaIsReplacedAgain_ThenRefusedOnJusterareId()
    {
        var substitute = new Justerare("j-lars", "Lars Ek", "Kommunal", "lars.ek@example.org");

        Scenario.Given(AnnaReplacedBySofia)
            .When(new ReplaceJusterare(Anna.Id, substitute, LinksFor("1", substitute), ReplacedAt.AddHours(1)))
            .ThenRefuses(RefusalReason.Invalid, "justerareId");
    }

    [Fact]
    public void GivenACompletedRound_WhenAJusterareIsReplaced_ThenRefusedAsClosed()
    {
        Scenario.Given([.. Started(), Answered(Anna), Answered(Mehmet), Answered(Karin), new RoundCompleted(1, AnsweredAt)])
            .When(ReplaceAnnaWith(Sofia))
            .ThenRefuses(RefusalReason.Closed);
    }

    [Fact]
    public void GivenACancelledRound_WhenAJusterareIsReplaced_ThenRefusedAsClosed()
    {
        Scenario.Given([.. Started(), new RoundCancelled("Mötet ställdes in", AnsweredAt)])
            .When(ReplaceAnnaWith(Sofia))
            .ThenRefuses(RefusalReason.Closed);
    }
}

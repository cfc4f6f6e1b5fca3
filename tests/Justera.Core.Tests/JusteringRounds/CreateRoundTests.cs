using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class CreateRoundTests
{
    [Fact]
    public void GivenNoRound_WhenCreatedWithThreeJusterare_ThenRoundCreatedForVersionOne()
    {
        Scenario.Given()
            .When(Create())
            .Then(Created())
            .ThenEffects();
    }

    [Fact]
    public void GivenNoRound_WhenCreatedWithAProtocolNumberedOtherThanOne_ThenItIsStoredAsVersionOne()
    {
        Scenario.Given()
            .When(Create() with { Protocol = Protocol(1) with { Version = 4 } })
            .Then(Created());
    }

    [Fact]
    public void GivenNoRound_WhenCreated_ThenTheRoundIsADraftWithNobodyAsked()
    {
        var state = Scenario.Given().When(Create()).Then(Created()).State;

        var draft = Assert.IsType<JusteringRoundState.Draft>(state);
        Assert.Equal([Anna, Mehmet, Karin], draft.Round.Justerare);
        Assert.Empty(draft.Round.Links);
        Assert.Null(JusteringRoundDecider.NextWakeUp(state, CreatedAt));
    }

    [Fact]
    public void GivenNoRound_WhenCreatedWithoutJusterare_ThenRefusedOnJusterare()
    {
        Scenario.Given()
            .When(Create(justerare: []))
            .ThenRefuses(RefusalReason.Invalid, "justerare");
    }

    [Fact]
    public void GivenNoRound_WhenCreatedWithFiftyOneJusterare_ThenRefusedOnJusterare()
    {
        Scenario.Given()
            .When(Create(justerare: People(51)))
            .ThenRefuses(RefusalReason.Invalid, "justerare");
    }

    [Fact]
    public void GivenNoRound_WhenCreatedWithFiftyJusterare_ThenCreated()
    {
        var decision = Scenario.Given().When(Create(justerare: People(50))).Decision;

        var created = Assert.IsType<RoundCreated>(Assert.Single(decision.Events));
        Assert.Equal(50, created.Justerare.Count);
    }

    [Theory]
    [InlineData("anna.lindqvist@example")]
    [InlineData("anna lindqvist@example.org")]
    [InlineData("Anna Lindqvist <anna.lindqvist@example.org>")]
    [InlineData(" anna.lindqvist@example.org")]
    [InlineData("anna.lindqvist")]
    public void GivenNoRound_WhenAJusterareHasABadEmail_ThenRefusedOnThatJusterareEmail(string email)
    {
        Scenario.Given()
            .When(Create(justerare: [Anna with { Email = email }, Mehmet, Karin]))
            .ThenRefuses(RefusalReason.Invalid, "justerare[0].email");
    }

    [Fact]
    public void GivenNoRound_WhenTwoJusterareShareAnEmailInDifferentCase_ThenRefusedOnTheSecond()
    {
        var refusal = Scenario.Given()
            .When(Create(justerare: [Anna, Mehmet, Karin with { Email = "ANNA.Lindqvist@Example.org" }]))
            .ThenRefuses(RefusalReason.Invalid, "justerare[2].email");

        Assert.DoesNotContain("justerare[0].email", refusal.Fields.Select(f => f.Field));
    }

    [Fact]
    public void GivenNoRound_WhenTheDeadlineHasPassed_ThenRefusedOnDeadline()
    {
        Scenario.Given()
            .When(Create(deadline: CreatedAt.AddMinutes(-1), justeringDate: new DateOnly(2026, 11, 23)))
            .ThenRefuses(RefusalReason.Invalid, "deadline");
    }

    [Fact]
    public void GivenNoRound_WhenTheDeadlineIsNow_ThenRefusedOnDeadline()
    {
        Scenario.Given()
            .When(Create(deadline: CreatedAt, justeringDate: new DateOnly(2026, 11, 23)))
            .ThenRefuses(RefusalReason.Invalid, "deadline");
    }

    [Fact]
    public void GivenNoRound_WhenTheJusteringDateIsBeforeTheDeadlineDate_ThenRefusedOnJusteringDate()
    {
        Scenario.Given()
            .When(Create(justeringDate: new DateOnly(2026, 12, 6)))
            .ThenRefuses(RefusalReason.Invalid, "justeringDate");
    }

    [Fact]
    public void GivenNoRound_WhenTheJusteringDateIsTheDeadlineDate_ThenCreated()
    {
        Scenario.Given()
            .When(Create(justeringDate: new DateOnly(2026, 12, 7)))
            .Then(Created(justeringDate: new DateOnly(2026, 12, 7)));
    }

    [Theory]
    [InlineData("administration")]
    [InlineData("secretary.name")]
    [InlineData("secretary.email")]
    [InlineData("firstAttachmentNumber")]
    [InlineData("justerare[1].name")]
    [InlineData("justerare[1].organisation")]
    [InlineData("justerare[1].email")]
    public void GivenNoRound_WhenAFieldBreaksItsRule_ThenRefusedOnThatField(string field)
    {
        var valid = Create();
        var command = field switch
        {
            "administration" => valid with { Administration = Exempelby with { Name = " " } },
            "secretary.name" => valid with { Secretary = Eva with { Name = "" } },
            "secretary.email" => valid with { Secretary = Eva with { Email = "eva.holm" } },
            "firstAttachmentNumber" => valid with { FirstAttachmentNumber = 0 },
            "justerare[1].name" => valid with { Justerare = [Anna, Mehmet with { Name = new string('M', 201) }, Karin] },
            "justerare[1].organisation" => valid with { Justerare = [Anna, Mehmet with { Organisation = " " }, Karin] },
            "justerare[1].email" => valid with { Justerare = [Anna, Mehmet with { Email = "" }, Karin] },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        Scenario.Given().When(command).ThenRefuses(RefusalReason.Invalid, field);
    }

    [Fact]
    public void GivenACreatedRound_WhenTheSameCreateArrivesAgain_ThenNothing()
    {
        Scenario.Given(Created())
            .When(Create())
            .ThenNothing();
    }

    [Fact]
    public void GivenAStartedRound_WhenTheSameCreateArrivesAgain_ThenNothing()
    {
        Scenario.Given(Started())
            .When(Create())
            .ThenNothing();
    }

    [Fact]
    public void GivenACreatedRound_WhenACreateWithAnotherIdArrivesOnItsStream_ThenRefusedAsWrongPhase()
    {
        Scenario.Given(Created())
            .When(Create(id: "0123456789abcdef0123456789abcdef"))
            .ThenRefuses(RefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenNoRound_WhenAnyOtherCommandArrives_ThenRefusedAsNotFound()
    {
        Scenario.Given().When(Start()).ThenRefuses(RefusalReason.NotFound);
        Scenario.Given().When(AnswerByLink("anna-1")).ThenRefuses(RefusalReason.NotFound);
        Scenario.Given().When(new Tick([], StartedAt)).ThenRefuses(RefusalReason.NotFound);
        Scenario.Given().When(new CancelRound("Fel runda", StartedAt)).ThenRefuses(RefusalReason.NotFound);
        Scenario.Given().When(new ReportDeliveryFailure("e1", Anna.Email, "550", StartedAt)).ThenRefuses(RefusalReason.NotFound);
    }

    private static Justerare[] People(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new Justerare($"j-{i}", $"Person {i}", i % 2 == 0 ? "Vision" : "Kommunal", $"person{i}@example.org"))];
}

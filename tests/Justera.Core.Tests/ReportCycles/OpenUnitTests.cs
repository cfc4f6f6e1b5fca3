using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

public class OpenUnitTests
{
    private static readonly DateTimeOffset OpenedAt = StartedAt.AddSeconds(20);

    [Fact]
    public void GivenTheCycleStarted_WhenTheUnitIsOpened_ThenItsManagerIsMailedTheRequestWithAPersonalLinkAndOnlyTheHashIsKept()
    {
        var outcome = UnitScenario.Given([Started()])
            .When(new OpenUnit(Norr.Id, UnitLink(Norr, "norr-req"), OpenedAt))
            .Then(new UnitOpened(Id, Norr, "hash-norr-req", OpenedAt))
            .ThenEffects(new MailUnitManager(UnitManagerMail.Request, Omar, Norr.Id, Norr.Name, Deadline, "token-norr-req", null));

        Assert.Equal(UnitPhase.NotStarted, outcome.State.Phase);
    }

    [Fact]
    public void GivenTheUnitIsOpen_WhenTheBatchIsRetriedAndOpensItAgain_ThenNothingHappens()
    {
        UnitScenario.Given([Started()], new UnitOpened(Id, Norr, "hash-norr-req", OpenedAt))
            .When(new OpenUnit(Norr.Id, UnitLink(Norr, "norr-req2"), OpenedAt.AddMinutes(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenBoendeHasItsOwnLaterDeadline_WhenOpened_ThenTheRequestNamesThatDeadline()
    {
        var later = new DateOnly(2026, 5, 22);

        UnitScenario.Given([Started(), new DeadlineExtended(Boende.Id, later, OpenedAt)])
            .When(new OpenUnit(Boende.Id, UnitLink(Boende, "boende-req"), OpenedAt))
            .ThenEffects(new MailUnitManager(UnitManagerMail.Request, Lena, Boende.Id, Boende.Name, later, "token-boende-req", null));
    }

    [Fact]
    public void GivenAUnitNotInTheCycle_WhenOpened_ThenRefusedAsNotFound()
    {
        UnitScenario.Given([Started()])
            .When(new OpenUnit("u-okand", UnitLink(Norr, "x"), OpenedAt))
            .ThenRefuses(CycleRefusalReason.NotFound);
    }

    [Fact]
    public void GivenNoCycle_WhenAUnitIsOpened_ThenRefusedAsNotFound()
    {
        UnitScenario.Given([]).When(new OpenUnit(Norr.Id, UnitLink(Norr, "x"), OpenedAt)).ThenRefuses(CycleRefusalReason.NotFound);
    }

    [Fact]
    public void GivenTheCycleIsClosed_WhenAUnitIsOpened_ThenRefusedAsClosed()
    {
        UnitScenario.Given([Started(), new CycleClosed([Norr.Id], "Eva Holm", OpenedAt)])
            .When(new OpenUnit(Norr.Id, UnitLink(Norr, "x"), OpenedAt.AddMinutes(1)))
            .ThenRefuses(CycleRefusalReason.Closed);
    }

    [Fact]
    public void GivenALinkMintedForAnotherUnit_WhenOpening_ThenTheCallerIsTold()
    {
        Assert.Throws<ArgumentException>(() => UnitScenario.Given([Started()]).When(new OpenUnit(Norr.Id, UnitLink(Stod, "stod"), OpenedAt)));
    }

    [Fact]
    public void GivenTheUnitIsNotOpened_WhenItsManagerSaves_ThenRefusedAsNotFound()
    {
        UnitScenario.Given([Started()])
            .When(new SaveDraft(Norr.Id, Credential(UnitLink(Norr, "norr-req")), DraftInput(), 0, OpenedAt))
            .ThenRefuses(CycleRefusalReason.NotFound);
    }
}

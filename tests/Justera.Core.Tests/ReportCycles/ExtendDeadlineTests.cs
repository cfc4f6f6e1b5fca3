using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

public class ExtendDeadlineTests
{
    private static readonly DateTimeOffset ExtendedAt = At("2026-05-12T10:00");
    private static readonly DateOnly Later = new(2026, 5, 22);

    [Fact]
    public void GivenTheCycleIsOpen_WhenTheSecretaryExtendsOneUnit_ThenOnlyThatUnitsDeadlineMoves()
    {
        var outcome = CycleScenario.Given(Started())
            .When(new ExtendDeadline(Boende.Id, Later, ExtendedAt))
            .Then(new DeadlineExtended(Boende.Id, Later, ExtendedAt));

        var cycle = outcome.State.CycleOrNull!;
        Assert.Equal(Later, cycle.DeadlineFor(Boende.Id));
        Assert.Equal(Deadline, cycle.DeadlineFor(Stod.Id));
        Assert.Equal(Deadline, cycle.Deadline);
    }

    [Fact]
    public void GivenBoendeWasExtended_WhenTheDayAfterTheOldDeadlineComes_ThenBoendeIsNeitherLateNorRemindedButStodIs()
    {
        var at = At("2026-05-18T09:00");

        var outcome = CycleScenario.Given(Started(), new DeadlineExtended(Boende.Id, Later, ExtendedAt))
            .When(new Tick(AllIn(UnitPhase.Draft), [.. Units.Select(u => UnitLink(u, u.Id))], at));

        Assert.Equal([Stod.Id, Norr.Id], outcome.Decision.Events.OfType<DeadlinePassed>().Single().LateUnitIds);
        Assert.Equal(
            [(Stod.Id, UnitReminderKind.Late), (Norr.Id, UnitReminderKind.Late)],
            outcome.Decision.Events.OfType<RemindersSent>().Single().Units.Select(u => (u.UnitId, u.Kind)));
    }

    [Fact]
    public void GivenLateRemindersWentOut_WhenTheWholeCycleIsExtended_ThenEveryUnitsRemindersStartOverAndTheDeadlineNoticeWillComeAgain()
    {
        var late = At("2026-05-18T09:00");
        var outcome = CycleScenario.Given(Started(), new DeadlinePassed([Stod.Id], late),
                new RemindersSent([new UnitReminded(Stod.Id, UnitReminderKind.Late, "h1")], [], late))
            .When(new ExtendDeadline(null, Later, late.AddHours(2)))
            .Then(new DeadlineExtended(null, Later, late.AddHours(2)));

        var cycle = outcome.State.CycleOrNull!;
        Assert.Equal(Later, cycle.Deadline);
        Assert.False(cycle.DeadlineNoticeDone);
        Assert.Equal(0, cycle.Schedules[Stod.Id].LateReminders);
        Assert.Equal(new DateOnly(2026, 5, 18), cycle.Schedules[Stod.Id].LastRemindedOn);
    }

    [Fact]
    public void GivenOneUnitHasALaterDeadlineOfItsOwn_WhenTheWholeCycleIsExtendedLessFar_ThenThatUnitKeepsItsOwn()
    {
        var outcome = CycleScenario.Given(Started(), new DeadlineExtended(Norr.Id, new DateOnly(2026, 5, 29), ExtendedAt))
            .When(new ExtendDeadline(null, Later, ExtendedAt.AddHours(1)));

        Assert.Equal(new DateOnly(2026, 5, 29), outcome.State.CycleOrNull!.DeadlineFor(Norr.Id));
        Assert.Equal(Later, outcome.State.CycleOrNull!.DeadlineFor(Stod.Id));
    }

    [Fact]
    public void GivenTheSameDeadline_WhenExtendedAgain_ThenNothingHappens()
    {
        CycleScenario.Given(Started(), new DeadlineExtended(Boende.Id, Later, ExtendedAt))
            .When(new ExtendDeadline(Boende.Id, Later, ExtendedAt.AddMinutes(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenAnEarlierDate_WhenExtended_ThenRefusedAtTheNewDeadline()
    {
        CycleScenario.Given(Started()).When(new ExtendDeadline(null, new DateOnly(2026, 5, 13), ExtendedAt))
            .ThenRefuses(CycleRefusalReason.Invalid, "newDeadline");
    }

    [Fact]
    public void GivenAHoliday_WhenExtendedToIt_ThenRefusedAtTheNewDeadline()
    {
        CycleScenario.Given(Started()).When(new ExtendDeadline(null, new DateOnly(2026, 5, 25).AddDays(-2), ExtendedAt))
            .ThenRefuses(CycleRefusalReason.Invalid, "newDeadline");
    }

    [Fact]
    public void GivenTheDeadlinePassedLongAgo_WhenExtendedToADayAlsoPast_ThenRefusedAtTheNewDeadline()
    {
        CycleScenario.Given(Started()).When(new ExtendDeadline(null, new DateOnly(2026, 5, 19), At("2026-05-21T10:00")))
            .ThenRefuses(CycleRefusalReason.Invalid, "newDeadline");
    }

    [Fact]
    public void GivenAUnitNotInTheCycle_WhenExtended_ThenRefusedAtTheUnit()
    {
        CycleScenario.Given(Started()).When(new ExtendDeadline("u-okand", Later, ExtendedAt))
            .ThenRefuses(CycleRefusalReason.Invalid, "unitId");
    }

    [Fact]
    public void GivenTheCycleIsClosed_WhenExtended_ThenRefusedAsClosed()
    {
        CycleScenario.Given(Started(), new CycleClosed([], "Eva Holm", ExtendedAt))
            .When(new ExtendDeadline(null, Later, ExtendedAt.AddHours(1)))
            .ThenRefuses(CycleRefusalReason.Closed);
    }
}

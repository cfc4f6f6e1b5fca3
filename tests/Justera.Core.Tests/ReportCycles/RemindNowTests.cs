using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

public class RemindNowTests
{
    private static readonly DateTimeOffset RemindedAt = At("2026-05-06T14:00");

    [Fact]
    public void GivenTheCycleIsOpen_WhenTheSecretaryRemindsOneUnit_ThenItsManagerGetsAReminderWithAFreshLink()
    {
        CycleScenario.Given(Started())
            .When(new RemindNow(Norr.Id, AllIn(UnitPhase.Draft), [UnitLink(Norr, "norr-r")], RemindedAt))
            .Then(new RemindersSent([new UnitReminded(Norr.Id, UnitReminderKind.Manual, "hash-norr-r")], [], RemindedAt))
            .ThenEffects(new MailReminder(Omar, [new ReminderLine(Norr.Id, Norr.Name, UnitReminderKind.Manual, Deadline, "token-norr-r")], []));
    }

    [Fact]
    public void GivenOneUnitIsReady_WhenTheSecretaryRemindsEveryone_ThenLenaGetsOneMailForHerUnitStillDraftingAndOmarOne()
    {
        var progress = Progress(UnitPhase.Ready, UnitPhase.NotStarted, UnitPhase.SentBack);

        CycleScenario.Given(Started())
            .When(new RemindNow(null, progress, [UnitLink(Boende, "boende-r"), UnitLink(Norr, "norr-r")], RemindedAt))
            .Then(new RemindersSent(
                [new UnitReminded(Boende.Id, UnitReminderKind.Manual, "hash-boende-r"), new UnitReminded(Norr.Id, UnitReminderKind.Manual, "hash-norr-r")], [], RemindedAt))
            .ThenEffects(
                new MailReminder(Lena, [new ReminderLine(Boende.Id, Boende.Name, UnitReminderKind.Manual, Deadline, "token-boende-r")], []),
                new MailReminder(Omar, [new ReminderLine(Norr.Id, Norr.Name, UnitReminderKind.Manual, Deadline, "token-norr-r")], []));
    }

    [Fact]
    public void GivenOmarWasRemindedThisMorning_WhenTheSecretaryRemindsHisUnitAgain_ThenRefusedUntilTomorrow()
    {
        var refusal = CycleScenario.Given(Started(), new RemindersSent([new UnitReminded(Norr.Id, UnitReminderKind.Manual, "h1")], [], RemindedAt.AddHours(-4)))
            .When(new RemindNow(Norr.Id, AllIn(UnitPhase.Draft), [UnitLink(Norr, "norr-r")], RemindedAt))
            .ThenRefuses(CycleRefusalReason.WrongPhase);

        Assert.Contains("Omar Said", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenOmarWasRemindedYesterday_WhenTheSecretaryRemindsHimToday_ThenReminded()
    {
        CycleScenario.Given(Started(), new RemindersSent([new UnitReminded(Norr.Id, UnitReminderKind.Manual, "h1")], [], RemindedAt.AddDays(-1)))
            .When(new RemindNow(Norr.Id, AllIn(UnitPhase.Draft), [UnitLink(Norr, "norr-r")], RemindedAt))
            .Then(new RemindersSent([new UnitReminded(Norr.Id, UnitReminderKind.Manual, "hash-norr-r")], [], RemindedAt));
    }

    [Theory]
    [InlineData(UnitPhase.Ready)]
    [InlineData(UnitPhase.Approved)]
    [InlineData(UnitPhase.NotOpened)]
    public void GivenAUnitNotAwaitingItsManager_WhenTheSecretaryRemindsIt_ThenRefused(UnitPhase phase)
    {
        CycleScenario.Given(Started())
            .When(new RemindNow(Norr.Id, Progress(UnitPhase.Draft, UnitPhase.Draft, phase), [UnitLink(Norr, "norr-r")], RemindedAt))
            .ThenRefuses(CycleRefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenEveryUnitIsApproved_WhenTheSecretaryRemindsEveryone_ThenRefusedAsNobodyToRemind()
    {
        CycleScenario.Given(Started()).When(new RemindNow(null, AllIn(UnitPhase.Approved), [], RemindedAt)).ThenRefuses(CycleRefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenAUnitNotInTheCycle_WhenReminded_ThenRefusedAtTheUnit()
    {
        CycleScenario.Given(Started()).When(new RemindNow("u-okand", AllIn(UnitPhase.Draft), [], RemindedAt)).ThenRefuses(CycleRefusalReason.Invalid, "unitId");
    }

    [Fact]
    public void GivenAManualReminder_WhenItsLinkIsUsedForTheUnit_ThenTheUnitAcceptsIt()
    {
        var reminded = new RemindersSent([new UnitReminded(Norr.Id, UnitReminderKind.Manual, "hash-norr-r")], [], RemindedAt);

        UnitScenario.Given([Started(), reminded], new UnitOpened(Id, Norr, "hash-norr-req", StartedAt))
            .When(new SaveDraft(Norr.Id, Credential(UnitLink(Norr, "norr-r")), DraftInput(), 0, RemindedAt.AddHours(1)))
            .Then(new DraftSaved(1, DraftInput(), RemindedAt.AddHours(1)));
    }

    [Fact]
    public void GivenAManualReminderThisMorning_WhenTheTimersDeadlineReminderIsDueTheSameDay_ThenItWaitsAndTheCapIsUntouched()
    {
        var morning = At("2026-05-15T08:05");
        var state = ReportCycleDecider.Fold([Started(), new RemindersSent([new UnitReminded(Norr.Id, UnitReminderKind.Manual, "h1")], [], morning)]);

        Assert.DoesNotContain(ReminderPlan.DueAt(state.CycleOrNull!, At("2026-05-15T09:00"), AllIn(UnitPhase.Draft)).Reminders, r => r.Unit == Norr);
        Assert.Equal(0, state.CycleOrNull!.Schedules[Norr.Id].LateReminders);
    }
}

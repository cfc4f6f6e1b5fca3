using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

public class CloseCycleTests
{
    private static readonly DateTimeOffset ClosedAt = At("2026-05-25T10:00");

    [Fact]
    public void GivenEveryUnitApproved_WhenTheSecretaryCloses_ThenClosedWithNothingMissingAndTheFirstCompilationAskedFor()
    {
        var outcome = CycleScenario.Given(Started())
            .When(new CloseCycle(AllIn(UnitPhase.Approved), ConfirmedMissing: false, "Eva Holm", ClosedAt))
            .Then(new CycleClosed([], "Eva Holm", ClosedAt), new CompilationRequested(1, ClosedAt))
            .ThenEffects(new NotifyCycleSecretary(Eva, CycleNotice.Closed, []), new CompileReport(1));

        Assert.IsType<ReportCycleState.Closed>(outcome.State);
    }

    [Fact]
    public void GivenTwoUnitsNotApproved_WhenTheSecretaryClosesWithoutConfirming_ThenRefusedListingThem()
    {
        var refusal = CycleScenario.Given(Started())
            .When(new CloseCycle(Progress(UnitPhase.Approved, UnitPhase.Ready, UnitPhase.Draft), ConfirmedMissing: false, "Eva Holm", ClosedAt))
            .ThenRefuses(CycleRefusalReason.ConfirmationRequired);

        Assert.Contains("2 av 3", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(Boende.Name, refusal.Message, StringComparison.Ordinal);
        Assert.Contains(Norr.Name, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTwoUnitsNotApproved_WhenTheSecretaryConfirmsClosingWithoutThem_ThenTheyAreRecordedAsMissing()
    {
        var outcome = CycleScenario.Given(Started())
            .When(new CloseCycle(Progress(UnitPhase.Approved, UnitPhase.Ready, UnitPhase.NotOpened), ConfirmedMissing: true, "Eva Holm", ClosedAt))
            .Then(new CycleClosed([Boende.Id, Norr.Id], "Eva Holm", ClosedAt), new CompilationRequested(1, ClosedAt))
            .ThenEffects(new NotifyCycleSecretary(Eva, CycleNotice.Closed, [Boende.Name, Norr.Name]), new CompileReport(1));

        Assert.Equal([Boende.Id, Norr.Id], Assert.IsType<ReportCycleState.Closed>(outcome.State).MissingUnitIds);
    }

    [Fact]
    public void GivenTheCycleIsClosed_WhenClosedAgain_ThenNothingHappens()
    {
        CycleScenario.Given(Started(), new CycleClosed([], "Eva Holm", ClosedAt), new CompilationRequested(1, ClosedAt))
            .When(new CloseCycle(AllIn(UnitPhase.Approved), false, "Eva Holm", ClosedAt.AddSeconds(5)))
            .ThenNothing();
    }

    [Fact]
    public void GivenNoName_WhenClosed_ThenRefusedAtClosedBy()
    {
        CycleScenario.Given(Started()).When(new CloseCycle(AllIn(UnitPhase.Approved), false, " ", ClosedAt)).ThenRefuses(CycleRefusalReason.Invalid, "closedBy");
    }

    [Fact]
    public void GivenTheCycleIsClosed_WhenTheSecretaryRemindsNow_ThenRefusedAsClosed()
    {
        CycleScenario.Given(Started(), new CycleClosed([], "Eva Holm", ClosedAt))
            .When(new RemindNow(null, AllIn(UnitPhase.Draft), [], ClosedAt.AddHours(1)))
            .ThenRefuses(CycleRefusalReason.Closed);
    }
}

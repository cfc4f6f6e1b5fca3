using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;
using static Justera.Core.Tests.ReportCycles.UnitHistory;

namespace Justera.Core.Tests.ReportCycles;

public class CycleAccessTests
{
    private static UnitReport NorrReady => UnitReportDecider.Fold(MarkedReady()).ReportOrNull!;

    [Fact]
    public void GivenOmarsRequestLink_WhenHeOpensNorrsForm_ThenAllowed()
    {
        Assert.Null(CycleAccess.UnitForm(Manager, NorrReady, ReportCycleDecider.Fold([Started()])));
    }

    [Fact]
    public void GivenLenasLinkForStod_WhenUsedToOpenNorrsForm_ThenRefusedAsAnotherUnitsLink()
    {
        Assert.Equal(CycleRefusalReason.WrongScope, CycleAccess.UnitForm(Credential(UnitLink(Stod, "norr-req")), NorrReady, ReportCycleDecider.Fold([Started()]))?.Reason);
    }

    [Fact]
    public void GivenTheCycleIsClosed_WhenAManagersLinkIsOpened_ThenRefusedAsClosed()
    {
        var closed = ReportCycleDecider.Fold([Started(), new CycleClosed([], "Eva Holm", ReviewedAt)]);

        Assert.Equal(CycleRefusalReason.Closed, CycleAccess.UnitForm(Manager, NorrReady, closed)?.Reason);
        Assert.Equal(CycleRefusalReason.Closed, CycleAccess.Department(Head, [NorrReady], closed)?.Reason);
    }

    [Fact]
    public void GivenMariasLinkFromNorrsKlarmarkeradMail_WhenSheOpensTheDepartment_ThenAllowed()
    {
        Assert.Null(CycleAccess.Department(Head, [NorrReady], ReportCycleDecider.Fold([Started()])));
    }

    [Fact]
    public void GivenAnEscalationLink_WhenTheDepartmentIsOpened_ThenAllowedWithoutAnyUnitKnowingIt()
    {
        var cycle = ReportCycleDecider.Fold([Started(), new RemindersSent([], [new DepartmentEscalated(Social, [Stod.Id], [Stod.Id], "hash-per-esc")], At("2026-05-19T09:00"))]);

        Assert.Null(CycleAccess.Department(Credential(DepartmentLink(Social, "per-esc")), [], cycle));
    }

    [Fact]
    public void GivenMariasLink_WhenItsDepartmentIsChangedToPers_ThenRefused()
    {
        Assert.Equal(CycleRefusalReason.UnknownLink, CycleAccess.Department(Credential(DepartmentLink(Social, "maria-1")), [NorrReady], ReportCycleDecider.Fold([Started()]))?.Reason);
    }

    [Fact]
    public void GivenAManagersLink_WhenUsedForTheDepartmentView_ThenRefused()
    {
        Assert.NotNull(CycleAccess.Department(Manager, [NorrReady], ReportCycleDecider.Fold([Started()])));
    }

    [Fact]
    public void GivenADraftAfterItsDeadline_WhenTheDashboardAsks_ThenItIsLateButAReadyUnitIsNot()
    {
        var cycle = ReportCycleDecider.Fold([Started()]).CycleOrNull!;

        Assert.True(ReminderPlan.IsLate(cycle, new UnitProgress(Norr.Id, UnitPhase.Draft), At("2026-05-18T08:00")));
        Assert.False(ReminderPlan.IsLate(cycle, new UnitProgress(Norr.Id, UnitPhase.Ready), At("2026-05-18T08:00")));
        Assert.False(ReminderPlan.IsLate(cycle, new UnitProgress(Norr.Id, UnitPhase.Draft), At("2026-05-15T23:00")));
    }
}

using Justera.Core.Links;
using Justera.Core.ReportCycles;

namespace Justera.Integration.Tests.ReportCycles;

/// <summary>
/// A cycle of the sample units through the service on real Azurite and maildev: the request mails and their links,
/// drafts, a stale save, klarmarkera, send back, approval — each step's mail read from maildev.
/// </summary>
[Collection(ReportCyclesServers.Name)]
public sealed class CycleFlowTests(Infrastructure.ServersFixture servers) : IAsyncLifetime
{
    private CycleScenario s = null!;

    public async Task InitializeAsync() => s = await CycleScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenTheSampleUnits_WhenTheCycleStartsAndItsUnitsAreOpened_ThenEachUnitsManagerGetsOneRequestWithALinkToThatUnit()
    {
        await s.StartAndOpenAsync();
        await s.DrainAsync();
        var mails = await s.MailsAsync();

        Assert.Equal(s.Units.Count, mails.Count);
        foreach (var unit in s.Units)
        {
            var request = Assert.Single(mails, m => m.Subject == CycleScenario.RequestSubject(unit));
            Assert.Equal(unit.Manager.Email, Assert.Single(request.To).Address);
            var link = CycleScenario.Read(Assert.Single(CycleScenario.UnitTokens(request)));
            Assert.Equal(CycleLink.ForUnit(CycleScenario.CycleId, unit.Id), link);
        }
        // Åsa Lindholm manages two units: two mails, each its own unit's link.
        var asa = CycleScenario.To(mails, "asa.lindholm@example.org");
        Assert.Equal(2, asa.Count);
        Assert.Equal(["FSK-01", "FSK-02"], asa.Select(m => CycleScenario.Read(CycleScenario.UnitTokens(m)[0]).Scope).Order());

        // Opening again opens nothing and sends nothing.
        Assert.Equal(new Application.ReportCycles.OpenUnitsResult(0, 0), await s.Service.OpenUnitsAsync(CycleScenario.CycleId, 100));
        Assert.Empty(await s.Host.Service<Storage.Outbox.OutboxStore>().ReadCycleAsync(CycleScenario.CycleId));
        var overview = await s.Service.OverviewAsync(CycleScenario.CycleId);
        Assert.Equal($"0 av {s.Units.Count} enheter klara", overview!.Progress);
        Assert.Equal(s.Units.Count, overview.Count(UnitPhase.NotStarted));
    }

    [Fact]
    public async Task GivenAnOpenedUnit_WhenItsManagerSavesKlarmarkerarAndTheHeadSendsBackAndApproves_ThenEachStepIsStoredAndMailed()
    {
        await s.StartAndOpenAsync();
        await s.DrainAsync();
        var unit = s.Unit("FSK-03");
        var token = CycleScenario.UnitTokens(Assert.Single(await s.MailsAsync(), m => m.Subject == CycleScenario.RequestSubject(unit)))[0];
        await s.MailDev.DeleteAllAsync();

        var form = await s.Service.UnitFormAsync(token);
        Assert.Null(form.Refusal);
        Assert.Equal(0, form.InputVersion);
        var draft = s.CompleteInput(unit.Id, "Första utkastet.");
        var saved = await s.Service.SaveDraftAsync(token, unit.Id, draft, form.InputVersion);
        Assert.False(saved.Refused, saved.Decision.Refusal?.Message);
        Assert.Equal(1, saved.Unit.State.ReportOrNull!.Version);

        // A second tab opened at version 0 saves other texts: refused as stale, listing what changed, nothing stored.
        var stale = await s.Service.SaveDraftAsync(token, unit.Id, s.CompleteInput(unit.Id, "Ett annat utkast."), 0);
        Assert.Equal(CycleRefusalReason.Stale, stale.Decision.Refusal?.Reason);
        Assert.Contains(stale.Decision.Refusal!.Fields, f => f.Field.EndsWith(".analys", StringComparison.Ordinal));
        Assert.Equal("Första utkastet.", (await s.Service.UnitFormAsync(token)).Unit!.State.ReportOrNull!.Input.Goals[1].Analysis);

        var ready = await s.Service.MarkReadyAsync(token, unit.Id, draft, 1);
        Assert.False(ready.Refused, ready.Decision.Refusal?.Message + string.Join("; ", ready.Decision.Refusal?.Fields.Select(f => f.Message) ?? []));
        await s.DrainAsync();
        var toHead = Assert.Single(await s.MailsAsync());
        Assert.Equal(unit.DepartmentHead.Email, Assert.Single(toHead.To).Address);
        Assert.StartsWith($"Klarmarkerad: {unit.Name}", toHead.Subject, StringComparison.Ordinal);
        var headToken = Assert.Single(CycleScenario.DepartmentTokens(toHead));
        Assert.Equal(CycleLink.ForDepartment(CycleScenario.CycleId, unit.Department), CycleScenario.Read(headToken));
        var department = await s.Service.DepartmentAsync(headToken);
        Assert.Null(department.Refusal);
        Assert.Equal(s.Units.Where(u => u.Department == unit.Department).Select(u => u.Id).Order(), department.Units.Select(u => u.UnitId).Order());
        Assert.Equal(CycleRefusalReason.UnknownLink, (await s.Service.DepartmentAsync(token)).Refusal?.Reason);
        Assert.NotNull(toHead.Html);
        Assert.Contains("<a href=\"", toHead.Html, StringComparison.Ordinal);
        await s.MailDev.DeleteAllAsync();

        // The manager's link cannot approve; the head's can send back, with a comment the manager reads.
        var byManager = await s.Service.ApproveAsync(token, unit.Id, unit.Manager.Name, 1);
        Assert.Equal(CycleRefusalReason.WrongScope, byManager.Decision.Refusal?.Reason);
        var back = await s.Service.SendBackAsync(headToken, unit.Id, unit.DepartmentHead.Name, 1, "Förtydliga analysen av målet om förskolan.");
        Assert.False(back.Refused, back.Decision.Refusal?.Message);
        await s.DrainAsync();
        var sentBack = Assert.Single(await s.MailsAsync());
        Assert.Equal(unit.Manager.Email, Assert.Single(sentBack.To).Address);
        Assert.Contains("Förtydliga analysen av målet om förskolan.", sentBack.Text, StringComparison.Ordinal);
        var newToken = Assert.Single(CycleScenario.UnitTokens(sentBack));
        Assert.Equal(unit.Id, CycleScenario.Read(newToken).Scope);
        await s.MailDev.DeleteAllAsync();

        var again = await s.Service.MarkReadyAsync(newToken, unit.Id, s.CompleteInput(unit.Id, "Förtydligad analys."), 1);
        Assert.False(again.Refused, again.Decision.Refusal?.Message);
        var approved = await s.Service.ApproveAsync(headToken, unit.Id, unit.DepartmentHead.Name, 2);
        Assert.False(approved.Refused, approved.Decision.Refusal?.Message);
        Assert.Equal(UnitPhase.Approved, approved.Unit.State.Phase);
        var edit = await s.Service.SaveDraftAsync(newToken, unit.Id, draft, 2);
        Assert.Equal(CycleRefusalReason.WrongPhase, edit.Decision.Refusal?.Reason);
        await s.DrainAsync();
        var mails = await s.MailsAsync();
        Assert.Single(mails, m => m.Subject.StartsWith($"Godkänd: {unit.Name}", StringComparison.Ordinal) && m.To[0].Address == unit.Manager.Email);
        Assert.Single(mails, m => m.Subject.StartsWith($"Klarmarkerad: {unit.Name}", StringComparison.Ordinal));

        var history = await s.Service.UnitHistoryAsync(CycleScenario.CycleId, unit.Id);
        Assert.Equal(
            ["UnitOpened", "DraftSaved", "UnitMarkedReady", "UnitSentBack", "DraftSaved", "UnitMarkedReady", "UnitApproved"],
            history.SelectMany(d => d.Events).Select(e => e.GetType().Name));
        var overview = await s.Service.OverviewAsync(CycleScenario.CycleId);
        Assert.Equal($"1 av {s.Units.Count} enheter klara", overview!.Progress);
        var goal = s.Structure.Assignments.Single(a => a.UnitId == unit.Id).GoalIds[0];
        Assert.Equal(1, overview.Goals.Single(g => g.GoalId == goal).Fully);
    }
}

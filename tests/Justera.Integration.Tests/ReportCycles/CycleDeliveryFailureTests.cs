using Justera.Core.ReportCycles;
using Justera.Storage.ReportCycles;

namespace Justera.Integration.Tests.ReportCycles;

/// <summary>
/// SMTP down for real (maildev stopped), one attempt per mail: a unit's failed mail is reported to that unit's stream,
/// a cycle's failed reminder to the cycle's stream, and the secretary is told of each once SMTP is back.
/// </summary>
[Collection(ReportCyclesServers.Name)]
public sealed class CycleDeliveryFailureTests(Infrastructure.ServersFixture servers) : IAsyncLifetime
{
    private CycleScenario s = null!;

    public async Task InitializeAsync() =>
        s = await CycleScenario.StartAsync(servers, new Dictionary<string, string?> { ["Justera:MaxDeliveryAttempts"] = "1" });

    public async Task DisposeAsync()
    {
        await servers.MailDev.StartAsync();
        await s.DisposeAsync();
    }

    [Fact]
    public async Task GivenSmtpIsDown_WhenAUnitsAndTheCyclesMailsFail_ThenEachFailureIsRecordedInItsOwnStreamAndTheSecretaryIsTold()
    {
        await s.StartAndOpenAsync();
        await s.DrainAsync();
        var unit = s.Unit("IFO-01");
        var token = CycleScenario.UnitTokens(Assert.Single(await s.MailsAsync(), m => m.Subject == CycleScenario.RequestSubject(unit)))[0];
        await s.MailDev.DeleteAllAsync();

        await s.MailDev.StopAsync();
        Assert.False((await s.Service.MarkReadyAsync(token, unit.Id, s.CompleteInput(unit.Id), 0)).Refused);
        s.Host.Clock.Advance(TimeSpan.FromDays(1)); // Wednesday: "påminn nu" is for a day after the start's requests.
        var remind = await s.Service.RemindNowAsync(CycleScenario.CycleId, "IFO-02");
        Assert.False(remind.Refused, remind.Decision.Refusal?.Message);
        await s.Host.DispatchOnceAsync();

        var store = s.Host.Service<CycleStore>();
        var unitFailure = Assert.Single((await store.LoadUnitAsync(CycleScenario.CycleId, unit.Id)).State.ReportOrNull!.DeliveryFailures);
        Assert.Equal(unit.DepartmentHead.Email, unitFailure.Recipient);
        var cycleFailure = Assert.Single((await store.LoadCycleAsync(CycleScenario.CycleId)).State.CycleOrNull!.DeliveryFailures);
        Assert.Equal(s.Unit("IFO-02").Manager.Email, cycleFailure.Recipient);
        Assert.Empty((await store.LoadUnitAsync(CycleScenario.CycleId, "IFO-02")).State.ReportOrNull!.DeliveryFailures);

        await s.MailDev.StartAsync();
        await s.DrainAsync();
        var notices = CycleScenario.To(await s.MailsAsync(), CycleScenario.Secretary.Email);
        Assert.Equal(2, notices.Count(m => m.Subject == "Leveransfel: tertialrapport 1 2026"));
        Assert.Contains(notices, m => m.Text!.Contains(unit.DepartmentHead.Email, StringComparison.Ordinal));
        Assert.Contains(notices, m => m.Text!.Contains(s.Unit("IFO-02").Manager.Email, StringComparison.Ordinal));
    }
}

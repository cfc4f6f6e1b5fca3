using Justera.Application.Workflows;
using Justera.Core.ReportCycles;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.ReportCycles;

/// <summary>
/// A cycle driven by its orchestration on the local host's engine, as in production: nobody opens units or runs
/// the dispatcher by hand. The secretary starts the cycle; the managers' requests arrive; a klarmarkering reaches
/// the department head.
/// </summary>
[Collection(ReportCyclesServers.Name)]
public sealed class CycleOrchestrationTests(ServersFixture servers) : IAsyncLifetime
{
    private CycleScenario s = null!;

    public async Task InitializeAsync() => s = await CycleScenario.StartAsync(servers, backgroundLoops: true);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenTheEngineRunning_WhenTheSecretaryStartsACycle_ThenItsOrchestrationOpensEveryUnitAndEachManagersRequestArrivesOnce()
    {
        var started = await s.Service.StartAsync(ReportPeriod.T1, 2026, CycleScenario.Deadline, 0.5m, s.Units, s.Structure, CycleScenario.Secretary, "form-orchestrated");
        Assert.False(started.Refused);

        var requests = await WaitForAsync(mails => mails.Where(m => m.Subject.StartsWith("Underlag till tertialrapport 1 2026", StringComparison.Ordinal)).ToList(), s.Units.Count);
        Assert.Equal(s.Units.Select(u => CycleScenario.RequestSubject(u)).Order(), requests.Select(m => m.Subject).Order());
        var instance = await s.Host.Service<Microsoft.DurableTask.Client.DurableTaskClient>().GetInstanceAsync(CycleWorkflows.InstanceId(CycleScenario.CycleId));
        Assert.NotNull(instance);
        Assert.True(instance.IsRunning, "An open cycle's orchestration waits for its next wake-up.");

        var unit = s.Unit("FSK-03");
        var token = CycleScenario.UnitTokens(Assert.Single(requests, m => m.Subject == CycleScenario.RequestSubject(unit)))[0];
        var form = await s.Service.UnitFormAsync(token);
        var ready = await s.Service.MarkReadyAsync(token, unit.Id, s.CompleteInput(unit.Id), form.InputVersion);
        Assert.Null(ready.Decision.Refusal);

        var toHead = await WaitForAsync(mails => CycleScenario.To(mails, unit.DepartmentHead.Email).Where(m => m.Subject.Contains(unit.Name, StringComparison.Ordinal)).ToList(), 1);
        Assert.Single(toHead);
        // Every request went once: the orchestration's turns and the host's recovery never sent one twice.
        var all = await s.MailsAsync();
        Assert.Equal(s.Units.Count, all.Count(m => m.Subject.StartsWith("Underlag till tertialrapport 1 2026", StringComparison.Ordinal)));
    }

    private async Task<List<ReceivedMail>> WaitForAsync(Func<IReadOnlyList<ReceivedMail>, List<ReceivedMail>> pick, int count)
    {
        var picked = new List<ReceivedMail>();
        await Eventually.TrueAsync(async () => (picked = pick(await s.MailDev.GetMailsAsync())).Count >= count,
            CycleScenario.MailTimeout, $"Fewer than {count} mails arrived in time.");
        return picked;
    }
}

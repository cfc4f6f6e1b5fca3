using Justera.Core.ReportCycles;
using Justera.Storage.JusteringRounds;
using Justera.Storage.ReportCycles;

namespace Justera.Integration.Tests.ReportCycles;

/// <summary>
/// The cycle's timer on a moved clock: late reminders as one digest per manager, an escalation to the department head
/// two working days late, found through the shared wake-up index; two independent instances dispatch every mail once.
/// </summary>
[Collection(ReportCyclesServers.Name)]
public sealed class CycleReminderTests(Infrastructure.ServersFixture servers) : IAsyncLifetime
{
    /// <summary>Thursday 10 December 2026, 09:30 in Stockholm: one working day after the deadline.</summary>
    private static readonly DateTimeOffset OneDayLate = new(2026, 12, 10, 8, 30, 0, TimeSpan.Zero);

    /// <summary>Friday 11 December 2026, 09:30 in Stockholm: two working days late, when escalations start.</summary>
    private static readonly DateTimeOffset TwoDaysLate = new(2026, 12, 11, 8, 30, 0, TimeSpan.Zero);

    private CycleScenario s = null!;

    public async Task InitializeAsync() => s = await CycleScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenLateUnits_WhenTheTimerTicksOnTwoLateDays_ThenManagersGetOneDigestADayAndHeadsAnEscalationEachMailOnceFromTwoInstances()
    {
        await using var second = await s.Host.StartSecondInstanceAsync(backgroundLoops: false);
        await s.StartAndOpenAsync();
        await s.DrainAsync(second);
        var ready = s.Unit("FSK-04");
        var token = CycleScenario.UnitTokens(Assert.Single(await s.MailsAsync(), m => m.Subject == CycleScenario.RequestSubject(ready)))[0];
        Assert.False((await s.Service.MarkReadyAsync(token, ready.Id, s.CompleteInput(ready.Id), 0)).Refused);
        await s.DrainAsync(second);
        await s.MailDev.DeleteAllAsync();

        s.Host.Clock.SetUtcNow(OneDayLate);
        var tick = await s.Service.TickAsync(CycleScenario.CycleId);
        Assert.False(tick.Closed);
        Assert.NotNull(tick.NextWakeUp);
        await s.DrainAsync(second);
        var day1 = await s.MailsAsync();
        var asa = Assert.Single(CycleScenario.To(day1, "asa.lindholm@example.org"));
        Assert.Equal("Påminnelse: tertialrapport 1 2026", asa.Subject);
        Assert.Equal(["FSK-01", "FSK-02"], CycleScenario.UnitTokens(asa).Select(t => CycleScenario.Read(t).Scope).Order());
        Assert.Empty(CycleScenario.To(day1, ready.Manager.Email));
        Assert.Empty(CycleScenario.To(day1, "maria.berglund@example.org"));
        Assert.Single(CycleScenario.To(day1, CycleScenario.Secretary.Email), m => m.Subject.StartsWith("Sista dagen har passerat", StringComparison.Ordinal));
        var managers = s.Units.Where(u => u.Id != ready.Id).Select(u => u.Manager.Email).Distinct().ToList();
        Assert.Equal(managers.Count + 1, day1.Count);
        await s.MailDev.DeleteAllAsync();

        // The wake-up is found in the shared index, as a cycle's row that the rounds' reading leaves alone.
        s.Host.Clock.SetUtcNow(TwoDaysLate);
        Assert.Contains(await s.Host.Service<CycleStore>().DueWakeUpsAsync(TwoDaysLate), d => d.CycleId == CycleScenario.CycleId);
        Assert.Empty(await s.Host.Service<RoundStore>().DueWakeUpsAsync(TwoDaysLate));
        Assert.Equal(1, await s.Service.WakeDueCyclesAsync());
        await s.DrainAsync(second);
        var day2 = await s.MailsAsync();
        var maria = Assert.Single(CycleScenario.To(day2, "maria.berglund@example.org"));
        Assert.Equal("Sena enheter: tertialrapport 1 2026", maria.Subject);
        foreach (var late in new[] { "FSK-01", "FSK-02", "FSK-03" })
            Assert.Contains(s.Unit(late).Name, maria.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ready.Name, maria.Text, StringComparison.Ordinal);
        Assert.Single(CycleScenario.To(day2, "asa.lindholm@example.org"));
        Assert.Single(CycleScenario.To(day2, "karin.sjoberg@example.org"));
        Assert.Single(CycleScenario.To(day2, "daniel.roos@example.org"));
        Assert.Equal(day2.Count, day2.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(managers.Count + 3, day2.Count);

        // A second tick the same day sends nobody anything more.
        await s.Service.TickAsync(CycleScenario.CycleId);
        Assert.Empty(await s.Host.Service<Storage.Outbox.OutboxStore>().ReadCycleAsync(CycleScenario.CycleId));
    }
}

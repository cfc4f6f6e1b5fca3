using Justera.Application.ReportCycles;
using Justera.Core.ReportCycles;
using Justera.Storage.ReportCycles;

namespace Justera.Integration.Tests.ReportCycles;

/// <summary>
/// Saves at the same moment: different units never touch one row, so none conflicts; two saves of one unit based on
/// the same version are decided one after the other, so exactly one wins and the other is refused as stale.
/// </summary>
[Collection(ReportCyclesServers.Name)]
public sealed class CycleConcurrencyTests(Infrastructure.ServersFixture servers) : IAsyncLifetime
{
    private CycleScenario s = null!;

    public async Task InitializeAsync() => s = await CycleScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenTwoUnitsReadAtOnce_WhenBothCommitASave_ThenNeitherConflicts()
    {
        await s.StartAndOpenAsync();
        var store = s.Host.Service<CycleStore>();
        var units = await Task.WhenAll(s.Units.Select(u => store.LoadUnitAsync(CycleScenario.CycleId, u.Id)));
        var commits = await Task.WhenAll(units.Select(u => store.TryCommitUnitAsync(u, Saved(u, "Sparat samtidigt."))));
        Assert.All(commits, Assert.NotNull);
        Assert.All(await store.ReadUnitSummariesAsync(CycleScenario.CycleId), summary => Assert.Equal(UnitPhase.Draft, summary.Phase));
    }

    [Fact]
    public async Task GivenOneUnitReadTwice_WhenBothReadersCommit_ThenTheSecondIsRefusedByTheStore()
    {
        await s.StartAndOpenAsync();
        var store = s.Host.Service<CycleStore>();
        var first = await store.LoadUnitAsync(CycleScenario.CycleId, "FSK-01");
        var second = await store.LoadUnitAsync(CycleScenario.CycleId, "FSK-01");
        Assert.NotNull(await store.TryCommitUnitAsync(first, Saved(first, "Första.")));
        Assert.Null(await store.TryCommitUnitAsync(second, Saved(second, "Andra.")));
        var stored = await store.LoadUnitAsync(CycleScenario.CycleId, "FSK-01");
        Assert.Equal("Första.", stored.State.ReportOrNull!.Input.Goals[0].Analysis);
    }

    [Fact]
    public async Task GivenTwoInstances_WhenEveryUnitIsSavedTwiceAtOnceFromTheSameVersion_ThenExactlyOneSaveOfEachWinsAndTheOtherIsStale()
    {
        await using var other = await s.Host.StartSecondInstanceAsync(backgroundLoops: false);
        await s.StartAndOpenAsync();
        await s.DrainAsync();
        var tokens = (await s.MailsAsync()).ToDictionary(m => CycleScenario.Read(CycleScenario.UnitTokens(m)[0]).Scope, m => CycleScenario.UnitTokens(m)[0]);
        var services = new[] { s.Service, other.Service<ReportCycleService>() };

        // Every unit saved by both instances at once: 2 × 10 saves in flight, each pair based on version 0.
        var saves = s.Units.SelectMany(u => services.Select((service, i) =>
            (Unit: u.Id, Text: $"Sparat av instans {i}.", Task: service.SaveDraftAsync(tokens[u.Id], u.Id, s.CompleteInput(u.Id, $"Sparat av instans {i}."), 0)))).ToList();
        var outcomes = await Task.WhenAll(saves.Select(x => x.Task));
        var results = saves.Select((x, i) => (x.Unit, x.Text, Outcome: outcomes[i])).ToList();

        foreach (var unit in s.Units)
        {
            var pair = results.Where(x => x.Unit == unit.Id).ToList();
            var won = Assert.Single(pair, x => !x.Outcome.Refused);
            var lost = Assert.Single(pair, x => x.Outcome.Refused);
            Assert.Equal(CycleRefusalReason.Stale, lost.Outcome.Decision.Refusal!.Reason);
            Assert.NotEmpty(lost.Outcome.Decision.Refusal!.Fields);
            var stored = await s.Host.Service<CycleStore>().LoadUnitAsync(CycleScenario.CycleId, unit.Id);
            Assert.Equal(1, stored.State.ReportOrNull!.Version);
            Assert.Equal(won.Text, stored.State.ReportOrNull.Input.Goals[0].Analysis);
        }
    }

    private UnitCommit Saved(StoredUnit unit, string analysis)
    {
        var report = unit.State.ReportOrNull!;
        var saved = new DraftSaved(report.Version + 1, s.CompleteInput(unit.UnitId, analysis), s.Host.Clock.GetUtcNow());
        return new UnitCommit([saved], UnitReportDecider.Evolve(unit.State, saved), null);
    }
}

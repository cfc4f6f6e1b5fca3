using System.Globalization;
using Azure.Data.Tables;
using Justera.Core.ReportCycles;
using Justera.Storage.ReportCycles;
using Xunit.Abstractions;

namespace Justera.Integration.Tests.ReportCycles;

/// <summary>
/// 300 units with 50,000 characters of text each, reminded over three late days: every row of the cycle's partition
/// stays within the Table limits (entity ≤ 1 MiB, string property ≤ 32K characters) — measured on what Azurite stored.
/// </summary>
[Collection(ReportCyclesServers.Name)]
public sealed class CycleLimitsTests(Infrastructure.ServersFixture servers, ITestOutputHelper output) : IAsyncLifetime
{
    private const int UnitCount = 300;
    private const int MaxEntityBytes = 1024 * 1024;
    private const int MaxStringChars = 32 * 1024;

    private CycleScenario s = null!;

    public async Task InitializeAsync() => s = await CycleScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenThreeHundredUnitsWithLongTexts_WhenSavedAndRemindedForDays_ThenEveryRowStaysWithinTheTableLimits()
    {
        var template = s.Structure.Assignments.Single(a => a.UnitId == "FSK-01");
        var units = Enumerable.Range(1, UnitCount).Select(i =>
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"E-{i:D3}");
            var department = string.Create(CultureInfo.InvariantCulture, $"Avdelningen för verksamhet {(i % 10) + 1}");
            var manager = string.Create(CultureInfo.InvariantCulture, $"chef{(i + 1) / 2}@example.org");
            var head = string.Create(CultureInfo.InvariantCulture, $"avdelningschef{(i % 10) + 1}@example.org");
            return new ReportingUnit(id, $"Enheten för långa namn och omfattande verksamhet nummer {i}", department,
                new Person($"Enhetschef {(i + 1) / 2}", manager), new Person($"Avdelningschef {(i % 10) + 1}", head));
        }).ToList();
        var structure = s.Structure with { Assignments = [.. units.Select(u => template with { UnitId = u.Id })] };
        var scenario = new CycleScenarioUnits(s, units, structure);

        await s.StartAndOpenAsync(units, structure, batch: UnitCount);
        await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (unit, ct) =>
        {
            var input = scenario.LongInput(unit.Id);
            var store = s.Host.Service<CycleStore>();
            var stored = await store.LoadUnitAsync(CycleScenario.CycleId, unit.Id, ct);
            var saved = new DraftSaved(1, input, s.Host.Clock.GetUtcNow());
            Assert.NotNull(await store.TryCommitUnitAsync(stored, new UnitCommit([saved], UnitReportDecider.Evolve(stored.State, saved), null), ct));
        });

        // Three late days of reminders (80 people a decision, so several ticks a day) add a link hash per unit a day.
        foreach (var day in new[] { 10, 11, 14 })
        {
            s.Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, day, 8, 30, 0, TimeSpan.Zero));
            while ((await s.Service.TickAsync(CycleScenario.CycleId)).Mails > 0)
            {
            }
        }

        var largestEntity = 0L;
        var largestString = 0;
        var rows = 0;
        await foreach (var row in s.Host.Service<CycleTables>().Cycles.QueryAsync<TableEntity>(e => e.PartitionKey == CycleScenario.CycleId))
        {
            rows++;
            var (bytes, longest) = Size(row);
            Assert.True(bytes <= MaxEntityBytes, $"Row {row.RowKey} is {bytes} bytes.");
            Assert.True(longest <= MaxStringChars, $"Row {row.RowKey} has a string of {longest} characters.");
            largestEntity = Math.Max(largestEntity, bytes);
            largestString = Math.Max(largestString, longest);
        }
        var state = await s.Host.Service<CycleTables>().Cycles.GetEntityAsync<TableEntity>(CycleScenario.CycleId, CycleTables.StateRow);
        var stateBytes = Size(state.Value).Bytes;
        output.WriteLine($"{rows} rows; cycle state row {stateBytes / 1024} KiB; largest row {largestEntity / 1024} KiB; longest string {largestString} characters.");
        var cycle = (await s.Service.LoadCycleAsync(CycleScenario.CycleId)).State.CycleOrNull!;
        Assert.True(cycle.UnitLinkHashes.Values.All(h => h.Count >= 3), "Every unit should have been reminded on each of the three days.");
        var summaries = await s.Host.Service<CycleStore>().ReadUnitSummariesAsync(CycleScenario.CycleId);
        Assert.Equal(UnitCount, summaries.Count);
        Assert.All(summaries, summary => Assert.Equal(UnitPhase.Draft, summary.Phase));
    }

    /// <summary>An entity's size as the Table service counts it: 4 bytes, the keys, and per property its name and value (strings in UTF-16).</summary>
    private static (long Bytes, int Longest) Size(TableEntity entity)
    {
        long bytes = 4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2);
        var longest = 0;
        foreach (var (name, value) in entity)
        {
            if (name is "odata.etag" or "PartitionKey" or "RowKey" or "Timestamp")
                continue;
            bytes += 8 + (name.Length * 2) + value switch
            {
                string text => 4 + (text.Length * 2),
                byte[] data => 4 + data.Length,
                _ => 8,
            };
            if (value is string t)
                longest = Math.Max(longest, t.Length);
        }
        return (bytes, longest);
    }

    private sealed class CycleScenarioUnits(CycleScenario s, IReadOnlyList<ReportingUnit> units, YearStructure structure)
    {
        public IReadOnlyList<ReportingUnit> Units => units;

        /// <summary>50,000 characters: the most a unit's texts may hold (five texts of 10,000).</summary>
        public UnitInput LongInput(string unitId)
        {
            var a = structure.Assignments.Single(x => x.UnitId == unitId);
            static string Text(string seed) => string.Concat(Enumerable.Repeat(seed, (UnitInputRules.MaxTextLength / seed.Length) + 1))[..UnitInputRules.MaxTextLength];
            var input = new UnitInput(
                [.. a.GoalIds.Select(g => new GoalAssessment(g, GoalFulfilment.Partly, Text("Analys med å, ä och ö för målet. ")))],
                [],
                [.. a.ActivityIds.Select(id => new ActivityStatus(id, ActivityProgress.OnPlan, ""))],
                [.. a.Budget.Select(b => new EconomyForecast(b.Id, b.Budget, ""))],
                Text("Goda exempel: läsfrämjande. "),
                Text("Jämställdhet: pojkar och flickor. "));
            Assert.Empty(UnitInputRules.Check(input, unitId, structure, 0.5m, complete: false));
            Assert.Equal(UnitInputRules.MaxTotalTextLength, (a.GoalIds.Length * UnitInputRules.MaxTextLength) + (2 * UnitInputRules.MaxTextLength));
            _ = s;
            return input;
        }
    }
}

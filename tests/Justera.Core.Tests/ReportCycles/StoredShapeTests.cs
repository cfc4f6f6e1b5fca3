using System.Text;
using System.Text.Json;
using Justera.Core.Calendar;
using Justera.Core.Links;
using Justera.Core.ReportCycles;
using Xunit.Abstractions;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

/// <summary>States and events read back as they were written in the stored JSON shape, and stay within the row limits.</summary>
public class StoredShapeTests(ITestOutputHelper output)
{
    private const int EntityLimitBytes = 1024 * 1024;

    private static T RoundTrip<T>(T value)
        where T : class
    {
        var json = JsonSerializer.Serialize(value, JusteraJson.Options);
        var back = JsonSerializer.Deserialize<T>(json, JusteraJson.Options)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, JusteraJson.Options));
        return back;
    }

    [Fact]
    public void GivenAClosedCycleWithRemindersCompilationsAndFailures_WhenItsStateAndEventsAreStoredAndRead_ThenTheyReadBackTheSame()
    {
        ReportCycleEvent[] events =
        [
            Started(),
            new DeadlineExtended(Norr.Id, new DateOnly(2026, 5, 22), At("2026-05-06T10:00")),
            new RemindersSent([new UnitReminded(Stod.Id, UnitReminderKind.BeforeDeadline, "h1")], [new DepartmentEscalated(Social, [Stod.Id], [Stod.Id], "h2")], At("2026-05-11T09:00")),
            new CycleDeliveryFailed("outbox-1", Lena.Email, "550", At("2026-05-11T09:01")),
            new DeadlinePassed([Stod.Id], At("2026-05-18T09:00")),
            new CycleClosed([Boende.Id], "Eva Holm", At("2026-05-25T10:00")),
            new CompilationRequested(1, At("2026-05-25T10:00")),
            new CompilationFailed(1, "Lagringen svarade inte.", At("2026-05-25T10:01")),
            new CompilationRecorded(1, "a.docx", "a.xlsx", At("2026-05-25T10:02")),
            new JusteringRoundLinked("5b1d0c3e9a7f4e2d8c6b4a2f1e0d9c8b", At("2026-05-26T10:00")),
        ];

        var state = RoundTrip(ReportCycleDecider.Fold(events));

        Assert.Equal([Boende.Id], Assert.IsType<ReportCycleState.Closed>(state).MissingUnitIds);
        Assert.True(state.CycleOrNull!.Issued(CycleLink.ForDepartment(Id, Social), "h2"));
        Assert.All(events, e => RoundTrip(e));
    }

    [Fact]
    public void GivenASentBackUnit_WhenItsStateIsStoredAndRead_ThenItReadsBackTheSame()
    {
        var state = RoundTrip(UnitReportDecider.Fold(UnitHistory.SentBack()));

        Assert.Equal(UnitPhase.SentBack, state.Phase);
        Assert.Equal(CompleteInput().Goals[0], state.ReportOrNull!.Input.Goals[0]);
    }

    [Fact]
    public void Given300UnitsAfterEveryReminderAndEscalation_WhenTheCyclesStateIsStored_ThenItFitsOneEntityWithRoomToSpare()
    {
        var units = Enumerable.Range(0, 300).Select(i => new ReportingUnit($"enhet-{i:D3}", $"Förskoleenhet nummer {i} i Exempelby", $"Avdelningen för förskola {i % 12}",
            new Person($"Chef Chefsson {i}", $"chef.chefsson{i}@example.org"), new Person($"Avdelningschef {i % 12}", $"avdelningschef{i % 12}@example.org"))).ToList();
        var state = ReportCycleDecider.Fold([Started() with { Units = units }]);
        var progress = units.Select(u => new UnitProgress(u.Id, UnitPhase.Draft)).ToList();
        var n = 0;
        for (var day = new DateOnly(2026, 5, 4); day <= new DateOnly(2026, 5, 29); day = day.AddDays(1))
        {
            for (var tick = 0; tick < 5; tick++)
            {
                var at = StockholmTime.FromLocal(day, new TimeOnly(9, 0));
                var links = ReminderPlan.LinksForTick(state, at, progress).Select(l => new ScopedLink(l, "t", Convert.ToBase64String(BitConverter.GetBytes(++n)).PadRight(43, 'x'))).ToList();
                state = ReportCycleDecider.Decide(new Tick(progress, links, at), state).Events.Aggregate(state, ReportCycleDecider.Evolve);
            }
        }

        var bytes = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(state, JusteraJson.Options));
        output.WriteLine($"Cycle state for 300 units after all reminders: {bytes / 1024} KiB");
        Assert.True(bytes < EntityLimitBytes / 2, $"{bytes} bytes");
    }
}

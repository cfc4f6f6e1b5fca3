using Justera.Core.Links;
using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

/// <summary>A cycle of 300 units, each with its own manager: every decision must still fit one Table transaction.</summary>
public class ManyUnitsTests
{
    private const int TableTransactionBudget = 90;

    private static readonly ReportingUnit[] Many = [.. Enumerable.Range(0, 300).Select(i =>
        new ReportingUnit($"u{i:D3}", $"Enhet {i}", $"Avdelning {i % 12}", new Person($"Chef {i}", $"chef{i}@example.org"), new Person($"Avdelningschef {i % 12}", $"avd{i % 12}@example.org")))];

    private static readonly YearStructure ManyStructure = Structure with { Assignments = [.. Many.Select(u => Structure.Assignments[0] with { UnitId = u.Id })] };

    private static ReportCycleState Started300() => ReportCycleDecider.Fold([Started() with { Units = Many }]);

    private static int Entities(CycleDecision d) => d.Events.Count + d.Effects.Count + 1; // events, outbox rows, the state row

    [Fact]
    public void Given300Units_WhenTheCycleStarts_ThenOneEventAndNoMailAndEachUnitOpensInADecisionOfItsOwn()
    {
        var start = ReportCycleDecider.Decide(Start(units: Many) with { Structure = ManyStructure }, ReportCycleDecider.Initial);
        Assert.Null(start.Refusal);
        Assert.Equal(2, Entities(start));

        var cycle = ReportCycleDecider.Fold(start.Events);
        var open = UnitReportDecider.Decide(new OpenUnit("u123", new ScopedLink(CycleLink.ForUnit(Id, "u123"), "t", "h"), StartedAt), UnitReportDecider.Initial, cycle, ManyStructure);
        Assert.Equal(3, open.Events.Count + open.Effects.Count + 1);
    }

    [Fact]
    public void Given300ManagersDueOnTheDeadlineMorning_WhenTheTimerTicks_ThenEachDecisionMailsAtMost80AndAsksForTheRestAtOnce()
    {
        var state = Started300();
        var at = At("2026-05-15T09:00");
        var progress = Many.Select(u => new UnitProgress(u.Id, UnitPhase.Draft)).ToList();
        var mailed = new HashSet<string>(StringComparer.Ordinal);

        for (var round = 1; round <= 4; round++)
        {
            var links = ReminderPlan.LinksForTick(state, at, progress).Select((l, i) => new ScopedLink(l, $"t{round}-{i}", $"h{round}-{i}")).ToList();
            var decision = ReportCycleDecider.Decide(new Tick(progress, links, at), state);
            Assert.True(Entities(decision) <= TableTransactionBudget, $"Tick {round} writes {Entities(decision)} entities.");
            Assert.All(decision.Effects.OfType<MailReminder>(), m => Assert.True(mailed.Add(m.To.Email), $"{m.To.Email} mailed twice."));
            state = decision.Events.Aggregate(state, ReportCycleDecider.Evolve);
            var next = ReportCycleDecider.NextWakeUp(state, at, progress);
            if (round < 4)
                Assert.Equal(at, next);
            else
                Assert.True(next > at);
        }

        Assert.Equal(300, mailed.Count);
    }

    [Fact]
    public void Given300UnitsNotReady_WhenTheSecretaryRemindsEveryone_ThenEachPressMailsAtMost80UntilNobodyIsLeft()
    {
        var state = Started300();
        var progress = Many.Select(u => new UnitProgress(u.Id, UnitPhase.NotStarted)).ToList();
        var at = At("2026-05-06T10:00");
        var presses = 0;
        while (true)
        {
            var links = ReminderPlan.LinksForRemindNow(state, null, progress, at).Select((l, i) => new ScopedLink(l, $"t{presses}-{i}", $"h{presses}-{i}")).ToList();
            var decision = ReportCycleDecider.Decide(new RemindNow(null, progress, links, at), state);
            if (decision.IsRefused)
                break;
            Assert.True(Entities(decision) <= TableTransactionBudget);
            state = decision.Events.Aggregate(state, ReportCycleDecider.Evolve);
            presses++;
        }

        Assert.Equal(4, presses);
    }
}

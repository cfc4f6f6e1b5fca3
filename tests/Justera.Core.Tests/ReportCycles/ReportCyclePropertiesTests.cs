using System.Diagnostics;
using System.Text.Json;
using CsCheck;
using Justera.Core.Calendar;
using Justera.Core.Links;
using Justera.Core.ReportCycles;
using Xunit.Abstractions;

namespace Justera.Core.Tests.ReportCycles;

/// <summary>
/// Random sequences of cycle and unit commands against one cycle of 1–6 units in 1–3 departments, checking after
/// every step the rules that must hold whatever happens: refusals change nothing; nobody gets two reminder mails on
/// one day; approved units never change; a closed cycle accepts no unit change; versions only go up, one at a time;
/// a late unit gets at most the capped number of late reminders and escalations per deadline; reminders go only to
/// units awaiting their manager, and the timer's only in its window; folding the stored events gives the state the
/// decisions built; and a tick never asks to be woken at once again.
/// </summary>
public class ReportCyclePropertiesTests(ITestOutputHelper output)
{
    private enum Op { Open, Save, MarkReady, Approve, SendBack, Extend, RemindNow, Tick, Close, Compile, Wait }

    private sealed record Step(Op Op, int Pick, int Variant, int MinutesBefore);

    private sealed record Run(int Units, int Departments, int Managers, int StartDay, int StartMinute, int DeadlineWorkingDays, bool OpenAll, Step[] Steps)
    {
        public override string ToString() =>
            $"{Units} units, {Departments} departments, {Managers} managers, day {StartDay} +{StartMinute} min, deadline +{DeadlineWorkingDays} working days, open all {OpenAll}:{Environment.NewLine}  "
            + string.Join($"{Environment.NewLine}  ", Steps.Select(s => s.ToString()));
    }

    private static readonly Gen<Step> GenStep =
        from op in Gen.Frequency(
            (3, Gen.Const(Op.Open)), (6, Gen.Const(Op.Save)), (4, Gen.Const(Op.MarkReady)), (3, Gen.Const(Op.Approve)), (2, Gen.Const(Op.SendBack)),
            (1, Gen.Const(Op.Extend)), (1, Gen.Const(Op.RemindNow)), (8, Gen.Const(Op.Tick)), (1, Gen.Const(Op.Close)), (1, Gen.Const(Op.Compile)),
            (2, Gen.Const(Op.Wait)))
        from pick in Gen.Int[0, 9999]
        from variant in Gen.Int[0, 9999]
        from minutes in Gen.Frequency((6, Gen.Int[0, 120]), (3, Gen.Int[120, 24 * 60]), (1, Gen.Int[24 * 60, 4 * 24 * 60]))
        select new Step(op, pick, variant, minutes);

    private static readonly Gen<Run> GenRun =
        from units in Gen.Int[1, 6]
        from departments in Gen.Int[1, 3]
        from managers in Gen.Int[1, 4]
        from startDay in Gen.Int[0, 364]
        from startMinute in Gen.Int[7 * 60, 18 * 60]
        from deadline in Gen.Int[1, 12]
        from openAll in Gen.Int[0, 3]
        from steps in GenStep.Array[10, 60]
        select new Run(units, departments, managers, startDay, startMinute, deadline, openAll != 0, steps);

    [Fact]
    public void GivenRandomCommandSequences_WhenDecidedAndEvolved_ThenTheCyclesRulesHoldAfterEveryStep()
    {
        var tally = new Tally();
        var clock = Stopwatch.StartNew();

        GenRun.Sample(run => new Simulation(run, tally).Play(), iter: 500, print: run => run.ToString());

        output.WriteLine($"{tally} in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(tally.Count("SendBack") > 0, "No report was ever sent back.");
        Assert.True(tally.Count("Extend") > 0, "No deadline was ever extended.");
        Assert.True(tally.Count("RemindNow") > 0, "No manual reminder was ever sent.");
        Assert.True(tally.Count("CloseWithMissing") > 0, "No cycle was ever closed with units missing.");
        Assert.True(tally.Count("CloseAllApproved") > 0, "No cycle was ever closed with every unit approved.");
        Assert.True(tally.Count("Approve") > 0, "No report was ever approved.");
        Assert.True(tally.Count("Stale") > 0, "No stale save was ever refused.");
        Assert.True(tally.Count("LateReminder") > 0, "No late reminder was ever sent.");
        Assert.True(tally.Count("LateCapReached") > 0, "No unit ever reached the cap of late reminders.");
        Assert.True(tally.Count("Escalation") > 0, "No escalation was ever sent.");
        Assert.True(tally.Count("Digest") > 0, "No manager ever got one mail for several units.");
        Assert.True(tally.Count("UnitRefusedClosed") > 0, "No unit command was ever refused by a closed cycle.");
        Assert.True(tally.Count("WrongScope") > 0, "No link was ever used for another unit.");
    }

    private sealed class Tally
    {
        private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);

        public void Add(string what)
        {
            lock (counts)
                counts[what] = counts.GetValueOrDefault(what) + 1;
        }

        public int Count(string what)
        {
            lock (counts)
                return counts.GetValueOrDefault(what);
        }

        public override string ToString()
        {
            lock (counts)
                return string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));
        }
    }

    private sealed class Simulation
    {
        private readonly Run run;
        private readonly Tally tally;
        private readonly List<ReportingUnit> units;
        private readonly YearStructure structure;
        private readonly List<ReportCycleEvent> cycleHistory = [];
        private readonly Dictionary<string, List<UnitReportEvent>> unitHistory = new(StringComparer.Ordinal);
        private readonly Dictionary<string, UnitReportState> unitStates = new(StringComparer.Ordinal);
        private readonly List<LinkCredential> credentials = [];
        private readonly HashSet<(string Person, DateOnly Day)> remindedOn = [];
        private readonly Dictionary<(string Unit, DateOnly Deadline), int> lateReminders = [];
        private readonly Dictionary<(string Unit, DateOnly Deadline), int> escalations = [];
        private ReportCycleState cycle = ReportCycleDecider.Initial;
        private DateTimeOffset now;
        private int counter;

        public Simulation(Run run, Tally tally)
        {
            this.run = run;
            this.tally = tally;
            var managers = Enumerable.Range(0, run.Managers).Select(i => new Person($"Chef {i}", $"chef{i}@example.org")).ToList();
            var heads = Enumerable.Range(0, run.Departments).Select(i => new Person($"Avdelningschef {i}", $"avd{i}@example.org")).ToList();
            units = [.. Enumerable.Range(0, run.Units).Select(i =>
                new ReportingUnit($"u{i}", $"Enhet {i}", $"Avdelning {i % run.Departments}", managers[i % run.Managers], heads[i % run.Departments]))];
            structure = ExampleCycle.Structure with
            {
                Assignments = [.. units.Select(u => ExampleCycle.Structure.Assignments[0] with { UnitId = u.Id })],
            };
            foreach (var u in units)
            {
                unitHistory[u.Id] = [];
                unitStates[u.Id] = UnitReportDecider.Initial;
            }
        }

        private ReportCycle Cycle => cycle.CycleOrNull!;

        public void Play()
        {
            var startDate = new DateOnly(2026, 1, 1).AddDays(run.StartDay);
            now = StockholmTime.FromLocal(startDate, TimeOnly.MinValue.AddMinutes(run.StartMinute));
            var deadline = SwedishCalendar.AddWorkingDays(StockholmTime.LocalDate(now), run.DeadlineWorkingDays);
            var start = ExampleCycle.Start(now, deadline, units) with { Structure = structure };
            var started = ApplyCycle(start, "Start");
            Assert.False(started.IsRefused, started.Refusal?.Message);
            if (run.OpenAll)
            {
                foreach (var u in units)
                    ApplyUnit(new OpenUnit(u.Id, Mint(CycleLink.ForUnit(Cycle.Id, u.Id)), now), "Open");
            }

            foreach (var step in run.Steps)
            {
                now = now.AddMinutes(step.MinutesBefore);
                Do(step);
            }

            // Let the clock run on to the end of every cap, ticking as the timer would, so the caps are put to the test.
            for (var i = 0; i < 40 && cycle is ReportCycleState.Open && ReportCycleDecider.NextWakeUp(cycle, now, Progress()) is { } wakeUp; i++)
            {
                now = wakeUp > now ? wakeUp : now;
                Tick();
            }
        }

        private void Do(Step step)
        {
            var unit = units[step.Pick % units.Count];
            var report = unitStates[unit.Id].ReportOrNull;
            switch (step.Op)
            {
                case Op.Open:
                    ApplyUnit(new OpenUnit(unit.Id, Mint(CycleLink.ForUnit(Cycle.Id, unit.Id)), now), "Open");
                    break;
                case Op.Save:
                    ApplyUnit(new SaveDraft(unit.Id, ChooseCredential(unit, LinkHolder.UnitManager, step), Input(step), BasedOn(report, step), now), "Save");
                    break;
                case Op.MarkReady:
                    ApplyUnit(new MarkReady(unit.Id, ChooseCredential(unit, LinkHolder.UnitManager, step), step.Variant % 5 == 0 ? Input(step) : ExampleCycle.CompleteInput($"Analys {step.Variant % 3}"),
                        BasedOn(report, step), Mint(CycleLink.ForDepartment(Cycle.Id, unit.Department)), now), "MarkReady");
                    break;
                case Op.Approve:
                    ApplyUnit(new Approve(unit.Id, ChooseCredential(unit, LinkHolder.DepartmentHead, step), unit.DepartmentHead.Name, report?.Version ?? 0, now), "Approve");
                    break;
                case Op.SendBack:
                    ApplyUnit(new SendBack(unit.Id, ChooseCredential(unit, LinkHolder.DepartmentHead, step), unit.DepartmentHead.Name, report?.Version ?? 0,
                        step.Variant % 7 == 0 ? " " : "Komplettera analysen.", Mint(CycleLink.ForUnit(Cycle.Id, unit.Id)), now), "SendBack");
                    break;
                case Op.Extend:
                    var from = Later(Cycle.DeadlineFor(unit.Id), StockholmTime.LocalDate(now));
                    var day = (step.Variant % 6) switch
                    {
                        0 => Cycle.DeadlineFor(unit.Id).AddDays(-1),
                        1 => from.AddDays(step.Pick % 9),
                        _ => SwedishCalendar.AddWorkingDays(from, 1 + (step.Pick % 6)),
                    };
                    ApplyCycle(new ExtendDeadline(step.Variant % 3 == 0 ? null : unit.Id, day, now), "Extend");
                    break;
                case Op.RemindNow:
                    var only = step.Variant % 2 == 0 ? unit.Id : null;
                    var links = ReminderPlan.LinksForRemindNow(cycle, only, Progress(), now).Select(Mint).ToList();
                    ApplyCycle(new RemindNow(only, Progress(), links, now), "RemindNow");
                    break;
                case Op.Tick:
                    if (step.Variant % 3 != 0 && ReportCycleDecider.NextWakeUp(cycle, now, Progress()) is { } wakeUp && wakeUp > now)
                        now = wakeUp;
                    Tick();
                    break;
                case Op.Close:
                    var missing = Progress().Any(p => p.Phase != UnitPhase.Approved);
                    var closed = ApplyCycle(new CloseCycle(Progress(), step.Variant % 2 == 0, "Eva Holm", now), "Close");
                    if (closed.Events.Count > 0)
                        tally.Add(missing ? "CloseWithMissing" : "CloseAllApproved");
                    break;
                case Op.Compile:
                    if (cycle is ReportCycleState.Closed { Cycle: var c } && c.CompilationsRequested > c.Compilations.Count)
                        ApplyCycle(new RecordCompilation(c.Compilations.Count + 1, $"v{c.Compilations.Count + 1}.docx", $"v{c.Compilations.Count + 1}.xlsx", now), "Compile");
                    else
                        ApplyCycle(new RequestCompilation(now), "Compile");
                    break;
                case Op.Wait:
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(step));
            }
        }

        private void Tick()
        {
            var links = ReminderPlan.LinksForTick(cycle, now, Progress()).Select(Mint).ToList();
            var decision = ApplyCycle(new Tick(Progress(), links, now), "Tick");
            Assert.False(decision.IsRefused);
            var next = ReportCycleDecider.NextWakeUp(cycle, now, Progress());
            // A closed cycle waiting for a compiled version is due at once, for the compile activity rather than the tick
            // (the orchestration compiles in the same turn); every other wake-up must lie ahead of the tick.
            var compiling = cycle is ReportCycleState.Closed { Cycle.PendingCompilation: not null };
            if (decision.Effects.OfType<MailReminder>().Count() < ReminderPlan.MaxPeoplePerDecision && !compiling)
                Assert.True(next is null || next > now, $"After a tick at {now} the cycle asks to be woken at {next}: the timer would spin.");
            if (decision.Events.OfType<RemindersSent>().Any())
                Assert.True(ReminderPlan.InSendingWindow(now), $"The timer reminded at {now}, outside 09–17 on a working day.");
        }

        private CycleDecision ApplyCycle(ReportCycleCommand command, string what)
        {
            var before = cycle;
            var progress = Progress();
            var decision = ReportCycleDecider.Decide(command, before);
            CheckRefusal(decision.Refusal, decision.Events.Count + decision.Effects.Count);
            Assert.True(decision.Events.Count + decision.Effects.Count + 1 <= 90, "A decision outgrew one Table transaction.");
            cycle = decision.Events.Aggregate(before, ReportCycleDecider.Evolve);
            cycleHistory.AddRange(decision.Events);
            if (decision.Events.Count > 0)
            {
                tally.Add(what);
                Assert.Equal(Json(cycle), Json(ReportCycleDecider.Fold(cycleHistory)));
            }

            foreach (var sent in decision.Events.OfType<RemindersSent>())
                CheckReminders(before.CycleOrNull!, sent, progress, decision.Effects.OfType<MailReminder>().ToList());
            return decision;
        }

        private void CheckReminders(ReportCycle before, RemindersSent sent, IReadOnlyList<UnitProgress> progress, List<MailReminder> mails)
        {
            var today = StockholmTime.LocalDate(sent.At);
            foreach (var mail in mails)
            {
                Assert.True(remindedOn.Add((mail.To.Email.ToUpperInvariant(), today)), $"{mail.To.Email} got a second reminder mail on {today}.");
                if (mail.Units.Count > 1)
                    tally.Add("Digest");
            }

            foreach (var r in sent.Units)
            {
                Assert.True(ReminderPlan.AwaitsManager(progress.Single(p => p.UnitId == r.UnitId).Phase), $"{r.UnitId} was reminded though it awaits nobody.");
                credentials.Add(new(CycleLink.ForUnit(before.Id, r.UnitId), r.TokenHash));
                if (r.Kind != UnitReminderKind.Late)
                    continue;
                var key = (r.UnitId, before.DeadlineFor(r.UnitId));
                lateReminders[key] = lateReminders.GetValueOrDefault(key) + 1;
                Assert.True(lateReminders[key] <= ReminderPlan.LateReminderCap, $"{r.UnitId} got more than {ReminderPlan.LateReminderCap} late reminders for one deadline.");
                Assert.True(today > key.Item2, $"{r.UnitId} got a late reminder on {today}, before its deadline {key.Item2}.");
                tally.Add("LateReminder");
                if (lateReminders[key] == ReminderPlan.LateReminderCap)
                    tally.Add("LateCapReached");
            }

            foreach (var d in sent.Departments)
            {
                credentials.Add(new(CycleLink.ForDepartment(before.Id, d.Department), d.TokenHash));
                tally.Add("Escalation");
                foreach (var unitId in d.EscalatedUnitIds)
                {
                    var key = (unitId, before.DeadlineFor(unitId));
                    escalations[key] = escalations.GetValueOrDefault(key) + 1;
                    Assert.True(escalations[key] <= ReminderPlan.EscalationCap, $"{unitId} was escalated more than {ReminderPlan.EscalationCap} times for one deadline.");
                    Assert.True(ReminderPlan.WorkingDaysLate(key.Item2, today) >= ReminderPlan.EscalateAfterWorkingDaysLate, $"{unitId} was escalated on {today}, too soon after {key.Item2}.");
                }
            }
        }

        private UnitDecision ApplyUnit(UnitCommand command, string what)
        {
            var before = unitStates[command.UnitId];
            var decision = UnitReportDecider.Decide(command, before, cycle, structure);
            CheckRefusal(decision.Refusal, decision.Events.Count + decision.Effects.Count);
            var after = decision.Events.Aggregate(before, UnitReportDecider.Evolve);
            unitStates[command.UnitId] = after;
            unitHistory[command.UnitId].AddRange(decision.Events);

            // A closed cycle accepts no unit change.
            if (cycle is ReportCycleState.Closed)
            {
                Assert.Empty(decision.Events);
                if (decision.Refusal?.Reason == CycleRefusalReason.Closed)
                    tally.Add("UnitRefusedClosed");
            }

            // Approved units never change.
            if (before is UnitReportState.Approved approved)
            {
                Assert.Empty(decision.Events);
                Assert.Equal(Json(approved), Json(after));
            }

            // Versions go up one at a time, never down.
            var version = before.ReportOrNull?.Version ?? 0;
            foreach (var saved in decision.Events.OfType<DraftSaved>())
                Assert.Equal(++version, saved.Version);
            Assert.Equal(version, after.ReportOrNull?.Version ?? 0);

            if (decision.Events.Count > 0)
            {
                tally.Add(what);
                Assert.Equal(Json(after), Json(UnitReportDecider.Fold(unitHistory[command.UnitId])));
            }

            if (decision.Refusal?.Reason == CycleRefusalReason.Stale)
                tally.Add("Stale");
            if (decision.Refusal?.Reason == CycleRefusalReason.WrongScope)
                tally.Add("WrongScope");
            foreach (var e in decision.Events)
            {
                var unit = after.ReportOrNull!.Unit;
                switch (e)
                {
                    case UnitOpened o:
                        credentials.Add(new(CycleLink.ForUnit(Cycle.Id, unit.Id), o.RequestLinkHash));
                        break;
                    case UnitSentBack s:
                        credentials.Add(new(CycleLink.ForUnit(Cycle.Id, unit.Id), s.ManagerLinkHash));
                        break;
                    case UnitMarkedReady m:
                        credentials.Add(new(CycleLink.ForDepartment(Cycle.Id, unit.Department), m.DepartmentLinkHash));
                        break;
                }
            }

            return decision;
        }

        /// <summary>A refused command stores nothing and sends nothing, and says why in Swedish.</summary>
        private static void CheckRefusal(CycleRefusal? refusal, int eventsAndEffects)
        {
            if (refusal is null)
                return;
            Assert.Equal(0, eventsAndEffects);
            Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        }

        /// <summary>Mostly a link of the right unit or department; sometimes another unit's, the other role's, or a guess.</summary>
        private LinkCredential ChooseCredential(ReportingUnit unit, LinkHolder holder, Step step)
        {
            var scope = holder == LinkHolder.UnitManager ? unit.Id : unit.Department;
            var own = credentials.Where(c => c.Link.Holder == holder && c.Link.Scope == scope).ToList();
            return (step.Variant % 10) switch
            {
                0 => new LinkCredential(new CycleLink(Cycle.Id, holder, scope), "hash-guessed"),
                1 when credentials.Count > 0 => credentials[step.Pick % credentials.Count],
                _ when own.Count > 0 => own[step.Pick % own.Count],
                _ => new LinkCredential(new CycleLink(Cycle.Id, holder, scope), "hash-none"),
            };
        }

        private static int BasedOn(UnitReport? report, Step step) =>
            report is null ? 0 : step.Variant % 6 == 0 ? Math.Max(0, report.Version - 1) : report.Version;

        private static UnitInput Input(Step step) => (step.Variant % 9) switch
        {
            0 => UnitInput.Empty with { Indicators = [new IndicatorOutcome("i-trygg", 112m, null, null, null)] },
            1 or 2 => ExampleCycle.CompleteInput($"Analys {step.Pick % 4}"),
            _ => ExampleCycle.DraftInput($"Utkast {step.Pick % 4}"),
        };

        private List<UnitProgress> Progress() => [.. units.Where(u => unitStates[u.Id] is not UnitReportState.NotOpened).Select(u => new UnitProgress(u.Id, unitStates[u.Id].Phase))];

        private ScopedLink Mint(CycleLink link)
        {
            var n = ++counter;
            return new ScopedLink(link, $"token-{n}", $"hash-{n}");
        }

        private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

        private static string Json(object value) => JsonSerializer.Serialize(value, value.GetType(), ReportCycles.Json.Options);
    }
}

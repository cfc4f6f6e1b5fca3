using System.Collections.Immutable;
using System.Globalization;
using Justera.Core.Calendar;
using Justera.Core.JusteringRounds;
using Justera.Core.Links;
using static Justera.Core.ReportCycles.ReportCycleState;

namespace Justera.Core.ReportCycles;

/// <summary>
/// The report cycle's own stream as a pure state machine: the secretary's actions and the cycle's timer. Units'
/// reports are decided in their own streams (<see cref="UnitReportDecider"/>); what the cycle needs to know of them
/// arrives on the command as <see cref="UnitProgress"/>, read by the caller in one query. No clock, randomness or I/O.
/// </summary>
public static class ReportCycleDecider
{
    public const int MaxUnits = 1000;
    public const decimal MaxDeviationThreshold = 1000m;
    public const int MaxReasonLength = 1000;
    public const int MaxFormKeyLength = 100;

    public static ReportCycleState Initial { get; } = new NotStarted();

    public static CycleDecision Decide(ReportCycleCommand command, ReportCycleState state) => (command, state) switch
    {
        (StartCycle c, NotStarted) => Start(c),
        // The same form submitted again (a retry, a double click) is the start already made.
        (StartCycle c, _) when state.CycleOrNull!.StartFormKey == c.FormKey => CycleDecision.Nothing,
        (StartCycle c, _) => CycleDecision.Refuse(CycleRefusalReason.AlreadyStarted,
            $"Det finns redan en rapportcykel för {ReportCycleIds.Describe(c.Period, c.Year)}. Samma period kan bara startas en gång."),
        (_, NotStarted) => CycleDecision.Refuse(CycleRefusalReason.NotFound, "Rapportcykeln finns inte."),

        (ReportDeliveryFailure c, _) => DeliveryFailure(c, state.CycleOrNull!),
        (ExtendDeadline c, Open o) => Extend(c, o.Cycle),
        (RemindNow c, Open o) => Remind(c, o.Cycle),
        (Tick c, Open o) => TimePasses(c, o.Cycle),
        (Tick, Closed) => CycleDecision.Nothing,
        (CloseCycle c, Open o) => Close(c, o.Cycle),
        (CloseCycle, Closed) => CycleDecision.Nothing,

        (RequestCompilation c, Closed x) => new([new CompilationRequested(x.Cycle.CompilationsRequested + 1, c.At)],
            [new CompileReport(x.Cycle.CompilationsRequested + 1)]),
        (RecordCompilation c, Closed x) => Compiled(c, x.Cycle),
        (ReportCompilationFailure c, Closed x) => CompilationFailure(c, x.Cycle),
        (LinkJusteringRound c, Closed x) => LinkRound(c, x.Cycle),
        (RequestCompilation or RecordCompilation or ReportCompilationFailure or LinkJusteringRound, Open) =>
            CycleDecision.Refuse(CycleRefusalReason.WrongPhase, "Rapporten sammanställs först när perioden är stängd. Stäng perioden när enheterna är godkända."),

        (_, Closed) => CycleDecision.Refuse(CycleRefusalReason.Closed, "Perioden är stängd. Inget kan längre ändras i den."),
        _ => CycleDecision.Refuse(CycleRefusalReason.WrongPhase, "Det går inte att göra det i rapportcykelns nuvarande läge."),
    };

    public static ReportCycleState Evolve(ReportCycleState state, ReportCycleEvent @event) => (state, @event) switch
    {
        (NotStarted, CycleStarted e) => new Open(new ReportCycle(
            e.CycleId, e.Period, e.Year, e.StructureHash, e.Deadline, e.DeviationThreshold, e.Secretary, [.. e.Units], e.FormKey, e.At,
            e.Units.ToImmutableDictionary(u => u.Id, _ => UnitSchedule.For(e.Deadline), StringComparer.Ordinal),
            ImmutableDictionary.Create<string, DateOnly>(StringComparer.Ordinal),
            ImmutableDictionary.Create<string, ImmutableList<string>>(StringComparer.Ordinal),
            ImmutableDictionary.Create<string, ImmutableList<string>>(StringComparer.Ordinal),
            DeadlineNoticeDone: false, CompilationsRequested: 0, [], null, null, [])),
        (Open o, DeadlineExtended e) => new Open(Extended(o.Cycle, e)),
        (Open o, RemindersSent e) => new Open(Reminded(o.Cycle, e)),
        (Open o, DeadlinePassed) => new Open(o.Cycle with { DeadlineNoticeDone = true }),
        (Open o, CycleClosed e) => new Closed(o.Cycle, [.. e.MissingUnitIds], e.ClosedBy, e.At),
        (Closed x, CompilationRequested e) => x with { Cycle = x.Cycle with { CompilationsRequested = e.Number } },
        (Closed x, CompilationRecorded e) => x with
        {
            Cycle = x.Cycle with
            {
                Compilations = x.Cycle.Compilations.Add(new CompiledReportVersion(e.Number, e.DocxBlobName, e.XlsxBlobName, e.At)),
                CompilationFailure = x.Cycle.CompilationFailure?.Number == e.Number ? null : x.Cycle.CompilationFailure,
            },
        },
        (Closed x, CompilationFailed e) => x with { Cycle = x.Cycle with { CompilationFailure = new(e.Number, e.Reason, e.At) } },
        (Closed x, JusteringRoundLinked e) => x with { Cycle = x.Cycle with { JusteringRoundId = e.RoundId } },
        (Open o, CycleDeliveryFailed e) => new Open(Failed(o.Cycle, e)),
        (Closed x, CycleDeliveryFailed e) => x with { Cycle = Failed(x.Cycle, e) },
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {state.GetType().Name}: the stream is corrupt."),
    };

    public static ReportCycleState Fold(IEnumerable<ReportCycleEvent> events) => events.Aggregate(Initial, Evolve);

    /// <summary>
    /// When the cycle next wants its timer (<see cref="ReminderPlan.Next"/>); null when closed or nothing is pending.
    /// <paramref name="progress"/> is what the caller's last tick read; without it every unit counts as awaiting its manager.
    /// </summary>
    public static DateTimeOffset? NextWakeUp(ReportCycleState state, DateTimeOffset now, IReadOnlyList<UnitProgress>? progress = null) => state switch
    {
        Open { Cycle: var cycle } => ReminderPlan.Next(cycle, now, progress),
        // A version asked for and not compiled yet is due at once: the wake-up index then holds the closed cycle, so
        // recovery finds it when the signal to its orchestration was lost (no mail is left to mark it in the outbox).
        Closed { Cycle.PendingCompilation: not null } => now,
        _ => null,
    };

    private static CycleDecision Start(StartCycle c)
    {
        var errors = CycleRules.Start(c);
        if (errors.Count > 0)
            return CycleDecision.Refuse(CycleRefusal.InvalidFields(errors));
        return new([new CycleStarted(ReportCycleIds.For(c.Period, c.Year), c.Period, c.Year, c.StructureHash.Trim(), c.Deadline,
            c.DeviationThreshold, c.Secretary, [.. c.Units], c.FormKey, c.At)], []);
    }

    private static CycleDecision Extend(ExtendDeadline c, ReportCycle cycle)
    {
        var current = c.UnitId is null ? cycle.Deadline : cycle.DeadlineFor(c.UnitId);
        if (c.UnitId is not null && cycle.Find(c.UnitId) is null)
            return CycleDecision.Invalid("unitId", "Enheten ingår inte i rapportcykeln.");
        if (c.NewDeadline == current)
            return CycleDecision.Nothing;
        var errors = CycleRules.Deadline(c.NewDeadline, c.At, "newDeadline");
        if (errors.Count == 0 && c.NewDeadline < current)
            errors.Add(new("newDeadline", $"Den nya sista dagen måste vara senare än den nuvarande, {SwedishDate(current)}."));
        return errors.Count > 0
            ? CycleDecision.Refuse(CycleRefusal.InvalidFields(errors))
            : new([new DeadlineExtended(c.UnitId, c.NewDeadline, c.At)], []);
    }

    private static CycleDecision Remind(RemindNow c, ReportCycle cycle)
    {
        if (c.UnitId is not null)
        {
            var unit = cycle.Find(c.UnitId);
            if (unit is null)
                return CycleDecision.Invalid("unitId", "Enheten ingår inte i rapportcykeln.");
            var phase = ReminderPlan.PhaseOf(ReminderPlan.Phases(c.Progress), unit.Id);
            if (!ReminderPlan.AwaitsManager(phase))
                return CycleDecision.Refuse(CycleRefusalReason.WrongPhase, phase switch
                {
                    UnitPhase.NotOpened => $"{unit.Name} har inte fått sin förfrågan ännu. Försök igen om en stund.",
                    UnitPhase.Approved => $"{unit.Name} är redan godkänd.",
                    _ => $"{unit.Name} har redan klarmarkerat sin rapport.",
                });
            if (ReminderPlan.MailedOn(cycle, unit.Manager, StockholmTime.LocalDate(c.At)))
                return CycleDecision.Refuse(CycleRefusalReason.WrongPhase, $"{unit.Manager.Name} har redan fått en påminnelse i dag. Nästa kan skickas i morgon.");
        }

        var units = ReminderPlan.ForRemindNow(cycle, c.UnitId, c.Progress, c.At);
        if (units.Count == 0)
            return CycleDecision.Refuse(CycleRefusalReason.WrongPhase, "Det finns ingen att påminna just nu: alla enheter är klara eller har redan fått en påminnelse i dag.");
        return Send(cycle, [.. units.Select(u => new DueReminder(u, UnitReminderKind.Manual))], [], c.FreshLinks, c.At);
    }

    private static CycleDecision TimePasses(Tick c, ReportCycle cycle)
    {
        var today = StockholmTime.LocalDate(c.At);
        var events = new List<ReportCycleEvent>();
        var effects = new List<ReportCycleEffect>();
        var phases = ReminderPlan.Phases(c.Progress);
        if (!cycle.DeadlineNoticeDone && today > cycle.Deadline && ReminderPlan.InSendingWindow(c.At))
        {
            var late = cycle.Units
                .Where(u => ReminderPlan.AwaitsManager(ReminderPlan.PhaseOf(phases, u.Id)) && today > cycle.DeadlineFor(u.Id))
                .ToList();
            events.Add(new DeadlinePassed([.. late.Select(u => u.Id)], c.At));
            if (late.Count > 0)
                effects.Add(new NotifyCycleSecretary(cycle.Secretary, CycleNotice.DeadlinePassed, [.. late.Select(u => u.Name)]));
        }

        var due = ReminderPlan.DueAt(cycle, c.At, c.Progress);
        if (!due.IsEmpty)
        {
            var sent = Send(cycle, due.Reminders, due.Escalations, c.FreshLinks, c.At);
            events.AddRange(sent.Events);
            effects.AddRange(sent.Effects);
        }

        return events.Count == 0 ? CycleDecision.Nothing : new(events, effects);
    }

    /// <summary>One mail per person: the units they manage that are due, and the late units of the departments they head.</summary>
    private static CycleDecision Send(ReportCycle cycle, IReadOnlyList<DueReminder> reminders, IReadOnlyList<DueEscalation> escalations,
        IReadOnlyList<ScopedLink> fresh, DateTimeOffset at)
    {
        var today = StockholmTime.LocalDate(at);
        var unitLinks = reminders.Select(r => (Reminder: r, Link: Take(fresh, CycleLink.ForUnit(cycle.Id, r.Unit.Id)))).ToList();
        var departmentLinks = escalations.Select(e => (Escalation: e, Link: Take(fresh, CycleLink.ForDepartment(cycle.Id, e.Department)))).ToList();

        var people = new List<Person>();
        var lines = new Dictionary<string, (List<ReminderLine> Units, List<EscalationLine> Departments)>(StringComparer.Ordinal);
        (List<ReminderLine> Units, List<EscalationLine> Departments) For(Person p)
        {
            var key = ReportCycle.PersonKey(p);
            if (!lines.TryGetValue(key, out var l))
            {
                lines[key] = l = ([], []);
                people.Add(p);
            }

            return l;
        }

        foreach (var (r, link) in unitLinks)
            For(r.Unit.Manager).Units.Add(new ReminderLine(r.Unit.Id, r.Unit.Name, r.Kind, cycle.DeadlineFor(r.Unit.Id), link.Token));
        foreach (var (e, link) in departmentLinks)
        {
            For(e.Head).Departments.Add(new EscalationLine(e.Department,
                [.. e.LateUnits.Select(u => new LateUnitLine(u.Id, u.Name, u.Manager.Name, cycle.DeadlineFor(u.Id),
                    ReminderPlan.WorkingDaysLate(cycle.DeadlineFor(u.Id), today)))],
                link.Token));
        }

        var sent = new RemindersSent(
            [.. unitLinks.Select(x => new UnitReminded(x.Reminder.Unit.Id, x.Reminder.Kind, x.Link.TokenHash))],
            [.. departmentLinks.Select(x => new DepartmentEscalated(x.Escalation.Department, [.. x.Escalation.LateUnits.Select(u => u.Id)],
                x.Escalation.EscalatedUnitIds, x.Link.TokenHash))],
            at);
        return new([sent], [.. people.Select(p => new MailReminder(p, lines[ReportCycle.PersonKey(p)].Units, lines[ReportCycle.PersonKey(p)].Departments))]);
    }

    private static ScopedLink Take(IReadOnlyList<ScopedLink> fresh, CycleLink wanted) =>
        fresh.FirstOrDefault(l => l.For == wanted)
        ?? throw new ArgumentException($"No fresh link for {wanted.Holder} {wanted.Scope} came with the command; mint those ReminderPlan asks for.", nameof(fresh));

    private static CycleDecision Close(CloseCycle c, ReportCycle cycle)
    {
        if (string.IsNullOrWhiteSpace(c.ClosedBy))
            return CycleDecision.Invalid("closedBy", "Ange vem som stänger perioden.");
        var phases = ReminderPlan.Phases(c.Progress);
        var missing = cycle.Units.Where(u => ReminderPlan.PhaseOf(phases, u.Id) != UnitPhase.Approved).ToList();
        if (missing.Count > 0 && !c.ConfirmedMissing)
        {
            var names = string.Join(", ", missing.Take(10).Select(u => u.Name)) + (missing.Count > 10 ? $" och {missing.Count - 10} till" : "");
            return CycleDecision.Refuse(CycleRefusalReason.ConfirmationRequired,
                $"{Count(missing.Count)} av {cycle.Units.Count} enheter är inte godkända: {names}. Bekräfta att perioden stängs utan dem; de redovisas som saknade i rapporten.");
        }

        return new(
            [new CycleClosed([.. missing.Select(u => u.Id)], c.ClosedBy.Trim(), c.At), new CompilationRequested(cycle.CompilationsRequested + 1, c.At)],
            [new NotifyCycleSecretary(cycle.Secretary, CycleNotice.Closed, [.. missing.Select(u => u.Name)]), new CompileReport(cycle.CompilationsRequested + 1)]);
    }

    private static CycleDecision Compiled(RecordCompilation c, ReportCycle cycle)
    {
        if (cycle.Compilations.Find(x => x.Number == c.Number) is { } stored)
        {
            // The compile activity may run twice: the first stored version stands.
            return stored.DocxBlobName == c.DocxBlobName && stored.XlsxBlobName == c.XlsxBlobName
                ? CycleDecision.Nothing
                : CycleDecision.Refuse(CycleRefusalReason.WrongPhase, $"Version {c.Number} av rapporten är redan sparad. Den först sparade gäller.");
        }

        if (c.Number < 1 || c.Number > cycle.CompilationsRequested)
            return CycleDecision.Invalid("number", "Ingen sammanställning med det numret har begärts.");
        if (string.IsNullOrWhiteSpace(c.DocxBlobName))
            return CycleDecision.Invalid("docxBlobName", "Word-filens namn i lagringen saknas.");
        if (string.IsNullOrWhiteSpace(c.XlsxBlobName))
            return CycleDecision.Invalid("xlsxBlobName", "Excel-filens namn i lagringen saknas.");
        return new([new CompilationRecorded(c.Number, c.DocxBlobName, c.XlsxBlobName, c.At)], []);
    }

    private static CycleDecision CompilationFailure(ReportCompilationFailure c, ReportCycle cycle)
    {
        if (c.Number < 1 || c.Number > cycle.CompilationsRequested)
            return CycleDecision.Invalid("number", "Ingen sammanställning med det numret har begärts.");
        if (cycle.Compilations.Exists(x => x.Number == c.Number))
            return CycleDecision.Nothing; // A late failure report of a version that was stored after all.
        var reason = Bounded(c.Reason);
        // Retries usually fail the same way: the same reason again records nothing, and the secretary is told once per version.
        if (cycle.CompilationFailure is { } failure && failure.Number == c.Number && failure.Reason == reason)
            return CycleDecision.Nothing;
        var first = cycle.CompilationFailure?.Number != c.Number;
        return new([new CompilationFailed(c.Number, reason, c.At)],
            first ? [new NotifyCycleSecretary(cycle.Secretary, CycleNotice.CompilationFailed, [reason])] : []);
    }

    private static CycleDecision LinkRound(LinkJusteringRound c, ReportCycle cycle)
    {
        if (!PersonalLinks.IsRoundId(c.RoundId))
            return CycleDecision.Invalid("roundId", "Justeringsrundans id är inte giltigt.");
        if (cycle.JusteringRoundId == c.RoundId)
            return CycleDecision.Nothing;
        if (cycle.Compilations.Count == 0)
            return CycleDecision.Refuse(CycleRefusalReason.WrongPhase, "Sammanställ rapporten innan justeringen av FG-protokollet startas.");
        // A later round replaces an earlier one (say it was cancelled): the cycle page follows the latest.
        return new([new JusteringRoundLinked(c.RoundId, c.At)], []);
    }

    private static CycleDecision DeliveryFailure(ReportDeliveryFailure c, ReportCycle cycle)
    {
        if (cycle.DeliveryFailures.Exists(f => f.EffectId == c.EffectId))
            return CycleDecision.Nothing;
        // A failed notice to the secretary is shown on the cycle page; mailing her about it again would loop.
        var toSecretary = string.Equals(c.Recipient.Trim(), cycle.Secretary.Email.Trim(), StringComparison.OrdinalIgnoreCase);
        return new([new CycleDeliveryFailed(c.EffectId, c.Recipient, Bounded(c.Reason), c.At)],
            toSecretary ? [] : [new NotifyCycleSecretary(cycle.Secretary, CycleNotice.DeliveryFailed, [c.Recipient])]);
    }

    private static ReportCycle Extended(ReportCycle cycle, DeadlineExtended e)
    {
        if (e.UnitId is { } unitId)
            return cycle with { Schedules = cycle.Schedules.SetItem(unitId, Restarted(ReminderPlan.Schedule(cycle, unitId), e.Deadline)) };
        // Every unit's deadline becomes the new one, unless a unit already has a later one of its own.
        var schedules = cycle.Schedules.SetItems(cycle.Units
            .Select(u => (u.Id, Schedule: ReminderPlan.Schedule(cycle, u.Id)))
            .Where(x => x.Schedule.Deadline < e.Deadline)
            .Select(x => KeyValuePair.Create(x.Id, Restarted(x.Schedule, e.Deadline))));
        return cycle with { Deadline = e.Deadline, Schedules = schedules, DeadlineNoticeDone = false };
    }

    /// <summary>A new deadline starts its reminders over; the day's marks stay, so nobody gets a second mail today.</summary>
    private static UnitSchedule Restarted(UnitSchedule s, DateOnly deadline) =>
        UnitSchedule.For(deadline) with { LastRemindedOn = s.LastRemindedOn, LastEscalatedOn = s.LastEscalatedOn };

    private static ReportCycle Reminded(ReportCycle cycle, RemindersSent e)
    {
        var today = StockholmTime.LocalDate(e.At);
        var schedules = cycle.Schedules;
        var mailed = cycle.LastMailed;
        var unitLinks = cycle.UnitLinkHashes;
        var departmentLinks = cycle.DepartmentLinkHashes;
        foreach (var r in e.Units)
        {
            var unit = cycle.Find(r.UnitId)!;
            var s = ReminderPlan.Schedule(cycle, r.UnitId) with { LastRemindedOn = today };
            s = r.Kind switch
            {
                UnitReminderKind.BeforeDeadline => s with { BeforeSent = true },
                UnitReminderKind.DeadlineDay => s with { DeadlineDaySent = true },
                UnitReminderKind.Late => s with { LateReminders = s.LateReminders + 1 },
                _ => s,
            };
            schedules = schedules.SetItem(r.UnitId, s);
            mailed = mailed.SetItem(ReportCycle.PersonKey(unit.Manager), today);
            unitLinks = unitLinks.SetItem(r.UnitId, unitLinks.GetValueOrDefault(r.UnitId, []).Add(r.TokenHash));
        }

        foreach (var d in e.Departments)
        {
            foreach (var unitId in d.EscalatedUnitIds)
            {
                var s = schedules.TryGetValue(unitId, out var current) ? current : UnitSchedule.For(cycle.Deadline);
                schedules = schedules.SetItem(unitId, s with { Escalations = s.Escalations + 1, LastEscalatedOn = today });
            }

            var head = cycle.Find(d.LateUnitIds[0])!.DepartmentHead;
            mailed = mailed.SetItem(ReportCycle.PersonKey(head), today);
            departmentLinks = departmentLinks.SetItem(d.Department, departmentLinks.GetValueOrDefault(d.Department, []).Add(d.TokenHash));
        }

        return cycle with { Schedules = schedules, LastMailed = mailed, UnitLinkHashes = unitLinks, DepartmentLinkHashes = departmentLinks };
    }

    private static ReportCycle Failed(ReportCycle cycle, CycleDeliveryFailed e) =>
        cycle with { DeliveryFailures = cycle.DeliveryFailures.Add(new MailFailure(e.EffectId, e.Recipient, e.Reason, e.At)) };

    internal static string Bounded(string? reason)
    {
        var text = string.IsNullOrWhiteSpace(reason) ? "Okänt fel." : reason.Trim();
        return text.Length > MaxReasonLength ? text[..MaxReasonLength] : text;
    }

    internal static string SwedishDate(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("sv-SE"));

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}

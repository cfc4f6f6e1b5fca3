using Justera.Core.JusteringRounds;
using Justera.Core.Links;
using static Justera.Core.ReportCycles.UnitReportState;

namespace Justera.Core.ReportCycles;

/// <summary>
/// One unit's report as a pure state machine: opened by the cycle, filled in by its manager, approved or sent back by
/// its department head. Each decision writes only this unit's stream; what it needs of the cycle (closed or not,
/// the unit's deadline, the deviation threshold, the links the cycle's reminders minted) it reads from the cycle's
/// state, and the year structure arrives as an argument. No clock, randomness or I/O.
/// </summary>
public static class UnitReportDecider
{
    public const int MaxCommentLength = 4000;
    public const int MaxNameLength = 200;

    public static UnitReportState Initial { get; } = new NotOpened();

    public static UnitDecision Decide(UnitCommand command, UnitReportState state, ReportCycleState cycleState, YearStructure structure)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(cycleState);
        if (cycleState.CycleOrNull is not { } cycle)
            return UnitDecision.Refuse(CycleRefusalReason.NotFound, "Rapportcykeln finns inte.");
        if (command is ReportUnitDeliveryFailure failure)
            return state.ReportOrNull is { } opened ? DeliveryFailure(failure, opened, cycle) : UnitDecision.Refuse(CycleRefusalReason.NotFound, "Enhetens formulär är inte öppnat.");
        if (cycleState is ReportCycleState.Closed)
            return UnitDecision.Refuse(CycleRefusalReason.Closed, $"Perioden är stängd: {cycle.Name} tar inte emot fler ändringar. Kontakta förvaltningens handläggare om något behöver rättas.");
        if (cycle.Find(command.UnitId) is not { } unit)
            return UnitDecision.Refuse(CycleRefusalReason.NotFound, "Enheten ingår inte i rapportcykeln.");
        if (state.ReportOrNull is { } report && report.Unit.Id != command.UnitId)
            throw new ArgumentException($"The command is for unit {command.UnitId}, the stream is unit {report.Unit.Id}'s.", nameof(command));

        return (command, state) switch
        {
            (OpenUnit c, NotOpened) => Open(c, unit, cycle),
            (OpenUnit, _) => UnitDecision.Nothing,
            (_, NotOpened) => UnitDecision.Refuse(CycleRefusalReason.NotFound, "Enhetens formulär är inte öppnat ännu."),
            _ => Authorised(command, state.ReportOrNull!, cycle) ?? Decide(command, state, cycle, structure),
        };
    }

    private static UnitDecision Decide(UnitCommand command, UnitReportState state, ReportCycle cycle, YearStructure structure) => (command, state) switch
    {
        (SaveDraft c, Editing e) => Save(c, e.Report, cycle, structure),
        (MarkReady c, Editing e) => Ready(c, e.Report, cycle, structure),
        // Klarmarkera pressed twice: the first press already sent it.
        (MarkReady c, UnitReportState.Ready r) when UnitInputChanges.Same(c.Input, r.Report.Input, structure) => UnitDecision.Nothing,
        (SaveDraft or MarkReady, UnitReportState.Ready) => UnitDecision.Refuse(CycleRefusalReason.WrongPhase,
            "Rapporten är klarmarkerad och väntar på avdelningschefen. Be avdelningschefen skicka tillbaka den om något behöver ändras."),
        (SaveDraft or MarkReady, Approved) => UnitDecision.Refuse(CycleRefusalReason.WrongPhase, "Rapporten är godkänd och kan inte längre ändras."),

        (Approve c, UnitReportState.Ready r) => Approval(c, r.Report, cycle),
        (Approve c, Approved a) when a.Report.Version == c.Version => UnitDecision.Nothing,
        (Approve, Approved) => UnitDecision.Refuse(CycleRefusalReason.WrongPhase, "Rapporten är redan godkänd."),
        (SendBack c, UnitReportState.Ready r) => Return(c, r.Report, cycle),
        (SendBack c, Editing { Report.SentBack: { } note }) when note.Version == c.Version && note.Comment == c.Comment.Trim() => UnitDecision.Nothing,
        (SendBack, Approved) => UnitDecision.Refuse(CycleRefusalReason.WrongPhase, "Rapporten är redan godkänd och kan inte skickas tillbaka."),
        (Approve or SendBack, Editing) => UnitDecision.Refuse(CycleRefusalReason.WrongPhase, "Enheten har inte klarmarkerat sin rapport ännu."),
        _ => UnitDecision.Refuse(CycleRefusalReason.WrongPhase, "Det går inte att göra det i rapportens nuvarande läge."),
    };

    public static UnitReportState Evolve(UnitReportState state, UnitReportEvent @event) => (state, @event) switch
    {
        (NotOpened, UnitOpened e) => new Editing(new UnitReport(e.CycleId, e.Unit, 0, UnitInput.Empty, null, [e.RequestLinkHash], [], null, [])),
        (Editing x, DraftSaved e) => new Editing(x.Report with { Version = e.Version, Input = e.Input, SavedAt = e.At }),
        (Editing x, UnitMarkedReady e) => new UnitReportState.Ready(
            x.Report with { DepartmentLinkHashes = x.Report.DepartmentLinkHashes.Add(e.DepartmentLinkHash), SentBack = null }, e.At),
        (UnitReportState.Ready x, UnitApproved e) => new Approved(x.Report, e.ApprovedBy, e.At),
        (UnitReportState.Ready x, UnitSentBack e) => new Editing(x.Report with
        {
            SentBack = new SendBackNote(e.Version, e.Comment, e.SentBy, e.At),
            ManagerLinkHashes = x.Report.ManagerLinkHashes.Add(e.ManagerLinkHash),
        }),
        (Editing x, UnitDeliveryFailed e) => x with { Report = Failed(x.Report, e) },
        (UnitReportState.Ready x, UnitDeliveryFailed e) => x with { Report = Failed(x.Report, e) },
        (Approved x, UnitDeliveryFailed e) => x with { Report = Failed(x.Report, e) },
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {state.GetType().Name}: the stream is corrupt."),
    };

    public static UnitReportState Fold(IEnumerable<UnitReportEvent> events) => events.Aggregate(Initial, Evolve);

    /// <summary>
    /// Whether a link opens this unit's form (manager) or its review (department head): the token names the unit or the
    /// department, and its hash was minted by this unit's stream or by the cycle's reminders for the same scope. A real
    /// link for another unit or department is refused as such, so the page can say so.
    /// </summary>
    public static CycleRefusal? Check(LinkCredential by, LinkHolder holder, UnitReport report, ReportCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(cycle);
        if (by.Link.CycleId != cycle.Id)
            return CycleRefusal.Because(CycleRefusalReason.UnknownLink, "Länken gäller inte den här rapportperioden.");
        if (by.Link.Holder != holder)
        {
            return CycleRefusal.Because(CycleRefusalReason.WrongScope, holder == LinkHolder.UnitManager
                ? "Länken är avdelningschefens. Formuläret fylls i via enhetschefens länk."
                : "Bara avdelningschefen kan godkänna eller skicka tillbaka rapporten.");
        }

        var (scope, own) = holder == LinkHolder.UnitManager
            ? (report.Unit.Id, report.ManagerLinkHashes)
            : (report.Unit.Department, report.DepartmentLinkHashes);
        if (by.Link.Scope != scope)
        {
            return CycleRefusal.Because(CycleRefusalReason.WrongScope, holder == LinkHolder.UnitManager
                ? $"Länken gäller en annan enhet, inte {report.Unit.Name}. Använd länken i e-postmeddelandet om {report.Unit.Name}."
                : $"Länken gäller en annan avdelning, inte {report.Unit.Department}.");
        }

        return own.Contains(by.TokenHash) || cycle.Issued(by.Link, by.TokenHash)
            ? null
            : CycleRefusal.Because(CycleRefusalReason.UnknownLink, "Länken är inte giltig.");
    }

    private static UnitDecision? Authorised(UnitCommand command, UnitReport report, ReportCycle cycle)
    {
        var refusal = command switch
        {
            SaveDraft c => Check(c.By, LinkHolder.UnitManager, report, cycle),
            MarkReady c => Check(c.By, LinkHolder.UnitManager, report, cycle),
            Approve c => Check(c.By, LinkHolder.DepartmentHead, report, cycle),
            SendBack c => Check(c.By, LinkHolder.DepartmentHead, report, cycle),
            _ => null,
        };
        return refusal is null ? null : UnitDecision.Refuse(refusal);
    }

    private static UnitDecision Open(OpenUnit c, ReportingUnit unit, ReportCycle cycle)
    {
        Expect(c.RequestLink, CycleLink.ForUnit(cycle.Id, unit.Id));
        return new(
            [new UnitOpened(cycle.Id, unit, c.RequestLink.TokenHash, c.At)],
            [new MailUnitManager(UnitManagerMail.Request, unit.Manager, unit.Id, unit.Name, cycle.DeadlineFor(unit.Id), c.RequestLink.Token, null)]);
    }

    private static UnitDecision Save(SaveDraft c, UnitReport r, ReportCycle cycle, YearStructure structure)
    {
        if (Stale(c.Input, c.BasedOnVersion, r, structure) is { } stale)
            return stale;
        var errors = UnitInputRules.Check(c.Input, r.Unit.Id, structure, cycle.DeviationThreshold, complete: false);
        if (errors.Count > 0)
            return UnitDecision.Refuse(CycleRefusal.InvalidFields(errors));
        return UnitInputChanges.Same(c.Input, r.Input, structure)
            ? UnitDecision.Nothing
            : new([new DraftSaved(r.Version + 1, c.Input, c.At)], []);
    }

    private static UnitDecision Ready(MarkReady c, UnitReport r, ReportCycle cycle, YearStructure structure)
    {
        if (Stale(c.Input, c.BasedOnVersion, r, structure) is { } stale)
            return stale;
        var errors = UnitInputRules.Check(c.Input, r.Unit.Id, structure, cycle.DeviationThreshold, complete: true);
        if (errors.Count > 0)
            return UnitDecision.Refuse(CycleRefusal.InvalidFields(errors));
        Expect(c.DepartmentLink, CycleLink.ForDepartment(cycle.Id, r.Unit.Department));
        var changed = !UnitInputChanges.Same(c.Input, r.Input, structure);
        var version = changed ? r.Version + 1 : r.Version;
        List<UnitReportEvent> events = changed ? [new DraftSaved(version, c.Input, c.At)] : [];
        events.Add(new UnitMarkedReady(version, c.DepartmentLink.TokenHash, c.At));
        return new(events, [new MailDepartmentHead(r.Unit.DepartmentHead, r.Unit.Department, r.Unit.Id, r.Unit.Name, c.DepartmentLink.Token)]);
    }

    /// <summary>
    /// A form opened at an older version than the stored one would overwrite someone's save: refused, listing what
    /// differs. The very same save arriving twice (a retry after a lost answer) is the save already made.
    /// </summary>
    private static UnitDecision? Stale(UnitInput input, int basedOn, UnitReport r, YearStructure structure)
    {
        if (basedOn == r.Version)
            return null;
        if (basedOn > r.Version || basedOn < 0)
            return UnitDecision.Invalid("basedOnVersion", "Formulärets version finns inte. Ladda om sidan.");
        var changes = UnitInputChanges.Between(input, r.Input, structure);
        if (basedOn == r.Version - 1 && changes.Count == 0)
            return UnitDecision.Nothing;
        var saved = r.SavedAt is { } at ? $" {Calendar.StockholmTime.ToStockholm(at).ToString("d MMMM 'kl.' HH.mm", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"))}" : "";
        return UnitDecision.Refuse(new CycleRefusal(CycleRefusalReason.Stale,
            $"Rapporten har sparats igen{saved} sedan du öppnade den (nu version {r.Version}). Ladda om formuläret och för in dina ändringar på nytt.",
            [.. changes.Select(x => new FieldError(x.Field, x.Message))]));
    }

    private static UnitDecision Approval(Approve c, UnitReport r, ReportCycle cycle)
    {
        if (c.Version != r.Version)
            return UnitDecision.Refuse(CycleRefusalReason.Stale, "Rapporten har ändrats sedan du läste den. Läs den nya versionen innan du godkänner.");
        if (string.IsNullOrWhiteSpace(c.ApprovedBy) || c.ApprovedBy.Length > MaxNameLength)
            return UnitDecision.Invalid("approvedBy", "Ange ditt namn.");
        return new([new UnitApproved(r.Version, c.ApprovedBy.Trim(), c.At)],
            [new MailUnitManager(UnitManagerMail.Approved, r.Unit.Manager, r.Unit.Id, r.Unit.Name, cycle.DeadlineFor(r.Unit.Id), null, null)]);
    }

    private static UnitDecision Return(SendBack c, UnitReport r, ReportCycle cycle)
    {
        if (c.Version != r.Version)
            return UnitDecision.Refuse(CycleRefusalReason.Stale, "Rapporten har ändrats sedan du läste den. Läs den nya versionen först.");
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(c.Comment))
            errors.Add(new("comment", "Skriv vad enhetschefen behöver ändra."));
        else if (c.Comment.Trim().Length > MaxCommentLength)
            errors.Add(new("comment", $"Kommentaren får vara högst {MaxCommentLength} tecken."));
        if (string.IsNullOrWhiteSpace(c.SentBy) || c.SentBy.Length > MaxNameLength)
            errors.Add(new("sentBy", "Ange ditt namn."));
        if (errors.Count > 0)
            return UnitDecision.Refuse(CycleRefusal.InvalidFields(errors));
        Expect(c.ManagerLink, CycleLink.ForUnit(cycle.Id, r.Unit.Id));
        var comment = c.Comment.Trim();
        return new([new UnitSentBack(r.Version, comment, c.SentBy.Trim(), c.ManagerLink.TokenHash, c.At)],
            [new MailUnitManager(UnitManagerMail.SentBack, r.Unit.Manager, r.Unit.Id, r.Unit.Name, cycle.DeadlineFor(r.Unit.Id), c.ManagerLink.Token, comment)]);
    }

    private static UnitDecision DeliveryFailure(ReportUnitDeliveryFailure c, UnitReport r, ReportCycle cycle)
    {
        if (r.DeliveryFailures.Exists(f => f.EffectId == c.EffectId))
            return UnitDecision.Nothing;
        // A notice that could not reach the secretary is not announced to the secretary again: that would be a new
        // mail to the same failing address at every round of retries, for as long as the mail server refuses.
        var toSecretary = string.Equals(c.Recipient.Trim(), cycle.Secretary.Email.Trim(), StringComparison.OrdinalIgnoreCase);
        return new([new UnitDeliveryFailed(c.EffectId, c.Recipient, ReportCycleDecider.Bounded(c.Reason), c.At)],
            toSecretary ? [] : [new NotifyCycleSecretary(cycle.Secretary, CycleNotice.DeliveryFailed, [$"{c.Recipient} ({r.Unit.Name})"])]);
    }

    private static void Expect(ScopedLink link, CycleLink wanted)
    {
        if (link.For != wanted)
            throw new ArgumentException($"The fresh link is for {link.For}, the decision needs one for {wanted}.", nameof(link));
    }

    private static UnitReport Failed(UnitReport r, UnitDeliveryFailed e) =>
        r with { DeliveryFailures = r.DeliveryFailures.Add(new MailFailure(e.EffectId, e.Recipient, e.Reason, e.At)) };
}

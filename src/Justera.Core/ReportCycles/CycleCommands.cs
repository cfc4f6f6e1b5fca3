using Justera.Core.Links;

namespace Justera.Core.ReportCycles;

/// <summary>Something the secretary or the clock asks of a report cycle; time and fresh links come in with it.</summary>
public abstract record ReportCycleCommand(DateTimeOffset At);

/// <summary>
/// Starts the cycle for a period and year with the chosen units. The year structure comes with the command to be
/// checked against; only <paramref name="StructureHash"/> is stored. Opening the units' streams (their request
/// mails) follows as one <see cref="OpenUnit"/> per unit, so no decision outgrows one Table transaction.
/// </summary>
public sealed record StartCycle(
    ReportPeriod Period,
    int Year,
    DateOnly Deadline,
    decimal DeviationThreshold,
    IReadOnlyList<ReportingUnit> Units,
    YearStructure Structure,
    string StructureHash,
    Person Secretary,
    string FormKey,
    DateTimeOffset At) : ReportCycleCommand(At);

/// <summary>Moves the deadline of one unit, or of the whole cycle when <paramref name="UnitId"/> is null, to a later working day.</summary>
public sealed record ExtendDeadline(string? UnitId, DateOnly NewDeadline, DateTimeOffset At) : ReportCycleCommand(At);

/// <summary>
/// Reminds now: one unit's manager, or when <paramref name="UnitId"/> is null every manager of a unit not yet ready.
/// <paramref name="FreshLinks"/> holds a link per unit that may be reminded (<see cref="ReminderPlan.LinksForRemindNow"/>).
/// </summary>
public sealed record RemindNow(string? UnitId, IReadOnlyList<UnitProgress> Progress, IReadOnlyList<ScopedLink> FreshLinks, DateTimeOffset At)
    : ReportCycleCommand(At);

/// <summary>
/// The cycle's timer: sends due reminders, digests and escalations and notices the deadline. <paramref name="Progress"/>
/// is every unit's phase, read by the caller in one query; <paramref name="FreshLinks"/> the links
/// <see cref="ReminderPlan.LinksForTick"/> asked for.
/// </summary>
public sealed record Tick(IReadOnlyList<UnitProgress> Progress, IReadOnlyList<ScopedLink> FreshLinks, DateTimeOffset At) : ReportCycleCommand(At);

/// <summary>
/// Closes the cycle: no unit may change afterwards. With units not approved it needs <paramref name="ConfirmedMissing"/>
/// (the secretary confirmed closing without them); they are recorded as missing.
/// </summary>
public sealed record CloseCycle(IReadOnlyList<UnitProgress> Progress, bool ConfirmedMissing, string ClosedBy, DateTimeOffset At) : ReportCycleCommand(At);

/// <summary>Asks for another compiled version of the closed cycle's report (the first is asked for by the close).</summary>
public sealed record RequestCompilation(DateTimeOffset At) : ReportCycleCommand(At);

/// <summary>A compiled version is stored write-once: its number and blob names.</summary>
public sealed record RecordCompilation(int Number, string DocxBlobName, string XlsxBlobName, DateTimeOffset At) : ReportCycleCommand(At);

/// <summary>Compiling a version failed after its retries; the cycle page shows why.</summary>
public sealed record ReportCompilationFailure(int Number, string Reason, DateTimeOffset At) : ReportCycleCommand(At);

/// <summary>The hand-over: the justering round the secretary started for the FG meeting's protocol.</summary>
public sealed record LinkJusteringRound(string RoundId, DateTimeOffset At) : ReportCycleCommand(At);

/// <summary>An e-mail of the cycle stream failed after its last retry.</summary>
public sealed record ReportDeliveryFailure(string EffectId, string Recipient, string Reason, DateTimeOffset At) : ReportCycleCommand(At);

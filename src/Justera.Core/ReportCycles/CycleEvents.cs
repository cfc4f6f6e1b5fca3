using System.Text.Json.Serialization;

namespace Justera.Core.ReportCycles;

/// <summary>A fact in the cycle stream's history: written only by the secretary's actions and the cycle's timer.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(CycleStarted), "CycleStarted")]
[JsonDerivedType(typeof(DeadlineExtended), "DeadlineExtended")]
[JsonDerivedType(typeof(RemindersSent), "RemindersSent")]
[JsonDerivedType(typeof(DeadlinePassed), "DeadlinePassed")]
[JsonDerivedType(typeof(CycleClosed), "CycleClosed")]
[JsonDerivedType(typeof(CompilationRequested), "CompilationRequested")]
[JsonDerivedType(typeof(CompilationRecorded), "CompilationRecorded")]
[JsonDerivedType(typeof(CompilationFailed), "CompilationFailed")]
[JsonDerivedType(typeof(JusteringRoundLinked), "JusteringRoundLinked")]
[JsonDerivedType(typeof(CycleDeliveryFailed), "CycleDeliveryFailed")]
public abstract record ReportCycleEvent(DateTimeOffset At);

/// <summary>The cycle started: its units snapshot, deadline, threshold and the year structure's content hash.</summary>
public sealed record CycleStarted(
    string CycleId,
    ReportPeriod Period,
    int Year,
    string StructureHash,
    DateOnly Deadline,
    decimal DeviationThreshold,
    Person Secretary,
    IReadOnlyList<ReportingUnit> Units,
    string FormKey,
    DateTimeOffset At) : ReportCycleEvent(At);

/// <summary>A unit's deadline, or every unit's when <paramref name="UnitId"/> is null, moved later; the reminders start over.</summary>
public sealed record DeadlineExtended(string? UnitId, DateOnly Deadline, DateTimeOffset At) : ReportCycleEvent(At);

/// <summary>Why a unit's manager was reminded.</summary>
public enum UnitReminderKind
{
    /// <summary>A few working days before the deadline.</summary>
    BeforeDeadline,

    /// <summary>On the morning of the deadline.</summary>
    DeadlineDay,

    /// <summary>A working day after the deadline, up to the cap.</summary>
    Late,

    /// <summary>The secretary pressed "påminn nu".</summary>
    Manual,
}

/// <summary>A unit's manager was reminded about the unit, with a fresh link to its form.</summary>
public sealed record UnitReminded(string UnitId, UnitReminderKind Kind, string TokenHash);

/// <summary>
/// A department head was told of the department's late units (<paramref name="LateUnitIds"/>), with a fresh
/// department link; <paramref name="EscalatedUnitIds"/> are those two or more working days late, whose escalations count.
/// </summary>
public sealed record DepartmentEscalated(string Department, IReadOnlyList<string> LateUnitIds, IReadOnlyList<string> EscalatedUnitIds, string TokenHash);

/// <summary>Reminder digests and escalations went out; only the links' hashes are kept.</summary>
public sealed record RemindersSent(IReadOnlyList<UnitReminded> Units, IReadOnlyList<DepartmentEscalated> Departments, DateTimeOffset At)
    : ReportCycleEvent(At);

/// <summary>The cycle's deadline passed; these units were neither ready nor approved. The cycle stays open.</summary>
public sealed record DeadlinePassed(IReadOnlyList<string> LateUnitIds, DateTimeOffset At) : ReportCycleEvent(At);

/// <summary>The cycle was closed; <paramref name="MissingUnitIds"/> were not approved and are missing from the report.</summary>
public sealed record CycleClosed(IReadOnlyList<string> MissingUnitIds, string ClosedBy, DateTimeOffset At) : ReportCycleEvent(At);

/// <summary>Compiled version <paramref name="Number"/> was asked for; the compile effect is in the outbox.</summary>
public sealed record CompilationRequested(int Number, DateTimeOffset At) : ReportCycleEvent(At);

public sealed record CompilationRecorded(int Number, string DocxBlobName, string XlsxBlobName, DateTimeOffset At) : ReportCycleEvent(At);

public sealed record CompilationFailed(int Number, string Reason, DateTimeOffset At) : ReportCycleEvent(At);

public sealed record JusteringRoundLinked(string RoundId, DateTimeOffset At) : ReportCycleEvent(At);

public sealed record CycleDeliveryFailed(string EffectId, string Recipient, string Reason, DateTimeOffset At) : ReportCycleEvent(At);

using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Justera.Core.ReportCycles;

/// <summary>
/// One unit's deadline and what the cycle's reminders have done about it since that deadline was set: an
/// extension starts the count again. Automatic late reminders and escalations are capped; manual ones are not
/// counted (the secretary chose to send them), but they use up the person's one mail of the day.
/// </summary>
public sealed record UnitSchedule(
    DateOnly Deadline,
    bool BeforeSent,
    bool DeadlineDaySent,
    int LateReminders,
    int Escalations,
    DateOnly? LastRemindedOn,
    DateOnly? LastEscalatedOn)
{
    public static UnitSchedule For(DateOnly deadline) => new(deadline, false, false, 0, 0, null, null);
}

/// <summary>A compiled version of the administration's report, stored write-once in Blob storage.</summary>
public sealed record CompiledReportVersion(int Number, string DocxBlobName, string XlsxBlobName, DateTimeOffset CompiledAt);

/// <summary>Why the latest compilation failed, as the cycle page shows it.</summary>
public sealed record CompilationFailure(int Number, string Reason, DateTimeOffset FailedAt);

/// <summary>An e-mail of the cycle that could not be delivered after every retry.</summary>
public sealed record MailFailure(string EffectId, string Recipient, string Reason, DateTimeOffset FailedAt);

/// <summary>
/// Everything the cycle stream knows, kept for one state row: the units snapshot, deadlines and the reminders'
/// bookkeeping. The units' inputs live in their own streams; the year structure is referenced by its hash only.
/// </summary>
public sealed record ReportCycle(
    string Id,
    ReportPeriod Period,
    int Year,
    string StructureHash,
    DateOnly Deadline,
    decimal DeviationThreshold,
    Person Secretary,
    ImmutableList<ReportingUnit> Units,
    string StartFormKey,
    DateTimeOffset StartedAt,
    ImmutableDictionary<string, UnitSchedule> Schedules,
    ImmutableDictionary<string, DateOnly> LastMailed,
    ImmutableDictionary<string, ImmutableList<string>> UnitLinkHashes,
    ImmutableDictionary<string, ImmutableList<string>> DepartmentLinkHashes,
    bool DeadlineNoticeDone,
    int CompilationsRequested,
    ImmutableList<CompiledReportVersion> Compilations,
    CompilationFailure? CompilationFailure,
    string? JusteringRoundId,
    ImmutableList<MailFailure> DeliveryFailures)
{
    public ReportingUnit? Find(string unitId) => Units.Find(u => u.Id == unitId);

    /// <summary>The compiled version asked for and neither stored nor failed yet, or null.</summary>
    public int? PendingCompilation =>
        CompilationsRequested > 0
            && !Compilations.Exists(x => x.Number == CompilationsRequested)
            && CompilationFailure?.Number != CompilationsRequested
            ? CompilationsRequested
            : null;

    public DateOnly DeadlineFor(string unitId) => Schedules.TryGetValue(unitId, out var s) ? s.Deadline : Deadline;

    /// <summary>Whether the cycle minted this link hash (reminders, escalations) for the link's unit or department.</summary>
    public bool Issued(Links.CycleLink link, string tokenHash)
    {
        ArgumentNullException.ThrowIfNull(link);
        var hashes = link.Holder == Links.LinkHolder.UnitManager ? UnitLinkHashes : DepartmentLinkHashes;
        return hashes.TryGetValue(link.Scope, out var list) && list.Contains(tokenHash);
    }

    /// <summary>People are told apart by e-mail address, whatever its case.</summary>
    public static string PersonKey(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return person.Email.Trim().ToUpperInvariant();
    }

    [JsonIgnore]
    public string Name => ReportCycleIds.Describe(Period, Year);
}

/// <summary>The phases of a report cycle's stream.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ReportCycleState.NotStarted), "NotStarted")]
[JsonDerivedType(typeof(ReportCycleState.Open), "Open")]
[JsonDerivedType(typeof(ReportCycleState.Closed), "Closed")]
public abstract record ReportCycleState
{
    private ReportCycleState()
    {
    }

    /// <summary>No cycle for this period and year: the stream is empty.</summary>
    public sealed record NotStarted : ReportCycleState;

    /// <summary>Started: units report, reminders go out.</summary>
    public sealed record Open(ReportCycle Cycle) : ReportCycleState;

    /// <summary>
    /// Closed by the secretary; no unit may change any more. <paramref name="MissingUnitIds"/> were not approved
    /// and are listed as missing in the report.
    /// </summary>
    public sealed record Closed(ReportCycle Cycle, ImmutableList<string> MissingUnitIds, string ClosedBy, DateTimeOffset ClosedAt) : ReportCycleState;

    [JsonIgnore]
    public ReportCycle? CycleOrNull => this switch
    {
        Open o => o.Cycle,
        Closed c => c.Cycle,
        _ => null,
    };
}

/// <summary>Where a unit's report stands, as the dashboard and the cycle's tick see it.</summary>
public enum UnitPhase
{
    /// <summary>The unit's stream is not opened yet: its request mail has not been queued.</summary>
    NotOpened,

    /// <summary>Opened, nothing saved ("ej påbörjad").</summary>
    NotStarted,

    /// <summary>At least one draft saved ("utkast").</summary>
    Draft,

    /// <summary>Sent back by the department head; the manager edits again ("återskickad").</summary>
    SentBack,

    /// <summary>Klarmarkerad, waiting for the department head.</summary>
    Ready,

    /// <summary>Approved by the department head; read-only.</summary>
    Approved,
}

/// <summary>One unit's phase as read from its state row; the cycle's tick gets one per unit, read in one query.</summary>
public sealed record UnitProgress(string UnitId, UnitPhase Phase);

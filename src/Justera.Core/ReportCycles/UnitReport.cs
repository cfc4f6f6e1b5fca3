using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Justera.Core.ReportCycles;

/// <summary>The department head's comment when the report was last sent back.</summary>
public sealed record SendBackNote(int Version, string Comment, string SentBy, DateTimeOffset SentAt);

/// <summary>
/// One unit's report as its own stream keeps it: the saved input and its version, and the link hashes its own
/// decisions minted (the manager's request and send-back links, the department head's approval links).
/// Only decisions about this unit write it, so managers saving at the same minute never touch one row.
/// </summary>
public sealed record UnitReport(
    string CycleId,
    ReportingUnit Unit,
    int Version,
    UnitInput Input,
    DateTimeOffset? SavedAt,
    ImmutableList<string> ManagerLinkHashes,
    ImmutableList<string> DepartmentLinkHashes,
    SendBackNote? SentBack,
    ImmutableList<MailFailure> DeliveryFailures);

/// <summary>The phases of a unit's stream.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(UnitReportState.NotOpened), "NotOpened")]
[JsonDerivedType(typeof(UnitReportState.Editing), "Editing")]
[JsonDerivedType(typeof(UnitReportState.Ready), "Ready")]
[JsonDerivedType(typeof(UnitReportState.Approved), "Approved")]
public abstract record UnitReportState
{
    private UnitReportState()
    {
    }

    /// <summary>The unit's stream is empty: the cycle has not opened it yet.</summary>
    public sealed record NotOpened : UnitReportState;

    /// <summary>The manager fills the form in: not started, drafts saved, or sent back.</summary>
    public sealed record Editing(UnitReport Report) : UnitReportState;

    /// <summary>Klarmarkerad: waiting for the department head to approve or send back.</summary>
    public sealed record Ready(UnitReport Report, DateTimeOffset ReadyAt) : UnitReportState;

    /// <summary>Approved by the department head; the form is read-only for good.</summary>
    public sealed record Approved(UnitReport Report, string ApprovedBy, DateTimeOffset ApprovedAt) : UnitReportState;

    [JsonIgnore]
    public UnitReport? ReportOrNull => this switch
    {
        Editing e => e.Report,
        Ready r => r.Report,
        Approved a => a.Report,
        _ => null,
    };

    /// <summary>The phase the dashboard and the cycle's tick read.</summary>
    [JsonIgnore]
    public UnitPhase Phase => this switch
    {
        Editing { Report.SentBack: not null } => UnitPhase.SentBack,
        Editing { Report.Version: 0 } => UnitPhase.NotStarted,
        Editing => UnitPhase.Draft,
        Ready => UnitPhase.Ready,
        Approved => UnitPhase.Approved,
        _ => UnitPhase.NotOpened,
    };
}

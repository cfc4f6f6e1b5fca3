using System.Text.Json.Serialization;

namespace Justera.Core.ReportCycles;

/// <summary>A fact in one unit's stream: written only by decisions about that unit.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(UnitOpened), "UnitOpened")]
[JsonDerivedType(typeof(DraftSaved), "DraftSaved")]
[JsonDerivedType(typeof(UnitMarkedReady), "UnitMarkedReady")]
[JsonDerivedType(typeof(UnitApproved), "UnitApproved")]
[JsonDerivedType(typeof(UnitSentBack), "UnitSentBack")]
[JsonDerivedType(typeof(UnitDeliveryFailed), "UnitDeliveryFailed")]
public abstract record UnitReportEvent(DateTimeOffset At);

/// <summary>The unit's stream opened; its manager was mailed the request, and only the link's hash is kept.</summary>
public sealed record UnitOpened(string CycleId, ReportingUnit Unit, string RequestLinkHash, DateTimeOffset At) : UnitReportEvent(At);

/// <summary>The form was saved as version <paramref name="Version"/>.</summary>
public sealed record DraftSaved(int Version, UnitInput Input, DateTimeOffset At) : UnitReportEvent(At);

/// <summary>Klarmarkerad at <paramref name="Version"/>; the department head was mailed a link whose hash is kept.</summary>
public sealed record UnitMarkedReady(int Version, string DepartmentLinkHash, DateTimeOffset At) : UnitReportEvent(At);

public sealed record UnitApproved(int Version, string ApprovedBy, DateTimeOffset At) : UnitReportEvent(At);

/// <summary>Sent back with a comment; the manager was mailed a new link whose hash is kept.</summary>
public sealed record UnitSentBack(int Version, string Comment, string SentBy, string ManagerLinkHash, DateTimeOffset At) : UnitReportEvent(At);

public sealed record UnitDeliveryFailed(string EffectId, string Recipient, string Reason, DateTimeOffset At) : UnitReportEvent(At);

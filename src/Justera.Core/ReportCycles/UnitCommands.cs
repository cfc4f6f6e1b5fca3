using Justera.Core.Links;

namespace Justera.Core.ReportCycles;

/// <summary>The link a person came with: what its token names, and the hash that proves it.</summary>
public sealed record LinkCredential(CycleLink Link, string TokenHash);

/// <summary>Something asked about one unit of a cycle; each goes to that unit's own stream.</summary>
public abstract record UnitCommand(string UnitId, DateTimeOffset At);

/// <summary>
/// Opens the unit's stream and mails its manager the request with a personal link. The orchestration issues one per
/// unit after <see cref="StartCycle"/>, in batches; a repeated one does nothing, so a retried batch is harmless.
/// </summary>
public sealed record OpenUnit(string UnitId, ScopedLink RequestLink, DateTimeOffset At) : UnitCommand(UnitId, At);

/// <summary>
/// Saves the form as a draft. <paramref name="BasedOnVersion"/> is the version the form was opened at: a save based
/// on an older one is refused as stale, listing what changed, so no save silently overwrites a newer one.
/// </summary>
public sealed record SaveDraft(string UnitId, LinkCredential By, UnitInput Input, int BasedOnVersion, DateTimeOffset At) : UnitCommand(UnitId, At);

/// <summary>Klarmarkera: saves the form, checks everything and sends it to the department head with a department link.</summary>
public sealed record MarkReady(string UnitId, LinkCredential By, UnitInput Input, int BasedOnVersion, ScopedLink DepartmentLink, DateTimeOffset At)
    : UnitCommand(UnitId, At);

/// <summary>The department head approves the version they read.</summary>
public sealed record Approve(string UnitId, LinkCredential By, string ApprovedBy, int Version, DateTimeOffset At) : UnitCommand(UnitId, At);

/// <summary>The department head sends the report back with a comment; the manager gets a new link and can edit again.</summary>
public sealed record SendBack(string UnitId, LinkCredential By, string SentBy, int Version, string Comment, ScopedLink ManagerLink, DateTimeOffset At)
    : UnitCommand(UnitId, At);

/// <summary>An e-mail of this unit's stream failed after its last retry.</summary>
public sealed record ReportUnitDeliveryFailure(string UnitId, string EffectId, string Recipient, string Reason, DateTimeOffset At)
    : UnitCommand(UnitId, At);

using Justera.Core.JusteringRounds;

namespace Justera.Core.ReportCycles;

/// <summary>Why a report cycle or unit command was refused; the edge maps it to a status code.</summary>
public enum CycleRefusalReason
{
    /// <summary>The input breaks a rule; see the field errors.</summary>
    Invalid,

    /// <summary>There is no such cycle, or the unit is not in it or not opened yet.</summary>
    NotFound,

    /// <summary>A cycle for this period and year already exists.</summary>
    AlreadyStarted,

    /// <summary>The link is unknown to this cycle or unit.</summary>
    UnknownLink,

    /// <summary>The link is real but for another unit, another department or the other role.</summary>
    WrongScope,

    /// <summary>The form was based on an older version than the stored one; the field errors list what changed.</summary>
    Stale,

    /// <summary>Closing with units not approved needs the secretary's confirmation; the message lists them.</summary>
    ConfirmationRequired,

    /// <summary>The cycle is closed ("Perioden är stängd").</summary>
    Closed,

    /// <summary>The command does not fit the cycle's or unit's phase.</summary>
    WrongPhase,
}

/// <summary>A refused command: nothing is stored and nothing is sent. Field errors reuse the round's <see cref="FieldError"/>.</summary>
public sealed record CycleRefusal(CycleRefusalReason Reason, string Message, IReadOnlyList<FieldError> Fields)
{
    public static CycleRefusal Because(CycleRefusalReason reason, string message) => new(reason, message, []);

    public static CycleRefusal InvalidFields(IReadOnlyList<FieldError> fields) =>
        new(CycleRefusalReason.Invalid, "Uppgifterna behöver rättas.", fields);
}

/// <summary>What the cycle decider said: events and effects for the cycle stream, or a refusal. Neither means "already done".</summary>
public sealed record CycleDecision(IReadOnlyList<ReportCycleEvent> Events, IReadOnlyList<ReportCycleEffect> Effects, CycleRefusal? Refusal = null)
{
    public static CycleDecision Nothing { get; } = new([], []);

    public bool IsRefused => Refusal is not null;

    public static CycleDecision Refuse(CycleRefusal refusal) => new([], [], refusal);

    public static CycleDecision Refuse(CycleRefusalReason reason, string message) => Refuse(CycleRefusal.Because(reason, message));

    public static CycleDecision Invalid(string field, string message) => Refuse(CycleRefusal.InvalidFields([new(field, message)]));
}

/// <summary>What the unit decider said: events and effects for one unit's stream, or a refusal. Neither means "already done".</summary>
public sealed record UnitDecision(IReadOnlyList<UnitReportEvent> Events, IReadOnlyList<ReportCycleEffect> Effects, CycleRefusal? Refusal = null)
{
    public static UnitDecision Nothing { get; } = new([], []);

    public bool IsRefused => Refusal is not null;

    public static UnitDecision Refuse(CycleRefusal refusal) => new([], [], refusal);

    public static UnitDecision Refuse(CycleRefusalReason reason, string message) => Refuse(CycleRefusal.Because(reason, message));

    public static UnitDecision Invalid(string field, string message) => Refuse(CycleRefusal.InvalidFields([new(field, message)]));
}

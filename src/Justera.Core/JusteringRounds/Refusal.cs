namespace Justera.Core.JusteringRounds;

/// <summary>Why a command was refused; the edge maps it to a status code.</summary>
public enum RefusalReason
{
    /// <summary>The input breaks a rule; see the field errors.</summary>
    Invalid,

    /// <summary>The link is unknown, revoked or belongs to someone replaced.</summary>
    UnknownLink,

    /// <summary>The link is for an older protocol version.</summary>
    SupersededLink,

    /// <summary>The round is completed or cancelled.</summary>
    Closed,

    /// <summary>The command does not fit the round's phase.</summary>
    WrongPhase,

    /// <summary>There is no such round.</summary>
    NotFound,
}

/// <summary>One input field's problem, in Swedish for the person who typed it.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>A refused command: nothing is stored and nothing is sent.</summary>
public sealed record Refusal(RefusalReason Reason, string Message, IReadOnlyList<FieldError> Fields)
{
    public static Refusal Because(RefusalReason reason, string message) => new(reason, message, []);

    public static Refusal InvalidFields(IReadOnlyList<FieldError> fields) =>
        new(RefusalReason.Invalid, "Uppgifterna behöver rättas.", fields);
}

/// <summary>What a decider said to a command: events and effects, or a refusal. No events and no refusal means "already done".</summary>
public sealed record Decision(IReadOnlyList<JusteringRoundEvent> Events, IReadOnlyList<JusteringRoundEffect> Effects, Refusal? Refusal = null)
{
    public static Decision Nothing { get; } = new([], []);

    public bool IsRefused => Refusal is not null;

    public static Decision Refuse(Refusal refusal) => new([], [], refusal);

    public static Decision Refuse(RefusalReason reason, string message) => Refuse(Refusal.Because(reason, message));
}

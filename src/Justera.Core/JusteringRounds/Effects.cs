using System.Text.Json.Serialization;

namespace Justera.Core.JusteringRounds;

/// <summary>What a justerare's e-mail is about.</summary>
public enum JusterareMail
{
    Request,
    Reminder,
    NewVersion,
    Receipt,
    Cancelled,
    SignedProtocol,
}

/// <summary>What the secretary is told.</summary>
public enum SecretaryNotice
{
    ChangesRequested,
    MissingAtDeadline,
    Completed,
    DeliveryFailed,
    Sealed,
    SealFailed,
}

/// <summary>Something a decision causes outside the round; stored in the outbox with the events, carried out afterwards.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(MailJusterare), "MailJusterare")]
[JsonDerivedType(typeof(NotifySecretary), "NotifySecretary")]
[JsonDerivedType(typeof(SealProtocol), "SealProtocol")]
public abstract record JusteringRoundEffect;

/// <summary>
/// An e-mail to a justerare; <paramref name="Token"/> is the raw personal link token, if the mail carries one, and
/// <paramref name="Note"/> the answer as a receipt repeats it, or the reason a cancellation gives.
/// </summary>
public sealed record MailJusterare(JusterareMail Mail, Justerare To, int ProtocolVersion, string? Token, string? Note) : JusteringRoundEffect;

/// <summary>An e-mail to the secretary; <paramref name="About"/> names the people or recipient concerned.</summary>
public sealed record NotifySecretary(SecretaryNotice Notice, IReadOnlyList<string> About) : JusteringRoundEffect;

/// <summary>Assemble, seal and store the signed protocol for the approved version (the signed protocol's own workflow).</summary>
public sealed record SealProtocol(int ApprovedVersion) : JusteringRoundEffect;

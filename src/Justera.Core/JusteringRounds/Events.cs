using System.Text.Json.Serialization;

namespace Justera.Core.JusteringRounds;

/// <summary>A fact in a round's history; the events are its audit trail.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(RoundCreated), "RoundCreated")]
[JsonDerivedType(typeof(RoundStarted), "RoundStarted")]
[JsonDerivedType(typeof(LinksIssued), "LinksIssued")]
[JsonDerivedType(typeof(AnswerRecorded), "AnswerRecorded")]
[JsonDerivedType(typeof(ProtocolRevised), "ProtocolRevised")]
[JsonDerivedType(typeof(JusterareReplaced), "JusterareReplaced")]
[JsonDerivedType(typeof(DeadlineExtended), "DeadlineExtended")]
[JsonDerivedType(typeof(DeadlinePassed), "DeadlinePassed")]
[JsonDerivedType(typeof(DeliveryFailed), "DeliveryFailed")]
[JsonDerivedType(typeof(RoundCompleted), "RoundCompleted")]
[JsonDerivedType(typeof(RoundCancelled), "RoundCancelled")]
[JsonDerivedType(typeof(ProtocolSealed), "ProtocolSealed")]
[JsonDerivedType(typeof(SealFailed), "SealFailed")]
[JsonDerivedType(typeof(SealRetried), "SealRetried")]
public abstract record JusteringRoundEvent(DateTimeOffset At);

public sealed record RoundCreated(
    string RoundId,
    Administration Administration,
    DateOnly MeetingDate,
    ProtocolFile Protocol,
    Secretary Secretary,
    IReadOnlyList<Justerare> Justerare,
    DateTimeOffset Deadline,
    DateOnly JusteringDate,
    ReminderPolicy Policy,
    int FirstAttachmentNumber,
    DateTimeOffset At) : JusteringRoundEvent(At);

public sealed record RoundStarted(DateTimeOffset At) : JusteringRoundEvent(At);

/// <summary>Personal links were minted and e-mailed; only their hashes are kept.</summary>
public sealed record LinksIssued(IReadOnlyList<IssuedLink> Links, LinkPurpose Purpose, DateTimeOffset At) : JusteringRoundEvent(At);

public sealed record AnswerRecorded(
    string JusterareId,
    int ProtocolVersion,
    ReplyKind Kind,
    string? Item,
    string? Text,
    AnswerChannel Channel,
    string? ChannelDescription,
    bool Late,
    string? FormKey,
    DateTimeOffset At) : JusteringRoundEvent(At);

public sealed record ProtocolRevised(ProtocolFile Protocol, DateTimeOffset Deadline, DateOnly JusteringDate, DateTimeOffset At) : JusteringRoundEvent(At);

public sealed record JusterareReplaced(string ReplacedId, Justerare Substitute, DateTimeOffset At) : JusteringRoundEvent(At);

public sealed record DeadlineExtended(DateTimeOffset Deadline, DateOnly JusteringDate, DateTimeOffset At) : JusteringRoundEvent(At);

/// <summary>The deadline came; these justerare had not answered. The round stays open.</summary>
public sealed record DeadlinePassed(IReadOnlyList<string> MissingJusterareIds, DateTimeOffset At) : JusteringRoundEvent(At);

public sealed record DeliveryFailed(string EffectId, string Recipient, string Reason, DateTimeOffset At) : JusteringRoundEvent(At);

public sealed record RoundCompleted(int ApprovedVersion, DateTimeOffset At) : JusteringRoundEvent(At);

public sealed record RoundCancelled(string Reason, DateTimeOffset At) : JusteringRoundEvent(At);

/// <summary>The signed protocol of the approved version was sealed and stored write-once; the first stored file is the one recorded.</summary>
public sealed record ProtocolSealed(int Version, string BlobName, string Sha256, string DocumentId, DateTimeOffset At) : JusteringRoundEvent(At);

/// <summary>Sealing the approved version failed, for the reason shown on the round page; sealing is tried again.</summary>
public sealed record SealFailed(string Reason, DateTimeOffset At) : JusteringRoundEvent(At);

/// <summary>The secretary asked for the approved version to be sealed again after a failure ("Försegla igen"); a new seal effect is in the outbox.</summary>
public sealed record SealRetried(int ApprovedVersion, string RequestedBy, DateTimeOffset At) : JusteringRoundEvent(At);

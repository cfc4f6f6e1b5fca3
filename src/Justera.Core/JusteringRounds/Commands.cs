namespace Justera.Core.JusteringRounds;

/// <summary>Something a person or the clock asks of a justering round; time and fresh ids come in with it.</summary>
public abstract record JusteringRoundCommand(DateTimeOffset At);

/// <summary>Creates a round for a protocol version 1 and its justerare.</summary>
public sealed record CreateRound(
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
    DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>Sends every justerare a personal link; <paramref name="FreshLinks"/> is a pool the decider draws from.</summary>
public sealed record StartRound(IReadOnlyList<NewLink> FreshLinks, DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>An answer given through a personal link; the form key makes a double submit one answer.</summary>
public sealed record RecordAnswer(
    string TokenHash,
    ReplyKind Kind,
    string? Item,
    string? Text,
    string FormKey,
    DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>An answer that reached the secretary another way, recorded on the justerare's behalf.</summary>
public sealed record RecordAnswerOnBehalf(
    string JusterareId,
    ReplyKind Kind,
    string? Item,
    string? Text,
    string ChannelDescription,
    string RecordedBy,
    string FormKey,
    DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>Uploads a new protocol version after "synpunkter"; earlier answers stop counting.</summary>
public sealed record ReviseProtocol(
    ProtocolFile Protocol,
    DateTimeOffset? NewDeadline,
    IReadOnlyList<NewLink> FreshLinks,
    DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>Puts a substitute (ersättare) in the place of a justerare who is away.</summary>
public sealed record ReplaceJusterare(
    string JusterareId,
    Justerare Substitute,
    IReadOnlyList<NewLink> FreshLinks,
    DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>Moves the comment deadline later.</summary>
public sealed record ExtendDeadline(DateTimeOffset NewDeadline, DateOnly? NewJusteringDate, DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>Reminds everyone who has not answered, now.</summary>
public sealed record RemindNow(IReadOnlyList<NewLink> FreshLinks, DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>Time has passed: send due reminders and notice the deadline.</summary>
public sealed record Tick(IReadOnlyList<NewLink> FreshLinks, DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>An e-mail of this round failed after its last retry.</summary>
public sealed record ReportDeliveryFailure(string EffectId, string Recipient, string Reason, DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>Stops the round; its links stop working.</summary>
public sealed record CancelRound(string Reason, DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>The signed protocol of the approved version is stored; records it and mails everyone a link to download it.</summary>
public sealed record RecordSeal(
    int Version,
    string BlobName,
    string Sha256,
    string DocumentId,
    IReadOnlyList<NewLink> FreshLinks,
    DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>"Försegla igen": after sealing failed and its retries gave up, the secretary has the cause fixed and asks for a new attempt.</summary>
public sealed record RetrySeal(string RequestedBy, DateTimeOffset At) : JusteringRoundCommand(At);

/// <summary>Sealing failed (no usable certificate, storage down, …); the round page shows why and the secretary is told.</summary>
public sealed record ReportSealFailure(string Reason, DateTimeOffset At) : JusteringRoundCommand(At);

using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Justera.Core.JusteringRounds;

/// <summary>How a justerare answers the protocol.</summary>
public enum ReplyKind
{
    /// <summary>"Inget att erinra": approves the protocol as written.</summary>
    NoObjection,

    /// <summary>"Justerar med oenighet": approves the wording but records disagreement on an item.</summary>
    ApprovedWithDissent,

    /// <summary>"Synpunkter": asks for a change, so the secretary must revise the protocol.</summary>
    ChangesRequested,
}

/// <summary>How an answer reached the round.</summary>
public enum AnswerChannel
{
    /// <summary>The justerare answered through their personal link.</summary>
    PersonalLink,

    /// <summary>The secretary recorded an answer that reached them another way, usually e-mail.</summary>
    RecordedBySecretary,

    /// <summary>No answer by the deadline, and the round's rule counts that as "inget att erinra".</summary>
    SilenceRule,
}

/// <summary>Why a personal link was minted; every e-mail with a link mints its own.</summary>
public enum LinkPurpose
{
    Request,
    NewVersion,
    Substitute,
    HalfwayReminder,
    WorkingDayBeforeReminder,
    ManualReminder,
    SignedProtocol,
}

/// <summary>The district administration (stadsdelsförvaltning) a round belongs to.</summary>
public sealed record Administration(string Id, string Name);

/// <summary>The secretary ("vid anteckningarna") who runs the round and is told of its progress.</summary>
public sealed record Secretary(string Name, string Email)
{
    /// <summary>Name and address for people to read; a secretary signed in by a script may have only the address.</summary>
    [JsonIgnore]
    public string Contact => string.Equals(Name, Email, StringComparison.OrdinalIgnoreCase) ? Email : $"{Name} ({Email})";
}

/// <summary>A person chosen to approve the protocol for a union or for the employer ("arbetsgivaren").</summary>
public sealed record Justerare(string Id, string Name, string Organisation, string Email);

/// <summary>One uploaded version of the protocol PDF, stored under its content hash.</summary>
public sealed record ProtocolFile(int Version, string BlobName, string Sha256, long Length, string FileName, DateTimeOffset UploadedAt);

/// <summary>When a round reminds the late ones, and whether silence counts as approval.</summary>
public sealed record ReminderPolicy(bool Halfway = true, bool WorkingDayBefore = true, bool SilenceCountsAsNoObjection = false)
{
    public static ReminderPolicy Default { get; } = new();
}

/// <summary>A freshly minted personal link: the raw token goes into one e-mail, only its hash is kept.</summary>
public sealed record NewLink(string Token, string TokenHash);

/// <summary>A link hash that the round recognises, scoped to one justerare and one protocol version.</summary>
public sealed record IssuedLink(string JusterareId, int ProtocolVersion, string TokenHash);

/// <summary>
/// A justerare's answer to the current protocol version, as the state row keeps it: what decides the round, not what
/// was written. The texts (comment, item, how it came in) stay in the <see cref="AnswerRecorded"/> event, so the state
/// row stays small however much 50 justerare write (see <see cref="AnswerTexts"/>). State rows stored before this
/// shape carry the texts too; reading skips them.
/// </summary>
public sealed record Answer(
    string JusterareId,
    int ProtocolVersion,
    ReplyKind Kind,
    AnswerChannel Channel,
    bool Late,
    DateTimeOffset RecordedAt)
{
    /// <summary>An answer approves the protocol unless it asks for changes.</summary>
    [JsonIgnore]
    public bool Approves => Kind != ReplyKind.ChangesRequested;
}

/// <summary>An e-mail that could not be delivered after every retry.</summary>
public sealed record DeliveryFailure(string EffectId, string Recipient, string Reason, DateTimeOffset FailedAt);

/// <summary>The sealed, signed protocol as stored: the approved version's bytes, then the justering pages and the seal.</summary>
public sealed record SignedProtocol(int Version, string BlobName, string Sha256, string DocumentId, DateTimeOffset SealedAt)
{
    /// <summary>The document id printed on the justering page: the same for every attempt at sealing a round's version, so all of them name one blob.</summary>
    public static string DocumentIdFor(string roundId, int version) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{roundId}-v{version}");
}

/// <summary>Why the latest attempt at sealing failed, as shown on the round page.</summary>
public sealed record SealFailure(string Reason, DateTimeOffset FailedAt);

/// <summary>Everything a round knows, whatever its phase; kept small enough for one state row.</summary>
public sealed record Round(
    string Id,
    Administration Administration,
    DateOnly MeetingDate,
    Secretary Secretary,
    ReminderPolicy Policy,
    int FirstAttachmentNumber,
    ImmutableList<ProtocolFile> Versions,
    ImmutableList<Justerare> Justerare,
    ImmutableList<Justerare> Replaced,
    DateTimeOffset Deadline,
    DateOnly JusteringDate,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ScheduleStart,
    DateTimeOffset? RemindedThrough,
    ImmutableDictionary<string, Answer> Answers,
    ImmutableList<IssuedLink> Links,
    ImmutableDictionary<string, DateOnly> LastReminded,
    bool DeadlineNoticeDone,
    ImmutableList<string> UsedFormKeys,
    ImmutableList<DeliveryFailure> DeliveryFailures)
{
    /// <summary>
    /// How many recent form keys a round keeps: enough to recognise a double submit, which comes seconds
    /// after the first, without the state row growing with every answer ever given.
    /// </summary>
    public const int RememberedFormKeys = 64;

    // Computed properties are not stored: the state row would carry them as data (NotAnswered repeats whole justerare).
    [JsonIgnore]
    public ProtocolFile Protocol => Versions[^1];

    public Justerare? Find(string justerareId) => Justerare.Find(j => j.Id == justerareId);

    public bool HasAnswered(string justerareId) => Answers.ContainsKey(justerareId);

    [JsonIgnore]
    public IEnumerable<Justerare> NotAnswered => Justerare.Where(j => !HasAnswered(j.Id));

    /// <summary>Completion rule: every current justerare has approved the current version.</summary>
    [JsonIgnore]
    public bool AllApproved =>
        Justerare.All(j => Answers.TryGetValue(j.Id, out var a) && a.Approves && a.ProtocolVersion == Protocol.Version);

    [JsonIgnore]
    public bool AwaitingRevision => Answers.Values.Any(a => a.Kind == ReplyKind.ChangesRequested);
}

/// <summary>The phases of a justering round; each holds the round's data.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(JusteringRoundState.NotCreated), "NotCreated")]
[JsonDerivedType(typeof(JusteringRoundState.Draft), "Draft")]
[JsonDerivedType(typeof(JusteringRoundState.AwaitingAnswers), "AwaitingAnswers")]
[JsonDerivedType(typeof(JusteringRoundState.Completed), "Completed")]
[JsonDerivedType(typeof(JusteringRoundState.Cancelled), "Cancelled")]
[JsonDerivedType(typeof(JusteringRoundState.Sealed), "Sealed")]
public abstract record JusteringRoundState
{
    private JusteringRoundState()
    {
    }

    /// <summary>No round yet: the stream is empty.</summary>
    public sealed record NotCreated : JusteringRoundState;

    /// <summary>Created and editable; nobody has been asked yet.</summary>
    public sealed record Draft(Round Round) : JusteringRoundState;

    /// <summary>Started: links are out and answers come in.</summary>
    public sealed record AwaitingAnswers(Round Round) : JusteringRoundState;

    /// <summary>Every current justerare approved the current version; the protocol is ready to seal. <paramref name="SealFailure"/> says why the latest attempt failed.</summary>
    public sealed record Completed(Round Round, DateTimeOffset CompletedAt, SealFailure? SealFailure = null) : JusteringRoundState;

    /// <summary>Stopped by the secretary; links no longer work.</summary>
    public sealed record Cancelled(Round Round, string Reason, DateTimeOffset CancelledAt) : JusteringRoundState;

    /// <summary>The approved version is sealed and stored; the justerare's current links may download it.</summary>
    public sealed record Sealed(Round Round, SignedProtocol SignedProtocol) : JusteringRoundState;

    /// <summary>The round's data in any phase but <see cref="NotCreated"/>; not stored, or the state row would hold the round twice.</summary>
    [JsonIgnore]
    public Round? RoundOrNull => this switch
    {
        Draft d => d.Round,
        AwaitingAnswers a => a.Round,
        Completed c => c.Round,
        Cancelled x => x.Round,
        Sealed s => s.Round,
        _ => null,
    };
}

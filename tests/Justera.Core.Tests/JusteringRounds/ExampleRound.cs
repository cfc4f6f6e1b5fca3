using System.Globalization;
using System.Security.Cryptography;
using Justera.Core.JusteringRounds;

namespace Justera.Core.Tests.JusteringRounds;

/// <summary>
/// One invented round of the förvaltningsgrupp with three justerare, fixed ids and fixed Stockholm times:
/// created Monday 23 November 2026 09:00, started 10:00, deadline Monday 7 December 12:00. Its halfway
/// reminder falls on Monday 30 November 11:00 and its working-day-before reminder on Friday 4 December 09:00.
/// </summary>
internal static class ExampleRound
{
    public const string Id = "5b1d0c3e9a7f4e2d8c6b4a2f1e0d9c8b";

    public static Administration Exempelby { get; } = new("sdf-exempelby", "Exempelby stadsdelsförvaltning");
    /// <summary>The secretary ("vid anteckningarna").</summary>
    public static Secretary Eva { get; } = new("Eva Holm", "eva.holm@example.org");
    public static Justerare Anna { get; } = new("j-anna", "Anna Lindqvist", "Kommunal", "anna.lindqvist@example.org");
    public static Justerare Mehmet { get; } = new("j-mehmet", "Mehmet Yilmaz", "Vision", "mehmet.yilmaz@example.org");
    public static Justerare Karin { get; } = new("j-karin", "Karin Berg", "arbetsgivaren", "karin.berg@example.org");

    /// <summary>An ersättare for Anna from the same union.</summary>
    public static Justerare Sofia { get; } = new("j-sofia", "Sofia Ek", "Kommunal", "sofia.ek@example.org");

    public static IReadOnlyList<Justerare> Roster { get; } = [Anna, Mehmet, Karin];

    public static DateOnly MeetingDate { get; } = new(2026, 11, 19);
    public static DateTimeOffset CreatedAt { get; } = At("2026-11-23T09:00");
    public static DateTimeOffset StartedAt { get; } = At("2026-11-23T10:00");
    public static DateTimeOffset AnsweredAt { get; } = At("2026-11-24T14:00");
    public static DateTimeOffset HalfwayAt { get; } = At("2026-11-30T11:00");
    public static DateTimeOffset DayBeforeAt { get; } = At("2026-12-04T09:00");
    public static DateTimeOffset Deadline { get; } = At("2026-12-07T12:00");
    public static DateOnly JusteringDate { get; } = new(2026, 12, 8);

    /// <summary>A Stockholm wall-clock time in winter (UTC+01:00), which every date of these tests is.</summary>
    public static DateTimeOffset At(string localWinterTime) =>
        DateTimeOffset.ParseExact(localWinterTime + "+01:00", "yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    public static ProtocolFile Protocol(int version) => new(
        version,
        $"rounds/{Id}/protocol-v{version}.pdf",
        Convert.ToHexStringLower(SHA256.HashData([(byte)version])),
        180_000 + version,
        $"Protokoll FSG 2026-11-19 version {version}.pdf",
        CreatedAt.AddDays(version - 1));

    /// <summary>A fresh personal link; its token is "token-{name}" and its hash "hash-{name}".</summary>
    public static NewLink Link(string name) => new($"token-{name}", $"hash-{name}");

    public static IReadOnlyList<NewLink> FreshLinks(params string[] names) => [.. names.Select(Link)];

    /// <summary>Links named "{first name}-{suffix}" for the given justerare, in order.</summary>
    public static IReadOnlyList<NewLink> LinksFor(string suffix, params Justerare[] people) =>
        [.. people.Select(j => Link($"{j.Id[2..]}-{suffix}"))];

    public static IReadOnlyList<IssuedLink> IssuedFor(string suffix, int version, params Justerare[] people) =>
        [.. people.Select(j => new IssuedLink(j.Id, version, $"hash-{j.Id[2..]}-{suffix}"))];

    public static CreateRound Create(
        IReadOnlyList<Justerare>? justerare = null,
        DateTimeOffset? deadline = null,
        DateOnly? justeringDate = null,
        ReminderPolicy? policy = null,
        string id = Id) =>
        new(id, Exempelby, MeetingDate, Protocol(1), Eva, justerare ?? Roster, deadline ?? Deadline,
            justeringDate ?? JusteringDate, policy ?? ReminderPolicy.Default, FirstAttachmentNumber: 3, CreatedAt);

    public static RoundCreated Created(
        ReminderPolicy? policy = null,
        DateTimeOffset? deadline = null,
        DateOnly? justeringDate = null,
        DateTimeOffset? at = null) =>
        new(Id, Exempelby, MeetingDate, Protocol(1), Eva, Roster, deadline ?? Deadline,
            justeringDate ?? JusteringDate, policy ?? ReminderPolicy.Default, FirstAttachmentNumber: 3, at ?? CreatedAt);

    public static StartRound Start(DateTimeOffset? at = null) => new(LinksFor("1", Anna, Mehmet, Karin), at ?? StartedAt);

    /// <summary>The history of a round that was created and started: links "hash-anna-1", "hash-mehmet-1", "hash-karin-1".</summary>
    public static JusteringRoundEvent[] Started(ReminderPolicy? policy = null) =>
    [
        Created(policy),
        new RoundStarted(StartedAt),
        new LinksIssued(IssuedFor("1", 1, Anna, Mehmet, Karin), LinkPurpose.Request, StartedAt),
    ];

    public static RecordAnswer AnswerByLink(
        string linkName,
        ReplyKind kind = ReplyKind.NoObjection,
        string? item = null,
        string? text = null,
        string? formKey = null,
        DateTimeOffset? at = null) =>
        new($"hash-{linkName}", kind, item, text, formKey ?? $"form-{linkName}", at ?? AnsweredAt);

    public static AnswerRecorded Answered(
        Justerare justerare,
        ReplyKind kind = ReplyKind.NoObjection,
        int version = 1,
        string? item = null,
        string? text = null,
        DateTimeOffset? at = null,
        string? formKey = null,
        bool late = false) =>
        new(justerare.Id, version, kind, item, text, AnswerChannel.PersonalLink, ChannelDescription: null, late,
            formKey ?? $"form-{justerare.Id[2..]}-{version}", at ?? AnsweredAt);

    public static MailJusterare Receipt(Justerare to, string summary, int version = 1) =>
        new(JusterareMail.Receipt, to, version, Token: null, summary);

    public static MailJusterare Mail(JusterareMail mail, Justerare to, string linkName, int version = 1) =>
        new(mail, to, version, $"token-{linkName}", Note: null);

    public static ReviseProtocol Revise(DateTimeOffset at, DateTimeOffset? newDeadline = null, int version = 2) =>
        new(Protocol(version), newDeadline, LinksFor(version.ToString(CultureInfo.InvariantCulture), Anna, Mehmet, Karin), at);

    public static ProtocolRevised Revised(DateTimeOffset at, DateTimeOffset? deadline = null, DateOnly? justeringDate = null, int version = 2) =>
        new(Protocol(version), deadline ?? Deadline, justeringDate ?? JusteringDate, at);

    /// <summary>
    /// The same people in a round over Christmas: started Monday 14 December 10:00, deadline Wednesday 30 December
    /// 12:00. Its halfway reminder is due Tuesday 22 December 11:00; julafton, juldagen and annandag jul are closed.
    /// </summary>
    public static class ChristmasRound
    {
        public static DateTimeOffset StartedAt { get; } = At("2026-12-14T10:00");
        public static DateTimeOffset HalfwayAt { get; } = At("2026-12-22T11:00");
        public static DateTimeOffset Deadline { get; } = At("2026-12-30T12:00");

        public static JusteringRoundEvent[] Started =>
        [
            Created(deadline: Deadline, justeringDate: new DateOnly(2027, 1, 4), at: At("2026-12-14T09:00")),
            new RoundStarted(StartedAt),
            new LinksIssued(IssuedFor("1", 1, Anna, Mehmet, Karin), LinkPurpose.Request, StartedAt),
        ];
    }
}

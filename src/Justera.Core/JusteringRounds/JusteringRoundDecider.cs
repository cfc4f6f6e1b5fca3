using System.Collections.Immutable;
using Justera.Core.Calendar;
using static Justera.Core.JusteringRounds.JusteringRoundState;

namespace Justera.Core.JusteringRounds;

/// <summary>
/// The justering round as a pure state machine: what each command may do in each phase, and how events
/// change the round. No clock, randomness or I/O: time and fresh link tokens arrive on the command, so the
/// same decisions come out whether the local host or a Durable orchestration drives the round.
/// </summary>
public static class JusteringRoundDecider
{
    public static JusteringRoundState Initial { get; } = new NotCreated();

    public static Decision Decide(JusteringRoundCommand command, JusteringRoundState state) => (command, state) switch
    {
        (CreateRound c, NotCreated) => Create(c),
        (CreateRound c, _) when state.RoundOrNull!.Id == c.RoundId => Decision.Nothing,
        (_, NotCreated) => Decision.Refuse(RefusalReason.NotFound, "Rundan finns inte."),

        (StartRound c, Draft d) => Start(c, d.Round),
        (StartRound, AwaitingAnswers or Completed or Sealed) => Decision.Nothing,

        (RecordAnswer c, AwaitingAnswers a) => AnswerByLink(c, a.Round),
        (RecordAnswer c, Completed or Cancelled or Sealed) when state.RoundOrNull!.UsedFormKeys.Contains(c.FormKey) => Decision.Nothing,
        (RecordAnswer, Draft) => Decision.Refuse(RefusalReason.UnknownLink, "Länken är inte giltig."),
        (RecordAnswerOnBehalf c, AwaitingAnswers a) => AnswerOnBehalf(c, a.Round),
        (RecordAnswerOnBehalf c, Completed or Cancelled or Sealed) when state.RoundOrNull!.UsedFormKeys.Contains(c.FormKey) => Decision.Nothing,

        (ReviseProtocol c, AwaitingAnswers a) => Revise(c, a.Round),
        (ReplaceJusterare c, Draft d) => Replace(c, d.Round, sendRequest: false),
        (ReplaceJusterare c, AwaitingAnswers a) => Replace(c, a.Round, sendRequest: true),
        (ExtendDeadline c, Draft d) => Extend(c, d.Round),
        (ExtendDeadline c, AwaitingAnswers a) => Extend(c, a.Round),
        (RemindNow c, AwaitingAnswers a) => Remind(c, a.Round),
        (Tick c, AwaitingAnswers a) => TimePasses(c, a.Round),
        (Tick, _) => Decision.Nothing,
        (ReportDeliveryFailure c, _) => DeliveryFailure(c, state.RoundOrNull!),
        (CancelRound c, Draft d) => Cancel(c, d.Round, wasStarted: false),
        (CancelRound c, AwaitingAnswers a) => Cancel(c, a.Round, wasStarted: true),
        (CancelRound, Cancelled) => Decision.Nothing,

        (RecordSeal c, Completed done) => Seal(c, done.Round),
        // The effect may run twice: the first stored file stands, and recording it again changes nothing.
        (RecordSeal c, Sealed s) when s.SignedProtocol.BlobName == c.BlobName && s.SignedProtocol.Sha256 == c.Sha256 => Decision.Nothing,
        (RecordSeal, Sealed) => Decision.Refuse(RefusalReason.Closed, "Protokollet är redan förseglat. Det först sparade dokumentet gäller."),
        (ReportSealFailure c, Completed done) => SealFailure(c, done),
        (ReportSealFailure, Sealed) => Decision.Nothing,
        (RetrySeal c, Completed { SealFailure: not null } done) => RetrySealing(c, done.Round),
        // Pressed twice, or after the seal went through: the first press already put the seal in the outbox.
        (RetrySeal, Completed or Sealed) => Decision.Nothing,
        (RetrySeal, _) => Decision.Refuse(RefusalReason.WrongPhase, "Protokollet kan förseglas igen först när alla justerare har godkänt det och förseglingen har misslyckats."),

        (_, Completed) => Decision.Refuse(RefusalReason.Closed, "Rundan är avslutad: alla justerare har godkänt protokollet."),
        (_, Cancelled) => Decision.Refuse(RefusalReason.Closed, "Rundan är avbruten."),
        (_, Sealed) => Decision.Refuse(RefusalReason.Closed, "Rundan är avslutad: protokollet är justerat och förseglat."),
        (_, Draft) => Decision.Refuse(RefusalReason.WrongPhase, "Rundan är inte startad ännu."),
        _ => Decision.Refuse(RefusalReason.WrongPhase, "Det går inte att göra det i rundans nuvarande läge."),
    };

    public static JusteringRoundState Evolve(JusteringRoundState state, JusteringRoundEvent @event) => (state, @event) switch
    {
        (NotCreated, RoundCreated e) => new Draft(new Round(
            e.RoundId, e.Administration, e.MeetingDate, e.Secretary, e.Policy, e.FirstAttachmentNumber,
            [e.Protocol], [.. e.Justerare], [], e.Deadline, e.JusteringDate, e.At,
            ScheduleStart: null, RemindedThrough: null,
            ImmutableDictionary<string, Answer>.Empty, [], ImmutableDictionary<string, DateOnly>.Empty,
            DeadlineNoticeDone: false, [], [])),
        (Draft d, RoundStarted e) => new AwaitingAnswers(d.Round with { ScheduleStart = e.At }),
        (_, LinksIssued e) => Map(state, r => Issued(r, e)),
        (_, AnswerRecorded e) => Map(state, r => r with
        {
            Answers = r.Answers.SetItem(e.JusterareId, new Answer(e.JusterareId, e.ProtocolVersion, e.Kind, e.Channel, e.Late, e.At)),
            UsedFormKeys = e.FormKey is null ? r.UsedFormKeys
                : r.UsedFormKeys.Count < Round.RememberedFormKeys ? r.UsedFormKeys.Add(e.FormKey)
                : r.UsedFormKeys.RemoveAt(0).Add(e.FormKey),
        }),
        (_, ProtocolRevised e) => Map(state, r => r with
        {
            Versions = r.Versions.Add(e.Protocol),
            Answers = r.Answers.Clear(),
            Deadline = e.Deadline,
            JusteringDate = e.JusteringDate,
            ScheduleStart = e.At,
            RemindedThrough = null,
            DeadlineNoticeDone = false,
        }),
        (_, JusterareReplaced e) => Map(state, r => r with
        {
            Justerare = r.Justerare.Replace(r.Find(e.ReplacedId)!, e.Substitute),
            Replaced = r.Replaced.Add(r.Find(e.ReplacedId)!),
            Answers = r.Answers.Remove(e.ReplacedId),
            Links = r.Links.RemoveAll(l => l.JusterareId == e.ReplacedId),
        }),
        (_, DeadlineExtended e) => Map(state, r => r with
        {
            Deadline = e.Deadline,
            JusteringDate = e.JusteringDate,
            ScheduleStart = r.ScheduleStart is null ? null : e.At,
            RemindedThrough = null,
            DeadlineNoticeDone = false,
        }),
        (_, DeadlinePassed) => Map(state, r => r with { DeadlineNoticeDone = true }),
        (_, DeliveryFailed e) => Map(state, r => r with
        {
            DeliveryFailures = r.DeliveryFailures.Add(new DeliveryFailure(e.EffectId, e.Recipient, e.Reason, e.At)),
        }),
        (AwaitingAnswers a, RoundCompleted e) => new Completed(a.Round, e.At),
        (Draft or AwaitingAnswers, RoundCancelled e) => new Cancelled(state.RoundOrNull!, e.Reason, e.At),
        (Completed c, SealFailed e) => c with { SealFailure = new SealFailure(e.Reason, e.At) },
        (Completed c, SealRetried) => c with { SealFailure = null },
        (Completed c, ProtocolSealed e) => new Sealed(c.Round, new SignedProtocol(e.Version, e.BlobName, e.Sha256, e.DocumentId, e.At)),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow {state.GetType().Name}: the stream is corrupt."),
    };

    public static JusteringRoundState Fold(IEnumerable<JusteringRoundEvent> events) => events.Aggregate(Initial, Evolve);

    /// <summary>
    /// When the round next wants the clock: its next reminder (moved into office hours) or its deadline.
    /// Null when nothing is pending. Takes <paramref name="now"/> so that a reminder missed while the host
    /// was down is asked for at the next office-hours moment instead of at once every tick.
    /// </summary>
    public static DateTimeOffset? NextWakeUp(JusteringRoundState state, DateTimeOffset now)
    {
        if (state is not AwaitingAnswers { Round: var r })
            return null;
        DateTimeOffset? next = r.DeadlineNoticeDone ? null : r.Deadline;
        if (NextReminder(r, now) is { } reminder && (next is null || reminder < next))
            next = reminder;
        return next;
    }

    private static DateTimeOffset? NextReminder(Round r, DateTimeOffset now)
    {
        if (r.ScheduleStart is null || now >= r.Deadline || !r.NotAnswered.Any())
            return null;
        var pending = PendingReminders(r).FirstOrDefault();
        if (pending is null)
            return null;
        var at = pending.At > now ? pending.At : OfficeHours.NextOpening(now);
        return at < r.Deadline ? at : null;
    }

    private static IEnumerable<ScheduledReminder> PendingReminders(Round r)
    {
        var cursor = r.RemindedThrough ?? r.ScheduleStart!.Value;
        return ReminderSchedule.Plan(r.ScheduleStart!.Value, r.Deadline, r.Policy.Halfway, r.Policy.WorkingDayBefore)
            .Where(p => p.At > cursor);
    }

    private static Decision Create(CreateRound c)
    {
        var errors = RoundRules.Create(c);
        if (errors.Count > 0)
            return Decision.Refuse(Refusal.InvalidFields(errors));
        return new([new RoundCreated(c.RoundId, c.Administration, c.MeetingDate, c.Protocol with { Version = 1 }, c.Secretary,
            c.Justerare, c.Deadline, c.JusteringDate, c.Policy, c.FirstAttachmentNumber, c.At)], []);
    }

    private static Decision Start(StartRound c, Round r)
    {
        if (r.Deadline <= c.At)
            return Decision.Refuse(Refusal.InvalidFields([new("deadline", "Sista dag för synpunkter har redan passerat. Förläng den innan rundan startas.")]));
        var (links, effects) = Mail(r.Justerare, JusterareMail.Request, r.Protocol.Version, c.FreshLinks);
        return new([new RoundStarted(c.At), new LinksIssued(links, LinkPurpose.Request, c.At)], effects);
    }

    private static Decision AnswerByLink(RecordAnswer c, Round r)
    {
        if (r.UsedFormKeys.Contains(c.FormKey))
            return Decision.Nothing;
        var link = r.Links.Find(l => l.TokenHash == c.TokenHash);
        if (link is null || r.Find(link.JusterareId) is null)
            return Decision.Refuse(RefusalReason.UnknownLink, "Länken är inte giltig.");
        if (link.ProtocolVersion != r.Protocol.Version)
            return Decision.Refuse(RefusalReason.SupersededLink, "Det finns en nyare version av protokollet. Använd länken i det senaste e-postmeddelandet.");
        return Answer(r, link.JusterareId, c.Kind, c.Item, c.Text, AnswerChannel.PersonalLink, null, c.FormKey, c.At);
    }

    private static Decision AnswerOnBehalf(RecordAnswerOnBehalf c, Round r)
    {
        if (r.UsedFormKeys.Contains(c.FormKey))
            return Decision.Nothing;
        if (r.Find(c.JusterareId) is null)
            return Decision.Refuse(Refusal.InvalidFields([new("justerareId", "Välj en av rundans justerare.")]));
        var channel = string.IsNullOrWhiteSpace(c.ChannelDescription) ? "e-post till sekreteraren" : c.ChannelDescription.Trim();
        return Answer(r, c.JusterareId, c.Kind, c.Item, c.Text, AnswerChannel.RecordedBySecretary, $"{channel}, registrerat av {c.RecordedBy}", c.FormKey, c.At);
    }

    private static Decision Answer(Round r, string justerareId, ReplyKind kind, string? item, string? text,
        AnswerChannel channel, string? channelDescription, string formKey, DateTimeOffset at)
    {
        var errors = RoundRules.Answer(kind, item, text, formKey).ToList();
        if (errors.Count > 0)
            return Decision.Refuse(Refusal.InvalidFields(errors));
        item = kind == ReplyKind.ApprovedWithDissent ? item!.Trim() : null;
        text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var justerare = r.Find(justerareId)!;
        var recorded = new AnswerRecorded(justerareId, r.Protocol.Version, kind, item, text, channel, channelDescription,
            Late: at > r.Deadline, formKey, at);
        List<JusteringRoundEffect> effects =
        [
            new MailJusterare(JusterareMail.Receipt, justerare, r.Protocol.Version, null, AnswerWording.Summary(kind, item, text)),
        ];
        if (kind == ReplyKind.ChangesRequested)
            effects.Add(new NotifySecretary(SecretaryNotice.ChangesRequested, [Describe(justerare)]));
        return CompleteIfApproved(r, [recorded], effects, at);
    }

    private static Decision CompleteIfApproved(Round r, List<JusteringRoundEvent> events, List<JusteringRoundEffect> effects, DateTimeOffset at)
    {
        var after = events.Aggregate((JusteringRoundState)new AwaitingAnswers(r), Evolve).RoundOrNull!;
        if (after.AllApproved)
        {
            events.Add(new RoundCompleted(after.Protocol.Version, at));
            effects.Add(new NotifySecretary(SecretaryNotice.Completed, []));
            effects.Add(new SealProtocol(after.Protocol.Version));
        }
        return new(events, effects);
    }

    private static Decision Revise(ReviseProtocol c, Round r)
    {
        var errors = new List<FieldError>();
        if (c.Protocol.Version != r.Protocol.Version + 1)
            return Decision.Refuse(RefusalReason.WrongPhase, "Protokollet har just ändrats av någon annan. Ladda om sidan och försök igen.");
        if (c.Protocol.Sha256 == r.Protocol.Sha256)
            errors.Add(new("protocol", "Filen är identisk med den nuvarande versionen. Ladda upp det ändrade protokollet."));
        var deadline = c.NewDeadline ?? r.Deadline;
        if (c.NewDeadline is null && RoundRules.TooCloseForRevision(r.Deadline, c.At))
            errors.Add(new("deadline", "Sista dag för synpunkter är mindre än två arbetsdagar bort. Ange en ny sista dag för den nya versionen."));
        else if (deadline <= c.At)
            errors.Add(new("deadline", "Sista dag för synpunkter har redan passerat. Välj en tidpunkt framåt i tiden."));
        if (errors.Count > 0)
            return Decision.Refuse(Refusal.InvalidFields(errors));
        var justeringDate = Later(r.JusteringDate, StockholmTime.LocalDate(deadline));
        var (links, effects) = Mail(r.Justerare, JusterareMail.NewVersion, c.Protocol.Version, c.FreshLinks);
        return new([new ProtocolRevised(c.Protocol, deadline, justeringDate, c.At), new LinksIssued(links, LinkPurpose.NewVersion, c.At)], effects);
    }

    private static Decision Replace(ReplaceJusterare c, Round r, bool sendRequest)
    {
        if (r.Find(c.JusterareId) is null)
            return Decision.Refuse(Refusal.InvalidFields([new("justerareId", "Välj en av rundans justerare.")]));
        var errors = RoundRules.Person(c.Substitute, "substitute").ToList();
        if (r.Justerare.Concat(r.Replaced).Any(j => string.Equals(j.Email, c.Substitute.Email, StringComparison.OrdinalIgnoreCase)))
            errors.Add(new("substitute.email", "Ersättaren måste ha en annan e-postadress än rundans justerare."));
        if (errors.Count > 0)
            return Decision.Refuse(Refusal.InvalidFields(errors));
        var replaced = new JusterareReplaced(c.JusterareId, c.Substitute, c.At);
        if (!sendRequest)
            return new([replaced], []);
        var (links, effects) = Mail([c.Substitute], JusterareMail.Request, r.Protocol.Version, c.FreshLinks);
        return new([replaced, new LinksIssued(links, LinkPurpose.Substitute, c.At)], effects);
    }

    private static Decision Extend(ExtendDeadline c, Round r)
    {
        if (c.NewDeadline <= r.Deadline)
            return Decision.Refuse(Refusal.InvalidFields([new("deadline", "Den nya sista dagen måste ligga efter den nuvarande.")]));
        var justeringDate = c.NewJusteringDate ?? Later(r.JusteringDate, StockholmTime.LocalDate(c.NewDeadline));
        var errors = RoundRules.Deadline(c.NewDeadline, justeringDate, c.At).ToList();
        if (errors.Count > 0)
            return Decision.Refuse(Refusal.InvalidFields(errors));
        return new([new DeadlineExtended(c.NewDeadline, justeringDate, c.At)], []);
    }

    private static Decision Remind(RemindNow c, Round r)
    {
        var unanswered = r.NotAnswered.ToList();
        if (unanswered.Count == 0)
            return Decision.Refuse(RefusalReason.WrongPhase, "Alla justerare har redan svarat.");
        var recipients = NotRemindedOn(r, unanswered, StockholmTime.LocalDate(c.At));
        if (recipients.Count == 0)
            return Decision.Refuse(RefusalReason.WrongPhase, "De som inte har svarat har redan fått en påminnelse i dag.");
        var (links, effects) = Mail(recipients, JusterareMail.Reminder, r.Protocol.Version, c.FreshLinks);
        return new([new LinksIssued(links, LinkPurpose.ManualReminder, c.At)], effects);
    }

    private static Decision TimePasses(Tick c, Round r)
    {
        if (c.At >= r.Deadline)
            return r.DeadlineNoticeDone ? Decision.Nothing : DeadlineComes(c, r);
        var due = PendingReminders(r).Where(p => p.At <= c.At).ToList();
        if (due.Count == 0 || !OfficeHours.IsWithin(c.At) || !r.NotAnswered.Any())
            return Decision.Nothing;
        // Several reminders may be due at once after downtime; one is enough, and no one gets two a day.
        var purpose = due[^1].Kind == ReminderKind.Halfway ? LinkPurpose.HalfwayReminder : LinkPurpose.WorkingDayBeforeReminder;
        var recipients = NotRemindedOn(r, r.NotAnswered, StockholmTime.LocalDate(c.At));
        var (links, effects) = Mail(recipients, JusterareMail.Reminder, r.Protocol.Version, c.FreshLinks);
        return new([new LinksIssued(links, purpose, c.At)], effects);
    }

    private static Decision DeadlineComes(Tick c, Round r)
    {
        var missing = r.NotAnswered.ToList();
        List<JusteringRoundEvent> events = [new DeadlinePassed([.. missing.Select(j => j.Id)], c.At)];
        List<JusteringRoundEffect> effects = [];
        if (missing.Count == 0)
            return new(events, effects);
        if (!r.Policy.SilenceCountsAsNoObjection)
        {
            effects.Add(new NotifySecretary(SecretaryNotice.MissingAtDeadline, [.. missing.Select(Describe)]));
            return new(events, effects);
        }
        events.AddRange(missing.Select(j => new AnswerRecorded(j.Id, r.Protocol.Version, ReplyKind.NoObjection, null, null,
            AnswerChannel.SilenceRule, "Inget svar före sista dag för synpunkter", Late: false, FormKey: null, c.At)));
        return CompleteIfApproved(r, events, effects, c.At);
    }

    private static Decision DeliveryFailure(ReportDeliveryFailure c, Round r)
    {
        if (r.DeliveryFailures.Exists(f => f.EffectId == c.EffectId))
            return Decision.Nothing;
        // A failed notice to the secretary is shown on the round page; mailing her about it again would loop.
        var toSecretary = string.Equals(c.Recipient, r.Secretary.Email, StringComparison.OrdinalIgnoreCase);
        return new([new DeliveryFailed(c.EffectId, c.Recipient, c.Reason, c.At)],
            toSecretary ? [] : [new NotifySecretary(SecretaryNotice.DeliveryFailed, [c.Recipient])]);
    }

    private static Decision Seal(RecordSeal c, Round r)
    {
        if (c.Version != r.Protocol.Version)
            return Decision.Refuse(RefusalReason.WrongPhase, "Bara den godkända versionen av protokollet kan förseglas.");
        if (c.DocumentId != SignedProtocol.DocumentIdFor(r.Id, c.Version))
            return Decision.Refuse(Refusal.InvalidFields([new("documentId", "Dokument-id hör inte till rundans godkända version.")]));
        if (string.IsNullOrWhiteSpace(c.BlobName))
            return Decision.Refuse(Refusal.InvalidFields([new("blobName", "Det förseglade protokollets namn i lagringen saknas.")]));
        if (c.Sha256.Length != 64 || !c.Sha256.All(char.IsAsciiHexDigitLower))
            return Decision.Refuse(Refusal.InvalidFields([new("sha256", "Kontrollsumman ska vara 64 hexadecimala gemener (SHA-256).")]));
        var (links, mails) = Mail(r.Justerare, JusterareMail.SignedProtocol, c.Version, c.FreshLinks);
        return new(
            [new ProtocolSealed(c.Version, c.BlobName, c.Sha256, c.DocumentId, c.At), new LinksIssued(links, LinkPurpose.SignedProtocol, c.At)],
            [new NotifySecretary(SecretaryNotice.Sealed, []), .. mails]);
    }

    private static Decision SealFailure(ReportSealFailure c, Completed done)
    {
        var reason = string.IsNullOrWhiteSpace(c.Reason) ? "Okänt fel." : c.Reason.Trim();
        if (reason.Length > RoundRules.MaxReasonLength)
            reason = reason[..RoundRules.MaxReasonLength];
        // Retries usually fail the same way: the same reason again records nothing, and the secretary is told of the first failure only.
        if (done.SealFailure?.Reason == reason)
            return Decision.Nothing;
        return new([new SealFailed(reason, c.At)],
            done.SealFailure is null ? [new NotifySecretary(SecretaryNotice.SealFailed, [reason])] : []);
    }

    private static Decision RetrySealing(RetrySeal c, Round r) =>
        new([new SealRetried(r.Protocol.Version, c.RequestedBy, c.At)], [new SealProtocol(r.Protocol.Version)]);

    private static Decision Cancel(CancelRound c, Round r, bool wasStarted)
    {
        if (string.IsNullOrWhiteSpace(c.Reason))
            return Decision.Refuse(Refusal.InvalidFields([new("reason", "Ange varför rundan avbryts.")]));
        if (c.Reason.Length > RoundRules.MaxReasonLength)
            return Decision.Refuse(Refusal.InvalidFields([new("reason", $"Skälet får vara högst {RoundRules.MaxReasonLength} tecken.")]));
        IReadOnlyList<JusteringRoundEffect> effects = wasStarted
            ? [.. r.Justerare.Select(j => new MailJusterare(JusterareMail.Cancelled, j, r.Protocol.Version, null, c.Reason.Trim()))]
            : [];
        return new([new RoundCancelled(c.Reason.Trim(), c.At)], effects);
    }

    private static (IReadOnlyList<IssuedLink> Links, List<JusteringRoundEffect> Effects) Mail(
        IReadOnlyList<Justerare> recipients, JusterareMail mail, int version, IReadOnlyList<NewLink> fresh)
    {
        if (fresh.Count < recipients.Count)
            throw new ArgumentException($"{recipients.Count} fresh links are needed, {fresh.Count} came with the command.", nameof(fresh));
        var links = recipients.Select((j, i) => new IssuedLink(j.Id, version, fresh[i].TokenHash)).ToList();
        var effects = recipients.Select((j, i) => (JusteringRoundEffect)new MailJusterare(mail, j, version, fresh[i].Token, null)).ToList();
        return (links, effects);
    }

    private static List<Justerare> NotRemindedOn(Round r, IEnumerable<Justerare> candidates, DateOnly today) =>
        [.. candidates.Where(j => !r.LastReminded.TryGetValue(j.Id, out var day) || day != today)];

    private static Round Issued(Round r, LinksIssued e)
    {
        var round = r with { Links = r.Links.AddRange(e.Links) };
        if (e.Purpose is LinkPurpose.HalfwayReminder or LinkPurpose.WorkingDayBeforeReminder or LinkPurpose.ManualReminder)
        {
            var today = StockholmTime.LocalDate(e.At);
            round = round with { LastReminded = round.LastReminded.SetItems(e.Links.Select(l => KeyValuePair.Create(l.JusterareId, today))) };
        }
        if (e.Purpose is LinkPurpose.HalfwayReminder or LinkPurpose.WorkingDayBeforeReminder)
            round = round with { RemindedThrough = e.At };
        return round;
    }

    private static JusteringRoundState Map(JusteringRoundState state, Func<Round, Round> change) => state switch
    {
        Draft d => d with { Round = change(d.Round) },
        AwaitingAnswers a => a with { Round = change(a.Round) },
        Completed c => c with { Round = change(c.Round) },
        Cancelled x => x with { Round = change(x.Round) },
        Sealed s => s with { Round = change(s.Round) },
        _ => throw new InvalidOperationException("An event for a round that was never created: the stream is corrupt."),
    };

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Describe(Justerare j) => $"{j.Name} ({j.Organisation})";
}

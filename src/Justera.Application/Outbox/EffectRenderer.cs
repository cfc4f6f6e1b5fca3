using Justera.Core.JusteringRounds;
using Justera.Mail;
using Microsoft.Extensions.Options;

namespace Justera.Application.Outbox;

/// <summary>Turns a decision's effects into outbox items: e-mails rendered once, with their Message-IDs fixed before the first attempt.</summary>
public sealed class EffectRenderer(IOptions<JusteraOptions> options)
{
    private readonly JusteraOptions _options = options.Value;

    public IReadOnlyList<OutboxItem> Render(string roundId, int version, Round round, IReadOnlyList<JusteringRoundEffect> effects) =>
        [.. effects.Select((effect, index) => Render($"{version}-{index}", roundId, round, effect))];

    private OutboxItem Render(string id, string roundId, Round round, JusteringRoundEffect effect) => effect switch
    {
        MailJusterare m => ToJusterare(id, round, m),
        NotifySecretary n => ToSecretary(id, roundId, round, n),
        SealProtocol s => new OutboxItem(id, null, s.ApprovedVersion, "försegling"),
        _ => throw new ArgumentOutOfRangeException(nameof(effect), effect.GetType().Name, "Unknown effect."),
    };

    private OutboxItem ToJusterare(string id, Round round, MailJusterare m)
    {
        var facts = Facts(round) with { ProtocolVersion = m.ProtocolVersion };
        var (subject, text, html) = m.Mail switch
        {
            JusterareMail.Request => JusteringMails.Request(facts, _options.LinkFor(m.Token!)),
            JusterareMail.Reminder => JusteringMails.Reminder(facts, _options.LinkFor(m.Token!)),
            JusterareMail.NewVersion => JusteringMails.NewVersion(facts, _options.LinkFor(m.Token!)),
            JusterareMail.Receipt => JusteringMails.Receipt(facts, m.Note ?? "", round.Answers.TryGetValue(m.To.Id, out var a) ? a.RecordedAt : round.CreatedAt),
            JusterareMail.Cancelled => JusteringMails.Cancelled(facts, m.Note ?? ""),
            JusterareMail.SignedProtocol => JusteringMails.SignedProtocol(facts, _options.SignedProtocolLink(m.Token!),
                SignedProtocol.DocumentIdFor(round.Id, m.ProtocolVersion), _options.VerificationPage(SignedProtocol.DocumentIdFor(round.Id, m.ProtocolVersion))),
            _ => throw new ArgumentOutOfRangeException(nameof(m), m.Mail, "Unknown mail."),
        };
        return new OutboxItem(id, Mail(m.To.Name, m.To.Email, subject, text, html, round), null, m.To.Email);
    }

    private OutboxItem ToSecretary(string id, string roundId, Round round, NotifySecretary n)
    {
        var facts = Facts(round);
        var page = _options.RoundPage(roundId);
        var (subject, text, html) = n.Notice switch
        {
            SecretaryNotice.ChangesRequested => JusteringMails.ChangesRequested(facts, n.About.Count > 0 ? n.About[0] : "", "", page),
            SecretaryNotice.MissingAtDeadline => JusteringMails.MissingAtDeadline(facts, n.About, page),
            SecretaryNotice.Completed => JusteringMails.Completed(facts, page),
            SecretaryNotice.DeliveryFailed => JusteringMails.DeliveryFailed(facts, string.Join(", ", n.About), page),
            SecretaryNotice.Sealed => JusteringMails.Sealed(facts, page, SignedProtocol.DocumentIdFor(roundId, round.Protocol.Version),
                _options.VerificationPage(SignedProtocol.DocumentIdFor(roundId, round.Protocol.Version))),
            SecretaryNotice.SealFailed => JusteringMails.SealFailed(facts, n.About.Count > 0 ? n.About[0] : "", page),
            _ => throw new ArgumentOutOfRangeException(nameof(n), n.Notice, "Unknown notice."),
        };
        return new OutboxItem(id, Mail(round.Secretary.Name, round.Secretary.Email, subject, text, html, round), null, round.Secretary.Email);
    }

    private OutgoingMail Mail(string name, string address, string subject, string text, string html, Round round) =>
        new(OutgoingMail.NewMessageId(_options.MessageIdDomain), name, address, subject, text, html) { ReplyToAddress = round.Secretary.Email };

    private static RoundMailFacts Facts(Round round) => new(
        round.Administration.Name, round.MeetingDate, round.Deadline, round.JusteringDate,
        round.Secretary.Name, round.Secretary.Email, round.Protocol.Version);
}

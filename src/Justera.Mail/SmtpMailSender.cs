using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace Justera.Mail;

/// <summary>Sends e-mail through an SMTP server with MailKit, one connection per message.</summary>
/// <remarks>
/// A connection per message keeps a failed send from poisoning the next one; at the send rates Justera keeps
/// to (Exchange Online allows 30 a minute) the extra handshakes cost nothing that matters.
/// </remarks>
public sealed class SmtpMailSender : IMailSender
{
    private readonly SmtpOptions options;
    private readonly MailboxAddress from;

    /// <summary>Initializes a new instance, refusing settings that could never send anything.</summary>
    public SmtpMailSender(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Host))
            throw new ArgumentException("Smtp:Host is not set.", nameof(options));
        if (options.Port is < 1 or > 65535)
            throw new ArgumentException($"Smtp:Port {options.Port} is not a TCP port.", nameof(options));
        if (options.TimeoutSeconds is < 1 or > 3600)
            throw new ArgumentException($"Smtp:TimeoutSeconds {options.TimeoutSeconds} is outside 1–3600.", nameof(options));
        if (string.IsNullOrWhiteSpace(options.FromAddress)
            || !MailboxAddress.TryParse(options.FromAddress, out var fromAddress)
            || fromAddress.Address.Length == 0)
        {
            throw new ArgumentException($"Smtp:FromAddress \"{options.FromAddress}\" is not an e-mail address.", nameof(options));
        }

        this.options = options;
        from = new MailboxAddress(options.FromName, fromAddress.Address);
    }

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);

        // Built before connecting: an address that cannot be parsed fails without touching the network.
        var message = CreateMessage(mail);

        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            var security = options.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
            await client.ConnectAsync(options.Host, options.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            await client.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } kind)
        {
            throw new MailDeliveryException(
                kind,
                (ex as SmtpCommandException)?.StatusCode is { } code ? (int)code : null,
                $"Message {mail.MessageId} was not delivered ({kind}): {ex.Message}",
                ex);
        }

        // The server has accepted the message: neither a failed QUIT nor the caller's cancellation may now
        // make the send look failed, or the caller would send it again. The client's timeout bounds the wait.
        try
        {
            await client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception ex) when (Classify(ex, CancellationToken.None) is not null)
        {
        }
    }

    /// <summary>Decides what a MailKit or network failure means for the message; null for anything else, which passes through unchanged.</summary>
    private static MailFailureKind? Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        // The caller's own cancellation is not a delivery failure.
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,

        SmtpCommandException { StatusCode: var code } when (int)code is >= 400 and < 500 => MailFailureKind.Transient,
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted } =>
            MailFailureKind.Permanent,
        // 5xx for the sender, or outside any message (greeting, EHLO, STARTTLS, AUTH): the same for every message.
        SmtpCommandException => MailFailureKind.Configuration,
        AuthenticationException or SaslException or SslHandshakeException => MailFailureKind.Configuration,
        // MailKit's way of saying STARTTLS or authentication was asked for but the server does not offer it.
        NotSupportedException => MailFailureKind.Configuration,

        // A dropped connection, a garbled reply, a refused connection, an unresolvable host, a timeout.
        ProtocolException or IOException or SocketException or TimeoutException or OperationCanceledException =>
            MailFailureKind.Transient,
        _ => null,
    };

    private MimeMessage CreateMessage(OutgoingMail mail)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.ToName, Address(mail.ToAddress, mail, "recipient")));
        if (!string.IsNullOrWhiteSpace(mail.ReplyToAddress))
            message.ReplyTo.Add(new MailboxAddress(string.Empty, Address(mail.ReplyToAddress, mail, "reply-to")));

        // MimeKit encodes non-ASCII header text (å, ä, ö, the en dash) as UTF-8 encoded-words.
        message.Subject = mail.Subject;
        message.MessageId = mail.MessageId;

        // RFC 3834: out-of-office and other auto-replies should not answer a machine-sent message.
        message.Headers.Add("Auto-Submitted", "auto-generated");

        message.Body = new MultipartAlternative
        {
            // Plain text first: in multipart/alternative the last part is the preferred one.
            Utf8Part(TextFormat.Plain, mail.TextBody),
            Utf8Part(TextFormat.Html, mail.HtmlBody),
        };
        return message;
    }

    private static string Address(string address, OutgoingMail mail, string role)
    {
        // An address that cannot be parsed will never become deliverable, however often the message is retried.
        if (string.IsNullOrWhiteSpace(address) || !MailboxAddress.TryParse(address, out var parsed) || parsed.Address.Length == 0)
        {
            throw new MailDeliveryException(
                MailFailureKind.Permanent,
                null,
                $"Message {mail.MessageId} was not delivered ({MailFailureKind.Permanent}): the {role} address is not valid.",
                null);
        }

        return parsed.Address;
    }

    private static TextPart Utf8Part(TextFormat format, string content)
    {
        // Quoted-printable keeps Swedish text readable in the raw message and safe on 7-bit relays.
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, content);
        return part;
    }
}

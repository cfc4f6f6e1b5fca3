namespace Justera.Mail;

/// <summary>Delivers one rendered e-mail, or throws so that the caller can retry it later.</summary>
public interface IMailSender
{
    /// <summary>Sends <paramref name="mail"/>; throws <see cref="MailDeliveryException"/> when the server or network fails.</summary>
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

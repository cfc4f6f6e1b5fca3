namespace Justera.Mail;

/// <summary>What a failed delivery means for the message, so the caller knows whether trying again can help.</summary>
public enum MailFailureKind
{
    /// <summary>The network or the server failed for now (connection refused, timeout, SMTP 4xx); the same message may succeed later.</summary>
    Transient,

    /// <summary>The server refused this message or its recipient for good (SMTP 5xx on the recipient or the content, an invalid address); retrying cannot help, so someone should be told.</summary>
    Permanent,

    /// <summary>Our own settings are wrong (authentication, sender refused, TLS unavailable); every message fails until they are fixed, after which the same message can be sent.</summary>
    Configuration,
}

/// <summary>A message could not be delivered; <see cref="Kind"/> says whether trying again can help.</summary>
public sealed class MailDeliveryException : Exception
{
    /// <summary>Initializes a new instance for a failure of unknown kind, treated as transient.</summary>
    public MailDeliveryException()
    {
    }

    /// <summary>Initializes a new instance for a failure of unknown kind, treated as transient.</summary>
    public MailDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance for a failure of unknown kind, treated as transient.</summary>
    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance for a failure of the given kind.</summary>
    public MailDeliveryException(MailFailureKind kind, int? smtpStatusCode, string message, Exception? innerException)
        : base(message, innerException)
    {
        Kind = kind;
        SmtpStatusCode = smtpStatusCode;
    }

    /// <summary>Gets whether trying again can help.</summary>
    public MailFailureKind Kind { get; } = MailFailureKind.Transient;

    /// <summary>Gets the SMTP reply code (e.g. 550) when the server refused a command; null for network failures.</summary>
    public int? SmtpStatusCode { get; }
}

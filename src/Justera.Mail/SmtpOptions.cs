namespace Justera.Mail;

/// <summary>How to reach the SMTP server that delivers Justera's e-mail, bound from the configuration section "Smtp".</summary>
public sealed class SmtpOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Smtp";

    /// <summary>Gets or sets the SMTP server's host name.</summary>
    public string Host { get; set; } = "";

    /// <summary>Gets or sets the SMTP server's port; 25 unless configured (587 for submission with STARTTLS).</summary>
    public int Port { get; set; } = 25;

    /// <summary>Gets or sets whether the connection must be upgraded with STARTTLS; when set, a server without it is a configuration error, never a silent fallback to plain text.</summary>
    public bool UseStartTls { get; set; }

    /// <summary>Gets or sets the user name to authenticate as; no authentication when empty.</summary>
    public string? UserName { get; set; }

    /// <summary>Gets or sets the password for <see cref="UserName"/>.</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets the sender's address, e.g. justera@example.org.</summary>
    public string FromAddress { get; set; } = "";

    /// <summary>Gets or sets the sender's display name, e.g. "Skärholmens stadsdelsförvaltning".</summary>
    public string FromName { get; set; } = "";

    /// <summary>Gets or sets how long, in seconds, connecting and each network read or write may take.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

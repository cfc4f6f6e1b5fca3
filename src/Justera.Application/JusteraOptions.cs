namespace Justera.Application;

/// <summary>How this installation of Justera behaves; bound from the "Justera" configuration section.</summary>
public sealed class JusteraOptions
{
    /// <summary>The address people reach the service at; personal links and round pages in e-mails start with it.</summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:7071");

    /// <summary>The right-hand side of the Message-IDs Justera mints.</summary>
    public string MessageIdDomain { get; set; } = "justera.localhost";

    /// <summary>E-mails a minute the dispatcher keeps to (Exchange Online allows 30 a minute per mailbox).</summary>
    public int MailsPerMinute { get; set; } = 30;

    /// <summary>Attempts at one e-mail before it is reported as failed on the round page.</summary>
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry; each further retry waits twice as long.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the local host runs its Durable Task engine (the orchestrations) and recovery loop; benchmarks and some tests drive the outbox and timer by hand.</summary>
    public bool BackgroundLoops { get; set; } = true;

    /// <summary>How often the local host's recovery loop reads the wake-up index and outbox marks for rounds an orchestration missed.</summary>
    public TimeSpan TimerInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The local data folder (git-ignored); the development seal certificate is kept under it. None: kept in memory.</summary>
    public string? DataFolder { get; set; }

    /// <summary>Verifications one client address may ask for a minute; the verification page is public.</summary>
    public int VerificationsPerMinute { get; set; } = 20;

    /// <summary>The administration's name as the compiled reports print it ("Skärholmens stadsdelsförvaltning").</summary>
    public string AdministrationName { get; set; } = "Stadsdelsförvaltningen";

    /// <summary>The TrueType font the compiled report's chart is drawn with; none: Debian's DejaVu Sans.</summary>
    public string? ReportChartFontPath { get; set; }

    public Uri LinkFor(string token) => new(PublicBaseUrl, $"svar/{token}");

    /// <summary>A justerare's personal link to the signed protocol.</summary>
    public Uri SignedProtocolLink(string token) => new(PublicBaseUrl, $"svar/{token}/signerat");

    /// <summary>The public verification page, opened at a document when one is given; printed on every sealed protocol.</summary>
    public Uri VerificationPage(string? documentId = null) => documentId is null
        ? new(PublicBaseUrl, "verifiera")
        : new(PublicBaseUrl, $"verifiera?dokument={Uri.EscapeDataString(documentId)}");

    public Uri RoundPage(string roundId) => new(PublicBaseUrl, $"rundor/{roundId}");
}

using Justera.Mail;

namespace Justera.Application.Outbox;

/// <summary>Where an outbox item stands.</summary>
public enum OutboxStatus
{
    Pending,
    Done,
    Failed,
}

/// <summary>
/// One effect of a decision, ready to carry out: an e-mail already rendered (so a retry resends the very
/// same message with the same Message-ID), or the sealing of the approved protocol.
/// </summary>
public sealed record OutboxItem(
    string Id,
    OutgoingMail? Mail,
    int? SealVersion,
    string Recipient,
    OutboxStatus Status = OutboxStatus.Pending,
    int Attempts = 0,
    DateTimeOffset? NextAttemptAt = null,
    string? LastError = null,
    DateTimeOffset? DoneAt = null)
{
    /// <summary>After sending, the bodies (which hold the raw personal-link token) are dropped; the rest stays as a record.</summary>
    public OutboxItem Sent(DateTimeOffset at) => this with
    {
        Status = OutboxStatus.Done,
        DoneAt = at,
        Mail = Mail is null ? null : Mail with { TextBody = "", HtmlBody = "" },
        Attempts = Attempts + 1,
        NextAttemptAt = null,
    };
}

/// <summary>One pass over a round's outbox: the items carried out or failed, and when the earliest item left is due (none: nothing left).</summary>
public sealed record OutboxPass(int Handled, DateTimeOffset? NextAttemptAt);

using System.Buffers;

namespace Justera.Mail;

/// <summary>A rendered e-mail whose Message-ID is fixed before the first attempt, so that every retry is recognisably the same message.</summary>
/// <param name="MessageId">The Message-ID without angle brackets, e.g. from <see cref="NewMessageId"/>; kept across retries so receivers can drop duplicates.</param>
/// <param name="ToName">The recipient's display name.</param>
/// <param name="ToAddress">The recipient's e-mail address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The plain-text body.</param>
/// <param name="HtmlBody">The HTML body, with the same content as the plain text.</param>
public sealed record OutgoingMail(string MessageId, string ToName, string ToAddress, string Subject, string TextBody, string HtmlBody)
{
    private static readonly SearchValues<char> NotInDomain = SearchValues.Create("<>@ \t\r\n");

    /// <summary>Gets where replies should go (usually the secretary, since justerare often answer by replying); none if null.</summary>
    public string? ReplyToAddress { get; init; }

    /// <summary>Creates a new globally unique Message-ID under <paramref name="domain"/>, without angle brackets.</summary>
    public static string NewMessageId(string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        if (domain.AsSpan().ContainsAny(NotInDomain))
            throw new ArgumentException("A Message-ID domain is a bare host name, e.g. justera.example.org.", nameof(domain));

        // Random, not time-based: the id is visible to every recipient and should reveal nothing.
        return $"{Guid.NewGuid():N}@{domain}";
    }
}

using System.Globalization;
using System.Text.Json;

namespace Justera.Integration.Tests.Infrastructure;

public sealed record MailAddressInfo(string Address, string Name)
{
    public override string ToString() => Name.Length == 0 ? Address : $"{Name} <{Address}>";
}

public sealed record MailAttachmentInfo(string FileName, string ContentType, long Size);

/// <summary>A mail as maildev's REST API (<c>GET /api/email</c>) reports it.</summary>
public sealed record ReceivedMail
{
    public required string Id { get; init; }

    public required string Subject { get; init; }

    public required IReadOnlyList<MailAddressInfo> From { get; init; }

    public required IReadOnlyList<MailAddressInfo> To { get; init; }

    public required IReadOnlyList<MailAddressInfo> Cc { get; init; }

    /// <summary>Recipients that were in the SMTP envelope but in no To/Cc header (maildev's calculatedBcc).</summary>
    public required IReadOnlyList<MailAddressInfo> Bcc { get; init; }

    /// <summary>Every RCPT TO address of the SMTP dialogue.</summary>
    public required IReadOnlyList<string> EnvelopeTo { get; init; }

    public string? Text { get; init; }

    public string? Html { get; init; }

    /// <summary>
    /// Headers by lower-case name (lookups ignore case). Repeated headers such as Received are
    /// joined with newlines. maildev leaves Date out of this list; see <see cref="Date"/>.
    /// </summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The Message-ID header including its angle brackets, or null.</summary>
    public string? MessageId => Headers.TryGetValue("message-id", out var id) ? id : null;

    /// <summary>maildev's "time": the Date header when the mail has one, else the time it arrived.</summary>
    public DateTimeOffset Date { get; init; }

    public required IReadOnlyList<MailAttachmentInfo> Attachments { get; init; }

    public override string ToString() =>
        $"[{Id}] \"{Subject}\" from {string.Join(", ", From)} to {string.Join(", ", To)} message-id {MessageId ?? "(none)"}";

    internal static ReceivedMail FromJson(JsonElement mail) => new()
    {
        Id = String(mail, "id") ?? "",
        Subject = String(mail, "subject") ?? "",
        From = Addresses(mail, "from"),
        To = Addresses(mail, "to"),
        Cc = Addresses(mail, "cc"),
        Bcc = Addresses(mail, "calculatedBcc"),
        EnvelopeTo = mail.TryGetProperty("envelope", out var envelope) ? Addresses(envelope, "to").Select(a => a.Address).ToArray() : [],
        Text = String(mail, "text"),
        Html = String(mail, "html"),
        Headers = ParseHeaders(mail),
        Date = DateTimeOffset.TryParse(String(mail, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : default,
        Attachments = Array(mail, "attachments")
            .Select(a => new MailAttachmentInfo(
                String(a, "filename") ?? "",
                String(a, "contentType") ?? "",
                a.TryGetProperty("size", out var size) && size.TryGetInt64(out var bytes) ? bytes : 0))
            .ToArray(),
    };

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonElement[] Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [];

    private static MailAddressInfo[] Addresses(JsonElement element, string name) =>
        Array(element, name).Select(a => new MailAddressInfo(String(a, "address") ?? "", String(a, "name") ?? "")).ToArray();

    private static Dictionary<string, string> ParseHeaders(JsonElement mail)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (mail.TryGetProperty("headers", out var json) && json.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in json.EnumerateObject())
            {
                headers[header.Name] = header.Value.ValueKind switch
                {
                    JsonValueKind.String => header.Value.GetString() ?? "",
                    JsonValueKind.Array => string.Join("\n", header.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
                    _ => header.Value.GetRawText(),
                };
            }
        }

        return headers;
    }
}

using Justera.Core.Swedish;

namespace Justera.Core.JusteringRounds;

/// <summary>How an answer reads in Swedish, the same on pages, in e-mails and on the justering page.</summary>
public static class AnswerWording
{
    public static string Summary(AnswerRecorded answer, DateTimeOffset deadline) =>
        answer is null ? throw new ArgumentNullException(nameof(answer))
        : answer.Channel == AnswerChannel.SilenceRule
            ? $"Inga synpunkter inkomna före {SwedishFormat.DateTime(deadline)} – justerat enligt överenskommelse"
            : Summary(answer.Kind, answer.Item, answer.Text);

    public static string Summary(ReplyKind kind, string? item, string? text) => kind switch
    {
        ReplyKind.NoObjection => string.IsNullOrWhiteSpace(text) ? "Inget att erinra" : $"Inget att erinra. {text}",
        ReplyKind.ApprovedWithDissent => string.IsNullOrWhiteSpace(text)
            ? $"Justerat med oenighet under {item}"
            : $"Justerat med oenighet under {item}: {text}",
        ReplyKind.ChangesRequested => $"Synpunkter: {text}",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Label(ReplyKind kind) => kind switch
    {
        ReplyKind.NoObjection => "Inget att erinra",
        ReplyKind.ApprovedWithDissent => "Justerar med oenighet",
        ReplyKind.ChangesRequested => "Synpunkter – ändring behövs",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

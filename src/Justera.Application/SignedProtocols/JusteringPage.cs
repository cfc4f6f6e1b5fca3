using Justera.Core.JusteringRounds;
using Justera.Documents.Sealing;

namespace Justera.Application.SignedProtocols;

/// <summary>
/// What the justering page of a completed round says: one row per current justerare, in the roster's order. The
/// answers' texts come from the events that recorded them (<see cref="AnswerTexts"/>), not from the state row.
/// </summary>
public static class JusteringPage
{
    public static JusteringPageFacts Facts(Round round, IReadOnlyDictionary<string, AnswerRecorded> answers, string documentId, Uri verificationUrl, DateTimeOffset sealedAt)
    {
        ArgumentNullException.ThrowIfNull(round);
        return new JusteringPageFacts(
            round.Administration.Name,
            round.MeetingDate,
            round.Protocol.Version,
            round.Secretary.Name,
            Rows(round, answers),
            documentId,
            round.Protocol.Sha256,
            round.Protocol.Length,
            verificationUrl,
            sealedAt);
    }

    /// <summary>The rows as printed; attachment numbers continue after the original's own bilagor.</summary>
    public static IReadOnlyList<JusteringRow> Rows(Round round, IReadOnlyDictionary<string, AnswerRecorded> answers)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(answers);
        return [.. round.Justerare.Select((j, i) => Row(round, answers, j, round.FirstAttachmentNumber + i))];
    }

    private static JusteringRow Row(Round round, IReadOnlyDictionary<string, AnswerRecorded> answers, Justerare justerare, int attachmentNumber)
    {
        var answer = answers.GetValueOrDefault(justerare.Id)
            ?? throw new InvalidOperationException($"Justerare {justerare.Id} has no recorded answer; only a completed round has a justering page.");
        var version = round.Versions.Find(v => v.Version == answer.ProtocolVersion) ?? round.Protocol;
        return new JusteringRow(
            justerare.Name,
            justerare.Organisation,
            AnswerWording.Summary(answer, round.Deadline),
            answer.At,
            attachmentNumber,
            Channel(answer),
            answer.Channel == AnswerChannel.SilenceRule ? null : answer.Text,
            answer.ProtocolVersion,
            version.Sha256);
    }

    /// <summary>How the answer came in, in Swedish, as the attachment page prints it.</summary>
    public static string Channel(AnswerRecorded answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return answer.Channel switch
        {
            AnswerChannel.PersonalLink => "Personlig länk i e-post",
            AnswerChannel.RecordedBySecretary when !string.IsNullOrWhiteSpace(answer.ChannelDescription) =>
                char.ToUpper(answer.ChannelDescription[0], System.Globalization.CultureInfo.GetCultureInfo("sv-SE")) + answer.ChannelDescription[1..],
            AnswerChannel.RecordedBySecretary => "Registrerat av sekreteraren",
            AnswerChannel.SilenceRule => "Inget svar före sista dag för synpunkter; justerat enligt överenskommelse",
            _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.Channel, "Unknown channel."),
        };
    }
}

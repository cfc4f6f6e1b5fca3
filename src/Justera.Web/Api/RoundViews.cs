using Justera.Core.JusteringRounds;
using Justera.Storage.JusteringRounds;

namespace Justera.Web.Api;

/// <summary>A justerare's line on the round page and in the API.</summary>
public sealed record JusterareStatus(string Id, string Name, string Organisation, string Email, string Status, string? Answer, DateTimeOffset? AnsweredAt, bool Late, string? Channel);

/// <summary>The sealed, signed protocol: its document id, its file's SHA-256, when it was sealed and where to download it.</summary>
public sealed record SignedProtocolStatus(string DocumentId, string Sha256, DateTimeOffset SealedAt, int ProtocolVersion, string Download, string Verification);

/// <summary>The round as the secretary sees it: where it stands and who has answered.</summary>
public sealed record RoundStatus(
    string Id,
    string Phase,
    string Administration,
    DateOnly MeetingDate,
    int ProtocolVersion,
    string ProtocolSha256,
    DateTimeOffset Deadline,
    DateOnly JusteringDate,
    int Answered,
    int Total,
    bool AwaitingRevision,
    IReadOnlyList<JusterareStatus> Justerare,
    IReadOnlyList<DeliveryFailure> DeliveryFailures,
    SignedProtocolStatus? SignedProtocol = null,
    SealFailure? SealFailure = null)
{
    /// <summary>The round's status; <paramref name="answers"/> are the current answers with their texts, from the event rows.</summary>
    public static RoundStatus From(StoredRound stored, IReadOnlyDictionary<string, AnswerRecorded> answers)
    {
        var r = stored.State.RoundOrNull!;
        return new RoundStatus(
            r.Id, PhaseOf(stored.State), r.Administration.Name, r.MeetingDate, r.Protocol.Version, r.Protocol.Sha256,
            r.Deadline, r.JusteringDate, r.Justerare.Count(j => r.HasAnswered(j.Id)), r.Justerare.Count, r.AwaitingRevision,
            [.. r.Justerare.Select(j => Line(r, answers, j))], r.DeliveryFailures,
            stored.State is JusteringRoundState.Sealed { SignedProtocol: var s }
                ? new SignedProtocolStatus(s.DocumentId, s.Sha256, s.SealedAt, s.Version, $"/api/rundor/{r.Id}/signerat", $"/verifiera?dokument={s.DocumentId}")
                : null,
            (stored.State as JusteringRoundState.Completed)?.SealFailure);
    }

    public static string PhaseOf(JusteringRoundState state) => state switch
    {
        JusteringRoundState.Draft => "Utkast",
        JusteringRoundState.AwaitingAnswers { Round.AwaitingRevision: true } => "Väntar på ny version",
        JusteringRoundState.AwaitingAnswers => "Väntar på svar",
        // Sealing is a further fact (SignedProtocol), not another phase to a script: the round is justerat either way.
        JusteringRoundState.Completed or JusteringRoundState.Sealed => "Justerat",
        JusteringRoundState.Cancelled => "Avbruten",
        _ => "Okänd",
    };

    private static JusterareStatus Line(Round r, IReadOnlyDictionary<string, AnswerRecorded> answers, Justerare j)
    {
        var a = r.Answers.GetValueOrDefault(j.Id);
        var recorded = answers.GetValueOrDefault(j.Id);
        return new JusterareStatus(j.Id, j.Name, j.Organisation, j.Email,
            a is null ? "Inte svarat" : AnswerWording.Label(a.Kind),
            recorded is null ? null : AnswerWording.Summary(recorded, r.Deadline), a?.RecordedAt, a?.Late ?? false, recorded?.ChannelDescription);
    }
}

/// <summary>One entry of the round's history: what happened, when, to which protocol version.</summary>
public sealed record HistoryEntry(int Version, DateTimeOffset At, string Type, string Description);

using Justera.Core.JusteringRounds;
using Justera.Core.Swedish;
using Justera.Storage.JusteringRounds;

namespace Justera.Web.Api;

/// <summary>The round's history in Swedish, the same on the round page and in the API.</summary>
public static class HistoryWording
{
    public static IReadOnlyList<HistoryEntry> Entries(Round round, IReadOnlyList<StoredDecision> decisions) =>
        [.. decisions.SelectMany(d => d.Events.Select(e => new HistoryEntry(d.Version, e.At, e.GetType().Name, Describe(round, e))))];

    public static string Describe(Round round, JusteringRoundEvent e) => e switch
    {
        RoundCreated c => $"Rundan skapades med {c.Justerare.Count} justerare och protokollet version 1.",
        RoundStarted => "Rundan startades.",
        LinksIssued { Purpose: LinkPurpose.Request } l => $"Begäran om justering skickades till {Names(round, l)}.",
        LinksIssued { Purpose: LinkPurpose.NewVersion } l => $"Den nya versionen skickades till {Names(round, l)}.",
        LinksIssued { Purpose: LinkPurpose.Substitute } l => $"Ersättaren {Names(round, l)} ombads justera.",
        LinksIssued { Purpose: LinkPurpose.SignedProtocol } l => $"Länk till det signerade protokollet skickades till {Names(round, l)}.",
        LinksIssued { Links.Count: 0 } => "En påminnelse var planerad, men alla som inte har svarat hade redan påmints i dag.",
        LinksIssued l => $"Påminnelse skickades till {Names(round, l)}.",
        // The channel comes before the answer, so an answer text with its own full stop still ends the line.
        AnswerRecorded a => $"{Name(round, a.JusterareId)} svarade på version {a.ProtocolVersion} "
            + (a.Channel == AnswerChannel.PersonalLink ? "via personlig länk" : $"({a.ChannelDescription})")
            + (a.Late ? ", efter sista dag" : "")
            + $": {AnswerWording.Summary(a.Kind, a.Item, a.Text)}",
        ProtocolRevised p => $"Protokollet ändrades till version {p.Protocol.Version}. Tidigare svar räknas inte längre. Sista dag för synpunkter: {SwedishFormat.DateTime(p.Deadline)}.",
        JusterareReplaced r => $"{Name(round, r.ReplacedId)} ersattes av {r.Substitute.Name} ({r.Substitute.Organisation}).",
        DeadlineExtended x => $"Sista dag för synpunkter förlängdes till {SwedishFormat.DateTime(x.Deadline)}.",
        DeadlinePassed { MissingJusterareIds.Count: 0 } => "Sista dag för synpunkter passerade. Alla hade svarat.",
        DeadlinePassed d => $"Sista dag för synpunkter passerade utan svar från {string.Join(", ", d.MissingJusterareIds.Select(id => Name(round, id)))}.",
        DeliveryFailed f => $"E-post till {f.Recipient} kunde inte levereras: {f.Reason}",
        RoundCompleted c => $"Alla justerare har godkänt version {c.ApprovedVersion}. Protokollet är justerat.",
        RoundCancelled c => $"Rundan avbröts: {c.Reason}",
        ProtocolSealed s => $"Protokollet version {s.Version} förseglades och sparades som dokument {s.DocumentId} (SHA-256 {s.Sha256}).",
        SealFailed f => $"Protokollet kunde inte förseglas: {f.Reason}",
        SealRetried r => $"{r.RequestedBy} bad om att protokollet version {r.ApprovedVersion} skulle förseglas igen.",
        _ => e.GetType().Name,
    };

    private static string Names(Round round, LinksIssued l) => string.Join(", ", l.Links.Select(x => Name(round, x.JusterareId)));

    private static string Name(Round round, string id) =>
        round.Justerare.Concat(round.Replaced).FirstOrDefault(j => j.Id == id) is { } j ? $"{j.Name} ({j.Organisation})" : "okänd justerare";
}

using System.Text.Encodings.Web;
using System.Text.Json;
using Justera.Core.JusteringRounds;
using Justera.Storage.JusteringRounds;

namespace Justera.Application.SignedProtocols;

/// <summary>
/// The evidence of a justering: the round's history up to its completion as JSON — who did what, when, to which
/// protocol version, with the versions' hashes. No e-mail addresses, link hashes or form keys (and not the secretary,
/// whose development sign-in name is an address; the justering page prints her): the file is embedded
/// in the sealed protocol and stored beside it. Everything after the completion is left out, so every attempt at
/// sealing a round writes the very same evidence, byte for byte.
/// </summary>
public static class SealEvidence
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        // Å, ä and ö stay readable; the file is never put into HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Json(Round round, IReadOnlyList<StoredDecision> history, string documentId, int approvedVersion)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(history);
        var people = round.Justerare.Concat(round.Replaced).ToDictionary(j => j.Id, StringComparer.Ordinal);
        var emails = round.Justerare.Concat(round.Replaced)
            .GroupBy(j => j.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var approved = round.Versions.Find(v => v.Version == approvedVersion) ?? round.Protocol;

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("documentId", documentId);
            json.WriteString("roundId", round.Id);
            json.WriteString("administration", round.Administration.Name);
            json.WriteString("meetingDate", round.MeetingDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WritePropertyName("approvedVersion");
            WriteVersion(json, approved);
            json.WriteStartArray("versions");
            foreach (var version in round.Versions)
                WriteVersion(json, version);
            json.WriteEndArray();
            json.WriteStartArray("events");
            foreach (var decision in history.OrderBy(d => d.Version))
            {
                foreach (var e in decision.Events)
                    WriteEvent(json, decision.Version, e, people, emails);
                if (decision.Events.Any(e => e is RoundCompleted c && c.ApprovedVersion == approvedVersion))
                    break;
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteVersion(Utf8JsonWriter json, ProtocolFile file)
    {
        json.WriteStartObject();
        json.WriteNumber("version", file.Version);
        json.WriteString("sha256", file.Sha256);
        json.WriteNumber("length", file.Length);
        json.WriteString("fileName", file.FileName);
        json.WriteString("uploadedAt", file.UploadedAt);
        json.WriteEndObject();
    }

    private static void WriteEvent(Utf8JsonWriter json, int decision, JusteringRoundEvent e,
        Dictionary<string, Justerare> people, Dictionary<string, Justerare> emails)
    {
        json.WriteStartObject();
        json.WriteNumber("decision", decision);
        json.WriteString("event", e.GetType().Name);
        json.WriteString("at", e.At);
        switch (e)
        {
            case RoundCreated c:
                json.WriteNumber("protocolVersion", c.Protocol.Version);
                json.WriteString("protocolSha256", c.Protocol.Sha256);
                json.WriteString("deadline", c.Deadline);
                json.WriteNumber("firstAttachmentNumber", c.FirstAttachmentNumber);
                json.WriteBoolean("silenceCountsAsNoObjection", c.Policy.SilenceCountsAsNoObjection);
                json.WriteStartArray("justerare");
                foreach (var j in c.Justerare)
                    WritePerson(json, j);
                json.WriteEndArray();
                break;
            case LinksIssued l:
                json.WriteString("purpose", l.Purpose.ToString());
                json.WriteStartArray("to");
                foreach (var link in l.Links)
                    WritePerson(json, people.GetValueOrDefault(link.JusterareId), link.JusterareId, link.ProtocolVersion);
                json.WriteEndArray();
                break;
            case AnswerRecorded a:
                json.WritePropertyName("justerare");
                WritePerson(json, people.GetValueOrDefault(a.JusterareId), a.JusterareId);
                json.WriteNumber("protocolVersion", a.ProtocolVersion);
                json.WriteString("kind", a.Kind.ToString());
                if (a.Item is not null)
                    json.WriteString("item", a.Item);
                if (a.Text is not null)
                    json.WriteString("text", a.Text);
                json.WriteString("answer", AnswerWording.Summary(a.Kind, a.Item, a.Text));
                json.WriteString("channel", a.Channel.ToString());
                if (a.ChannelDescription is not null)
                    json.WriteString("channelDescription", a.ChannelDescription);
                json.WriteBoolean("late", a.Late);
                break;
            case ProtocolRevised p:
                json.WriteNumber("protocolVersion", p.Protocol.Version);
                json.WriteString("protocolSha256", p.Protocol.Sha256);
                json.WriteString("deadline", p.Deadline);
                break;
            case JusterareReplaced r:
                json.WritePropertyName("replaced");
                WritePerson(json, people.GetValueOrDefault(r.ReplacedId), r.ReplacedId);
                json.WritePropertyName("substitute");
                WritePerson(json, r.Substitute);
                break;
            case DeadlineExtended x:
                json.WriteString("deadline", x.Deadline);
                break;
            case DeadlinePassed d:
                json.WriteStartArray("missing");
                foreach (var id in d.MissingJusterareIds)
                    WritePerson(json, people.GetValueOrDefault(id), id);
                json.WriteEndArray();
                break;
            case DeliveryFailed f:
                // The recipient is an address; name the person instead, or nobody.
                if (emails.TryGetValue(f.Recipient, out var recipient))
                {
                    json.WritePropertyName("recipient");
                    WritePerson(json, recipient);
                }
                break;
            case RoundCompleted c:
                json.WriteNumber("approvedVersion", c.ApprovedVersion);
                break;
            default:
                break;
        }
        json.WriteEndObject();
    }

    private static void WritePerson(Utf8JsonWriter json, Justerare? person, string? id = null, int? protocolVersion = null)
    {
        json.WriteStartObject();
        json.WriteString("id", person?.Id ?? id);
        if (person is not null)
        {
            json.WriteString("name", person.Name);
            json.WriteString("organisation", person.Organisation);
        }
        if (protocolVersion is { } version)
            json.WriteNumber("protocolVersion", version);
        json.WriteEndObject();
    }
}

using Justera.Core.Calendar;
using Justera.Core.JusteringRounds;
using Justera.Core.Links;
using Justera.Documents.Protocols;
using Justera.Storage.Protocols;

namespace Justera.Application.JusteringRounds;

/// <summary>A justerare as typed on the create form or sent in the API's roster.</summary>
public sealed record JusterareInput(string? Name, string? Organisation, string? Email);

/// <summary>Everything needed to create a round, as parsed at the edge; unparseable fields arrive as errors.</summary>
public sealed record NewRound(
    Administration Administration,
    Secretary Secretary,
    DateOnly? MeetingDate,
    IReadOnlyList<JusterareInput> Justerare,
    DateTimeOffset? Deadline,
    DateOnly? JusteringDate,
    ReminderPolicy Policy,
    int? FirstAttachmentNumber,
    string FileName,
    ReadOnlyMemory<byte> Pdf,
    bool Start,
    IReadOnlyList<FieldError> ParseErrors);

/// <summary>
/// Creates (and optionally starts) a round from an upload: checks the PDF and every field first, stores the
/// PDF under its hash only when all is well, then stores create and start as one decision.
/// </summary>
public sealed class RoundCreation(JusteringRoundService rounds, ProtocolBlobs protocols)
{
    public async Task<RoundOutcome> CreateAsync(NewRound input, CancellationToken cancellationToken = default)
    {
        var now = rounds.Time.GetUtcNow();
        var roundId = PersonalLinks.NewRoundId();
        var errors = new List<FieldError>(input.ParseErrors);
        if (input.MeetingDate is null && !errors.Exists(e => e.Field == "meetingDate"))
            errors.Add(new("meetingDate", "Ange mötesdatum."));
        if (input.Deadline is null && !errors.Exists(e => e.Field == "deadline"))
            errors.Add(new("deadline", "Ange sista dag för synpunkter."));

        var deadline = input.Deadline ?? now.AddDays(7);
        CreateRound Create(ProtocolInspection.Accepted? accepted) => new(
            roundId,
            input.Administration,
            input.MeetingDate ?? DateOnly.FromDateTime(now.Date),
            new ProtocolFile(1, ProtocolBlobs.NameFor(accepted?.Sha256 ?? "none"), accepted?.Sha256 ?? "", accepted?.LengthInBytes ?? 0, SafeFileName(input.FileName), now),
            input.Secretary,
            [.. input.Justerare.Select(j => new Justerare(Guid.NewGuid().ToString("N"), j.Name?.Trim() ?? "", j.Organisation?.Trim() ?? "", j.Email?.Trim() ?? ""))],
            deadline,
            input.JusteringDate ?? StockholmTime.LocalDate(deadline),
            input.Policy,
            input.FirstAttachmentNumber ?? accepted?.SuggestedFirstAttachmentNumber ?? 1,
            now);
        errors.AddRange(RoundRules.Create(Create(null)).Where(e => !errors.Exists(x => x.Field == e.Field)));

        // The cheap fields first: reading the PDF is the one costly step, so a form that is refused anyway (a bad
        // roster, a missing date) gets only the PDF checks that cost nothing, and the file is read once all else is valid.
        var inspection = errors.Exists(e => e.Field != "protocol") && ProtocolInspector.CheckCheaply(input.Pdf.Span) is null
            ? null
            : ProtocolInspector.Inspect(input.Pdf, cancellationToken);
        // An upload the edge already refused (no file, an empty one) is not refused a second time here.
        if (inspection is ProtocolInspection.Refused refused && !errors.Exists(e => e.Field == "protocol"))
            errors.Insert(0, new("protocol", refused.Message));
        if (errors.Count > 0)
            return new RoundOutcome(await rounds.LoadAsync(roundId, cancellationToken), Decision.Refuse(Refusal.InvalidFields(errors)));

        var accepted = (ProtocolInspection.Accepted)inspection!;
        var create = Create(accepted);
        await protocols.StoreAsync(accepted.Sha256, BinaryData.FromBytes(input.Pdf), cancellationToken);
        return await rounds.HandleAsync(roundId, _ => input.Start
            ? [create, new StartRound(PersonalLinks.Mint(roundId, create.Justerare.Count), now)]
            : [create], cancellationToken);
    }

    private static string SafeFileName(string name)
    {
        var file = Path.GetFileName(name ?? "");
        return string.IsNullOrWhiteSpace(file) ? "protokoll.pdf" : file[..Math.Min(file.Length, 200)];
    }
}

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
        var inspection = ProtocolInspector.Inspect(input.Pdf);
        // An upload the edge already refused (no file, an empty one) is not refused a second time here.
        if (inspection is ProtocolInspection.Refused refused && !errors.Exists(e => e.Field == "protocol"))
            errors.Add(new("protocol", refused.Message));
        var accepted = inspection as ProtocolInspection.Accepted;
        if (input.MeetingDate is null && !errors.Exists(e => e.Field == "meetingDate"))
            errors.Add(new("meetingDate", "Ange mötesdatum."));
        if (input.Deadline is null && !errors.Exists(e => e.Field == "deadline"))
            errors.Add(new("deadline", "Ange sista dag för synpunkter."));

        var deadline = input.Deadline ?? now.AddDays(7);
        var create = new CreateRound(
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
        errors.AddRange(RoundRules.Create(create).Where(e => !errors.Exists(x => x.Field == e.Field)));
        if (errors.Count > 0)
            return new RoundOutcome(await rounds.LoadAsync(roundId, cancellationToken), Decision.Refuse(Refusal.InvalidFields(errors)));

        await protocols.StoreAsync(accepted!.Sha256, BinaryData.FromBytes(input.Pdf), cancellationToken);
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

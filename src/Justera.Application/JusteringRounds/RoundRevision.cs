using Justera.Core.JusteringRounds;
using Justera.Documents.Protocols;
using Justera.Storage.Protocols;

namespace Justera.Application.JusteringRounds;

/// <summary>
/// Uploads a new protocol version after "synpunkter": checks the PDF, stores it under its hash, then
/// revises the round, which sends the new version to every justerare and makes earlier answers stop counting.
/// </summary>
public sealed class RoundRevision(JusteringRoundService rounds, ProtocolBlobs protocols)
{
    public async Task<RoundOutcome> ReviseAsync(string roundId, string fileName, ReadOnlyMemory<byte> pdf, DateTimeOffset? newDeadline, CancellationToken cancellationToken = default)
    {
        var now = rounds.Time.GetUtcNow();
        ProtocolInspection.Accepted? accepted = null;
        ReviseProtocol Revise(JusteringRoundState state) => new(
            new ProtocolFile(
                (state.RoundOrNull?.Protocol.Version ?? 0) + 1,
                ProtocolBlobs.NameFor(accepted?.Sha256 ?? "none"),
                accepted?.Sha256 ?? "",
                accepted?.LengthInBytes ?? 0,
                SafeFileName(fileName),
                now),
            newDeadline,
            JusteringRoundService.FreshLinks(roundId, state),
            now);

        // Decided once before anything is stored, so that a refused revision (wrong phase, deadline too
        // close) leaves no file behind and the secretary sees every problem of the form at once. The
        // decision that counts is made again on fresh state inside HandleAsync.
        var current = await rounds.LoadAsync(roundId, cancellationToken);
        var trial = JusteringRoundDecider.Decide(Revise(current.State), current.State);
        if (trial.Refusal is { Reason: not RefusalReason.Invalid })
            return new RoundOutcome(current, trial);
        var errors = new List<FieldError>();
        errors.AddRange(trial.Refusal?.Fields ?? []);

        // The cheap checks first: reading the PDF is the one costly step, so a revision refused anyway (a wrong
        // phase, a deadline too close) gets only the PDF checks that cost nothing, and the file is read last.
        var inspection = errors.Count > 0 && ProtocolInspector.CheckCheaply(pdf.Span) is null ? null : ProtocolInspector.Inspect(pdf, cancellationToken);
        if (inspection is ProtocolInspection.Refused refused)
        {
            errors.RemoveAll(e => e.Field == "protocol");
            errors.Insert(0, new("protocol", refused.Message));
        }

        if (errors.Count > 0)
            return new RoundOutcome(current, Decision.Refuse(Refusal.InvalidFields(errors)));
        accepted = (ProtocolInspection.Accepted)inspection!;
        // Decided again now that the file's hash is known: an upload identical to the current version is refused before it is stored.
        var withFile = JusteringRoundDecider.Decide(Revise(current.State), current.State);
        if (withFile.Refusal is not null)
            return new RoundOutcome(current, withFile);

        await protocols.StoreAsync(accepted.Sha256, BinaryData.FromBytes(pdf), cancellationToken);
        return await rounds.HandleAsync(roundId, Revise, cancellationToken);
    }

    private static string SafeFileName(string name)
    {
        var file = Path.GetFileName(name ?? "");
        return string.IsNullOrWhiteSpace(file) ? "protokoll.pdf" : file[..Math.Min(file.Length, 200)];
    }
}

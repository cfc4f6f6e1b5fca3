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
        var inspection = ProtocolInspector.Inspect(pdf);
        var accepted = inspection as ProtocolInspection.Accepted;
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
        if (inspection is ProtocolInspection.Refused refused)
            errors.Add(new("protocol", refused.Message));
        errors.AddRange(trial.Refusal?.Fields.Where(f => !errors.Exists(e => e.Field == f.Field)) ?? []);
        if (errors.Count > 0)
            return new RoundOutcome(current, Decision.Refuse(Refusal.InvalidFields(errors)));

        await protocols.StoreAsync(accepted!.Sha256, BinaryData.FromBytes(pdf), cancellationToken);
        return await rounds.HandleAsync(roundId, Revise, cancellationToken);
    }

    private static string SafeFileName(string name)
    {
        var file = Path.GetFileName(name ?? "");
        return string.IsNullOrWhiteSpace(file) ? "protokoll.pdf" : file[..Math.Min(file.Length, 200)];
    }
}

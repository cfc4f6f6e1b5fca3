using Azure.Data.Tables;
using Justera.Storage.JusteringRounds;

namespace Justera.Storage.SignedProtocols;

/// <summary>Where a sealed file belongs: its round and document id.</summary>
public sealed record SealedEntry(string Sha256, string RoundId, string DocumentId);

/// <summary>
/// Finds a sealed protocol by the SHA-256 of its file, so the verification page can tell which document an uploaded
/// copy is (row layout in <see cref="RoundTables"/>). Written before the seal is recorded; an orphan row is harmless
/// because the round's own state says which file counts.
/// </summary>
public sealed class SealedIndex(RoundTables tables)
{
    public const string Partition = "sealed";

    public Task RecordAsync(SealedEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return StorageGuard.GuardAsync(() => tables.Index.UpsertEntityAsync(
            new TableEntity(Partition, entry.Sha256) { ["RoundId"] = entry.RoundId, ["DocumentId"] = entry.DocumentId },
            TableUpdateMode.Replace,
            cancellationToken));
    }

    public async Task<SealedEntry?> FindAsync(string sha256, CancellationToken cancellationToken = default)
    {
        var row = await StorageGuard.GuardAsync(() => tables.Index.GetEntityIfExistsAsync<TableEntity>(Partition, sha256, cancellationToken: cancellationToken));
        return row.HasValue && row.Value is { } entity && entity.GetString("RoundId") is { } roundId && entity.GetString("DocumentId") is { } documentId
            ? new SealedEntry(sha256, roundId, documentId)
            : null;
    }
}

using Azure.Data.Tables;

namespace Justera.Storage.ReportCycles.Setup;

/// <summary>The year's current structure: the write-once blob that holds it, its hash, who imported it and when, and what it holds.</summary>
public sealed record StructureVersion(
    int Year,
    string BlobName,
    string Sha256,
    string ImportedBy,
    DateTimeOffset ImportedAt,
    string Summary,
    string? FormKey);

/// <summary>
/// The year structures of an administration (layout in <see cref="SetupTables"/>): each version a write-once blob named
/// by its content hash, and one row per year pointing at the current one. A cycle that started on a version keeps its
/// blob name, so a later import for the year never changes a running cycle's structure.
/// </summary>
public sealed class YearStructureStore(SetupTables tables)
{
    /// <summary>Stores a version's file unless it is there already (same name, same content); returns its blob name.</summary>
    public async Task<string> StoreFileAsync(string administrationId, int year, string sha256, BinaryData json, CancellationToken cancellationToken = default)
    {
        var name = SetupTables.StructureFileName(administrationId, year, sha256);
        await WriteOnceBlobs.TryStoreAsync(tables.Files, name, json, "application/json", cancellationToken);
        return name;
    }

    public Task<BinaryData?> ReadFileAsync(string blobName, CancellationToken cancellationToken = default) =>
        WriteOnceBlobs.ReadAsync(tables.Files, blobName, cancellationToken);

    /// <summary>Points the year at a stored version; the last confirmed import wins, and each is a whole version.</summary>
    public Task SetCurrentAsync(string administrationId, StructureVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var row = new TableEntity(administrationId, SetupTables.YearRow(version.Year))
        {
            ["Year"] = version.Year,
            ["BlobName"] = version.BlobName,
            ["Sha256"] = version.Sha256,
            ["ImportedBy"] = version.ImportedBy,
            ["ImportedAt"] = version.ImportedAt,
            ["Summary"] = version.Summary,
            ["FormKey"] = version.FormKey,
        };
        return StorageGuard.GuardAsync(() => tables.Setup.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken));
    }

    public async Task<StructureVersion?> CurrentAsync(string administrationId, int year, CancellationToken cancellationToken = default)
    {
        var row = await StorageGuard.GuardAsync(() =>
            tables.Setup.GetEntityIfExistsAsync<TableEntity>(administrationId, SetupTables.YearRow(year), cancellationToken: cancellationToken));
        return row.HasValue && row.Value is { } entity ? Version(entity) : null;
    }

    /// <summary>Every year with a structure, newest first: one query over the year rows.</summary>
    public async Task<IReadOnlyList<StructureVersion>> ListAsync(string administrationId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {administrationId} and RowKey ge {"y_"} and RowKey lt {"y`"}");
        return await StorageGuard.GuardAsync(async () =>
        {
            var years = new List<StructureVersion>();
            await foreach (var row in tables.Setup.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                years.Add(Version(row));
            return years.OrderByDescending(y => y.Year).ToList();
        });
    }

    private static StructureVersion Version(TableEntity row) => new(
        row.GetInt32("Year") ?? 0,
        row.GetString("BlobName") ?? "",
        row.GetString("Sha256") ?? "",
        row.GetString("ImportedBy") ?? "",
        row.GetDateTimeOffset("ImportedAt") ?? default,
        row.GetString("Summary") ?? "",
        row.GetString("FormKey"));
}

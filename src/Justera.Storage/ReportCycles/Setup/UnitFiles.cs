namespace Justera.Storage.ReportCycles.Setup;

/// <summary>Units files that passed the checks, kept write-once by content hash between the preview and the confirm (layout in <see cref="SetupTables"/>).</summary>
public sealed class UnitFiles(SetupTables tables)
{
    public async Task<string> StoreAsync(string administrationId, string sha256, BinaryData csv, CancellationToken cancellationToken = default)
    {
        var name = SetupTables.UnitsFileName(administrationId, sha256);
        await WriteOnceBlobs.TryStoreAsync(tables.Files, name, csv, "text/csv; charset=utf-8", cancellationToken);
        return name;
    }

    public Task<BinaryData?> ReadAsync(string administrationId, string sha256, CancellationToken cancellationToken = default) =>
        WriteOnceBlobs.ReadAsync(tables.Files, SetupTables.UnitsFileName(administrationId, sha256), cancellationToken);
}

using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Justera.Storage.ReportCycles.Setup;

/// <summary>
/// Where an administration's set-up data for report cycles lives. Layout (the one place it is written down):
/// <list type="bullet">
/// <item><c>{prefix}setup</c> (table), PartitionKey = administration id — one partition per administration, so a
/// register update is entity-group transactions and reading the whole register is one query:
///   <c>register</c> the unit register's head: its <c>Revision</c> (bumped by every completed import), the last
///   import's file hash, who made it and when, its summary, its one-time form key, and <c>Pending</c> — the hash of
///   an import that has started writing and not finished (see <see cref="UnitRegisterStore"/>);
///   <c>u_{unit id in lower case}</c> one row per unit, ever: a re-import rewrites it, a unit the file no longer
///   lists is marked <c>Active = false</c>, never deleted, so cycles that named it still find its name and people;
///   <c>y_{year}</c> the year's current structure: the blob that holds it, its hash, who imported it and when.
/// "register" sorts before "u_", and both before "v", so one range query reads the head with every unit.</item>
/// <item><c>{prefix}setup</c> (blob container), written once per name: <c>enheter/{administration}/{sha256}.csv</c>,
/// every units file that passed the checks, as uploaded (the confirm step imports that exact file, and it stays as
/// the record of what was imported); <c>malstruktur/{administration}/{year}/{sha256}.json</c>, every structure
/// version, written back by <c>StructureJson.Write</c> so the same content has one name. A previewed file that was
/// never confirmed stays as an orphan blob: harmless, since only the table rows say what counts.</item>
/// </list>
/// </summary>
public sealed class SetupTables(TableServiceClient tables, BlobServiceClient blobs, string prefix)
{
    public TableClient Setup { get; } = tables.GetTableClient(prefix + "setup");

    public BlobContainerClient Files { get; } = blobs.GetBlobContainerClient(prefix + "setup");

    public const string RegisterRow = "register";

    /// <summary>Table transactions hold at most 100 operations (TRAPS.md).</summary>
    public const int MaxBatch = 100;

    /// <summary>Unit ids match without regard to case (as the import compares them), so the row key is the id in lower case.</summary>
    public static string UnitRow(string unitId)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        return "u_" + unitId.ToLowerInvariant();
    }

    public static string YearRow(int year) => $"y_{year:D4}";

    public static string UnitsFileName(string administrationId, string sha256) => $"enheter/{administrationId}/{sha256}.csv";

    public static string StructureFileName(string administrationId, int year, string sha256) => $"malstruktur/{administrationId}/{year:D4}/{sha256}.json";

    public async Task CreateIfMissingAsync(CancellationToken cancellationToken = default)
    {
        await Setup.CreateIfNotExistsAsync(cancellationToken);
        await Files.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}

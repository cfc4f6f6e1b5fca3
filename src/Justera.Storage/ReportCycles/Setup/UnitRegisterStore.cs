using Azure;
using Azure.Data.Tables;
using Justera.Core.ReportCycles;

namespace Justera.Storage.ReportCycles.Setup;

/// <summary>A unit as the register holds it: inactive once a units file no longer lists it (kept, so old cycles still name it).</summary>
public sealed record RegisteredUnit(ReportingUnit Unit, bool Active, DateTimeOffset? RemovedAt);

/// <summary>Who imported which units file, when, and what it did (in Swedish, for the page).</summary>
public sealed record RegisterImport(string Sha256, string ImportedBy, DateTimeOffset ImportedAt, string Summary);

/// <summary>
/// The administration's unit register as read in one query. <see cref="Revision"/> counts completed imports (a
/// preview names it, so a confirm after someone else's import is noticed); <see cref="Pending"/> is the hash of an
/// import that began writing and did not finish.
/// </summary>
public sealed record UnitRegister(
    string AdministrationId,
    int Revision,
    IReadOnlyList<RegisteredUnit> Units,
    RegisterImport? LastImport,
    string? Pending,
    DateTimeOffset? PendingSince,
    string? LastFormKey,
    ETag ETag)
{
    public bool Exists => ETag != default;

    public IEnumerable<ReportingUnit> ActiveUnits => Units.Where(u => u.Active).Select(u => u.Unit);
}

/// <summary>What one import writes: the units to write as the file has them, and the ids of units to mark inactive.</summary>
public sealed record RegisterUpdate(
    IReadOnlyList<ReportingUnit> Write,
    IReadOnlyList<string> Deactivate,
    RegisterImport Import,
    string FormKey);

/// <summary>
/// Reads and updates an administration's unit register (layout in <see cref="SetupTables"/>). An import is written
/// as few entity-group transactions as the 100-operation limit allows: the changed rows in batches of 100, the head
/// row (the new revision) in the last one. Before the first batch the head is claimed (<c>Pending</c> = the file's
/// hash, with If-Match), so two imports at once cannot interleave: the second one's claim fails.
/// <para>
/// If an import fails halfway (storage gone after batch 3 of 20), the batches before stay written and the head
/// still says <c>Pending</c>: the register then holds some of the file's rows and some of the old ones, each row
/// whole. Running the same import again is safe and finishes it: it compares the file with the rows as they are now,
/// so what was written is unchanged and only the rest is written, and the last batch clears <c>Pending</c>.
/// </para>
/// </summary>
public sealed class UnitRegisterStore(SetupTables tables)
{
    /// <summary>The register head and every unit, active or not: one query over the administration's partition (2,000 units and the head are three pages of it).</summary>
    public async Task<UnitRegister> ReadAsync(string administrationId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {administrationId} and RowKey ge {SetupTables.RegisterRow} and RowKey lt {"v"}");
        return await StorageGuard.GuardAsync(async () =>
        {
            var register = new UnitRegister(administrationId, 0, [], null, null, null, null, default);
            var units = new List<RegisteredUnit>();
            await foreach (var row in tables.Setup.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                if (row.RowKey == SetupTables.RegisterRow)
                    register = Head(administrationId, row);
                else if (row.RowKey.StartsWith("u_", StringComparison.Ordinal))
                    units.Add(Unit(row));
            }
            return register with { Units = units };
        });
    }

    /// <summary>
    /// Writes an import over <paramref name="register"/> as read; false when the register changed since (another import
    /// claimed or finished it), and then nothing was written. A failure of storage midway throws, leaving the import
    /// pending and safe to run again.
    /// </summary>
    public async Task<bool> TryCommitAsync(UnitRegister register, RegisterUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(update);
        var partition = register.AdministrationId;
        ETag claimed;
        try
        {
            var claim = new TableEntity(partition, SetupTables.RegisterRow)
            {
                ["Pending"] = update.Import.Sha256,
                ["PendingSince"] = update.Import.ImportedAt,
            };
            var response = register.Exists
                ? await StorageGuard.GuardAsync(() => tables.Setup.UpdateEntityAsync(claim, register.ETag, TableUpdateMode.Merge, cancellationToken))
                : await StorageGuard.GuardAsync(() => tables.Setup.AddEntityAsync(claim, cancellationToken));
            claimed = response.Headers.ETag ?? throw new InvalidOperationException("The table answered without an ETag.");
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }

        var operations = new List<TableTransactionAction>();
        foreach (var unit in update.Write)
            operations.Add(new(TableTransactionActionType.UpsertReplace, Row(partition, unit)));
        foreach (var id in update.Deactivate)
            operations.Add(new(TableTransactionActionType.UpdateMerge,
                new TableEntity(partition, SetupTables.UnitRow(id)) { ["Active"] = false, ["RemovedAt"] = update.Import.ImportedAt }, ETag.All));
        var head = new TableEntity(partition, SetupTables.RegisterRow)
        {
            ["Revision"] = register.Revision + 1,
            ["Sha256"] = update.Import.Sha256,
            ["ImportedBy"] = update.Import.ImportedBy,
            ["ImportedAt"] = update.Import.ImportedAt,
            ["Summary"] = update.Import.Summary,
            ["FormKey"] = update.FormKey,
        };

        // The head goes last, in the last batch: the revision moves only when every row of the file is written.
        var batches = operations.Chunk(SetupTables.MaxBatch).Select(c => c.ToList()).ToList();
        if (batches.Count == 0 || batches[^1].Count == SetupTables.MaxBatch)
            batches.Add([]);
        batches[^1].Add(new(TableTransactionActionType.UpdateReplace, head, claimed));
        foreach (var batch in batches)
        {
            try
            {
                await StorageGuard.GuardAsync(() => tables.Setup.SubmitTransactionAsync(batch, cancellationToken));
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && ReferenceEquals(batch, batches[^1]))
            {
                // Another import claimed the head after ours: it will write the register as its file has it.
                return false;
            }
        }
        return true;
    }

    private static UnitRegister Head(string administrationId, TableEntity row)
    {
        var import = row.GetString("Sha256") is { } sha
            ? new RegisterImport(sha, row.GetString("ImportedBy") ?? "", row.GetDateTimeOffset("ImportedAt") ?? default, row.GetString("Summary") ?? "")
            : null;
        return new UnitRegister(administrationId, row.GetInt32("Revision") ?? 0, [], import, row.GetString("Pending"), row.GetDateTimeOffset("PendingSince"), row.GetString("FormKey"), row.ETag);
    }

    private static TableEntity Row(string partition, ReportingUnit unit) => new(partition, SetupTables.UnitRow(unit.Id))
    {
        ["Id"] = unit.Id,
        ["Name"] = unit.Name,
        ["Department"] = unit.Department,
        ["ManagerName"] = unit.Manager.Name,
        ["ManagerEmail"] = unit.Manager.Email,
        ["DepartmentHeadName"] = unit.DepartmentHead.Name,
        ["DepartmentHeadEmail"] = unit.DepartmentHead.Email,
        ["Active"] = true,
    };

    private static RegisteredUnit Unit(TableEntity row) => new(
        new ReportingUnit(
            row.GetString("Id") ?? row.RowKey[2..],
            row.GetString("Name") ?? "",
            row.GetString("Department") ?? "",
            new Person(row.GetString("ManagerName") ?? "", row.GetString("ManagerEmail") ?? ""),
            new Person(row.GetString("DepartmentHeadName") ?? "", row.GetString("DepartmentHeadEmail") ?? "")),
        row.GetBoolean("Active") ?? true,
        row.GetDateTimeOffset("RemovedAt"));
}

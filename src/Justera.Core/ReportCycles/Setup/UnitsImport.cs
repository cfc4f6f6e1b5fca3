using System.Collections.Immutable;

namespace Justera.Core.ReportCycles.Setup;

/// <summary>A field of a unit that a re-import can change (the id is what ties the rows together, so it never "changes").</summary>
public enum UnitField
{
    Name,
    Department,
    ManagerName,
    ManagerEmail,
    DepartmentHeadName,
    DepartmentHeadEmail,
}

/// <summary>A unit whose row in the new file differs from the stored one, and in which fields.</summary>
public sealed record UnitChange(ReportingUnit Before, ReportingUnit After, ImmutableArray<UnitField> Fields);

/// <summary>What importing a units file over the stored units would do, so the page can say it before anything is saved.</summary>
public sealed record UnitsComparison(
    ImmutableArray<ReportingUnit> Added,
    ImmutableArray<UnitChange> Changed,
    ImmutableArray<ReportingUnit> Unchanged,
    ImmutableArray<ReportingUnit> Removed)
{
    /// <summary>Whether the import would change nothing.</summary>
    public bool IsNoChange => Added.IsEmpty && Changed.IsEmpty && Removed.IsEmpty;

    /// <summary>One Swedish sentence for the page, e.g. "2 nya enheter, 1 ändrad, 8 oförändrade, 1 finns inte längre i filen.".</summary>
    public string Summary =>
        IsNoChange
            ? $"Filen ändrar ingenting: alla {Unchanged.Length} enheter är oförändrade."
            : $"{Count(Added.Length, "ny enhet", "nya enheter")}, {Count(Changed.Length, "ändrad", "ändrade")}, "
              + $"{Count(Unchanged.Length, "oförändrad", "oförändrade")}, {Removed.Length} finns inte längre i filen.";

    private static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";
}

/// <summary>
/// Compares an imported units list with the stored one by unit id, so a re-import updates units and never
/// duplicates them. Ids match without regard to case (the CSV import refuses two ids that differ only in case);
/// names and departments compare exactly, e-mail addresses without regard to case, as mail systems do.
/// </summary>
public static class UnitsImport
{
    /// <summary>Sorts each imported unit into added, changed or unchanged, and lists the stored units the file no longer has (removed: whether they are dropped or kept is the caller's decision).</summary>
    public static UnitsComparison Compare(IEnumerable<ReportingUnit> existing, IEnumerable<ReportingUnit> imported)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(imported);
        var stored = new Dictionary<string, ReportingUnit>(StringComparer.OrdinalIgnoreCase);
        foreach (var unit in existing)
            stored.TryAdd(unit.Id, unit);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var added = ImmutableArray.CreateBuilder<ReportingUnit>();
        var changed = ImmutableArray.CreateBuilder<UnitChange>();
        var unchanged = ImmutableArray.CreateBuilder<ReportingUnit>();
        foreach (var unit in imported)
        {
            if (!seen.Add(unit.Id))
                continue;
            if (!stored.TryGetValue(unit.Id, out var before))
            {
                added.Add(unit);
                continue;
            }
            var fields = Differences(before, unit);
            if (fields.IsEmpty)
                unchanged.Add(unit);
            else
                changed.Add(new UnitChange(before, unit, fields));
        }
        var removed = stored.Values.Where(u => !seen.Contains(u.Id)).ToImmutableArray();
        return new UnitsComparison(added.ToImmutable(), changed.ToImmutable(), unchanged.ToImmutable(), removed);
    }

    /// <summary>The Swedish name of a field, as the page and the CSV header write it.</summary>
    public static string Label(UnitField field) => field switch
    {
        UnitField.Name => UnitsCsv.ColumnNames[UnitColumn.UnitName],
        UnitField.Department => UnitsCsv.ColumnNames[UnitColumn.Department],
        UnitField.ManagerName => UnitsCsv.ColumnNames[UnitColumn.ManagerName],
        UnitField.ManagerEmail => UnitsCsv.ColumnNames[UnitColumn.ManagerEmail],
        UnitField.DepartmentHeadName => UnitsCsv.ColumnNames[UnitColumn.DepartmentHeadName],
        UnitField.DepartmentHeadEmail => UnitsCsv.ColumnNames[UnitColumn.DepartmentHeadEmail],
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private static ImmutableArray<UnitField> Differences(ReportingUnit before, ReportingUnit after)
    {
        var fields = ImmutableArray.CreateBuilder<UnitField>();
        if (!string.Equals(before.Name, after.Name, StringComparison.Ordinal))
            fields.Add(UnitField.Name);
        if (!string.Equals(before.Department, after.Department, StringComparison.Ordinal))
            fields.Add(UnitField.Department);
        if (!string.Equals(before.Manager.Name, after.Manager.Name, StringComparison.Ordinal))
            fields.Add(UnitField.ManagerName);
        if (!string.Equals(before.Manager.Email, after.Manager.Email, StringComparison.OrdinalIgnoreCase))
            fields.Add(UnitField.ManagerEmail);
        if (!string.Equals(before.DepartmentHead.Name, after.DepartmentHead.Name, StringComparison.Ordinal))
            fields.Add(UnitField.DepartmentHeadName);
        if (!string.Equals(before.DepartmentHead.Email, after.DepartmentHead.Email, StringComparison.OrdinalIgnoreCase))
            fields.Add(UnitField.DepartmentHeadEmail);
        return fields.ToImmutable();
    }
}

using System.Collections.Immutable;
using System.Security.Cryptography;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;
using Justera.Storage.ReportCycles.Setup;

namespace Justera.Application.ReportCycles.Setup;

/// <summary>
/// What importing a units file would do: the errors (then nothing was stored), or the comparison with the register as
/// it was at <see cref="Revision"/>, and the hash under which the file waits for the secretary's confirmation.
/// </summary>
public sealed record UnitsPreview(ImmutableArray<ImportError> Errors, UnitsComparison? Comparison, string? Sha256, int Revision)
{
    public bool Succeeded => Errors.IsEmpty && Comparison is not null && Sha256 is not null;

    public string Summary => Comparison is null ? "" : SetupWording.UnitsSummary(Comparison);
}

/// <summary>What importing a year's structure would do: the errors, or the structure with its counts and the units it names that the register lacks.</summary>
public sealed record StructurePreview(
    ImmutableArray<ImportError> Errors,
    YearStructure? Structure,
    string? Sha256,
    ImmutableArray<string> UnknownUnits,
    StructureVersion? Current)
{
    public bool Succeeded => Errors.IsEmpty && Structure is not null && Sha256 is not null;

    public StructureCounts? Counts => Structure is null ? null : StructureCounts.Of(Structure);

    /// <summary>Whether the year already has this very structure.</summary>
    public bool IsCurrent => Current is not null && Current.Sha256 == Sha256;
}

/// <summary>How a confirmed import ended.</summary>
public enum ImportOutcome
{
    /// <summary>Stored.</summary>
    Imported,

    /// <summary>The file matches what is stored; nothing was written.</summary>
    NothingChanged,

    /// <summary>This form was already confirmed (a double click or a reload): the first confirmation stands.</summary>
    AlreadyImported,

    /// <summary>The register changed since the preview (another import): the secretary must look at the preview again.</summary>
    RegisterChanged,

    /// <summary>Another import of a different file is being written right now.</summary>
    Busy,

    /// <summary>The previewed file is not stored (a forged or outdated form).</summary>
    FileMissing,
}

/// <summary>
/// The set-up imports, for the pages and the API alike: a preview checks the file and says what it would do (storing
/// only the checked file, by hash); a confirmation imports exactly that file. Nothing of a file with errors is stored.
/// </summary>
public sealed class SetupImports(UnitRegisterStore register, UnitFiles unitFiles, YearStructureStore structures, TimeProvider time)
{
    /// <summary>An import that started writing this recently is taken to be still running; an older one broke off and may be run again.</summary>
    public static readonly TimeSpan PendingTimeout = TimeSpan.FromMinutes(5);

    public TimeProvider Time => time;

    public Task<UnitRegister> RegisterAsync(string administrationId, CancellationToken cancellationToken = default) =>
        register.ReadAsync(administrationId, cancellationToken);

    public async Task<UnitsPreview> PreviewUnitsAsync(string administrationId, ReadOnlyMemory<byte> csv, CancellationToken cancellationToken = default)
    {
        var read = UnitsCsv.Read(csv.Span);
        if (!read.Succeeded)
            return new UnitsPreview(read.Errors.IsEmpty ? [ImportError.File("Filen kunde inte läsas.")] : read.Errors, null, null, 0);
        var stored = await register.ReadAsync(administrationId, cancellationToken);
        var sha = Sha256(csv.Span);
        await unitFiles.StoreAsync(administrationId, sha, BinaryData.FromBytes(csv), cancellationToken);
        return new UnitsPreview([], UnitsImport.Compare(stored.ActiveUnits, read.Value), sha, stored.Revision);
    }

    /// <summary>The preview of a units file stored by an earlier preview, against the register as it is now; null when there is no such file.</summary>
    public async Task<UnitsPreview?> PreviewStoredUnitsAsync(string administrationId, string sha256, CancellationToken cancellationToken = default) =>
        IsSha256(sha256) && await unitFiles.ReadAsync(administrationId, sha256, cancellationToken) is { } file
            ? await PreviewUnitsAsync(administrationId, file.ToMemory(), cancellationToken)
            : null;

    /// <summary>
    /// Imports the previewed file <paramref name="sha256"/> if the register is still at <paramref name="revision"/>.
    /// Units the file no longer lists are marked inactive. Safe to run again after a failure halfway (see <see cref="UnitRegisterStore"/>).
    /// </summary>
    public async Task<(ImportOutcome Outcome, UnitsPreview? Preview)> ImportUnitsAsync(
        string administrationId, string sha256, int revision, string formKey, string importedBy, CancellationToken cancellationToken = default)
    {
        var stored = await register.ReadAsync(administrationId, cancellationToken);
        if (formKey.Length > 0 && stored.LastFormKey == formKey)
            return (ImportOutcome.AlreadyImported, null);
        if (stored.Revision != revision)
            return (ImportOutcome.RegisterChanged, null);
        var now = time.GetUtcNow();
        if (stored.Pending is { } pending && pending != sha256 && stored.PendingSince > now - PendingTimeout)
            return (ImportOutcome.Busy, null);
        if (!IsSha256(sha256) || await unitFiles.ReadAsync(administrationId, sha256, cancellationToken) is not { } file)
            return (ImportOutcome.FileMissing, null);
        var read = UnitsCsv.Read(file.ToMemory().Span);
        if (!read.Succeeded)
            return (ImportOutcome.FileMissing, null);
        var comparison = UnitsImport.Compare(stored.ActiveUnits, read.Value);
        var preview = new UnitsPreview([], comparison, sha256, stored.Revision);
        if (comparison.IsNoChange && stored.Pending is null)
            return (ImportOutcome.NothingChanged, preview);
        var update = new RegisterUpdate(
            [.. comparison.Added, .. comparison.Changed.Select(c => c.After)],
            [.. comparison.Removed.Select(u => u.Id)],
            new RegisterImport(sha256, importedBy, now, preview.Summary),
            formKey);
        return await register.TryCommitAsync(stored, update, cancellationToken)
            ? (ImportOutcome.Imported, preview)
            : (ImportOutcome.RegisterChanged, null);
    }

    /// <summary>
    /// Checks a structure file, for <paramref name="year"/> when given. Assignments may name units the register lacks
    /// (the structure may come first): they are listed, not refused. Ids of known units are stored as the register spells them.
    /// </summary>
    public async Task<StructurePreview> PreviewStructureAsync(string administrationId, ReadOnlyMemory<byte> json, int? year, CancellationToken cancellationToken = default)
    {
        var first = StructureJson.Read(json.Span);
        if (!first.Succeeded)
            return Failed(first.Errors);
        if (year is { } expected && first.Value.Year != expected)
            return Failed([ImportError.At(null, "year",
                $"Filen gäller år {first.Value.Year}, men importen gäller år {expected}. Rätta \"year\" i filen eller importera den för år {first.Value.Year}.")]);
        var stored = await register.ReadAsync(administrationId, cancellationToken);
        var known = new HashSet<string>(stored.ActiveUnits.Select(u => u.Id), StringComparer.OrdinalIgnoreCase);
        var unknown = first.Value.Assignments.Select(a => a.UnitId).Where(id => !known.Contains(id)).ToImmutableArray();
        var second = StructureJson.Read(json.Span, [.. known, .. unknown]);
        if (!second.Succeeded)
            return Failed(second.Errors);
        var normalized = StructureJson.Write(second.Value);
        var sha = Sha256(normalized);
        await structures.StoreFileAsync(administrationId, second.Value.Year, sha, BinaryData.FromBytes(normalized), cancellationToken);
        var current = await structures.CurrentAsync(administrationId, second.Value.Year, cancellationToken);
        return new StructurePreview([], second.Value, sha, unknown, current);

        static StructurePreview Failed(ImmutableArray<ImportError> errors) =>
            new(errors.IsEmpty ? [ImportError.File("Filen kunde inte läsas.")] : errors, null, null, [], null);
    }

    /// <summary>Makes the previewed version <paramref name="sha256"/> the year's current structure.</summary>
    public async Task<ImportOutcome> ImportStructureAsync(
        string administrationId, int year, string sha256, string formKey, string importedBy, CancellationToken cancellationToken = default)
    {
        var current = await structures.CurrentAsync(administrationId, year, cancellationToken);
        if (current is not null && formKey.Length > 0 && current.FormKey == formKey)
            return ImportOutcome.AlreadyImported;
        if (!IsSha256(sha256))
            return ImportOutcome.FileMissing;
        var name = SetupTables.StructureFileName(administrationId, year, sha256);
        if (await structures.ReadFileAsync(name, cancellationToken) is not { } file)
            return ImportOutcome.FileMissing;
        var read = StructureJson.Read(file.ToMemory().Span);
        if (!read.Succeeded || read.Value.Year != year)
            return ImportOutcome.FileMissing;
        if (current?.Sha256 == sha256)
            return ImportOutcome.NothingChanged;
        await structures.SetCurrentAsync(administrationId,
            new StructureVersion(year, name, sha256, importedBy, time.GetUtcNow(), StructureCounts.Of(read.Value).Summary, formKey), cancellationToken);
        return ImportOutcome.Imported;
    }

    public Task<IReadOnlyList<StructureVersion>> YearsAsync(string administrationId, CancellationToken cancellationToken = default) =>
        structures.ListAsync(administrationId, cancellationToken);

    /// <summary>The year's current structure and where it is stored; null when none is imported.</summary>
    public async Task<(StructureVersion Version, YearStructure Structure)?> StructureAsync(string administrationId, int year, CancellationToken cancellationToken = default)
    {
        if (await structures.CurrentAsync(administrationId, year, cancellationToken) is not { } version
            || await structures.ReadFileAsync(version.BlobName, cancellationToken) is not { } file)
            return null;
        var read = StructureJson.Read(file.ToMemory().Span);
        return read.Succeeded ? (version, read.Value) : null;
    }

    /// <summary>A stored version's file as written: the JSON the API serves.</summary>
    public Task<BinaryData?> StructureFileAsync(StructureVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        return structures.ReadFileAsync(version.BlobName, cancellationToken);
    }

    /// <summary>Reads an upload into memory, at most <paramref name="maxBytes"/>; null when it holds more (reading stops there).</summary>
    public static async Task<byte[]?> ReadBoundedAsync(Stream stream, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
                return buffer.ToArray();
            if (buffer.Length + read > maxBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
    }

    private static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Hashes arrive from forms and go into blob names: only 64 lower-case hex digits pass.</summary>
    public static bool IsSha256(string? value) => value is { Length: 64 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}

using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Unicode;
using Justera.Core.JusteringRounds;
using Justera.Core.Swedish;
using nietras.SeparatedValues;

namespace Justera.Core.ReportCycles.Setup;

/// <summary>A column of the units CSV.</summary>
public enum UnitColumn
{
    UnitId,
    UnitName,
    Department,
    ManagerName,
    ManagerEmail,
    DepartmentHeadName,
    DepartmentHeadEmail,
}

/// <summary>
/// Reads the units (enheter) from a CSV file as Excel saves it: a header row naming the seven columns in any order,
/// ';' or ',' between fields, UTF-8 with or without BOM. Every problem is collected with its line and column, in
/// Swedish; a file with any error gives no units at all.
/// </summary>
public static class UnitsCsv
{
    /// <summary>2,000 units of seven fields at their longest fit in about 4 MB; anything bigger is not a units list.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>A broken file (say, the wrong separator) gives one error per line; past this many the rest are counted, not listed.</summary>
    public const int MaxErrors = 100;

    /// <summary>E-mail addresses are at most 254 characters (RFC 5321's path limit less the brackets).</summary>
    public const int MaxEmailLength = 254;

    /// <summary>The header names <see cref="Read(ReadOnlySpan{byte})"/> asks for and writes in its messages.</summary>
    public static ImmutableDictionary<UnitColumn, string> ColumnNames { get; } = new Dictionary<UnitColumn, string>
    {
        [UnitColumn.UnitId] = "Enhets-id",
        [UnitColumn.UnitName] = "Enhet",
        [UnitColumn.Department] = "Avdelning",
        [UnitColumn.ManagerName] = "Enhetschef",
        [UnitColumn.ManagerEmail] = "Enhetschefens e-post",
        [UnitColumn.DepartmentHeadName] = "Avdelningschef",
        [UnitColumn.DepartmentHeadEmail] = "Avdelningschefens e-post",
    }.ToImmutableDictionary();

    // Header names are compared after Key(): lower case, without spaces, hyphens, underscores, dots and colons, so
    // "Enhets-id", "ENHETS ID" and "enhetsid:" are one name. Each column also has a few natural variants and its
    // English name, so a file made for another system or by a developer still reads.
    private static readonly Dictionary<string, UnitColumn> Aliases = new(StringComparer.Ordinal)
    {
        ["enhetsid"] = UnitColumn.UnitId,
        ["enhetid"] = UnitColumn.UnitId,
        ["id"] = UnitColumn.UnitId,
        ["unitid"] = UnitColumn.UnitId,
        ["enhet"] = UnitColumn.UnitName,
        ["enhetsnamn"] = UnitColumn.UnitName,
        ["enhetensnamn"] = UnitColumn.UnitName,
        ["unitname"] = UnitColumn.UnitName,
        ["avdelning"] = UnitColumn.Department,
        ["avdelningsnamn"] = UnitColumn.Department,
        ["department"] = UnitColumn.Department,
        ["enhetschef"] = UnitColumn.ManagerName,
        ["enhetschefensnamn"] = UnitColumn.ManagerName,
        ["enhetschefnamn"] = UnitColumn.ManagerName,
        ["managername"] = UnitColumn.ManagerName,
        ["enhetschefensepost"] = UnitColumn.ManagerEmail,
        ["enhetschefepost"] = UnitColumn.ManagerEmail,
        ["epostenhetschef"] = UnitColumn.ManagerEmail,
        ["enhetschefensemail"] = UnitColumn.ManagerEmail,
        ["enhetschefensepostadress"] = UnitColumn.ManagerEmail,
        ["manageremail"] = UnitColumn.ManagerEmail,
        ["avdelningschef"] = UnitColumn.DepartmentHeadName,
        ["avdelningschefensnamn"] = UnitColumn.DepartmentHeadName,
        ["avdelningschefnamn"] = UnitColumn.DepartmentHeadName,
        ["departmentheadname"] = UnitColumn.DepartmentHeadName,
        ["avdelningschefensepost"] = UnitColumn.DepartmentHeadEmail,
        ["avdelningschefepost"] = UnitColumn.DepartmentHeadEmail,
        ["epostavdelningschef"] = UnitColumn.DepartmentHeadEmail,
        ["avdelningschefensemail"] = UnitColumn.DepartmentHeadEmail,
        ["avdelningschefensepostadress"] = UnitColumn.DepartmentHeadEmail,
        ["departmentheademail"] = UnitColumn.DepartmentHeadEmail,
    };

    private static readonly string ExpectedHeader = string.Join(";", Enum.GetValues<UnitColumn>().Select(c => ColumnNames[c]));

    private const string SaveAsUtf8 = "Spara filen i Excel med Arkiv > Spara som > \"CSV UTF-8 (kommaavgränsad)\" och importera den igen.";

    /// <summary>Reads the file from a stream (an upload), buffering at most <see cref="MaxBytes"/>.</summary>
    public static async Task<ImportResult<IReadOnlyList<ReportingUnit>>> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var bytes = await SetupBytes.ReadBoundedAsync(stream, MaxBytes, cancellationToken);
        return bytes is null ? TooBig() : Read(bytes);
    }

    /// <summary>Reads the file's bytes.</summary>
    public static ImportResult<IReadOnlyList<ReportingUnit>> Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
            return TooBig();
        var text = Decode(bytes, out var fileError);
        if (fileError is not null)
            return Fail(fileError);
        return Parse(text!);
    }

    private static ImportResult<IReadOnlyList<ReportingUnit>> TooBig() =>
        Fail(ImportError.File($"Filen är för stor: högst {MaxBytes / (1024 * 1024)} MB. En enhetslista med {SwedishNumber.Format(SetupRules.MaxUnits, 0)} enheter ryms gott."));

    private static ImportResult<IReadOnlyList<ReportingUnit>> Fail(ImportError error) => ImportResult.Failed<IReadOnlyList<ReportingUnit>>([error]);

    private static string? Decode(ReadOnlySpan<byte> bytes, out ImportError? error)
    {
        error = null;
        if (bytes.StartsWith("PK\u0003\u0004"u8))
        {
            error = ImportError.File("Filen är en Excel-arbetsbok (.xlsx), inte en CSV-fil. " + SaveAsUtf8);
            return null;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            error = ImportError.File("Filen är sparad som UTF-16 (\"Unicode-text\"), inte som UTF-8. " + SaveAsUtf8);
            return null;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            bytes = bytes[3..];
        if (bytes.Contains((byte)0))
        {
            error = ImportError.File("Filen är ingen textfil (den innehåller binära data). Välj enhetslistan sparad som CSV. " + SaveAsUtf8);
            return null;
        }
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var line = LineCount(bytes[..read]);
            error = ImportError.At(line, null,
                "Filen är inte sparad som UTF-8. Å, ä och ö är troligen sparade som Windows-1252 (\"CSV (semikolonavgränsad)\"). " + SaveAsUtf8);
            return null;
        }
        var text = new string(chars, 0, written);
        if (string.IsNullOrWhiteSpace(text))
        {
            error = ImportError.File($"Filen är tom. Den ska ha en rubrikrad ({ExpectedHeader}) och en rad per enhet.");
            return null;
        }
        return text;
    }

    // The line a byte position is on: Excel for Mac may end lines with '\r' alone, so "\r\n", '\r' and '\n' each end one.
    private static int LineCount(ReadOnlySpan<byte> before)
    {
        var lines = 1;
        for (var i = 0; i < before.Length; i++)
        {
            if (before[i] == (byte)'\n' || (before[i] == (byte)'\r' && (i + 1 == before.Length || before[i + 1] != (byte)'\n')))
                lines++;
        }
        return lines;
    }

    private sealed record Row(int Line, string[] Values);

    private static ImportResult<IReadOnlyList<ReportingUnit>> Parse(string text)
    {
        var errors = new ErrorList();
        var separator = DetectSeparator(text);
        using var reader = Sep.New(separator).Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromText(text);

        Dictionary<UnitColumn, int>? columns = null;
        string[] headerNames = [];
        var rows = new List<Row>();
        var tooMany = false;
        var headerLine = 1;
        foreach (var row in reader)
        {
            // Sep 0.18 reports the first row as starting on line 2 (its later rows are right), and the first row is line 1.
            var line = row.RowIndex == 0 ? 1 : row.LineNumberFrom;
            var values = new string[row.ColCount];
            for (var i = 0; i < values.Length; i++)
                values[i] = row[i].ToString();
            if (columns is null && values.All(string.IsNullOrWhiteSpace))
                continue; // Blank lines above the header.
            if (columns is null)
            {
                headerNames = [.. values.Select(v => v.Trim())];
                headerLine = line;
                columns = Header(headerNames, line, text, errors);
                if (columns is null)
                    return ImportResult.Failed<IReadOnlyList<ReportingUnit>>(errors.All);
                continue;
            }
            if (values.All(string.IsNullOrWhiteSpace))
                continue; // Excel writes ";;;;;;" for rows that were touched and emptied.
            if (rows.Count == SetupRules.MaxUnits)
            {
                tooMany = true;
                break;
            }
            rows.Add(new Row(line, values));
        }
        if (columns is null)
            return Fail(ImportError.File($"Filen är tom. Den ska ha en rubrikrad ({ExpectedHeader}) och en rad per enhet."));
        if (tooMany)
            return Fail(ImportError.File($"Filen har fler än {SwedishNumber.Format(SetupRules.MaxUnits, 0)} enheter, fler än en förvaltning har. Kontrollera att det är enhetslistan."));
        if (rows.Count == 0)
            return Fail(ImportError.At(headerLine + 1, null, "Filen har en rubrikrad men inga enheter. Lägg till en rad per enhet."));

        var units = new List<(int Line, ReportingUnit Unit)>();
        foreach (var row in rows)
        {
            var unit = Unit(row, columns, headerNames, separator, errors);
            if (unit is not null)
                units.Add((row.Line, unit));
        }
        CrossCheck(units, columns, headerNames, errors);
        return errors.Any
            ? ImportResult.Failed<IReadOnlyList<ReportingUnit>>(errors.All)
            : ImportResult.Ok<IReadOnlyList<ReportingUnit>>(units.Select(u => u.Unit).ToList());
    }

    // The separator is the one of ';' and ',' that the header line holds more of; header names hold neither.
    private static char DetectSeparator(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text.AsSpan() : text.AsSpan(0, end);
        return header.Count(',') > header.Count(';') ? ',' : ';';
    }

    private static Dictionary<UnitColumn, int>? Header(string[] names, int line, string text, ErrorList errors)
    {
        var columns = new Dictionary<UnitColumn, int>();
        var unknown = new List<string>();
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0)
                continue; // An empty header cell: its values must be empty too (checked per row).
            if (!Aliases.TryGetValue(Key(names[i]), out var column))
            {
                unknown.Add(names[i]);
                continue;
            }
            if (columns.TryGetValue(column, out var first))
                errors.Add(ImportError.At(line, names[i], $"Kolumnen finns två gånger (kolumn {first + 1} och {i + 1}). Ta bort den ena."));
            else
                columns[column] = i;
        }
        if (columns.Count == 0)
        {
            var hint = text.AsSpan(0, Math.Max(0, text.IndexOf('\n'))).Contains('\t')
                ? " Filen verkar vara tabbavgränsad; använd semikolon eller komma."
                : "";
            errors.Add(ImportError.At(line, null, $"Första raden ska vara en rubrikrad med kolumnerna {ExpectedHeader}.{hint}"));
            return null;
        }
        foreach (var name in unknown)
            errors.Add(ImportError.At(line, name, $"Okänd kolumn \"{name}\". Kolumnerna ska heta {ExpectedHeader} (i valfri ordning)."));
        foreach (var column in Enum.GetValues<UnitColumn>().Where(c => !columns.ContainsKey(c)))
            errors.Add(ImportError.At(line, ColumnNames[column], $"Kolumnen \"{ColumnNames[column]}\" saknas i rubrikraden."));
        return errors.Any ? null : columns;
    }

    private static string Key(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (!char.IsWhiteSpace(c) && c is not ('-' or '_' or '.' or ':'))
                key.Append(c);
        }
        return key.ToString();
    }

    private static ReportingUnit? Unit(Row row, Dictionary<UnitColumn, int> columns, string[] headerNames, char separator, ErrorList errors)
    {
        var before = errors.Count;
        if (row.Values.Length < headerNames.Length)
        {
            errors.Add(ImportError.At(row.Line, null,
                $"Raden har {row.Values.Length} fält men rubrikraden har {headerNames.Length}. Kontrollera att varje fält som innehåller \"{separator}\" står inom citattecken."));
            return null;
        }
        for (var i = 0; i < row.Values.Length; i++)
        {
            if ((i < headerNames.Length && headerNames[i].Length > 0) || string.IsNullOrWhiteSpace(row.Values[i]))
                continue;
            errors.Add(i < headerNames.Length
                ? ImportError.At(row.Line, $"kolumn {i + 1}", "Kolumnen saknar rubrik men har ett värde. Ge kolumnen ett av de sju namnen eller ta bort värdet.")
                : ImportError.At(row.Line, null, $"Raden har {row.Values.Length} fält men rubrikraden har {headerNames.Length}. Kontrollera att varje fält som innehåller \"{separator}\" står inom citattecken."));
            break;
        }

        string Field(UnitColumn column, string missing, int max)
        {
            var name = headerNames[columns[column]];
            var value = Collapse(row.Values[columns[column]]);
            if (value.Length == 0)
                errors.Add(ImportError.At(row.Line, name, missing));
            else if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
                errors.Add(ImportError.At(row.Line, name, "Fältet innehåller ett radbyte. Skriv värdet på en rad, och se efter om ett citattecken (\") saknar sitt avslutande citattecken."));
            else if (SetupRules.HasControlCharacter(value))
                errors.Add(ImportError.At(row.Line, name, "Fältet innehåller en tabb eller ett annat osynligt tecken. Skriv bara text."));
            else if (value.Length > max)
                errors.Add(ImportError.At(row.Line, name, $"Fältet får vara högst {max} tecken (nu {value.Length})."));
            return value;
        }

        string Email(UnitColumn column, string missing)
        {
            var value = Field(column, missing, MaxEmailLength);
            if (value.Length > 0 && value.Length <= MaxEmailLength && !SetupRules.HasControlCharacter(value) && !RoundRules.IsEmail(value))
                errors.Add(ImportError.At(row.Line, headerNames[columns[column]], $"\"{value}\" är inte en giltig e-postadress. Skriv till exempel namn@example.org."));
            return value;
        }

        var id = Field(UnitColumn.UnitId, "Ange enhetens id, till exempel FSK-01.", SetupRules.MaxIdLength);
        if (id.Length is > 0 and <= SetupRules.MaxIdLength && !SetupRules.IsValidId(id) && !SetupRules.HasControlCharacter(id))
            errors.Add(ImportError.At(row.Line, headerNames[columns[UnitColumn.UnitId]], $"Enhets-id \"{id}\" får bara innehålla {SetupRules.IdRule}."));
        var name = Field(UnitColumn.UnitName, "Ange enhetens namn.", SetupRules.MaxNameLength);
        var department = Field(UnitColumn.Department, "Ange vilken avdelning enheten hör till.", SetupRules.MaxNameLength);
        var managerName = Field(UnitColumn.ManagerName, "Ange enhetschefens namn.", SetupRules.MaxNameLength);
        var managerEmail = Email(UnitColumn.ManagerEmail, "Ange enhetschefens e-postadress.");
        var headName = Field(UnitColumn.DepartmentHeadName, "Ange avdelningschefens namn.", SetupRules.MaxNameLength);
        var headEmail = Email(UnitColumn.DepartmentHeadEmail, "Ange avdelningschefens e-postadress.");
        if (errors.Count > before)
            return null;
        return new ReportingUnit(id, name, department, new Person(managerName, managerEmail), new Person(headName, headEmail));
    }

    // Rules across rows: ids are unique; an e-mail address is one person with one name, whether as manager or head;
    // a department is spelled one way and has one head, who gets its escalations.
    private static void CrossCheck(List<(int Line, ReportingUnit Unit)> units, Dictionary<UnitColumn, int> columns, string[] headerNames, ErrorList errors)
    {
        string Column(UnitColumn c) => headerNames[columns[c]];
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var people = new Dictionary<string, (string Name, int Line)>(StringComparer.OrdinalIgnoreCase);
        var departments = new Dictionary<string, (string Spelling, string HeadEmail, int Line)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, unit) in units)
        {
            if (ids.TryGetValue(unit.Id, out var firstLine))
                errors.Add(ImportError.At(line, Column(UnitColumn.UnitId), $"Enhets-id \"{unit.Id}\" finns redan på rad {firstLine}. Varje enhet ska ha ett eget id (rad {firstLine} och rad {line})."));
            else
                ids[unit.Id] = line;

            CheckPerson(unit.Manager, line, UnitColumn.ManagerName);
            CheckPerson(unit.DepartmentHead, line, UnitColumn.DepartmentHeadName);

            if (departments.TryGetValue(unit.Department, out var known))
            {
                if (!string.Equals(known.Spelling, unit.Department, StringComparison.Ordinal))
                    errors.Add(ImportError.At(line, Column(UnitColumn.Department), $"Avdelningen skrivs \"{known.Spelling}\" på rad {known.Line} men \"{unit.Department}\" här. Skriv den likadant på alla rader."));
                else if (!string.Equals(known.HeadEmail, unit.DepartmentHead.Email, StringComparison.OrdinalIgnoreCase))
                    errors.Add(ImportError.At(line, Column(UnitColumn.DepartmentHeadEmail), $"{unit.Department} har avdelningschefen {known.HeadEmail} på rad {known.Line} men {unit.DepartmentHead.Email} här. En avdelning har en avdelningschef."));
            }
            else
            {
                departments[unit.Department] = (unit.Department, unit.DepartmentHead.Email, line);
            }
        }

        void CheckPerson(Person person, int line, UnitColumn nameColumn)
        {
            if (!people.TryGetValue(person.Email, out var known))
                people[person.Email] = (person.Name, line);
            else if (!string.Equals(known.Name, person.Name, StringComparison.OrdinalIgnoreCase))
                errors.Add(ImportError.At(line, Column(nameColumn), $"{person.Email} heter \"{known.Name}\" på rad {known.Line} men \"{person.Name}\" här. En e-postadress hör till en person: skriv namnet likadant."));
        }
    }

    // Spaces run together and around a value are typing slips, not meaning; one space keeps names comparable.
    private static string Collapse(string value) => string.Join(' ', value.Split(' ', '\u00A0').Where(p => p.Length > 0)).Trim();

    private sealed class ErrorList
    {
        private readonly List<ImportError> errors = [];

        public int Count { get; private set; }

        public bool Any => Count > 0;

        public void Add(ImportError error)
        {
            Count++;
            if (errors.Count < MaxErrors)
                errors.Add(error);
        }

        public IEnumerable<ImportError> All => Count > errors.Count
            ? errors.Append(ImportError.File($"… och {Count - errors.Count} fel till. Rätta felen ovan och importera igen."))
            : errors;
    }
}

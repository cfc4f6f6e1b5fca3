using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Justera.Core.Swedish;

namespace Justera.Core.ReportCycles.Setup;

/// <summary>
/// Reads and writes the year's structure file (docs/report-structure.md): the KF goals, the nämndmål, their indicators
/// and prioriterade aktiviteter, and which unit reports on what with which budget rows. Every problem is reported
/// with its line and JSON path, in Swedish; unknown properties are refused so a misspelt name is not silently lost.
/// </summary>
public static class StructureJson
{
    /// <summary>A district's structure is tens of kilobytes; two megabytes leaves room for 2,000 units' assignments.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    /// <summary>The format nests nine levels (root → direction goal → area goal → board goal → indicator); more is not ours.</summary>
    public const int MaxDepth = 16;

    /// <summary>At most this many values in the file, whatever their size.</summary>
    public const int MaxValues = 200_000;

    /// <summary>At most this many items in any one list.</summary>
    public const int MaxItems = 2000;

    public const int MaxTitleLength = 500;
    public const int MaxNumberLength = 10;
    public const int MaxUnitOfMeasureLength = 20;
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>Budget rows are in mnkr; a row beyond ±10 000 mnkr is almost surely written in kronor.</summary>
    public const decimal MaxBudgetMnkr = 10_000m;

    private const int MaxErrors = 100;

    /// <summary>Reads the file from a stream (an upload), buffering at most <see cref="MaxBytes"/>.</summary>
    public static async Task<ImportResult<YearStructure>> ReadAsync(Stream stream, IReadOnlyCollection<string>? knownUnitIds = null, CancellationToken cancellationToken = default)
    {
        var bytes = await SetupBytes.ReadBoundedAsync(stream, MaxBytes, cancellationToken);
        return bytes is null ? TooBig() : Read(bytes, knownUnitIds);
    }

    /// <summary>
    /// Reads the file's bytes. With <paramref name="knownUnitIds"/>, every assignment must name one of those units
    /// (ids compare without regard to case, as in the units import).
    /// </summary>
    public static ImportResult<YearStructure> Read(ReadOnlySpan<byte> utf8, IReadOnlyCollection<string>? knownUnitIds = null)
    {
        if (utf8.Length > MaxBytes)
            return TooBig();
        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            utf8 = utf8[3..];
        if (utf8.IsEmpty || utf8.IndexOfAnyExcept(" \t\r\n"u8) < 0)
            return Fail(ImportError.File("Filen är tom. Den ska innehålla årets struktur som JSON, se exemplet i dokumentationen."));
        if (utf8.Contains((byte)0))
            return Fail(ImportError.File("Filen är ingen textfil (den innehåller binära data). Välj strukturfilen (.json)."));
        if (InvalidUtf8Line(utf8) is { } badLine)
            return Fail(ImportError.At(badLine, null, "Filen är inte sparad som UTF-8. Spara den som UTF-8 i textredigeraren och importera igen."));

        JsonNode root;
        try
        {
            root = JsonTree.Parse(utf8, MaxDepth, MaxValues);
        }
        catch (JsonBoundException e)
        {
            return Fail(ImportError.At(e.Line, null, e.Message));
        }
        catch (JsonException e)
        {
            // The reader's message is English; the line and position are what the secretary needs.
            var line = (int)(e.LineNumber ?? 0) + 1;
            var position = (int)(e.BytePositionInLine ?? 0) + 1;
            return Fail(ImportError.At(line, null,
                $"Filen är inte giltig JSON (tecken {position}{Excerpt(utf8, line)}). Kontrollera kommatecken, citattecken och klamrar på raden och raden före."));
        }

        var reader = new StructureReader(knownUnitIds);
        var structure = reader.Root(root);
        return reader.Errors.Count == 0 && structure is not null
            ? ImportResult.Ok(structure)
            : ImportResult.Failed<YearStructure>(reader.Errors.Count > MaxErrors
                ? [.. reader.Errors.Take(MaxErrors), ImportError.File($"… och {reader.Errors.Count - MaxErrors} fel till. Rätta felen ovan och importera igen.")]
                : reader.Errors);
    }

    /// <summary>Writes a structure in the format <see cref="Read"/> reads, indented, with å, ä and ö as they are.</summary>
    public static byte[] Write(YearStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("year", structure.Year);
            json.WriteStartArray("directionGoals");
            foreach (var direction in structure.DirectionGoals)
            {
                json.WriteStartObject();
                json.WriteString("id", direction.Id);
                json.WriteString("number", direction.Number);
                json.WriteString("title", direction.Title);
                json.WriteStartArray("areaGoals");
                foreach (var area in direction.AreaGoals)
                {
                    json.WriteStartObject();
                    json.WriteString("id", area.Id);
                    json.WriteString("number", area.Number);
                    json.WriteString("title", area.Title);
                    WriteIndicators(json, area.Indicators);
                    WriteActivities(json, area.Activities);
                    json.WriteStartArray("boardGoals");
                    foreach (var board in area.BoardGoals)
                    {
                        json.WriteStartObject();
                        json.WriteString("id", board.Id);
                        json.WriteString("title", board.Title);
                        WriteIndicators(json, board.Indicators);
                        WriteActivities(json, board.Activities);
                        json.WriteEndObject();
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("assignments");
            foreach (var assignment in structure.Assignments)
            {
                json.WriteStartObject();
                json.WriteString("unitId", assignment.UnitId);
                WriteIds(json, "goals", assignment.GoalIds);
                WriteIds(json, "indicators", assignment.IndicatorIds);
                WriteIds(json, "activities", assignment.ActivityIds);
                json.WriteStartArray("budget");
                foreach (var row in assignment.Budget)
                {
                    json.WriteStartObject();
                    json.WriteString("id", row.Id);
                    json.WriteString("name", row.Name);
                    json.WriteNumber("budget", row.Budget);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteIndicators(Utf8JsonWriter json, ImmutableArray<Indicator> indicators)
    {
        json.WriteStartArray("indicators");
        foreach (var indicator in indicators)
        {
            json.WriteStartObject();
            json.WriteString("id", indicator.Id);
            json.WriteString("name", indicator.Name);
            json.WriteString("unit", indicator.Unit);
            json.WriteBoolean("splitBySex", indicator.SplitBySex);
            if (indicator.AnnualTarget is { } target)
                json.WriteNumber("annualTarget", target);
            if (indicator.CouncilAnnualTarget is { } council)
                json.WriteNumber("councilAnnualTarget", council);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteActivities(Utf8JsonWriter json, ImmutableArray<PriorityActivity> activities)
    {
        json.WriteStartArray("activities");
        foreach (var activity in activities)
        {
            json.WriteStartObject();
            json.WriteString("id", activity.Id);
            json.WriteString("title", activity.Title);
            if (activity.Starts is { } starts)
                json.WriteString("starts", starts.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (activity.Ends is { } ends)
                json.WriteString("ends", ends.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteIds(Utf8JsonWriter json, string name, ImmutableArray<string> ids)
    {
        json.WriteStartArray(name);
        foreach (var id in ids)
            json.WriteStringValue(id);
        json.WriteEndArray();
    }

    private static ImportResult<YearStructure> TooBig() =>
        Fail(ImportError.File($"Filen är för stor: högst {MaxBytes / (1024 * 1024)} MB."));

    private static ImportResult<YearStructure> Fail(ImportError error) => ImportResult.Failed<YearStructure>([error]);

    private static int? InvalidUtf8Line(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes))
            return null;
        var position = 0;
        while (position < bytes.Length && Rune.DecodeFromUtf8(bytes[position..], out _, out var consumed) == OperationStatus.Done)
            position += consumed;
        return bytes[..position].Count((byte)'\n') + 1;
    }

    // The offending line, shortened, so the message shows what the reader stumbled on.
    private static string Excerpt(ReadOnlySpan<byte> utf8, int line)
    {
        var start = 0;
        for (var i = 1; i < line && start < utf8.Length; i++)
        {
            var next = utf8[start..].IndexOf((byte)'\n');
            if (next < 0)
                return "";
            start += next + 1;
        }
        var rest = utf8[start..];
        var end = rest.IndexOf((byte)'\n');
        var text = Encoding.UTF8.GetString(end < 0 ? rest : rest[..end]).Trim();
        if (text.Length == 0)
            return "";
        return text.Length > 60 ? $": \"{text[..60]}…\"" : $": \"{text}\"";
    }

    // Walks the tree into the model, collecting every error with its line and path rather than stopping at the first.
    private sealed class StructureReader(IReadOnlyCollection<string>? knownUnitIds)
    {
        private enum Kind { Goal, Indicator, Activity }

        private readonly Dictionary<string, (string Id, Kind Kind, int Line, string Path)> ids = new(StringComparer.OrdinalIgnoreCase);

        // Known unit ids by themselves, so an assignment's "fsk-01" becomes the unit list's "FSK-01".
        private readonly Dictionary<string, string>? units = knownUnitIds?.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(u => u, StringComparer.OrdinalIgnoreCase);

        public List<ImportError> Errors { get; } = [];

        private void Error(int line, string path, string problem) => Errors.Add(ImportError.At(line, path, problem));

        public YearStructure? Root(JsonNode node)
        {
            if (node is not JsonObjectNode root)
            {
                Error(node.Line, "$", "Filen ska vara ett JSON-objekt: { \"year\": …, \"directionGoals\": [ … ] }.");
                return null;
            }
            CheckProperties(root, "", "year", "directionGoals", "assignments");
            var year = Year(root);
            var directions = List(root, "", "directionGoals", required: true, Direction);
            var assignments = List(root, "", "assignments", required: false, Assignment);
            CheckAssignments(assignments);
            return new YearStructure(year, directions.Select(d => d.Value).OfType<DirectionGoal>().ToImmutableArray(), assignments.Select(a => a.Value).OfType<UnitAssignment>().ToImmutableArray());
        }

        private int Year(JsonObjectNode root)
        {
            var node = Property(root, "", "year", required: true);
            if (node is null)
                return 0;
            if (node.Value is not JsonNumberNode number || !int.TryParse(number.Raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var year))
            {
                Error(node.Line, "year", $"Året ska vara ett heltal utan citattecken, till exempel 2021.");
                return 0;
            }
            if (year is < MinYear or > MaxYear)
                Error(node.Line, "year", $"Året ska vara mellan {MinYear} och {MaxYear} (nu {year}).");
            return year;
        }

        private DirectionGoal? Direction(JsonNode node, string path)
        {
            if (Object(node, path, "id", "number", "title", "areaGoals") is not { } o)
                return null;
            var id = Id(o, path, Kind.Goal);
            var number = Text(o, path, "number", MaxNumberLength, "Ange målets nummer, till exempel \"1\".");
            var title = Text(o, path, "title", MaxTitleLength, "Ange målets text.");
            var areas = List(o, path, "areaGoals", required: false, Area);
            return new DirectionGoal(id, number, title, [.. areas.Select(a => a.Value).OfType<AreaGoal>()]);
        }

        private AreaGoal? Area(JsonNode node, string path)
        {
            if (Object(node, path, "id", "number", "title", "indicators", "activities", "boardGoals") is not { } o)
                return null;
            var id = Id(o, path, Kind.Goal);
            var number = Text(o, path, "number", MaxNumberLength, "Ange målets nummer, till exempel \"1.2\".");
            var title = Text(o, path, "title", MaxTitleLength, "Ange målets text.");
            var indicators = List(o, path, "indicators", required: false, IndicatorOf);
            var activities = List(o, path, "activities", required: false, Activity);
            var boards = List(o, path, "boardGoals", required: false, Board);
            return new AreaGoal(id, number, title, [.. indicators.Select(i => i.Value).OfType<Indicator>()],
                [.. activities.Select(a => a.Value).OfType<PriorityActivity>()], [.. boards.Select(b => b.Value).OfType<BoardGoal>()]);
        }

        private BoardGoal? Board(JsonNode node, string path)
        {
            if (Object(node, path, "id", "title", "indicators", "activities") is not { } o)
                return null;
            var id = Id(o, path, Kind.Goal);
            var title = Text(o, path, "title", MaxTitleLength, "Ange nämndmålets text.");
            var indicators = List(o, path, "indicators", required: false, IndicatorOf);
            var activities = List(o, path, "activities", required: false, Activity);
            return new BoardGoal(id, title, [.. indicators.Select(i => i.Value).OfType<Indicator>()], [.. activities.Select(a => a.Value).OfType<PriorityActivity>()]);
        }

        private Indicator? IndicatorOf(JsonNode node, string path)
        {
            if (Object(node, path, "id", "name", "unit", "splitBySex", "annualTarget", "councilAnnualTarget") is not { } o)
                return null;
            var id = Id(o, path, Kind.Indicator);
            var name = Text(o, path, "name", MaxTitleLength, "Ange indikatorns namn.");
            var unit = Text(o, path, "unit", MaxUnitOfMeasureLength, "Ange indikatorns enhet, till exempel \"%\", \"st\" eller \"kr\".");
            var split = Bool(o, path, "splitBySex");
            var target = Number(o, path, "annualTarget", null);
            var council = Number(o, path, "councilAnnualTarget", null);
            return new Indicator(id, name, unit, split, target, council);
        }

        private PriorityActivity? Activity(JsonNode node, string path)
        {
            if (Object(node, path, "id", "title", "starts", "ends") is not { } o)
                return null;
            var id = Id(o, path, Kind.Activity);
            var title = Text(o, path, "title", MaxTitleLength, "Ange aktivitetens text.");
            var starts = Date(o, path, "starts");
            var ends = Date(o, path, "ends");
            if (starts is { } s && ends is { } e && e < s)
                Error(Property(o, path, "ends", required: false)!.Line, Join(path, "ends"), "Slutdatum kan inte ligga före startdatum.");
            return new PriorityActivity(id, title, starts, ends);
        }

        private UnitAssignment? Assignment(JsonNode node, string path)
        {
            if (Object(node, path, "unitId", "goals", "indicators", "activities", "budget") is not { } o)
                return null;
            var unitId = Text(o, path, "unitId", SetupRules.MaxIdLength, "Ange enhetens id, som i enhetslistan.");
            if (unitId.Length > 0 && !SetupRules.IsValidId(unitId))
                Error(Property(o, path, "unitId", false)!.Line, Join(path, "unitId"), $"Enhets-id \"{unitId}\" får bara innehålla {SetupRules.IdRule}.");
            else if (unitId.Length > 0 && units is not null)
            {
                if (units.TryGetValue(unitId, out var known))
                    unitId = known;
                else
                    Error(Property(o, path, "unitId", false)!.Line, Join(path, "unitId"), $"Enheten \"{unitId}\" finns inte i enhetslistan. Importera enheterna först, eller rätta id:t.");
            }
            var goals = References(o, path, "goals", Kind.Goal);
            var indicators = References(o, path, "indicators", Kind.Indicator);
            var activities = References(o, path, "activities", Kind.Activity);
            var budget = List(o, path, "budget", required: false, BudgetRowOf);
            var rowIds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var (row, line, rowPath) in budget)
            {
                if (row is null || row.Id.Length == 0)
                    continue;
                if (rowIds.TryGetValue(row.Id, out var first))
                    Error(line, Join(rowPath, "id"), $"Budgetraden \"{row.Id}\" finns redan på rad {first} för samma enhet.");
                else
                    rowIds[row.Id] = line;
            }
            return new UnitAssignment(unitId, goals, indicators, activities, [.. budget.Select(b => b.Value).OfType<BudgetRow>()]);
        }

        private BudgetRow? BudgetRowOf(JsonNode node, string path)
        {
            if (Object(node, path, "id", "name", "budget") is not { } o)
                return null;
            var id = Text(o, path, "id", SetupRules.MaxIdLength, "Ange budgetradens id, till exempel \"personal\".");
            if (id.Length > 0 && !SetupRules.IsValidId(id))
                Error(Property(o, path, "id", false)!.Line, Join(path, "id"), $"Id \"{id}\" får bara innehålla {SetupRules.IdRule}.");
            var name = Text(o, path, "name", SetupRules.MaxNameLength, "Ange budgetradens namn, till exempel \"Personal\".");
            var amount = Number(o, path, "budget", MaxBudgetMnkr, required: true);
            return new BudgetRow(id, name, amount ?? 0m);
        }

        private ImmutableArray<string> References(JsonObjectNode o, string path, string name, Kind kind)
        {
            var items = List(o, path, name, required: false, (n, p) => n is JsonStringNode s ? s.Value : NotText(n, p));
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var result = ImmutableArray.CreateBuilder<string>();
            foreach (var (value, line, itemPath) in items)
            {
                if (value is null)
                    continue;
                if (!seen.Add(value))
                {
                    Error(line, itemPath, $"\"{value}\" står två gånger i listan.");
                    continue;
                }
                // Root reads every goal before any assignment, so the ids are all known here. The id is kept as the
                // structure spells it, so later lookups by id need not ignore case.
                if (!ids.TryGetValue(value, out var target))
                    Error(line, itemPath, $"Det finns {KindName(kind, indefinite: true)} med id \"{value}\" i strukturen.");
                else if (target.Kind != kind)
                    Error(line, itemPath, $"\"{value}\" är {KindName(target.Kind, indefinite: false)} (rad {target.Line}), inte {KindName(kind, indefinite: false)}.");
                else
                    result.Add(target.Id);
            }
            return result.ToImmutable();
        }

        private string? NotText(JsonNode node, string path)
        {
            Error(node.Line, path, "Ska vara ett id inom citattecken, till exempel \"1.2\".");
            return null;
        }

        private void CheckAssignments(List<(UnitAssignment? Value, int Line, string Path)> assignments)
        {
            var units = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var (assignment, line, path) in assignments)
            {
                if (assignment is null || assignment.UnitId.Length == 0)
                    continue;
                if (units.TryGetValue(assignment.UnitId, out var first))
                    Error(line, Join(path, "unitId"), $"Enheten \"{assignment.UnitId}\" har redan en tilldelning på rad {first}. Samla enhetens mål, indikatorer, aktiviteter och budget i en.");
                else
                    units[assignment.UnitId] = line;
            }
        }

        private static string KindName(Kind kind, bool indefinite) => (kind, indefinite) switch
        {
            (Kind.Goal, true) => "inget mål",
            (Kind.Indicator, true) => "ingen indikator",
            (Kind.Activity, true) => "ingen aktivitet",
            (Kind.Goal, false) => "ett mål",
            (Kind.Indicator, false) => "en indikator",
            _ => "en aktivitet",
        };

        private string Id(JsonObjectNode o, string path, Kind kind)
        {
            var id = Text(o, path, "id", SetupRules.MaxIdLength, "Ange ett id, till exempel \"1.2\" eller \"ind-feriejobb\".");
            if (id.Length == 0)
                return id;
            var line = Property(o, path, "id", false)!.Line;
            if (!SetupRules.IsValidId(id))
                Error(line, Join(path, "id"), $"Id \"{id}\" får bara innehålla {SetupRules.IdRule}.");
            else if (ids.TryGetValue(id, out var first))
                Error(line, Join(path, "id"), $"Id \"{id}\" används redan av {KindName(first.Kind, indefinite: false)} på rad {first.Line} ({first.Path}). Varje mål, indikator och aktivitet ska ha ett eget id.");
            else
                ids[id] = (id, kind, line, path);
            return id;
        }

        private JsonObjectNode? Object(JsonNode node, string path, params string[] allowed)
        {
            if (node is not JsonObjectNode o)
            {
                Error(node.Line, path, $"Ska vara ett objekt {{ … }}, inte {Describe(node)}.");
                return null;
            }
            CheckProperties(o, path, allowed);
            return o;
        }

        private void CheckProperties(JsonObjectNode o, string path, params string[] allowed)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var property in o.Properties)
            {
                var propertyPath = Join(path, property.Name);
                if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                {
                    var hint = allowed.FirstOrDefault(a => string.Equals(a, property.Name, StringComparison.OrdinalIgnoreCase)) is { } cased
                        ? $" Menar du \"{cased}\"? Stora och små bokstäver räknas."
                        : "";
                    Error(property.Line, propertyPath, $"Okänd egenskap \"{property.Name}\".{hint} Tillåtna här: {string.Join(", ", allowed)}.");
                }
                else if (seen.TryGetValue(property.Name, out var first))
                {
                    Error(property.Line, propertyPath, $"Egenskapen \"{property.Name}\" finns redan på rad {first}.");
                }
                else
                {
                    seen[property.Name] = property.Line;
                }
            }
        }

        private JsonPropertyNode? Property(JsonObjectNode o, string path, string name, bool required)
        {
            var property = o.Properties.Find(p => p.Name == name);
            if (property is null && required)
                Error(o.Line, path.Length == 0 ? "$" : path, $"Egenskapen \"{name}\" saknas.");
            return property;
        }

        private List<(T? Value, int Line, string Path)> List<T>(JsonObjectNode o, string path, string name, bool required, Func<JsonNode, string, T?> item)
        {
            var result = new List<(T?, int, string)>();
            var property = Property(o, path, name, required);
            var listPath = Join(path, name);
            if (property is null || (!required && property.Value is JsonNullNode))
                return result;
            if (property.Value is not JsonArrayNode array)
            {
                Error(property.Value.Line, listPath, $"Ska vara en lista [ … ], inte {Describe(property.Value)}.");
                return result;
            }
            if (required && array.Items.Count == 0)
                Error(array.Line, listPath, "Listan får inte vara tom.");
            if (array.Items.Count > MaxItems)
            {
                Error(array.Line, listPath, $"Listan får ha högst {MaxItems} poster (nu {array.Items.Count}).");
                return result;
            }
            for (var i = 0; i < array.Items.Count; i++)
            {
                var itemPath = $"{listPath}[{i}]";
                result.Add((item(array.Items[i], itemPath), array.Items[i].Line, itemPath));
            }
            return result;
        }

        private string Text(JsonObjectNode o, string path, string name, int max, string missing)
        {
            var property = Property(o, path, name, required: false);
            var textPath = Join(path, name);
            if (property is null || property.Value is JsonNullNode)
            {
                Error(property?.Line ?? o.Line, textPath, missing);
                return "";
            }
            if (property.Value is not JsonStringNode s)
            {
                Error(property.Line, textPath, $"Ska vara en text inom citattecken, inte {Describe(property.Value)}.");
                return "";
            }
            var value = s.Value.Trim();
            if (value.Length == 0)
                Error(property.Line, textPath, missing);
            else if (value.Length > max)
                Error(property.Line, textPath, $"Texten får vara högst {max} tecken (nu {value.Length}).");
            else if (SetupRules.HasControlCharacter(value))
                Error(property.Line, textPath, "Texten innehåller ett radbyte, en tabb eller ett annat osynligt tecken. Skriv den på en rad.");
            return value;
        }

        private bool Bool(JsonObjectNode o, string path, string name)
        {
            var property = Property(o, path, name, required: false);
            if (property is null || property.Value is JsonNullNode)
                return false;
            if (property.Value is JsonBoolNode b)
                return b.Value;
            Error(property.Line, Join(path, name), $"Ska vara true eller false, inte {Describe(property.Value)}.");
            return false;
        }

        // A number may be a JSON number (4.1) or a text as people write it ("4,1 %", "1 268,2"); both obey SwedishNumber's bounds.
        private decimal? Number(JsonObjectNode o, string path, string name, decimal? maxMagnitude, bool required = false)
        {
            var property = Property(o, path, name, required: false);
            var numberPath = Join(path, name);
            if (property is null || property.Value is JsonNullNode)
            {
                if (required)
                    Error(property?.Line ?? o.Line, numberPath, "Ange ett belopp i mnkr, till exempel 12.4.");
                return null;
            }
            decimal value;
            switch (property.Value)
            {
                case JsonNumberNode n:
                    if (!decimal.TryParse(n.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                        || !SwedishNumber.TryParse(value.ToString(CultureInfo.InvariantCulture), out value, out _))
                    {
                        Error(property.Line, numberPath, "Talet är för stort eller har för många decimaler: högst 15 siffror före och 4 efter decimaltecknet.");
                        return null;
                    }
                    break;
                case JsonStringNode s:
                    if (!SwedishNumber.TryParse(s.Value, out value, out var error))
                    {
                        Error(property.Line, numberPath, error!);
                        return null;
                    }
                    break;
                default:
                    Error(property.Line, numberPath, $"Ska vara ett tal, inte {Describe(property.Value)}.");
                    return null;
            }
            if (maxMagnitude is { } max && Math.Abs(value) > max)
            {
                Error(property.Line, numberPath, $"Beloppet anges i mnkr (miljoner kronor) och får vara högst {SwedishNumber.Format(max, 0)} till beloppet; 12,4 betyder 12 400 000 kr.");
                return null;
            }
            return value;
        }

        private DateOnly? Date(JsonObjectNode o, string path, string name)
        {
            var property = Property(o, path, name, required: false);
            if (property is null || property.Value is JsonNullNode)
                return null;
            if (property.Value is JsonStringNode s
                && DateOnly.TryParseExact(s.Value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                if (date.Year is >= MinYear and <= MaxYear)
                    return date;
                Error(property.Line, Join(path, name), $"Datumet ska ligga mellan år {MinYear} och {MaxYear}.");
                return null;
            }
            Error(property.Line, Join(path, name), "Skriv datumet som \"ÅÅÅÅ-MM-DD\", till exempel \"2021-01-01\".");
            return null;
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

        private static string Describe(JsonNode node) => node switch
        {
            JsonObjectNode => "ett objekt",
            JsonArrayNode => "en lista",
            JsonStringNode s => $"texten \"{(s.Value.Length > 40 ? s.Value[..40] + "…" : s.Value)}\"",
            JsonNumberNode n => $"talet {n.Raw}",
            JsonBoolNode b => b.Value ? "true" : "false",
            _ => "null",
        };
    }
}

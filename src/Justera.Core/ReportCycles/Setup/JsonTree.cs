using System.Text.Json;

namespace Justera.Core.ReportCycles.Setup;

// A JSON document as a small tree whose every value remembers the line it starts on. System.Text.Json's
// JsonDocument keeps no line numbers, and the secretary needs "rad 42" to find a mistake in a hand-edited file.
internal abstract record JsonNode(int Line);

internal sealed record JsonObjectNode(int Line, List<JsonPropertyNode> Properties) : JsonNode(Line);

internal sealed record JsonPropertyNode(string Name, int Line, JsonNode Value);

internal sealed record JsonArrayNode(int Line, List<JsonNode> Items) : JsonNode(Line);

internal sealed record JsonStringNode(int Line, string Value) : JsonNode(Line);

/// <summary>A number kept as written, so a value too large for decimal is reported rather than rounded.</summary>
internal sealed record JsonNumberNode(int Line, string Raw) : JsonNode(Line);

internal sealed record JsonBoolNode(int Line, bool Value) : JsonNode(Line);

internal sealed record JsonNullNode(int Line) : JsonNode(Line);

/// <summary>Thrown inside <see cref="JsonTree"/> when the input passes one of its bounds; never leaves the class.</summary>
internal sealed class JsonBoundException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

internal static class JsonTree
{
    /// <summary>
    /// Parses UTF-8 JSON (comments and trailing commas allowed: the file is edited by hand) into a tree, refusing
    /// nesting deeper than <paramref name="maxDepth"/> and more than <paramref name="maxNodes"/> values.
    /// </summary>
    public static JsonNode Parse(ReadOnlySpan<byte> utf8, int maxDepth, int maxNodes)
    {
        var lineStarts = LineStarts(utf8);
        // The reader's own depth bound is one above ours, so ours is met first and answered in Swedish; the
        // reader's still guards the recursion below if ours were ever wrong.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            MaxDepth = maxDepth + 1,
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var nodes = 0;
        if (!reader.Read())
            throw new JsonBoundException(1, "Filen är tom.");
        var root = Value(ref reader);
        if (reader.Read())
            throw new JsonBoundException(Line(reader.TokenStartIndex), "Efter JSON-dokumentets sista } finns mer text. Ta bort den.");
        return root;

        JsonNode Value(ref Utf8JsonReader reader)
        {
            var line = Line(reader.TokenStartIndex);
            if (++nodes > maxNodes)
                throw new JsonBoundException(line, $"Filen har för många värden (högst {maxNodes}).");
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                {
                    CheckDepth(ref reader, line);
                    var properties = new List<JsonPropertyNode>();
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var nameLine = Line(reader.TokenStartIndex);
                        var name = Text(ref reader, nameLine);
                        reader.Read();
                        properties.Add(new JsonPropertyNode(name, nameLine, Value(ref reader)));
                    }
                    return new JsonObjectNode(line, properties);
                }
                case JsonTokenType.StartArray:
                {
                    CheckDepth(ref reader, line);
                    var items = new List<JsonNode>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        items.Add(Value(ref reader));
                    return new JsonArrayNode(line, items);
                }
                case JsonTokenType.String:
                    return new JsonStringNode(line, Text(ref reader, line));
                case JsonTokenType.Number:
                    return new JsonNumberNode(line, System.Text.Encoding.UTF8.GetString(reader.ValueSpan));
                case JsonTokenType.True:
                case JsonTokenType.False:
                    return new JsonBoolNode(line, reader.GetBoolean());
                default:
                    return new JsonNullNode(line);
            }
        }

        // The reader accepts an escaped lone surrogate ("\uD800") and only GetString refuses it, with an
        // InvalidOperationException; this is the one place that exception can come from, so it becomes the message.
        static string Text(ref Utf8JsonReader reader, int line)
        {
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw new JsonBoundException(line, "Texten innehåller en ogiltig \\u-kod (ett halvt tecken, \\uD800–\\uDFFF, utan sin andra halva). Skriv tecknet som det är.");
            }
        }

        void CheckDepth(ref Utf8JsonReader reader, int line)
        {
            if (reader.CurrentDepth >= maxDepth)
                throw new JsonBoundException(line, $"Strukturen är nästlad för djupt (högst {maxDepth} nivåer).");
        }

        int Line(long index)
        {
            var found = lineStarts.BinarySearch((int)index);
            return (found >= 0 ? found : ~found - 1) + 1;
        }
    }

    private static List<int> LineStarts(ReadOnlySpan<byte> utf8)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
                starts.Add(i + 1);
        }
        return starts;
    }
}

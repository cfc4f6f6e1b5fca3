using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Justera.Core;

/// <summary>The one JSON shape for stored events, state, outbox items and the API, so that they read the same everywhere.</summary>
public static class JusteraJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // The default encoder writes å, ä, ö, Arabic and Chinese as \uXXXX (six bytes a letter, twelve an emoji),
            // which made rows outgrow the Table limits. Relaxed escaping still escapes what JSON needs; it leaves
            // <, > and & as they are, which is safe because no page puts this JSON into HTML unencoded: pages
            // HTML-encode every value (Html.cs), and the API serves it as application/json.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

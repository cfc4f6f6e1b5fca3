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
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

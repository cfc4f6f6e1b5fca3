using System.Text.Json;
using System.Text.Json.Serialization;
using Justera.Core.JusteringRounds;

namespace Justera.Web.Api;

/// <summary>How the JSON API reads and writes its bodies, and what it says about a field it cannot read.</summary>
public static class ApiJson
{
    /// <summary>
    /// Enums travel as their names ("ChangesRequested"), as the OpenAPI document shows them. Numbers are refused:
    /// they are only the enum's order in our code, and a justering answer recorded as the wrong kind is a wrong
    /// formal record, so a script must say which answer it means.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    }

    /// <summary>The request field a JSON reading error is about ("$.kind" → "kind"); null for the body as a whole.</summary>
    public static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$" || !path.StartsWith("$.", StringComparison.Ordinal))
            return null;
        var field = path[2..];
        var end = field.IndexOfAny(['.', '[']);
        return end < 0 ? field : field[..end];
    }

    public static string FieldMessage(string field) => field switch
    {
        "kind" => $"Ange svaret med namn: {string.Join(", ", Enum.GetNames<ReplyKind>())}.",
        "deadline" => "Ange tidpunkten som ÅÅÅÅ-MM-DDTTT:MM med tidszon, till exempel 2026-12-15T16:00+01:00.",
        "justeringDate" => "Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-12-16.",
        _ => $"Fältet {field} har fel typ eller form. Se API-beskrivningen på /openapi/v1.json.",
    };
}

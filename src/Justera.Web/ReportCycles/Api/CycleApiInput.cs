using System.Globalization;
using System.Text.Json;
using Justera.Application.ReportCycles.Setup;
using Justera.Core.JusteringRounds;
using Justera.Core.ReportCycles;
using Justera.Core.Swedish;
using Justera.Web.Api;
using Justera.Web.Hosting;
using Justera.Web.ReportCycles.Cycles;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Justera.Web.ReportCycles.Api;

/// <summary>The body of "start a cycle", as the OpenAPI document shows it.</summary>
/// <param name="Period">T1, T2 or VB.</param>
/// <param name="Year">The year; it must have an imported structure.</param>
/// <param name="Deadline">The last day for the units, ÅÅÅÅ-MM-DD: a working day, at most a year ahead.</param>
/// <param name="DeviationThreshold">In mnkr: a forecast further than this from budget needs a comment. A number, or a text as Swedes write it ("0,5").</param>
/// <param name="Units">"alla" (every active unit with an assignment in the structure) or a list of unit ids.</param>
/// <param name="FormKey">Optional: the same key again returns the cycle already started instead of a refusal.</param>
public sealed record StartCycleRequest(string Period, int Year, DateOnly Deadline, decimal DeviationThreshold, JsonElement Units, string? FormKey);

/// <summary>"Påminn nu": one unit, or every unit not yet ready when <paramref name="UnitId"/> is left out.</summary>
public sealed record RemindCycleRequest(string? UnitId);

/// <summary>Moves the deadline of one unit, or of every unit when <paramref name="UnitId"/> is left out, to <paramref name="Deadline"/> (ÅÅÅÅ-MM-DD).</summary>
public sealed record ExtendCycleRequest(string? UnitId, DateOnly Deadline);

/// <summary>Closes the cycle; with units not approved, <paramref name="ConfirmMissing"/> must be true (they are listed as missing).</summary>
public sealed record CloseCycleRequest(bool ConfirmMissing);

/// <summary>
/// Reads the cycles API's JSON bodies by hand rather than through model binding, so every wrong input — JSON that is
/// not JSON, a number where text belongs, a year past Int64, a date in year 9999, an unknown field — is answered at its
/// own field, in Swedish, with the cycle's own words (the rounds' binder speaks of the rounds' fields).
/// </summary>
internal sealed class CycleApiInput
{
    /// <summary>A start for a thousand units (the most a cycle holds) is about 20 kB; anything much larger is not ours.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    private readonly JsonElement? _root;

    private CycleApiInput(JsonElement? root) => _root = root;

    public List<FieldError> Errors { get; } = [];

    /// <summary>The body's object (null for an empty body), for readers of nested shapes such as a unit's input (UnitInputApi).</summary>
    public JsonElement? Root => _root;

    /// <summary>
    /// The body as a JSON object, or the problem that answers it: 413 past <see cref="MaxBodyBytes"/>, 415 for another
    /// content type, 400 for what is not a JSON object. An empty body is an empty object when <paramref name="emptyAllowed"/>.
    /// </summary>
    public static async Task<(CycleApiInput? Input, ProblemHttpResult? Problem)> ReadAsync(HttpContext context, bool emptyAllowed, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
            return (null, TooLarge());
        if (request.ContentLength == 0 || (request.ContentLength is null && string.IsNullOrEmpty(request.ContentType) && !HasBody(request)))
            return emptyAllowed ? (new CycleApiInput(null), null) : (null, NotJson());
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !(type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, TypedResults.Problem(title: RequestErrors.SwedishTitle(StatusCodes.Status415UnsupportedMediaType),
                detail: "Skicka innehållet som JSON med Content-Type: application/json. Inget har sparats.", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }
        var bytes = await SetupImports.ReadBoundedAsync(request.Body, MaxBodyBytes, cancellationToken);
        if (bytes is null)
            return (null, TooLarge());
        if (bytes.Length == 0)
            return emptyAllowed ? (new CycleApiInput(null), null) : (null, NotJson());
        // The parser checks structure, not the text inside strings: invalid UTF-8 there would only throw when a name or
        // value is read, so the whole body is checked here, once.
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            return (null, NotJson());
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (new CycleApiInput(document.RootElement.Clone()), null)
                : (null, NotJson());
        }
        catch (JsonException)
        {
            return (null, NotJson());
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;

    private static ProblemHttpResult NotJson() => TypedResults.Problem(title: "Innehållet är inte giltig JSON",
        detail: "Skicka ett JSON-objekt enligt API-beskrivningen på /openapi/v1.json. Inget har sparats.", statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(title: "Begäran är för stor",
        detail: $"En begäran om en rapportcykel är högst {MaxBodyBytes / 1024} kB. Inget har sparats.", statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>Refuses every field not in <paramref name="known"/>: a misspelt "dedline" must not pass as a start without a deadline.</summary>
    public void OnlyFields(params string[] known)
    {
        if (_root is not { } root)
            return;
        foreach (var property in root.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
                Errors.Add(new(Bounded(property.Name), $"Fältet {CycleStarting.Shown(property.Name)} finns inte här. Fälten är {string.Join(", ", known)}."));
        }
    }

    private JsonElement? Field(string name) =>
        _root is { } root && root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public bool Has(string name) => Field(name) is not null;

    /// <summary>A text field; null when it is missing (with <paramref name="required"/>'s message) or not a text.</summary>
    public string? Text(string name, string? required = null, int maxLength = 200)
    {
        switch (Field(name))
        {
            case null:
                if (required is not null)
                    Errors.Add(new(name, required));
                return null;
            case { ValueKind: JsonValueKind.String } value:
                var text = value.GetString()!;
                if (text.Length <= maxLength)
                    return text;
                Errors.Add(new(name, $"Fältet {name} får vara högst {maxLength} tecken."));
                return null;
            default:
                Errors.Add(new(name, $"Fältet {name} ska vara en text."));
                return null;
        }
    }

    public ReportPeriod? Period(string name)
    {
        var text = Text(name, "Ange period: T1, T2 eller VB.");
        if (text is null)
            return null;
        if (text.Trim() is { Length: 2 } t && Enum.TryParse<ReportPeriod>(t, ignoreCase: true, out var period) && Enum.IsDefined(period))
            return period;
        Errors.Add(new(name, $"Perioden {CycleStarting.Shown(text)} finns inte. Ange T1, T2 eller VB."));
        return null;
    }

    public int? Year(string name)
    {
        var message = $"Året ska vara ett heltal mellan {CycleStarting.MinYear} och {CycleStarting.MaxYear}, till exempel 2026.";
        switch (Field(name))
        {
            case null:
                Errors.Add(new(name, "Ange år, till exempel 2026."));
                return null;
            // TryGetInt32 refuses decimals and every number past Int32, Int64 and beyond, however many digits it has.
            case { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var year) && year is >= CycleStarting.MinYear and <= CycleStarting.MaxYear:
                return year;
            default:
                Errors.Add(new(name, message));
                return null;
        }
    }

    public DateOnly? Date(string name, string label)
    {
        switch (Field(name))
        {
            case null:
                Errors.Add(new(name, $"Ange {label} som ÅÅÅÅ-MM-DD, till exempel 2026-12-15."));
                return null;
            case { ValueKind: JsonValueKind.String } value when CycleDates.Parse(value.GetString()) is { } date:
                return date;
            default:
                Errors.Add(new(name, $"Skriv {label} som ÅÅÅÅ-MM-DD, till exempel 2026-12-15."));
                return null;
        }
    }

    /// <summary>An amount in mnkr: a JSON number, or a text as people in Sweden type it ("0,5", "1 268,2").</summary>
    public decimal? Amount(string name, string label)
    {
        var message = $"{label} ska vara ett tal i mnkr, till exempel 0,5.";
        switch (Field(name))
        {
            case null:
                Errors.Add(new(name, $"Ange {label.ToLowerInvariant()} i mnkr, till exempel 0,5."));
                return null;
            case { ValueKind: JsonValueKind.Number } value when value.TryGetDecimal(out var number):
                return number;
            case { ValueKind: JsonValueKind.String } value when SwedishNumber.TryParse(value.GetString(), out var parsed, out _):
                return parsed;
            default:
                Errors.Add(new(name, message));
                return null;
        }
    }

    public bool Flag(string name)
    {
        switch (Field(name))
        {
            case null:
                return false;
            case { ValueKind: JsonValueKind.True }:
                return true;
            case { ValueKind: JsonValueKind.False }:
                return false;
            default:
                Errors.Add(new(name, $"Fältet {name} ska vara true eller false."));
                return false;
        }
    }

    /// <summary>"alla", or a list of unit ids (texts); null with an error when it is neither.</summary>
    public (bool All, IReadOnlyList<string> Ids)? Units(string name)
    {
        const string Message = "Ange enheterna som \"alla\" eller som en lista med enhets-id, till exempel [\"FSK-01\", \"FSK-02\"].";
        switch (Field(name))
        {
            case null:
                Errors.Add(new(name, Message));
                return null;
            case { ValueKind: JsonValueKind.String } value when string.Equals(value.GetString()?.Trim(), "alla", StringComparison.OrdinalIgnoreCase):
                return (true, []);
            case { ValueKind: JsonValueKind.Array } list:
                var ids = new List<string>();
                var i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 and <= 100 } id)
                        ids.Add(id);
                    else
                        Errors.Add(new($"{name}[{i}]", $"Post {i + 1} i listan är inte ett enhets-id. Varje post är ett enhets-id som text."));
                    i++;
                }
                return (false, ids);
            default:
                Errors.Add(new(name, Message));
                return null;
        }
    }

    private static string Bounded(string field) => field.Length <= 40 ? field : field[..40] + "…";

    /// <summary>The form key a script sends: bounded like the page's (a GUID).</summary>
    public string FormKey(string name) =>
        Text(name, maxLength: RoundInput.MaxFormKeyLength) is { Length: > 0 } key ? key : Guid.NewGuid().ToString("N");
}

using System.Text.Json;
using Justera.Web.Api;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Hosting;

/// <summary>
/// A request Justera cannot read (a cut-off or oversized body, the wrong content type), with the Swedish words to
/// answer with. It is a <see cref="BadHttpRequestException"/>, so whatever else looks at it still sees a client error.
/// </summary>
public sealed class UnreadableRequestException(int statusCode, string title, string detail, Exception? innerException = null)
    : BadHttpRequestException(title, statusCode, innerException!) // an Exception's inner exception may be null; the base's annotation says otherwise
{
    public string Title => Message;

    public string Detail { get; } = detail;
}

/// <summary>
/// The one place where a request the framework refuses becomes an answer: every client mistake a 4xx in Swedish (problem
/// details under /api, a page elsewhere), in every environment; anything else is a bug in Justera and a 500 that names no
/// exception. Only the explicit setting <see cref="ShowDetailsSetting"/> lets the developer exception page show one.
/// </summary>
public static partial class RequestErrors
{
    /// <summary>Set to true (locally, never in production) to see unhandled exceptions on the developer exception page.</summary>
    public const string ShowDetailsSetting = "Justera:ShowExceptionDetails";

    /// <summary>A whole request may be this large; a protocol itself at most 25 MB (checked with a Swedish message after reading).</summary>
    public const long MaxRequestBytes = JusteraWeb.MaxUploadBytes;

    /// <summary>Form limits far above what any of our forms sends (the longest value is a 50-person roster as JSON), far below the defaults.</summary>
    public const int MaxFormValueLength = 256 * 1024;

    public const int MaxFormKeyLength = 200;

    private sealed record ClientError(int Status, string Title, string Detail, string? Field = null);

    public static IServiceCollection AddRequestErrors(this IServiceCollection services)
    {
        services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = MaxRequestBytes;
            o.ValueLengthLimit = MaxFormValueLength;
            o.KeyLengthLimit = MaxFormKeyLength;
        });
        // In Development minimal APIs throw on a body they cannot bind, elsewhere they answer an empty 400: throwing
        // everywhere lets one handler answer the same Swedish problem in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddOptions<ProblemDetailsOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            var showDetails = configuration.GetValue<bool>(ShowDetailsSetting);
            o.CustomizeProblemDetails = c =>
            {
                // Whatever writes a problem (ours, the framework's, the developer exception page) says it in Swedish and
                // carries no exception unless a developer asked for it.
                if (!showDetails)
                {
                    c.ProblemDetails.Extensions.Remove("exception");
                    if (c.Exception is not null)
                        c.ProblemDetails.Detail = null;
                }
                var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
                if (c.ProblemDetails.Title is null || IsFrameworkTitle(c.ProblemDetails.Title, status))
                    c.ProblemDetails.Title = SwedishTitle(status);
            };
        });
        return services;
    }

    public static IApplicationBuilder UseRequestErrors(this IApplicationBuilder app)
    {
        var showDetails = app.ApplicationServices.GetRequiredService<IConfiguration>().GetValue<bool>(ShowDetailsSetting);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestErrors).FullName!);
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (!context.Response.HasStarted && ClientErrorFor(e, IsApi(context)) is { } error)
            {
                await WriteAsync(context, error);
                return;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away; there is nobody to answer.
                return;
            }
            catch (Exception e) when (!showDetails && !context.Response.HasStarted)
            {
                // The path is not logged: a personal link's token is part of it.
                LogUnhandled(logger, e, context.Request.Method);
                await WriteAsync(context, new ClientError(StatusCodes.Status500InternalServerError, "Något gick fel i Justera",
                    "Felet ligger hos Justera, inte i det du skickade. Försök igen om en stund. Kvarstår felet, kontakta den som ansvarar för Justera."));
                return;
            }
            // The API's refusals without a body of their own (no sign-in, an unknown address, a wrong method) get one in Swedish;
            // the pages have the status-code pages.
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && IsApi(context)
                && context.Response.ContentType is null && context.Response.ContentLength is null)
            {
                var status = context.Response.StatusCode;
                await Results.Problem(title: SwedishTitle(status), detail: SwedishDetail(status), statusCode: status).ExecuteAsync(context);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception answering a {Method} request")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method);

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    /// <summary>What the client did wrong, or null when the exception is a bug in Justera.</summary>
    private static ClientError? ClientErrorFor(Exception e, bool api) => e switch
    {
        UnreadableRequestException u => new(u.StatusCode, u.Title, u.Detail),
        BadHttpRequestException { InnerException: JsonException json } => JsonError(json),
        JsonException json => JsonError(json),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge,
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => new(StatusCodes.Status415UnsupportedMediaType,
            SwedishTitle(StatusCodes.Status415UnsupportedMediaType), "Skicka innehållet som JSON med Content-Type: application/json."),
        BadHttpRequestException b => new(b.StatusCode is >= 400 and < 500 ? b.StatusCode : StatusCodes.Status400BadRequest,
            "Begäran kan inte läsas",
            api
                ? "Begäran saknar innehåll eller har fel form. Se API-beskrivningen på /openapi/v1.json."
                : "Begäran saknar innehåll eller har fel form. Gå tillbaka, ladda om sidan och försök igen. Inget har sparats."),
        InvalidDataException => FormError,
        _ => null,
    };

    private static ClientError TooLarge { get; } = new(StatusCodes.Status413PayloadTooLarge, "Begäran är för stor",
        $"Protokollet får vara högst 25 MB, och hela begäran högst {MaxRequestBytes / (1024 * 1024)} MB. Inget har sparats.");

    private static ClientError FormError { get; } = new(StatusCodes.Status400BadRequest, "Formuläret kan inte läsas",
        "Formuläret är avbrutet, felaktigt eller har för många eller för långa fält (högst 1 024 fält). Inget har sparats.");

    private static ClientError JsonError(JsonException json)
    {
        var field = ApiJson.FieldOf(json.Path);
        return new(StatusCodes.Status400BadRequest, field is null ? "Innehållet är inte giltig JSON" : "Uppgifterna behöver rättas.",
            field is null ? "Skicka ett JSON-objekt enligt API-beskrivningen på /openapi/v1.json." : ApiJson.FieldMessage(field), field);
    }

    private static async Task WriteAsync(HttpContext context, ClientError error)
    {
        context.Response.Clear();
        IResult result = IsApi(context)
            ? error.Field is { } field
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [error.Detail] }, title: error.Title)
                : TypedResults.Problem(title: error.Title, detail: error.Detail, statusCode: error.Status)
            : Layout.Page(error.Title, H($"<h1>{error.Title}</h1><p>{error.Detail}</p>"), error.Status);
        await result.ExecuteAsync(context);
    }

    /// <summary>The titles the framework writes by itself ("Bad Request", "An error occurred while processing your request.").</summary>
    private static bool IsFrameworkTitle(string title, int status) =>
        title == ReasonPhrases.GetReasonPhrase(status)
        || title == "An error occurred while processing your request."
        || title == "One or more validation errors occurred.";

    public static string SwedishTitle(int status) => status switch
    {
        400 => "Begäran kan inte läsas",
        401 => "Inloggning krävs",
        403 => "Åtkomst nekad",
        404 => "Adressen finns inte",
        405 => "Metoden stöds inte på den här adressen",
        406 => "Svaret kan inte ges i det format som begärdes",
        408 => "Begäran tog för lång tid",
        409 => "Det gick inte att genomföra just nu",
        413 => "Begäran är för stor",
        415 => "Fel innehållstyp",
        429 => "För många förfrågningar",
        503 => "Tjänsten är tillfälligt otillgänglig",
        >= 500 => "Något gick fel i Justera",
        _ => "Begäran kunde inte genomföras",
    };

    private static string SwedishDetail(int status) => status switch
    {
        401 => "Logga in. Ett skript som körs lokalt skickar utvecklingshuvudena X-Justera-Secretary och X-Justera-Administration.",
        404 => "Det finns ingen sådan adress i Justeras API. Se API-beskrivningen på /openapi/v1.json.",
        405 => "Se API-beskrivningen på /openapi/v1.json för vilka metoder adressen tar emot.",
        415 => "Skicka innehållet som JSON med Content-Type: application/json, eller filer som multipart/form-data, enligt API-beskrivningen på /openapi/v1.json.",
        _ => "Se API-beskrivningen på /openapi/v1.json.",
    };
}

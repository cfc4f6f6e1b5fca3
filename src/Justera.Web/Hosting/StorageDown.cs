using Justera.Storage;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Hosting;

/// <summary>When storage is down nothing was saved: say so with 503 and Retry-After, as a page or as problem details.</summary>
public static class StorageDown
{
    public const int RetryAfterSeconds = 30;

    public static IApplicationBuilder UseStorageDownAnswer(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (StorageUnavailableException) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var result = context.Request.Path.StartsWithSegments("/api")
                ? Results.Problem(
                    title: "Tjänsten är tillfälligt otillgänglig",
                    detail: "Lagringen svarar inte just nu. Inget har sparats. Försök igen om en stund.",
                    statusCode: StatusCodes.Status503ServiceUnavailable)
                : Layout.Page("Tillfälligt otillgänglig", H($"""
                    <h1>Tjänsten är tillfälligt otillgänglig</h1>
                    <p>Vi kan inte nå lagringen just nu, så inget har sparats. Vänta en halv minut och försök igen.</p>
                    """), StatusCodes.Status503ServiceUnavailable);
            await result.ExecuteAsync(context);
        }
    });
}

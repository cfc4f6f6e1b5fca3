using System.Globalization;
using System.Threading.RateLimiting;
using Justera.Application;
using Justera.Application.SignedProtocols;
using Justera.Core;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using VerificationService = Justera.Application.SignedProtocols.Verification;

namespace Justera.Web.Verification;

/// <summary>
/// Public, no sign-in: anyone holding a signed protocol checks it here, as a page or as JSON. Rate-limited per client
/// address (a fixed window), because every upload costs a hash of up to 25 MB and a signature check. Nothing uploaded is stored.
/// </summary>
public static class VerificationEndpoints
{
    public const string RateLimitPolicy = "verifiering";

    public static IServiceCollection AddVerificationRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RateLimitPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<JusteraOptions>>().Value.VerificationsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "okänd",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                context.Response.Headers.RetryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)
                    : "60";
                var result = context.Request.Path.StartsWithSegments("/api")
                    ? Results.Problem(title: "För många kontroller", detail: "Vänta en minut och försök sedan igen.", statusCode: StatusCodes.Status429TooManyRequests)
                    : VerificationPages.TooMany();
                await result.ExecuteAsync(context);
            };
        });

    public static IEndpointRouteBuilder MapVerification(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup("/verifiera").RequireRateLimiting(RateLimitPolicy).ExcludeFromDescription();
        page.MapGet("", ShowAsync);
        page.MapPost("", VerifyAsync).DisableAntiforgery(); // validated by hand, to answer with a Swedish page
        app.MapPost("/api/verifiera", ApiAsync)
            .RequireRateLimiting(RateLimitPolicy)
            .DisableAntiforgery()
            .WithTags("Verifiering")
            .WithSummary("Kontrollera ett signerat protokoll: PDF-filen som \"file\" eller dokument-id som \"dokument\" i en multipart- eller formulärbegäran");
        return app;
    }

    private static async Task<IResult> ShowAsync(string? dokument, HttpContext context, VerificationService verification, CancellationToken ct) =>
        dokument is null
            ? VerificationPages.Page(context)
            : Answer(context, await verification.LookUpAsync(dokument, ct), dokument);

    private static async Task<IResult> VerifyAsync(HttpContext context, VerificationService verification, CancellationToken ct)
    {
        if (!await Forms.IsGenuineAsync(context))
            return Forms.Expired();
        var (result, documentId) = await VerifyRequestAsync(context, verification, ct);
        return Answer(context, result, documentId);
    }

    private static async Task<JsonHttpResult<VerificationResult>> ApiAsync(HttpContext context, VerificationService verification, CancellationToken ct)
    {
        var (result, _) = await VerifyRequestAsync(context, verification, ct);
        return TypedResults.Json(result, JusteraJson.Options,
            statusCode: result.Verdict == VerificationVerdict.BadInput ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static IResult Answer(HttpContext context, VerificationResult result, string? documentId) =>
        VerificationPages.Page(context, result, documentId,
            result.Verdict == VerificationVerdict.BadInput ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);

    /// <summary>An uploaded file ("file") wins over a document id ("dokument"); an oversized file is refused before it is read.</summary>
    private static async Task<(VerificationResult Result, string? DocumentId)> VerifyRequestAsync(
        HttpContext context, VerificationService verification, CancellationToken ct)
    {
        // A body that is not a form, or is cut off, is refused by the form reader (415/400 problem details or page).
        var form = await Forms.ReadAsync(context, ct);
        var file = form.Files.GetFile("file");
        if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
        {
            var id = form["dokument"].ToString();
            return id.Length > 0
                ? (await verification.LookUpAsync(id, ct), id)
                : (new(VerificationVerdict.BadInput, "Välj det signerade protokollet (PDF) att kontrollera, eller ange dess dokument-id."), null);
        }
        if (file.Length > VerificationService.MaxBytes)
            return (new(VerificationVerdict.BadInput, VerificationService.TooLargeMessage), null);
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, ct);
        return (await verification.VerifyFileAsync(bytes, ct), null);
    }
}

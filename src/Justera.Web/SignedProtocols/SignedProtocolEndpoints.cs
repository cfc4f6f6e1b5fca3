using System.Globalization;
using Justera.Core.JusteringRounds;
using Justera.Storage.SignedProtocols;
using Justera.Web.Api;
using Justera.Web.Hosting;
using Justera.Web.Secretary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.SignedProtocols;

/// <summary>The sealed protocol as a download: for the secretary's page, the API and (in <see cref="Replies.ReplyEndpoints"/>) the justerare's links.</summary>
public static class SignedProtocolEndpoints
{
    public static IEndpointRouteBuilder MapSignedProtocols(this IEndpointRouteBuilder app)
    {
        app.MapGet("/rundor/{id}/signerat", PageDownloadAsync).RequireAuthorization(JusteraWeb.SecretaryPolicy).ExcludeFromDescription();
        app.MapGet("/api/rundor/{id}/signerat", ApiDownloadAsync).RequireAuthorization(JusteraWeb.SecretaryPolicy)
            .WithTags("Justeringsrundor")
            .WithSummary("Det signerade, förseglade protokollet (PDF)")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> PageDownloadAsync(string id, [AsParameters] RoundsApiServices s, SignedProtocolBlobs blobs, CancellationToken ct)
    {
        var user = s.User;
        var stored = await RoundsApi.OwnRoundAsync(id, s, ct);
        if (stored?.State is not JusteringRoundState.Sealed sealedRound)
            return stored is null
                ? SecretaryLayout.NotFound(s.Context, user)
                : SecretaryLayout.Page(s.Context, user, "Det signerade protokollet finns inte ännu", H($"""
                    <h1>Det signerade protokollet finns inte ännu</h1>
                    <p>Protokollet förseglas när alla justerare har godkänt det. <a href="/rundor/{id}">Tillbaka till rundan</a>.</p>
                    """), StatusCodes.Status404NotFound);
        return await FileAsync(s.Context, sealedRound, blobs, ct) ?? SecretaryLayout.NotFound(s.Context, user);
    }

    private static async Task<IResult> ApiDownloadAsync(string id, [AsParameters] RoundsApiServices s, SignedProtocolBlobs blobs, CancellationToken ct)
    {
        var stored = await RoundsApi.OwnRoundAsync(id, s, ct);
        if (stored is null)
            return TypedResults.Problem(title: "Rundan finns inte", detail: "Det finns ingen sådan runda i din förvaltning.", statusCode: StatusCodes.Status404NotFound);
        if (stored.State is not JusteringRoundState.Sealed sealedRound)
            return TypedResults.Problem(title: "Det signerade protokollet finns inte ännu", detail: "Protokollet förseglas när alla justerare har godkänt det.", statusCode: StatusCodes.Status404NotFound);
        return await FileAsync(s.Context, sealedRound, blobs, ct)
            ?? TypedResults.Problem(title: "Det signerade protokollet saknas i lagringen", statusCode: StatusCodes.Status404NotFound);
    }

    /// <summary>The sealed file as an attachment named after the meeting; null when the blob is missing.</summary>
    public static async Task<IResult?> FileAsync(HttpContext context, JusteringRoundState.Sealed sealedRound, SignedProtocolBlobs blobs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sealedRound);
        ArgumentNullException.ThrowIfNull(blobs);
        var content = await blobs.ReadAsync(sealedRound.SignedProtocol.BlobName, ct);
        if (content is null)
            return null;
        context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.DocumentCsp;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(sealedRound.Round)}\"";
        return Results.Bytes(content.ToMemory(), "application/pdf");
    }

    /// <summary>"protokoll-2026-12-03-justerat.pdf": the meeting's date, ASCII only, so every mail program and browser keeps the name.</summary>
    public static string FileName(Round round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return $"protokoll-{round.MeetingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}-justerat.pdf";
    }
}

using Justera.Application.JusteringRounds;
using Justera.Core.JusteringRounds;
using Justera.Core.Links;
using Justera.Storage.Protocols;
using Justera.Storage.SignedProtocols;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Justera.Web.SignedProtocols;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Justera.Web.Replies;

/// <summary>
/// The personal link: GET only ever shows (mail scanners open every link), the answer is a POST with
/// anti-forgery protection and a one-time form key, and every unusable link gets a page that reveals nothing.
/// </summary>
public static class ReplyEndpoints
{
    public static IEndpointRouteBuilder MapReplies(this IEndpointRouteBuilder app)
    {
        var replies = app.MapGroup("/svar/{token}").ExcludeFromDescription();
        replies.MapGet("", ShowAsync);
        replies.MapPost("", AnswerAsync).DisableAntiforgery(); // validated by hand to answer with a Swedish page
        replies.MapGet("/kvitto", ReceiptAsync);
        replies.MapGet("/protokoll", ProtocolAsync);
        replies.MapGet("/signerat", SignedAsync);
        return app;
    }

    private static async Task<IResult> ShowAsync(string token, HttpContext context, JusteringRoundService rounds, CancellationToken cancellationToken)
    {
        var link = await ResolveAsync(token, rounds, cancellationToken);
        return link.Problem ?? ReplyPages.Form(context, token, link.Round!, link.Justerare!,
            await rounds.CurrentAnswerAsync(link.Round!.Id, link.Round, link.Justerare!.Id, cancellationToken), new Dictionary<string, string>());
    }

    private static async Task<IResult> AnswerAsync(string token, HttpContext context, JusteringRoundService rounds, CancellationToken cancellationToken)
    {
        if (!PersonalLinks.TryRead(token, out var roundId, out var hash))
            return ReplyPages.NotValid();
        if (!await Forms.IsGenuineAsync(context))
            return Forms.Expired();
        var form = await Forms.ReadAsync(context, cancellationToken);
        var kind = Enum.TryParse<ReplyKind>(form["kind"], ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : (ReplyKind)(-1);
        if (form["formKey"].ToString().Length > Api.RoundInput.MaxFormKeyLength)
            return Forms.Expired();
        var outcome = await rounds.HandleAsync(roundId, _ => new RecordAnswer(
            hash, kind, Forms.Text(form, "item"), Forms.Text(form, "text"), form["formKey"].ToString(), rounds.Time.GetUtcNow()), cancellationToken);
        return outcome.Decision.Refusal switch
        {
            null => Forms.SeeOther($"/svar/{token}/kvitto"),
            { Reason: RefusalReason.Invalid } refusal => await InvalidAsync(token, context, rounds, form, refusal, cancellationToken),
            { Reason: RefusalReason.SupersededLink } => ReplyPages.Superseded(),
            { Reason: RefusalReason.Closed } => ReplyPages.Closed(),
            _ => ReplyPages.NotValid(),
        };
    }

    private static async Task<IResult> InvalidAsync(string token, HttpContext context, JusteringRoundService rounds, IFormCollection form, Refusal refusal, CancellationToken cancellationToken)
    {
        var link = await ResolveAsync(token, rounds, cancellationToken);
        return link.Problem ?? ReplyPages.Form(context, token, link.Round!, link.Justerare!,
            await rounds.CurrentAnswerAsync(link.Round!.Id, link.Round, link.Justerare!.Id, cancellationToken), Forms.Errors(refusal), form, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ReceiptAsync(string token, JusteringRoundService rounds, CancellationToken cancellationToken)
    {
        var link = await ResolveAsync(token, rounds, cancellationToken, receipt: true);
        if (link.Problem is not null)
            return link.Problem;
        var answer = await rounds.CurrentAnswerAsync(link.Round!.Id, link.Round, link.Justerare!.Id, cancellationToken);
        return ReplyPages.Receipt(link.Round, link.Justerare, answer, link.State is JusteringRoundState.Sealed ? $"/svar/{token}/signerat" : null);
    }

    /// <summary>The signed protocol, for a current link of a sealed round.</summary>
    private static async Task<IResult> SignedAsync(string token, HttpContext context, JusteringRoundService rounds, SignedProtocolBlobs blobs, CancellationToken cancellationToken)
    {
        var link = await ResolveAsync(token, rounds, cancellationToken, signed: true);
        if (link.Problem is not null)
            return link.Problem;
        return link.State is JusteringRoundState.Sealed sealedRound && await SignedProtocolEndpoints.FileAsync(context, sealedRound, blobs, cancellationToken) is { } file
            ? file
            : ReplyPages.NotValid();
    }

    private static async Task<IResult> ProtocolAsync(string token, HttpContext context, JusteringRoundService rounds, ProtocolBlobs blobs, CancellationToken cancellationToken)
    {
        var link = await ResolveAsync(token, rounds, cancellationToken);
        if (link.Problem is not null)
            return link.Problem;
        var protocol = link.Round!.Protocol;
        var content = await blobs.ReadAsync(protocol.BlobName, cancellationToken);
        if (content is null)
            return ReplyPages.NotValid();
        context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.DocumentCsp;
        context.Response.Headers.ContentDisposition = $"inline; filename=\"protokoll-version-{protocol.Version}.pdf\"";
        return Results.Bytes(content.ToMemory(), "application/pdf");
    }

    private sealed record ResolvedLink(IResult? Problem, Round? Round = null, Justerare? Justerare = null, JusteringRoundState? State = null);

    /// <summary>
    /// Finds whose link this is. A completed round still shows the receipt page to the link that completed
    /// it, and a sealed round's current links the receipt and the signed protocol; every other use of a
    /// closed round's link is "avslutad".
    /// </summary>
    private static async Task<ResolvedLink> ResolveAsync(string token, JusteringRoundService rounds, CancellationToken cancellationToken, bool receipt = false, bool signed = false)
    {
        if (!PersonalLinks.TryRead(token, out var roundId, out var hash))
            return new(ReplyPages.NotValid());
        var stored = await rounds.LoadAsync(roundId, cancellationToken);
        var round = stored.State.RoundOrNull;
        var link = round?.Links.Find(l => l.TokenHash == hash);
        var justerare = link is null ? null : round!.Find(link.JusterareId);
        if (round is null || link is null || justerare is null)
            return new(ReplyPages.NotValid());
        if (link.ProtocolVersion != round.Protocol.Version)
            return new(ReplyPages.Superseded());
        return stored.State switch
        {
            JusteringRoundState.AwaitingAnswers when !signed => new(null, round, justerare, stored.State),
            JusteringRoundState.Completed when receipt => new(null, round, justerare, stored.State),
            JusteringRoundState.Sealed when receipt || signed => new(null, round, justerare, stored.State),
            _ => new(ReplyPages.Closed()),
        };
    }
}

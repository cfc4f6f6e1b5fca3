using Justera.Application.JusteringRounds;
using Justera.Core.JusteringRounds;
using Justera.Core.Links;
using Justera.Storage.JusteringRounds;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Justera.Web.Secretary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Justera.Web.Api;

/// <summary>The dependencies every rounds endpoint takes.</summary>
public sealed record RoundsApiServices(JusteringRoundService Rounds, RoundCreation Creation, HttpContext Context)
{
    public SecretaryUser User => SecretaryUser.From(Context.User)!;

    public DateTimeOffset Now => Rounds.Time.GetUtcNow();
}

/// <summary>The JSON API: what the secretary's pages do, for scripts. Errors are RFC 9457 problem details with Swedish field messages.</summary>
public static class RoundsApi
{
    public static IEndpointRouteBuilder MapRoundsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rundor").WithTags("Justeringsrundor").RequireAuthorization(JusteraWeb.SecretaryPolicy).DisableAntiforgery();
        api.MapGet("", ListAsync).WithSummary("Förvaltningens justeringsrundor");
        api.MapPost("", CreateAsync).WithSummary("Skapa (och starta) en runda: protokoll-PDF och justerare som JSON i en multipart-begäran");
        api.MapGet("/{id}", StatusAsync).WithSummary("Rundans läge och varje justerares svar");
        api.MapGet("/{id}/historik", HistoryAsync).WithSummary("Rundans historik");
        api.MapGet("/{id}/leveransfel", FailuresAsync).WithSummary("E-post som inte kunde levereras");
        api.MapPost("/{id}/starta", (string id, [AsParameters] RoundsApiServices s, CancellationToken ct) =>
            RunAsync(id, s, st => new StartRound(JusteringRoundService.FreshLinks(id, st), s.Now), ct));
        api.MapPost("/{id}/paminn", (string id, [AsParameters] RoundsApiServices s, CancellationToken ct) =>
            RunAsync(id, s, st => new RemindNow(JusteringRoundService.FreshLinks(id, st), s.Now), ct));
        api.MapPost("/{id}/forlang", (string id, ExtendRequest body, [AsParameters] RoundsApiServices s, CancellationToken ct) =>
            RunAsync(id, s, _ => new ExtendDeadline(body.Deadline, body.JusteringDate, s.Now), ct,
                round => [.. RoundDates.Deadline(body.Deadline, round.MeetingDate, s.Now),
                    .. body.JusteringDate is { } j ? RoundDates.JusteringDate(j, body.Deadline, s.Now) : []]));
        api.MapPost("/{id}/revidera", ReviseAsync).WithSummary("Ladda upp en ny version av protokollet: PDF som \"protocol\" och eventuellt ny sista dag som \"deadline\" i en multipart-begäran");
        api.MapPost("/{id}/avbryt", (string id, CancelRequest body, [AsParameters] RoundsApiServices s, CancellationToken ct) =>
            RunAsync(id, s, _ => new CancelRound(body.Reason ?? "", s.Now), ct));
        api.MapPost("/{id}/ersattare", (string id, ReplaceRequest body, [AsParameters] RoundsApiServices s, CancellationToken ct) =>
            RunAsync(id, s, st => new ReplaceJusterare(body.JusterareId ?? "",
                new Justerare(Guid.NewGuid().ToString("N"), body.Name?.Trim() ?? "", body.Organisation?.Trim() ?? "", body.Email?.Trim() ?? ""),
                JusteringRoundService.FreshLinks(id, st), s.Now), ct));
        api.MapPost("/{id}/forsegla", (string id, [AsParameters] RoundsApiServices s, CancellationToken ct) =>
            RunAsync(id, s, _ => new RetrySeal(s.User.Name, s.Now), ct)).WithSummary("Försegla igen, när förseglingen har misslyckats och orsaken är åtgärdad");
        api.MapPost("/{id}/svar", (string id, OnBehalfRequest body, [AsParameters] RoundsApiServices s, CancellationToken ct) =>
            RunAsync(id, s, _ => new RecordAnswerOnBehalf(body.JusterareId ?? "", body.Kind, body.Item, body.Text,
                body.Channel ?? "e-post till sekreteraren", s.User.Name, body.FormKey ?? Guid.NewGuid().ToString("N"), s.Now), ct,
                _ => [.. RoundInput.OnBehalfLimits(body.Channel, body.FormKey)]));
        return app;
    }

    public sealed record ExtendRequest(DateTimeOffset Deadline, DateOnly? JusteringDate);

    public sealed record CancelRequest(string? Reason);

    public sealed record ReplaceRequest(string? JusterareId, string? Name, string? Organisation, string? Email);

    public sealed record OnBehalfRequest(string? JusterareId, ReplyKind Kind, string? Item, string? Text, string? Channel, string? FormKey);

    private static async Task<Ok<IReadOnlyList<RoundSummary>>> ListAsync([AsParameters] RoundsApiServices s, CancellationToken ct) =>
        TypedResults.Ok(await s.Rounds.ListAsync(s.User.AdministrationId, ct));

    private static async Task<Results<Created<RoundStatus>, ValidationProblem>> CreateAsync([AsParameters] RoundsApiServices s, CancellationToken ct)
    {
        var form = await Forms.ReadAsync(s.Context, ct);
        var outcome = await s.Creation.CreateAsync(await RoundInput.ReadAsync(form, s.User, s.Now, ct), ct);
        if (outcome.Decision.Refusal is { } refusal)
            return Validation(refusal);
        return TypedResults.Created($"/api/rundor/{outcome.Round.RoundId}", await ViewAsync(outcome.Round, s, ct));
    }

    private static async Task<Results<Ok<RoundStatus>, ProblemHttpResult>> StatusAsync(string id, [AsParameters] RoundsApiServices s, CancellationToken ct) =>
        await OwnRoundAsync(id, s, ct) is { } stored ? TypedResults.Ok(await ViewAsync(stored, s, ct)) : NotFound();

    private static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, ProblemHttpResult>> HistoryAsync(string id, [AsParameters] RoundsApiServices s, CancellationToken ct)
    {
        if (await OwnRoundAsync(id, s, ct) is not { } stored)
            return NotFound();
        return TypedResults.Ok(HistoryWording.Entries(stored.State.RoundOrNull!, await s.Rounds.HistoryAsync(id, ct)));
    }

    private static async Task<Results<Ok<IReadOnlyList<DeliveryFailure>>, ProblemHttpResult>> FailuresAsync(string id, [AsParameters] RoundsApiServices s, CancellationToken ct) =>
        await OwnRoundAsync(id, s, ct) is { } stored ? TypedResults.Ok<IReadOnlyList<DeliveryFailure>>(stored.State.RoundOrNull!.DeliveryFailures) : NotFound();

    /// <summary>Runs a command on the secretary's own round; <paramref name="check"/> refuses input the edge bounds (dates, lengths) before the decider sees it.</summary>
    private static async Task<Results<Ok<RoundStatus>, ValidationProblem, ProblemHttpResult>> RunAsync(
        string id, RoundsApiServices s, Func<JusteringRoundState, JusteringRoundCommand> command, CancellationToken ct,
        Func<Round, IReadOnlyList<FieldError>>? check = null)
    {
        if (await OwnRoundAsync(id, s, ct) is not { } stored)
            return NotFound();
        if (check?.Invoke(stored.State.RoundOrNull!) is { Count: > 0 } errors)
            return Validation(Refusal.InvalidFields(errors));
        var outcome = await s.Rounds.HandleAsync(id, command, ct);
        return outcome.Decision.Refusal switch
        {
            null => TypedResults.Ok(await ViewAsync(outcome.Round, s, ct)),
            { Reason: RefusalReason.Invalid } refusal => Validation(refusal),
            var refusal => TypedResults.Problem(title: refusal.Message, statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static async Task<Results<Ok<RoundStatus>, ValidationProblem, ProblemHttpResult>> ReviseAsync(
        string id, [AsParameters] RoundsApiServices s, RoundRevision revision, CancellationToken ct)
    {
        if (await OwnRoundAsync(id, s, ct) is not { } stored)
            return NotFound();
        if (!s.Context.Request.HasFormContentType)
            return Validation(Refusal.InvalidFields([new("protocol", "Skicka protokollet som multipart/form-data med fältet \"protocol\".")]));
        var input = await RevisionInput.ReadAsync(await Forms.ReadAsync(s.Context, ct), stored.State.RoundOrNull!.MeetingDate, s.Now, ct);
        if (input.Errors.Count > 0)
            return Validation(Refusal.InvalidFields(input.Errors));
        var outcome = await revision.ReviseAsync(id, input.FileName, input.Pdf, input.Deadline, ct);
        return outcome.Decision.Refusal switch
        {
            null => TypedResults.Ok(await ViewAsync(outcome.Round, s, ct)),
            { Reason: RefusalReason.Invalid } refusal => Validation(refusal),
            var refusal => TypedResults.Problem(title: refusal.Message, statusCode: StatusCodes.Status409Conflict),
        };
    }

    /// <summary>The round if it belongs to the secretary's administration; another administration's round does not exist for them.</summary>
    public static async Task<StoredRound?> OwnRoundAsync(string id, RoundsApiServices s, CancellationToken ct)
    {
        if (!PersonalLinks.IsRoundId(id))
            return null;
        var stored = await s.Rounds.LoadAsync(id, ct);
        return stored.State.RoundOrNull?.Administration.Id == s.User.AdministrationId ? stored : null;
    }

    /// <summary>The round's status with the answers' texts, which the event rows hold.</summary>
    private static async Task<RoundStatus> ViewAsync(StoredRound stored, RoundsApiServices s, CancellationToken ct) =>
        RoundStatus.From(stored, await s.Rounds.CurrentAnswersAsync(stored.RoundId, stored.State.RoundOrNull!, ct));

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "Rundan finns inte", detail: "Det finns ingen sådan runda i din förvaltning.", statusCode: StatusCodes.Status404NotFound);

    private static ValidationProblem Validation(Refusal refusal) => TypedResults.ValidationProblem(
        refusal.Fields.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()),
        title: refusal.Message);
}

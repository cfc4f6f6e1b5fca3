using Justera.Application.ReportCycles;
using Justera.Core.JusteringRounds;
using Justera.Core.ReportCycles;
using Justera.Web.Hosting;
using Justera.Web.ReportCycles.Cycles;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Justera.Web.ReportCycles.Api;

/// <summary>
/// The report cycles' JSON API: what the secretary's cycle pages do, for scripts. Every refusal is an RFC 9457 problem
/// in Swedish — 400 with the messages per field, 404 for a cycle that is not the administration's, 409 for what the
/// cycle's phase does not allow, 413 and 415 for bodies that are too large or not JSON — and nothing is stored or sent.
/// </summary>
public static class CyclesApi
{
    private static readonly string[] StartFields = ["period", "year", "deadline", "deviationThreshold", "units", "formKey"];

    public static IEndpointRouteBuilder MapCyclesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rapportcykler").WithTags("Rapportcykler").RequireAuthorization(JusteraWeb.SecretaryPolicy).DisableAntiforgery();
        api.MapGet("", ListAsync).WithSummary("Förvaltningens rapportcykler, det senaste året först, med sista dag och hur många enheter som är klara");
        api.MapPost("", StartAsync).Accepts<StartCycleRequest>("application/json")
            .WithSummary("Starta en rapportcykel: period (T1, T2, VB), år med importerad målstruktur, sista dag (ÅÅÅÅ-MM-DD), gräns för avvikelse i mnkr och enheterna (\"alla\" eller en lista med enhets-id)");
        api.MapGet("/{id}", OverviewAsync)
            .WithSummary("Rapportcykelns läge: per avdelning och enhet (ej påbörjad, utkast, klarmarkerad, godkänd, återskickad, sen) och enheternas bedömning per mål");
        api.MapGet("/{id}/historik", HistoryAsync).WithSummary("Rapportcykelns historik");
        api.MapPost("/{id}/paminn", RemindAsync).Accepts<RemindCycleRequest>(isOptional: true, "application/json")
            .WithSummary("Påminn nu: en enhets enhetschef (unitId), eller alla enheter som inte är klara när unitId saknas");
        api.MapPost("/{id}/forlang", ExtendAsync).Accepts<ExtendCycleRequest>("application/json")
            .WithSummary("Förläng sista dag (ÅÅÅÅ-MM-DD) för en enhet (unitId) eller för alla enheter");
        api.MapPost("/{id}/stang", CloseAsync).Accepts<CloseCycleRequest>(isOptional: true, "application/json")
            .WithSummary("Stäng perioden; finns enheter som inte är godkända krävs confirmMissing: true, och de redovisas som saknade");
        return app;
    }

    private static async Task<Ok<CycleSummaryView[]>> ListAsync([AsParameters] CycleServices s, CancellationToken ct) =>
        TypedResults.Ok((await s.Cycles.ListCyclesAsync(s.User.AdministrationId, ct)).Select(CycleSummaryView.From).ToArray());

    private static async Task<Results<Created<CycleOverviewView>, ValidationProblem, ProblemHttpResult>> StartAsync([AsParameters] CycleServices s, CancellationToken ct)
    {
        var (input, problem) = await CycleApiInput.ReadAsync(s.Context, emptyAllowed: false, ct);
        if (problem is not null)
            return problem;
        input!.OnlyFields(StartFields);
        var period = input.Period("period");
        var year = input.Year("year");
        var deadline = input.Date("deadline", "sista dag");
        var threshold = input.Amount("deviationThreshold", "Gränsen för avvikelse");
        var units = input.Units("units");
        var formKey = input.FormKey("formKey");
        var start = new CycleStartInput(period, year, deadline, threshold, units?.All ?? false, units?.Ids ?? [], formKey, input.Errors);
        var result = await CycleStarting.StartAsync(s.Cycles, s.Imports, s.User, start, ct);
        if (result.Refusal is { } refusal)
            return Refused<Created<CycleOverviewView>>(refusal);
        return TypedResults.Created($"/api/rapportcykler/{result.CycleId}", await ViewAsync(result.CycleId!, s, ct));
    }

    private static async Task<Results<Ok<CycleOverviewView>, ProblemHttpResult>> OverviewAsync(string id, [AsParameters] CycleServices s, CancellationToken ct) =>
        await s.OwnCycleAsync(id, ct) is null ? NotFound() : TypedResults.Ok(await ViewAsync(id, s, ct));

    private static async Task<Results<Ok<CycleHistoryEntry[]>, ProblemHttpResult>> HistoryAsync(string id, [AsParameters] CycleServices s, CancellationToken ct)
    {
        if (await s.OwnCycleAsync(id, ct) is not { } stored)
            return NotFound();
        return TypedResults.Ok(CycleWording.History(stored.State.CycleOrNull!, await s.Cycles.CycleHistoryAsync(id, ct)).ToArray());
    }

    private static Task<Results<Ok<CycleOverviewView>, ValidationProblem, ProblemHttpResult>> RemindAsync(string id, [AsParameters] CycleServices s, CancellationToken ct) =>
        RunAsync(id, s, emptyAllowed: true, input =>
        {
            input.OnlyFields("unitId");
            var unit = input.Text("unitId", maxLength: 100);
            return input.Errors.Count > 0 ? null : s.Cycles.RemindNowAsync(id, string.IsNullOrWhiteSpace(unit) ? null : unit.Trim(), ct);
        }, ct);

    private static Task<Results<Ok<CycleOverviewView>, ValidationProblem, ProblemHttpResult>> ExtendAsync(string id, [AsParameters] CycleServices s, CancellationToken ct) =>
        RunAsync(id, s, emptyAllowed: false, input =>
        {
            input.OnlyFields("unitId", "deadline");
            var unit = input.Text("unitId", maxLength: 100);
            var deadline = input.Date("deadline", "ny sista dag");
            if (deadline is { } d)
                input.Errors.AddRange(CycleDates.Check(d, s.Now, "deadline"));
            return input.Errors.Count > 0 ? null : s.Cycles.ExtendDeadlineAsync(id, string.IsNullOrWhiteSpace(unit) ? null : unit.Trim(), deadline!.Value, ct);
        }, ct);

    private static Task<Results<Ok<CycleOverviewView>, ValidationProblem, ProblemHttpResult>> CloseAsync(string id, [AsParameters] CycleServices s, CancellationToken ct) =>
        RunAsync(id, s, emptyAllowed: true, input =>
        {
            input.OnlyFields("confirmMissing");
            var confirmed = input.Flag("confirmMissing");
            return input.Errors.Count > 0 ? null : s.Cycles.CloseAsync(id, confirmed, s.User.Name, ct);
        }, ct);

    /// <summary>
    /// The steps every action shares: the administration's own cycle, a readable body, then the command — or, when
    /// <paramref name="command"/> found field errors and returned null, a 400 with them and no command at all.
    /// </summary>
    private static async Task<Results<Ok<CycleOverviewView>, ValidationProblem, ProblemHttpResult>> RunAsync(
        string id, CycleServices s, bool emptyAllowed, Func<CycleApiInput, Task<CycleOutcome>?> command, CancellationToken ct)
    {
        if (await s.OwnCycleAsync(id, ct) is null)
            return NotFound();
        var (input, problem) = await CycleApiInput.ReadAsync(s.Context, emptyAllowed, ct);
        if (problem is not null)
            return problem;
        var running = command(input!);
        var refusal = running is null ? CycleRefusal.InvalidFields(input!.Errors) : (await running).Decision.Refusal;
        return refusal is null ? TypedResults.Ok(await ViewAsync(id, s, ct)) : Refused<Ok<CycleOverviewView>>(refusal);
    }

    private static async Task<CycleOverviewView> ViewAsync(string cycleId, CycleServices s, CancellationToken ct)
    {
        var overview = await s.Cycles.OverviewAsync(cycleId, cancellationToken: ct)
            ?? throw new InvalidOperationException($"The cycle {cycleId} was just read, and is gone.");
        var structure = await s.Cycles.StructureAsync(overview.Cycle.State.CycleOrNull!.StructureHash, ct);
        return CycleOverviewView.From(overview, CycleWording.GoalLabels(structure));
    }

    /// <summary>A refusal as a problem: 400 with the fields' messages, 404, or 409 with the decider's message (and, for a close that needs confirming, the missing units).</summary>
    private static Results<TOk, ValidationProblem, ProblemHttpResult> Refused<TOk>(CycleRefusal refusal)
        where TOk : IResult => refusal.Reason switch
    {
        CycleRefusalReason.Invalid => TypedResults.ValidationProblem(
            // The decider calls an extension's date "newDeadline"; the request calls it "deadline".
            refusal.Fields.GroupBy(f => f.Field == "newDeadline" ? "deadline" : f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()),
            title: "Uppgifterna behöver rättas. Inget har sparats."),
        CycleRefusalReason.NotFound => NotFound(),
        _ => TypedResults.Problem(title: RequestErrors.SwedishTitle(StatusCodes.Status409Conflict), detail: refusal.Message,
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["reason"] = refusal.Reason.ToString() }),
    };

    private static ProblemHttpResult NotFound() => TypedResults.Problem(title: "Rapportcykeln finns inte",
        detail: "Det finns ingen sådan rapportcykel i din förvaltning.", statusCode: StatusCodes.Status404NotFound);
}

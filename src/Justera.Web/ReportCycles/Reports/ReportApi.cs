using Justera.Application.ReportCycles;
using Justera.Core.JusteringRounds;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Compilation;
using Justera.Storage.ReportCycles;
using Justera.Web.Hosting;
using Justera.Web.Secretary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Justera.Web.ReportCycles.Reports;

/// <summary>One compiled version and where to download its files.</summary>
public sealed record ReportVersionStatus(int Number, DateTimeOffset CompiledAt, string Docx, string Xlsx);

/// <summary>Why the latest version could not be compiled.</summary>
public sealed record ReportFailureStatus(int Number, string Reason, DateTimeOffset FailedAt);

/// <summary>The justering round the report was handed over to, as far as it has come.</summary>
public sealed record LinkedRoundStatus(string RoundId, string Phase, string PhaseText, int Answered, int Justerare, bool Sealed, string Url);

/// <summary>The compiled report of a cycle: the versions, what is pending or failed, and the linked justering round.</summary>
public sealed record CycleReportStatus(
    string CycleId,
    string Title,
    bool Closed,
    int CompilationsRequested,
    int? Pending,
    ReportFailureStatus? Failure,
    IReadOnlyList<ReportVersionStatus> Versions,
    LinkedRoundStatus? JusteringRound);

/// <summary>
/// The report's part of the cycles' JSON API: status, "sammanställ" and the downloads. Errors are problem details with
/// Swedish titles, as for rounds. (The cycles' other endpoints live beside this, in their own file.)
/// </summary>
public static class ReportApi
{
    public static IEndpointRouteBuilder MapCycleReportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rapportcykler").WithTags("Rapportcykler").RequireAuthorization(JusteraWeb.SecretaryPolicy).DisableAntiforgery();
        api.MapGet("/{id}/rapport", StatusAsync).WithSummary("Den sammanställda rapportens versioner, pågående sammanställning och den kopplade justeringsrundan");
        api.MapPost("/{id}/sammanstall", CompileAsync).WithSummary("Sammanställ en ny version av rapporten (perioden måste vara stängd); sammanställningen sker i bakgrunden");
        api.MapGet("/{id}/rapport/{number}/{format}", DownloadAsync)
            .WithSummary("En versions Word-fil (format docx) eller Excel-fil (format xlsx)")
            .Produces(StatusCodes.Status200OK, (Type?)null, CycleReportBlobs.DocxContentType, CycleReportBlobs.XlsxContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<CycleReportStatus>, ProblemHttpResult>> StatusAsync(string id, [AsParameters] ReportServices s, CancellationToken ct)
    {
        if (!ReportCycleIds.IsCycleId(id) || await s.Reports.ViewAsync(id, ct) is not { } view)
            return NotFound();
        return TypedResults.Ok(Status(view, s.User));
    }

    private static async Task<Results<Accepted<CycleReportStatus>, ProblemHttpResult>> CompileAsync(string id, [AsParameters] ReportServices s, CancellationToken ct)
    {
        if (!ReportCycleIds.IsCycleId(id) || await s.Reports.ViewAsync(id, ct) is null)
            return NotFound();
        var outcome = await s.Reports.RequestCompilationAsync(id, ct);
        if (outcome.Decision.Refusal is { } refusal)
        {
            return refusal.Reason == CycleRefusalReason.NotFound
                ? NotFound()
                : TypedResults.Problem(title: refusal.Message, detail: Detail(refusal.Reason), statusCode: StatusCodes.Status409Conflict);
        }
        var view = await s.Reports.ViewAsync(id, ct);
        return TypedResults.Accepted($"/api/rapportcykler/{id}/rapport", Status(view!, s.User));
    }

    private static async Task<IResult> DownloadAsync(string id, string number, string format, [AsParameters] ReportServices s, CancellationToken ct) =>
        await ReportEndpoints.FileAsync(s.Context, s.Reports, id, number, format, ct)
            ?? TypedResults.Problem(title: "Versionen finns inte",
                detail: "Det finns ingen sådan version av rapporten. Ange versionens nummer (1, 2, …) och formatet docx eller xlsx.",
                statusCode: StatusCodes.Status404NotFound);

    private static string Detail(CycleRefusalReason reason) => reason switch
    {
        CycleRefusalReason.WrongPhase => "Inget har ändrats. Försök igen när rapportcykeln är i rätt läge.",
        _ => "Inget har ändrats.",
    };

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "Rapportcykeln finns inte", detail: "Det finns ingen sådan rapportcykel.", statusCode: StatusCodes.Status404NotFound);

    private static CycleReportStatus Status(CycleReportView view, SecretaryUser user)
    {
        var cycle = view.Cycle;
        var files = $"/api/rapportcykler/{cycle.Id}/rapport";
        return new CycleReportStatus(
            cycle.Id,
            ReportTitles.Title(cycle.Period, cycle.Year),
            view.Closed,
            cycle.CompilationsRequested,
            view.Pending,
            view.Failure is { } f ? new ReportFailureStatus(f.Number, f.Reason, f.FailedAt) : null,
            [.. view.Versions.Select(v => new ReportVersionStatus(v.Number, v.CompiledAt, $"{files}/{v.Number}/docx", $"{files}/{v.Number}/xlsx"))],
            view.Round is { State.RoundOrNull: { } round } linked && round.Administration.Id == user.AdministrationId
                ? new LinkedRoundStatus(round.Id, linked.State.GetType().Name, SecretaryLayout.PhaseName(linked.State.GetType().Name),
                    round.Answers.Count, round.Justerare.Count, linked.State is JusteringRoundState.Sealed, $"/api/rundor/{round.Id}")
                : null);
    }
}

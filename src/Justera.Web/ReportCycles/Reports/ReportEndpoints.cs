using System.Globalization;
using Justera.Application.ReportCycles;
using Justera.Core.ReportCycles;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Justera.Web.ReportCycles.Reports;

/// <summary>The dependencies of the report page and its downloads.</summary>
public sealed record ReportServices(CycleReports Reports, HttpContext Context)
{
    public SecretaryUser User => SecretaryUser.From(Context.User)!;
}

/// <summary>
/// The secretary's report page of a cycle and its downloads. The form posts with anti-forgery protection (checked by
/// hand, to answer with a Swedish page) and redirects with 303; a refusal shows the page again with the message.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapCycleReportPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").RequireAuthorization(JusteraWeb.SecretaryPolicy).ExcludeFromDescription();
        pages.MapGet("/rapportcykler/{id}/rapport", PageAsync);
        pages.MapPost($"/rapportcykler/{{id}}/rapport/{ReportPages.Compile}", CompileAsync).DisableAntiforgery();
        // The action's address opened with GET (after signing in again) leads to the page instead of a bare 405.
        pages.MapGet($"/rapportcykler/{{id}}/rapport/{ReportPages.Compile}", (string id) =>
            ReportCycleIds.IsCycleId(id) ? Forms.SeeOther(ReportPages.Path(id)) : Results.NotFound());
        pages.MapGet("/rapportcykler/{id}/rapport/{number}/{format}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> PageAsync(string id, [AsParameters] ReportServices s, CancellationToken ct)
    {
        if (!ReportCycleIds.IsCycleId(id) || await s.Reports.ViewAsync(id, ct) is not { } view)
            return ReportPages.NotFound(s.Context, s.User);
        return ReportPages.Page(s.Context, s.User, new ReportPageModel(view, Flash.Take(s.Context)));
    }

    private static async Task<IResult> CompileAsync(string id, [AsParameters] ReportServices s, CancellationToken ct)
    {
        if (!await Forms.IsGenuineAsync(s.Context))
            return Forms.Expired();
        if (!ReportCycleIds.IsCycleId(id) || await s.Reports.ViewAsync(id, ct) is null)
            return ReportPages.NotFound(s.Context, s.User);
        var outcome = await s.Reports.RequestCompilationAsync(id, ct);
        if (outcome.Decision.Refusal is not { } refusal)
            return Forms.SeeOther(ReportPages.Path(id), flash: ReportPages.Compile);
        var view = await s.Reports.ViewAsync(id, ct);
        return ReportPages.Page(s.Context, s.User, new ReportPageModel(view!, Refusal: refusal.Message), StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> DownloadAsync(string id, string number, string format, [AsParameters] ReportServices s, CancellationToken ct) =>
        await FileAsync(s.Context, s.Reports, id, number, format, ct) ?? ReportPages.NotFound(s.Context, s.User);

    /// <summary>
    /// A version's .docx or .xlsx as an attachment named "tertialrapport-t1-2026-v2.docx"; null when the cycle, the
    /// version or the format does not exist. The version is parsed as digits only and looked up among the versions the
    /// cycle recorded, so nothing typed in the address ever becomes part of a blob name.
    /// </summary>
    public static async Task<IResult?> FileAsync(HttpContext context, CycleReports reports, string id, string number, string format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reports);
        if (!ReportCycleIds.IsCycleId(id) || !TryVersion(number, out var n) || Format(format) is not { } f)
            return null;
        if (await reports.OpenAsync(id, n, f, ct) is not { } file)
            return null;
        context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.DocumentCsp;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{file.FileName}\"";
        context.Response.ContentLength = file.Length;
        return Results.Stream(file.Content, file.ContentType);
    }

    private static bool TryVersion(string? text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;

    private static ReportFormat? Format(string? format) => format switch
    {
        "docx" => ReportFormat.Docx,
        "xlsx" => ReportFormat.Xlsx,
        _ => null,
    };
}

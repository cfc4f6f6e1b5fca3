using System.Globalization;
using Justera.Application.ReportCycles.Setup;
using Justera.Core.ReportCycles.Setup;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Justera.Web.Secretary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Justera.Web.ReportCycles.Setup;

/// <summary>The dependencies every set-up page and API endpoint takes.</summary>
public sealed record SetupServices(SetupImports Imports, HttpContext Context)
{
    public SecretaryUser User => SecretaryUser.From(Context.User)!;

    public string AdministrationId => User.AdministrationId;

    /// <summary>Who imported, as the register and the pages write it.</summary>
    public string ImportedBy => $"{User.Name} ({User.Email})";
}

/// <summary>
/// The secretary's set-up pages: upload → preview (what the import will do; the checked file waits in storage under
/// its hash) → confirm (anti-forgery and a one-time form key, as the round pages) → 303 back with a confirmation.
/// A file with errors is shown again at the field with every error and its line, and nothing is stored.
/// </summary>
public static class SetupEndpoints
{
    private const string UnitsTooLargeAdvice = "En enhetslista med 2 000 enheter ryms gott; kontrollera att du har valt rätt fil.";
    private const string StructureTooLargeAdvice = "En förvaltnings målstruktur är några tiotal kilobyte; kontrollera att du har valt rätt fil.";

    public static IEndpointRouteBuilder MapSetupPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").RequireAuthorization(JusteraWeb.SecretaryPolicy).ExcludeFromDescription();
        pages.MapGet("/enheter", UnitsAsync);
        pages.MapPost("/enheter/forhandsgranska", PreviewUnitsAsync).DisableAntiforgery();
        pages.MapPost("/enheter/importera", ImportUnitsAsync).DisableAntiforgery();
        pages.MapGet("/enheter/{action}", () => Forms.SeeOther("/enheter"));
        pages.MapGet("/malstruktur", YearsAsync);
        pages.MapPost("/malstruktur/forhandsgranska", PreviewStructureAsync).DisableAntiforgery();
        pages.MapPost("/malstruktur/importera", ImportStructureAsync).DisableAntiforgery();
        pages.MapGet("/malstruktur/{year:int}", YearAsync);
        pages.MapGet("/malstruktur/{action}", () => Forms.SeeOther("/malstruktur"));
        return app;
    }

    private static async Task<IResult> UnitsAsync([AsParameters] SetupServices s, CancellationToken ct) =>
        UnitPages.List(s.Context, s.User, await s.Imports.RegisterAsync(s.AdministrationId, ct), UnitPages.DoneText(Flash.Take(s.Context)));

    /// <summary>Room in a request for the form's other fields and the multipart headers around the file.</summary>
    private const int FormSlack = 64 * 1024;

    /// <summary>
    /// Whether the request says it is larger than the file may be: answered before the body is read, so a file of 50 MB
    /// gets the set-up page's own message instead of the host's request limit (whose words are about protocols).
    /// </summary>
    private static bool DeclaredTooLarge(HttpContext context, int maxBytes) => context.Request.ContentLength > maxBytes + FormSlack;

    private static async Task<IResult> PreviewUnitsAsync([AsParameters] SetupServices s, CancellationToken ct)
    {
        if (DeclaredTooLarge(s.Context, UnitsCsv.MaxBytes))
            return UnitPages.List(s.Context, s.User, await s.Imports.RegisterAsync(s.AdministrationId, ct),
                errors: [ImportError.File(SetupForms.TooLarge(UnitsCsv.MaxBytes, UnitsTooLargeAdvice))], status: StatusCodes.Status400BadRequest);
        if (!await Forms.IsGenuineAsync(s.Context))
            return Forms.Expired();
        var form = await Forms.ReadAsync(s.Context, ct);
        var (bytes, errors) = await SetupForms.ReadFileAsync(form, UnitsCsv.MaxBytes, "enhetslistan (CSV)",
            SetupForms.TooLarge(UnitsCsv.MaxBytes, UnitsTooLargeAdvice), ct);
        var preview = bytes is null ? null : await s.Imports.PreviewUnitsAsync(s.AdministrationId, bytes, ct);
        if (preview is null || !preview.Succeeded)
            return UnitPages.List(s.Context, s.User, await s.Imports.RegisterAsync(s.AdministrationId, ct),
                errors: preview?.Errors ?? errors, status: StatusCodes.Status400BadRequest);
        return UnitPages.Preview(s.Context, s.User, preview);
    }

    private static async Task<IResult> ImportUnitsAsync([AsParameters] SetupServices s, CancellationToken ct)
    {
        if (!await Forms.IsGenuineAsync(s.Context))
            return Forms.Expired();
        var form = await Forms.ReadAsync(s.Context, ct);
        var sha = form["sha256"].ToString();
        var revision = int.TryParse(form["revision"], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : -1;
        var (outcome, _) = await s.Imports.ImportUnitsAsync(s.AdministrationId, sha, revision, form["formKey"].ToString(), s.ImportedBy, ct);
        return outcome switch
        {
            ImportOutcome.Imported or ImportOutcome.AlreadyImported => Forms.SeeOther("/enheter", UnitPages.Imported),
            ImportOutcome.NothingChanged => Forms.SeeOther("/enheter", UnitPages.Unchanged),
            ImportOutcome.RegisterChanged or ImportOutcome.Busy when await s.Imports.PreviewStoredUnitsAsync(s.AdministrationId, sha, ct) is { Succeeded: true } again =>
                UnitPages.Preview(s.Context, s.User, again, outcome == ImportOutcome.Busy
                    ? "Någon annan importerar en enhetslista just nu. Vänta en stund, kontrollera vad importen gör och bekräfta igen."
                    : "Enhetsregistret har ändrats sedan du förhandsgranskade filen. Kontrollera vad importen gör nu och bekräfta igen.",
                    StatusCodes.Status409Conflict),
            _ => UnitPages.List(s.Context, s.User, await s.Imports.RegisterAsync(s.AdministrationId, ct),
                notice: "Filen som förhandsgranskades finns inte. Ladda upp den igen.", status: StatusCodes.Status400BadRequest),
        };
    }

    private static async Task<IResult> YearsAsync([AsParameters] SetupServices s, CancellationToken ct) =>
        StructurePages.List(s.Context, s.User, await s.Imports.YearsAsync(s.AdministrationId, ct));

    private static async Task<IResult> PreviewStructureAsync([AsParameters] SetupServices s, CancellationToken ct)
    {
        if (DeclaredTooLarge(s.Context, StructureJson.MaxBytes))
            return StructurePages.List(s.Context, s.User, await s.Imports.YearsAsync(s.AdministrationId, ct),
                errors: [ImportError.File(SetupForms.TooLarge(StructureJson.MaxBytes, StructureTooLargeAdvice))], status: StatusCodes.Status400BadRequest);
        if (!await Forms.IsGenuineAsync(s.Context))
            return Forms.Expired();
        var form = await Forms.ReadAsync(s.Context, ct);
        var (bytes, errors) = await SetupForms.ReadFileAsync(form, StructureJson.MaxBytes, "målstrukturen (JSON)",
            SetupForms.TooLarge(StructureJson.MaxBytes, StructureTooLargeAdvice), ct);
        var preview = bytes is null ? null : await s.Imports.PreviewStructureAsync(s.AdministrationId, bytes, null, ct);
        if (preview is null || !preview.Succeeded)
            return StructurePages.List(s.Context, s.User, await s.Imports.YearsAsync(s.AdministrationId, ct),
                errors: preview?.Errors ?? errors, status: StatusCodes.Status400BadRequest);
        return StructurePages.Preview(s.Context, s.User, preview, await s.Imports.RegisterAsync(s.AdministrationId, ct));
    }

    private static async Task<IResult> ImportStructureAsync([AsParameters] SetupServices s, CancellationToken ct)
    {
        if (!await Forms.IsGenuineAsync(s.Context))
            return Forms.Expired();
        var form = await Forms.ReadAsync(s.Context, ct);
        var year = int.TryParse(form["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0;
        var outcome = await s.Imports.ImportStructureAsync(s.AdministrationId, year, form["sha256"].ToString(), form["formKey"].ToString(), s.ImportedBy, ct);
        return outcome switch
        {
            ImportOutcome.Imported or ImportOutcome.AlreadyImported => Forms.SeeOther($"/malstruktur/{year}", StructurePages.Imported),
            ImportOutcome.NothingChanged => Forms.SeeOther($"/malstruktur/{year}", StructurePages.Unchanged),
            _ => StructurePages.List(s.Context, s.User, await s.Imports.YearsAsync(s.AdministrationId, ct),
                notice: "Filen som förhandsgranskades finns inte. Ladda upp den igen.", status: StatusCodes.Status400BadRequest),
        };
    }

    private static async Task<IResult> YearAsync(int year, [AsParameters] SetupServices s, CancellationToken ct) =>
        await s.Imports.StructureAsync(s.AdministrationId, year, ct) is { } current
            ? StructurePages.Year(s.Context, s.User, current.Version, current.Structure,
                await s.Imports.RegisterAsync(s.AdministrationId, ct), StructurePages.DoneText(Flash.Take(s.Context)))
            : StructurePages.NoYear(s.Context, s.User, year);
}

using System.Collections.Immutable;
using Justera.Application.ReportCycles.Setup;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;
using Justera.Storage.ReportCycles.Setup;
using Justera.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Microsoft.Net.Http.Headers;

namespace Justera.Web.ReportCycles.Setup;

/// <summary>A unit in the register, as the API shows it.</summary>
public sealed record UnitView(string Id, string Name, string Department, Person Manager, Person DepartmentHead, bool Active, DateTimeOffset? RemovedAt);

/// <summary>The unit register: its revision, the last import, and every unit (inactive ones with <c>active: false</c>).</summary>
public sealed record UnitRegisterView(int Revision, RegisterImport? LastImport, bool IncompleteImport, IReadOnlyList<UnitView> Units);

/// <summary>A unit an import changes, and which of its fields.</summary>
public sealed record UnitChangeView(string Id, IReadOnlyList<UnitField> Fields);

/// <summary>What a units import does (<c>stored: false</c> for a dry run), with the summary the page shows.</summary>
public sealed record UnitsImportView(
    bool Stored, string Summary, int Revision, IReadOnlyList<string> Added, IReadOnlyList<UnitChangeView> Changed, int Unchanged, IReadOnlyList<string> Removed);

/// <summary>What a structure import does (<c>stored: false</c> for a dry run); <c>unknownUnits</c> are assignments' units the register lacks.</summary>
public sealed record StructureImportView(bool Stored, int Year, string Sha256, string Summary, StructureCounts Counts, IReadOnlyList<string> UnknownUnits);

/// <summary>A year with a structure: the current version's hash, who imported it, when, and what it holds.</summary>
public sealed record StructureYearView(int Year, string Sha256, string ImportedBy, DateTimeOffset ImportedAt, string Summary);

/// <summary>One error in an imported file: its line, its column or JSON path, and the Swedish message.</summary>
public sealed record ImportErrorView(int? Line, string? Field, string Message);

/// <summary>
/// The set-up data's JSON API: the unit register (CSV in, JSON out) and the year structures (the structure file's JSON
/// in and out). <c>?provkor=true</c> only says what an import would do. A file with errors is a 400 problem with every
/// error under its column or JSON path ("fil" for the file as a whole) and, in <c>importErrors</c>, with its line.
/// </summary>
public static class SetupApi
{
    public const string DryRun = "provkor";

    public static IEndpointRouteBuilder MapSetupApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Enheter och målstruktur").RequireAuthorization(JusteraWeb.SecretaryPolicy).DisableAntiforgery();
        api.MapGet("/enheter", UnitsAsync).WithSummary("Förvaltningens enhetsregister, också enheter som inte längre finns i den senaste filen");
        api.MapPut("/enheter", ImportUnitsAsync)
            .AddOpenApiOperationTransformer(Body("text/csv"))
            .WithSummary("Importera enhetslistan (CSV som i Excel, UTF-8); med ?provkor=true sparas ingenting, svaret säger vad importen skulle göra");
        api.MapGet("/malstruktur", YearsAsync).WithSummary("Åren som har en målstruktur");
        api.MapGet("/malstruktur/{year:int}", StructureAsync)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Årets målstruktur i filformatet (se docs/report-structure.md)");
        api.MapPut("/malstruktur/{year:int}", ImportStructureAsync)
            .AddOpenApiOperationTransformer(Body("application/json"))
            .WithSummary("Importera årets målstruktur (JSON i filformatet); med ?provkor=true sparas ingenting");
        return app;
    }

    /// <summary>
    /// The request body in the OpenAPI document. Not <c>.Accepts(…)</c>: routing would then answer another content type
    /// with its own 415 before the handler, whose Swedish message says which type to send.
    /// </summary>
    private static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> Body(string mediaType) => (operation, _, _) =>
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
        };
        return Task.CompletedTask;
    };

    private static async Task<Ok<UnitRegisterView>> UnitsAsync([AsParameters] SetupServices s, CancellationToken ct)
    {
        var register = await s.Imports.RegisterAsync(s.AdministrationId, ct);
        return TypedResults.Ok(new UnitRegisterView(register.Revision, register.LastImport, register.Pending is not null,
            [.. register.Units.OrderBy(u => u.Unit.Id, StringComparer.Ordinal).Select(u =>
                new UnitView(u.Unit.Id, u.Unit.Name, u.Unit.Department, u.Unit.Manager, u.Unit.DepartmentHead, u.Active, u.RemovedAt))]));
    }

    private static async Task<Results<Ok<UnitsImportView>, ValidationProblem, ProblemHttpResult>> ImportUnitsAsync(
        bool? provkor, [AsParameters] SetupServices s, CancellationToken ct)
    {
        if (WrongContentType(s.Context, "text/csv", "enhetslistan som CSV med Content-Type: text/csv") is { } wrong)
            return wrong;
        var bytes = await SetupImports.ReadBoundedAsync(s.Context.Request.Body, UnitsCsv.MaxBytes, ct);
        if (bytes is null)
            return Invalid([ImportError.File(SetupForms.TooLarge(UnitsCsv.MaxBytes, "En enhetslista med 2 000 enheter ryms gott."))]);
        var preview = await s.Imports.PreviewUnitsAsync(s.AdministrationId, bytes, ct);
        if (!preview.Succeeded)
            return Invalid(preview.Errors);
        if (provkor == true)
            return TypedResults.Ok(View(preview, stored: false, preview.Revision));
        var (outcome, done) = await s.Imports.ImportUnitsAsync(s.AdministrationId, preview.Sha256!, preview.Revision, "", s.ImportedBy, ct);
        return outcome switch
        {
            ImportOutcome.Imported => TypedResults.Ok(View(done!, stored: true, preview.Revision + 1)),
            ImportOutcome.NothingChanged => TypedResults.Ok(View(done!, stored: false, preview.Revision)),
            ImportOutcome.Busy => Conflict("Någon annan importerar en enhetslista just nu. Försök igen om en stund."),
            _ => Conflict("Enhetsregistret ändrades medan filen importerades. Skicka filen igen."),
        };
    }

    private static async Task<Ok<StructureYearView[]>> YearsAsync([AsParameters] SetupServices s, CancellationToken ct) =>
        TypedResults.Ok((await s.Imports.YearsAsync(s.AdministrationId, ct))
            .Select(y => new StructureYearView(y.Year, y.Sha256, y.ImportedBy, y.ImportedAt, y.Summary)).ToArray());

    private static async Task<IResult> StructureAsync(int year, [AsParameters] SetupServices s, CancellationToken ct)
    {
        var years = await s.Imports.YearsAsync(s.AdministrationId, ct);
        var version = years.FirstOrDefault(y => y.Year == year);
        var file = version is null ? null : await s.Imports.StructureFileAsync(version, ct);
        if (version is null || file is null)
            return TypedResults.Problem(title: "Målstrukturen finns inte", detail: $"Det finns ingen målstruktur för {year} i din förvaltning.", statusCode: StatusCodes.Status404NotFound);
        s.Context.Response.Headers.ETag = $"\"{version.Sha256}\"";
        return TypedResults.Bytes(file.ToMemory(), "application/json; charset=utf-8");
    }

    private static async Task<Results<Ok<StructureImportView>, ValidationProblem, ProblemHttpResult>> ImportStructureAsync(
        int year, bool? provkor, [AsParameters] SetupServices s, CancellationToken ct)
    {
        if (WrongContentType(s.Context, "application/json", "målstrukturen som JSON med Content-Type: application/json") is { } wrong)
            return wrong;
        var bytes = await SetupImports.ReadBoundedAsync(s.Context.Request.Body, StructureJson.MaxBytes, ct);
        if (bytes is null)
            return Invalid([ImportError.File(SetupForms.TooLarge(StructureJson.MaxBytes, "En förvaltnings målstruktur är några tiotal kilobyte."))]);
        var preview = await s.Imports.PreviewStructureAsync(s.AdministrationId, bytes, year, ct);
        if (!preview.Succeeded)
            return Invalid(preview.Errors);
        var stored = false;
        if (provkor != true)
            stored = await s.Imports.ImportStructureAsync(s.AdministrationId, year, preview.Sha256!, "", s.ImportedBy, ct) == ImportOutcome.Imported;
        return TypedResults.Ok(new StructureImportView(stored, year, preview.Sha256!, preview.Counts!.Summary, preview.Counts, preview.UnknownUnits));
    }

    private static UnitsImportView View(UnitsPreview preview, bool stored, int revision)
    {
        var c = preview.Comparison!;
        return new UnitsImportView(stored, preview.Summary, revision,
            [.. c.Added.Select(u => u.Id)], [.. c.Changed.Select(x => new UnitChangeView(x.After.Id, x.Fields))], c.Unchanged.Length, [.. c.Removed.Select(u => u.Id)]);
    }

    /// <summary>415 with the Swedish words when the body is not <paramref name="mediaType"/> (an empty body is checked as a file: "Filen är tom").</summary>
    private static ProblemHttpResult? WrongContentType(HttpContext context, string mediaType, string what)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            && type.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            return null;
        return TypedResults.Problem(title: RequestErrors.SwedishTitle(StatusCodes.Status415UnsupportedMediaType),
            detail: $"Skicka {what}. Inget har sparats.", statusCode: StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>400 with every error under its column or JSON path ("fil" for the whole file), and the same errors with their lines.</summary>
    private static ValidationProblem Invalid(ImmutableArray<ImportError> errors) => TypedResults.ValidationProblem(
        errors.GroupBy(e => e.Field ?? SetupForms.FileField).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
        title: "Filen behöver rättas. Inget har sparats.",
        extensions: new Dictionary<string, object?> { ["importErrors"] = errors.Select(e => new ImportErrorView(e.Line, e.Field, e.Message)).ToArray() });

    private static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(title: RequestErrors.SwedishTitle(StatusCodes.Status409Conflict), detail: detail, statusCode: StatusCodes.Status409Conflict);
}

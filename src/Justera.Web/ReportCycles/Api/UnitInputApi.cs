using System.Text.Json;
using Justera.Application.ReportCycles;
using Justera.Core.JusteringRounds;
using Justera.Core.ReportCycles;
using Justera.Web.Hosting;
using Justera.Web.ReportCycles.Cycles;
using Justera.Web.ReportCycles.Links;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;
using F = Justera.Web.ReportCycles.Links.UnitFormFields;

namespace Justera.Web.ReportCycles.Api;

/// <summary>A goal, indicator or activity the unit reports on, with the name the form shows.</summary>
public sealed record UnitPartView(string Id, string Name);

/// <summary>An indicator the unit reports on; <paramref name="SplitBySex"/> says whether outcomeMen and outcomeWomen belong to it.</summary>
public sealed record UnitIndicatorView(string Id, string Name, string Unit, bool SplitBySex);

/// <summary>
/// A unit's report as its manager's link opens it: the phase (NotStarted, Draft, SentBack, Ready, Approved), the version
/// to send back as basedOnVersion, the deadline, the parts the unit reports on and the input stored now.
/// </summary>
public sealed record UnitReportView(
    string UnitId, string UnitName, string Department, string Period, int Year, string Phase, int Version, DateOnly Deadline,
    UnitPartView[] Goals, UnitIndicatorView[] Indicators, UnitPartView[] Activities, BudgetRow[] Budget, UnitInput Input, string? SentBackComment);

/// <summary>One unit as its department head's link shows it: the version to approve or send back, and its input.</summary>
public sealed record DepartmentUnitView(string UnitId, string UnitName, string Phase, int Version, UnitInput? Input);

public sealed record DepartmentReviewView(string Department, string Period, int Year, DepartmentUnitView[] Units);

/// <summary>Save a draft or mark ready: the version the input is based on (from GET) and the whole input.</summary>
public sealed record UnitInputRequest(int BasedOnVersion, JsonElement Input);

/// <summary>Approve (<paramref name="Comment"/> left out) or send back (with what the manager must change).</summary>
public sealed record ReviewRequest(string UnitId, int Version, string? Comment);

/// <summary>
/// What the personal-link pages /enhet/{token} and /avdelning/{token} do, as JSON for scripts. The token is the whole
/// credential, as on the pages: no sign-in, no cookies and so no antiforgery. Bodies are read with the cycles API's
/// reader (<see cref="CycleApiInput"/>), and a unit's input is turned into the form's own fields and read by
/// <see cref="UnitFormFields"/>, so numbers ("1 268,2" or 1268.2), field names and Swedish messages are those of the
/// page. Every refusal is an RFC 9457 problem in Swedish that never repeats the token, and nothing is stored.
/// </summary>
public static class UnitInputApi
{
    private static readonly string[] InputRequestFields = ["basedOnVersion", "input"];
    private static readonly string[] SplitFields = ["outcomeMen", "outcomeWomen"];
    private static readonly string[] InputFields = ["goals", "indicators", "activities", "economy", "goodExamples", "genderEqualityAnalysis"];

    public static IEndpointRouteBuilder MapUnitInputApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Rapportcykelns länkar").DisableAntiforgery();
        // A unit's input is personal to the link, as on the pages: no cache (shared proxy or disk) keeps a copy.
        api.AddEndpointFilter(async (invocation, next) =>
        {
            invocation.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(invocation);
        });
        api.MapGet("/enhet/{token}", ShowUnitAsync).Produces<UnitReportView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Enhetens underlag via enhetschefens personliga länk: läge, version, sista dag, målen, indikatorerna, aktiviteterna och budgetraderna enheten rapporterar på, och det som är sparat");
        api.MapPut("/enhet/{token}", SaveAsync).Accepts<UnitInputRequest>("application/json").Produces<UnitReportView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Spara underlaget som utkast. basedOnVersion är versionen från GET; har någon sparat sedan dess svarar API:t 409 med vad som ändrats. Tal skrivs som tal eller som text på svenskt sätt (\"1 268,2\")");
        api.MapPost("/enhet/{token}/klarmarkera", MarkReadyAsync).Accepts<UnitInputRequest>("application/json").Produces<UnitReportView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Klarmarkera underlaget: allt kontrolleras (analys där målet inte uppfylls helt, kommentar vid avvikelse) och avdelningschefen får det för granskning");
        api.MapGet("/avdelning/{token}", ShowDepartmentAsync).Produces<DepartmentReviewView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Avdelningens enheter via avdelningschefens personliga länk: läge, version och underlag per enhet");
        api.MapPost("/avdelning/{token}/godkann", ApproveAsync).Accepts<ReviewRequest>("application/json").Produces<DepartmentReviewView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Godkänn en klarmarkerad enhets underlag (unitId och versionen från GET)");
        api.MapPost("/avdelning/{token}/skicka-tillbaka", SendBackAsync).Accepts<ReviewRequest>("application/json").Produces<DepartmentReviewView>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Skicka tillbaka en klarmarkerad enhets underlag till enhetschefen med en kommentar om vad som behöver ändras");
        return app;
    }

    private static async Task<IResult> ShowUnitAsync(string token, ReportCycleService cycles, CancellationToken ct) =>
        Shown(await cycles.UnitFormAsync(token, ct));

    /// <summary>The unit as GET shows it, or why the link does not open it; also the answer to a save.</summary>
    private static IResult Shown(UnitFormView view) =>
        view.Refusal is { } refusal ? Refused(refusal) : UnitView(view) is { } shown ? TypedResults.Ok(shown) : NotValid();

    private static Task<IResult> SaveAsync(string token, HttpContext context, ReportCycleService cycles, CancellationToken ct) =>
        ChangeInputAsync(token, context, cycles, ready: false, ct);

    private static Task<IResult> MarkReadyAsync(string token, HttpContext context, ReportCycleService cycles, CancellationToken ct) =>
        ChangeInputAsync(token, context, cycles, ready: true, ct);

    private static async Task<IResult> ChangeInputAsync(string token, HttpContext context, ReportCycleService cycles, bool ready, CancellationToken ct)
    {
        var view = await cycles.UnitFormAsync(token, ct);
        if (view.Refusal is { } refusal)
            return Refused(refusal);
        if (view.Unit?.State.ReportOrNull is not { } report || view.Structure is null || view.Assignment is null)
            return NotValid();
        var (body, problem) = await CycleApiInput.ReadAsync(context, emptyAllowed: false, ct);
        if (problem is not null)
            return problem;
        body!.OnlyFields(InputRequestFields);
        var version = Version(body, "basedOnVersion", "Ange basedOnVersion: versionen som GET gav (0 när inget är sparat).");
        var input = ReadInput(body, view.Assignment, new StructureLabels(view.Structure));
        if (body.Errors.Count > 0 || input is null || version is null)
            return Invalid(body.Errors);

        var outcome = ready
            ? await cycles.MarkReadyAsync(token, report.Unit.Id, input, version.Value, ct)
            : await cycles.SaveDraftAsync(token, report.Unit.Id, input, version.Value, ct);
        if (outcome.Decision.Refusal is { } refused)
            return Refused(refused);
        return Shown(await cycles.UnitFormAsync(token, ct));
    }

    private static async Task<IResult> ShowDepartmentAsync(string token, ReportCycleService cycles, CancellationToken ct) =>
        Shown(await cycles.DepartmentAsync(token, ct));

    /// <summary>The department as GET shows it, or why the link does not open it; also the answer to a review.</summary>
    private static IResult Shown(DepartmentView view) =>
        view.Refusal is { } refusal ? Refused(refusal) : DepartmentView(view) is { } shown ? TypedResults.Ok(shown) : NotValid();

    private static Task<IResult> ApproveAsync(string token, HttpContext context, ReportCycleService cycles, CancellationToken ct) =>
        ReviewAsync(token, context, cycles, approve: true, ct);

    private static Task<IResult> SendBackAsync(string token, HttpContext context, ReportCycleService cycles, CancellationToken ct) =>
        ReviewAsync(token, context, cycles, approve: false, ct);

    private static async Task<IResult> ReviewAsync(string token, HttpContext context, ReportCycleService cycles, bool approve, CancellationToken ct)
    {
        var view = await cycles.DepartmentAsync(token, ct);
        if (view.Refusal is { } refusal)
            return Refused(refusal);
        if (view.Cycle is not { } cycle)
            return NotValid();
        var (body, problem) = await CycleApiInput.ReadAsync(context, emptyAllowed: false, ct);
        if (problem is not null)
            return problem;
        if (approve)
            body!.OnlyFields("unitId", "version");
        else
            body!.OnlyFields("unitId", "version", "comment");
        var unitId = body.Text("unitId", "Ange unitId: enhetens id, som GET visar det.", maxLength: 100);
        var version = Version(body, "version", "Ange version: enhetens version, som GET visar den.");
        var comment = approve ? null : body.Text("comment", maxLength: 20_000);
        if (body.Errors.Count > 0 || unitId is null || version is null)
            return Invalid(body.Errors);
        if (cycle.Units.FirstOrDefault(u => u.Id == unitId && u.Department == view.Department) is not { } unit)
        {
            // Another department's unit (or none) gets the same answer: the link shows nothing beyond its department.
            return Refused(CycleRefusal.Because(CycleRefusalReason.WrongScope,
                $"Enheten hör inte till {view.Department}. Med den här länken granskar du bara avdelningens egna enheter."));
        }
        var head = unit.DepartmentHead.Name;
        var outcome = approve
            ? await cycles.ApproveAsync(token, unit.Id, head, version.Value, ct)
            : await cycles.SendBackAsync(token, unit.Id, head, version.Value, (comment ?? "").Replace("\r\n", "\n", StringComparison.Ordinal), ct);
        if (outcome.Decision.Refusal is { } refused)
            return Refused(refused);
        return Shown(await cycles.DepartmentAsync(token, ct));
    }

    private static UnitReportView? UnitView(UnitFormView view)
    {
        if (view.Unit?.State is not { ReportOrNull: { } report } state || view.Cycle is not { } cycle || view.Structure is null || view.Assignment is not { } a)
            return null;
        var labels = new StructureLabels(view.Structure);
        return new UnitReportView(report.Unit.Id, report.Unit.Name, report.Unit.Department, cycle.Period.ToString(), cycle.Year,
            state.Phase.ToString(), report.Version, view.Deadline ?? cycle.DeadlineFor(report.Unit.Id),
            [.. a.GoalIds.Select(id => new UnitPartView(id, labels.Goal(id)))],
            [.. a.IndicatorIds.Select(id => labels.FindIndicator(id) is { } i
                ? new UnitIndicatorView(id, i.Name, i.Unit, i.SplitBySex)
                : new UnitIndicatorView(id, labels.Indicator(id), "", false))],
            [.. a.ActivityIds.Select(id => new UnitPartView(id, labels.Activity(id)))],
            [.. a.Budget], report.Input, report.SentBack?.Comment);
    }

    private static DepartmentReviewView? DepartmentView(DepartmentView view)
    {
        if (view.Cycle is not { } cycle)
            return null;
        return new DepartmentReviewView(view.Department, cycle.Period.ToString(), cycle.Year,
        [
            .. cycle.Units.Where(u => u.Department == view.Department).Select(u =>
            {
                var state = view.Units.FirstOrDefault(s => s.UnitId == u.Id)?.State;
                var report = state?.ReportOrNull;
                return new DepartmentUnitView(u.Id, u.Name, (state?.Phase ?? UnitPhase.NotOpened).ToString(), report?.Version ?? 0, report?.Input);
            }),
        ]);
    }

    /// <summary>A version: a whole number from 0 up; past Int32 (or Int64, or any number of digits) it is refused at its field.</summary>
    private static int? Version(CycleApiInput body, string name, string missing)
    {
        if (body.Root is not { } root || !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            body.Errors.Add(new(name, missing));
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var version) && version >= 0)
            return version;
        body.Errors.Add(new(name, $"Fältet {name} ska vara ett heltal från 0 och uppåt, som GET visar det."));
        return null;
    }

    /// <summary>
    /// The body's "input" as the form's own field values, then read by <see cref="UnitFormFields.Read"/> against the
    /// unit's assignment: the same numbers, choices and Swedish messages as the page. Null when anything was wrong;
    /// the errors are in <paramref name="body"/>.
    /// </summary>
    private static UnitInput? ReadInput(CycleApiInput body, UnitAssignment assignment, StructureLabels labels)
    {
        if (body.Root is not { } root || !root.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            body.Errors.Add(new("input", "Ange input som ett objekt med goals, indicators, activities, economy, goodExamples och genderEqualityAnalysis."));
            return null;
        }
        var errors = body.Errors;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in input.EnumerateObject())
        {
            if (!InputFields.Contains(property.Name, StringComparer.Ordinal))
                errors.Add(new("input", $"Fältet {CycleStarting.Shown(property.Name)} finns inte i input. Fälten är {string.Join(", ", InputFields)}."));
        }

        void Text(JsonElement item, string json, string field)
        {
            if (!item.TryGetProperty(json, out var value) || value.ValueKind == JsonValueKind.Null)
                return;
            if (value.ValueKind == JsonValueKind.String)
                values[field] = value.GetString()!;
            else
                errors.Add(new(field, $"Fältet {json} ska vara en text."));
        }

        void Number(JsonElement item, string json, string field)
        {
            if (!item.TryGetProperty(json, out var value) || value.ValueKind == JsonValueKind.Null)
                return;
            // A JSON number goes to the form's reader as written ("1268.2", "1e400"), so its bounds and messages apply.
            if (value.ValueKind is JsonValueKind.Number or JsonValueKind.String)
                values[field] = value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString()!;
            else
                errors.Add(new(field, $"Fältet {json} ska vara ett tal, till exempel 1268.2 eller \"1 268,2\"."));
        }

        void Choice<T>(JsonElement item, string json, string field, IEnumerable<(string Value, T Choice)> choices)
            where T : struct, Enum
        {
            if (!item.TryGetProperty(json, out var value) || value.ValueKind == JsonValueKind.Null)
                return;
            var names = Enum.GetNames<T>();
            var match = choices.FirstOrDefault(c => value.ValueKind == JsonValueKind.String && c.Choice.ToString() == value.GetString());
            if (match.Value is not null)
                values[field] = match.Value;
            else
                errors.Add(new(field, $"Fältet {json} ska vara ett av {string.Join(", ", names)}."));
        }

        Items(input, "goals", "goalId", ["goalId", "fulfilment", "analysis"], assignment.GoalIds, "målen", (item, id) =>
        {
            Choice(item, "fulfilment", F.Fulfilment(id), F.Fulfilments.Select(f => (f.Value, f.Fulfilment)));
            Text(item, "analysis", F.Analysis(id));
        });
        Items(input, "indicators", "indicatorId", ["indicatorId", "outcome", "outcomeMen", "outcomeWomen", "fullYearForecast"], assignment.IndicatorIds, "indikatorerna", (item, id) =>
        {
            Number(item, "outcome", F.Outcome(id));
            Number(item, "fullYearForecast", F.Forecast(id));
            if (labels.FindIndicator(id) is { SplitBySex: true })
            {
                Number(item, "outcomeMen", F.OutcomeMen(id));
                Number(item, "outcomeWomen", F.OutcomeWomen(id));
            }
            else if (SplitFields.Any(n => item.TryGetProperty(n, out var v) && v.ValueKind != JsonValueKind.Null))
            {
                errors.Add(new(F.Outcome(id), $"{labels.Indicator(id)} redovisas inte uppdelat på kön: lämna outcomeMen och outcomeWomen tomma."));
            }
        });
        Items(input, "activities", "activityId", ["activityId", "progress", "comment"], assignment.ActivityIds, "aktiviteterna", (item, id) =>
        {
            Choice(item, "progress", F.ActivityStatus(id), F.Progresses.Select(p => (p.Value, p.Progress)));
            Text(item, "comment", F.ActivityComment(id));
        });
        Items(input, "economy", "budgetRowId", ["budgetRowId", "forecast", "comment"], [.. assignment.Budget.Select(b => b.Id)], "budgetraderna", (item, id) =>
        {
            Number(item, "forecast", F.EconomyForecast(id));
            Text(item, "comment", F.EconomyComment(id));
        });
        Text(input, "goodExamples", F.GoodExamples);
        Text(input, "genderEqualityAnalysis", F.GenderEquality);

        void Items(JsonElement parent, string list, string idField, string[] fields, IReadOnlyList<string> ids, string what, Action<JsonElement, string> read)
        {
            if (!parent.TryGetProperty(list, out var items) || items.ValueKind == JsonValueKind.Null)
                return;
            if (items.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new($"input.{list}", $"Fältet {list} ska vara en lista."));
                return;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var item in items.EnumerateArray())
            {
                var at = $"input.{list}[{i++}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new(at, $"Varje post i {list} ska vara ett objekt med {idField}."));
                    continue;
                }
                // Names, not JsonProperty: a default JsonProperty (none unknown) throws when its name is read.
                if (item.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !fields.Contains(n, StringComparer.Ordinal)) is { } unknown)
                    errors.Add(new(at, $"Fältet {CycleStarting.Shown(unknown)} finns inte här. Fälten är {string.Join(", ", fields)}."));
                if (!item.TryGetProperty(idField, out var idValue) || idValue.ValueKind != JsonValueKind.String || idValue.GetString() is not { } id
                    || !ids.Contains(id, StringComparer.Ordinal))
                {
                    errors.Add(new(at, $"Ange {idField} som ett id bland {what} enheten rapporterar på (se GET)."));
                    continue;
                }
                if (!seen.Add(id))
                {
                    errors.Add(new(at, $"{CycleStarting.Shown(id)} finns mer än en gång i {list}."));
                    continue;
                }
                read(item, id);
            }
        }

        // Read even when other fields were wrong, so one answer lists every error (the page does the same).
        var form = new FormCollection(values.ToDictionary(v => v.Key, v => new StringValues(v.Value), StringComparer.Ordinal));
        var posted = F.Read(form, assignment, labels, antiforgeryField: "");
        foreach (var (field, message) in posted.Errors)
            errors.Add(new(field, message));
        return errors.Count > 0 ? null : posted.Input;
    }

    private static ValidationProblem Invalid(IEnumerable<FieldError> errors) => TypedResults.ValidationProblem(
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray(), StringComparer.Ordinal),
        title: "Uppgifterna behöver rättas. Inget har sparats.");

    /// <summary>
    /// A refusal as the pages answer it, as a problem: 400 with the fields, 403 for another unit or role, 410 for a
    /// closed period, 409 for a stale version (with what changed, per field) or the wrong phase, and 404 — the same
    /// for every unusable link, so a guess learns nothing — for the rest.
    /// </summary>
    private static IResult Refused(CycleRefusal refusal)
    {
        var reason = new Dictionary<string, object?> { ["reason"] = refusal.Reason.ToString() };
        switch (refusal.Reason)
        {
            case CycleRefusalReason.Invalid:
                return Invalid(refusal.Fields.Count > 0 ? refusal.Fields : [new FieldError("input", refusal.Message)]);
            case CycleRefusalReason.WrongScope:
                return TypedResults.Problem(title: "Länken gäller något annat", detail: refusal.Message + " Inget har sparats.",
                    statusCode: StatusCodes.Status403Forbidden, extensions: reason);
            case CycleRefusalReason.Closed:
                return TypedResults.Problem(title: "Perioden är stängd", detail: refusal.Message + " Kontakta förvaltningens handläggare om något behöver rättas.",
                    statusCode: StatusCodes.Status410Gone, extensions: reason);
            case CycleRefusalReason.Stale or CycleRefusalReason.WrongPhase or CycleRefusalReason.AlreadyStarted or CycleRefusalReason.ConfirmationRequired:
                if (refusal.Fields.Count > 0)
                {
                    reason["changed"] = refusal.Fields.GroupBy(f => f.Field, StringComparer.Ordinal)
                        .ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray(), StringComparer.Ordinal);
                }
                return TypedResults.Problem(title: RequestErrors.SwedishTitle(StatusCodes.Status409Conflict), detail: refusal.Message + " Inget har sparats.",
                    statusCode: StatusCodes.Status409Conflict, extensions: reason);
            default:
                return NotValid();
        }
    }

    private static ProblemHttpResult NotValid() => TypedResults.Problem(title: "Länken fungerar inte",
        detail: "Länken är felaktig eller har tagits tillbaka. Använd länken i det senaste e-postmeddelandet om rapporten.", statusCode: StatusCodes.Status404NotFound);
}

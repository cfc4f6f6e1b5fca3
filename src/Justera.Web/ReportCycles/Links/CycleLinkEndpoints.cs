using System.Globalization;
using Justera.Application.ReportCycles;
using Justera.Core.Links;
using Justera.Core.ReportCycles;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using F = Justera.Web.ReportCycles.Links.UnitFormFields;

namespace Justera.Web.ReportCycles.Links;

/// <summary>
/// The report cycle's personal links, as the reply page handles justering links: a GET only ever shows (mail scanners
/// open every link), every change is a POST with anti-forgery validated by hand (so an expired form gets a Swedish
/// page), the token is the whole credential, and a link that cannot open what it names gets a page that reveals nothing.
/// </summary>
public static class CycleLinkEndpoints
{
    private const string SaveAction = "spara";
    private const string ReadyAction = "klarmarkera";
    private const string PreviousAction = "forra";
    private const string ApproveAction = "godkann";
    private const string SendBackAction = "skickaTillbaka";
    private const string CommentField = "kommentar";

    public static IEndpointRouteBuilder MapCycleLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet(CycleRoutes.UnitForm, ShowUnitAsync).ExcludeFromDescription();
        app.MapPost(CycleRoutes.UnitForm, PostUnitAsync).ExcludeFromDescription().DisableAntiforgery(); // validated by hand to answer with a Swedish page
        app.MapGet(CycleRoutes.Department, ShowDepartmentAsync).ExcludeFromDescription();
        app.MapPost(CycleRoutes.Department, PostDepartmentAsync).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ShowUnitAsync(string token, HttpContext context, ReportCycleService cycles, CancellationToken cancellationToken)
    {
        var (page, problem) = await LoadUnitAsync(token, cycles, cancellationToken);
        if (problem is not null)
            return problem;
        return UnitFormPage.Render(context, page!, F.ValuesOf(page!.Report.Input), new Dictionary<string, string>(), UnitFormPage.DoneText(Flash.Take(context)));
    }

    private static async Task<IResult> PostUnitAsync(string token, HttpContext context, ReportCycleService cycles, CancellationToken cancellationToken)
    {
        if (!CycleLinks.TryRead(token, out _, out _))
            return CycleLinkPages.NotValid();
        var (page, problem) = await LoadUnitAsync(token, cycles, cancellationToken);
        if (problem is not null)
            return problem;
        if (!await Forms.IsGenuineAsync(context))
            return Forms.Expired();
        var form = await Forms.ReadAsync(context, cancellationToken);
        var unit = page!.Report.Unit;

        var unitId = form[F.UnitField].ToString();
        if (unitId != unit.Id)
        {
            // A real unit of the period that is not this link's is refused in the decider's words; nothing is loaded or written for it.
            return page.Cycle.Find(unitId) is { } other
                ? CycleLinkPages.For(CycleRefusal.Because(CycleRefusalReason.WrongScope,
                    $"Länken gäller {unit.Name}, inte {other.Name}. Använd länken i e-postmeddelandet om {other.Name}."))
                : CycleLinkPages.BadForm("Formuläret gäller ingen enhet i rapportperioden.");
        }
        var action = form[F.ActionField].ToString();
        if (action is not (SaveAction or ReadyAction or PreviousAction))
            return CycleLinkPages.BadForm("Formuläret säger inte om det ska sparas som utkast eller klarmarkeras.");
        if (!int.TryParse(form[F.VersionField].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return CycleLinkPages.BadForm("Formulärets version saknas eller är felaktig.");

        var posted = F.Read(form, page.Assignment, page.Labels, AntiforgeryField(context));
        if (action == PreviousAction)
            return WithPreviousTexts(context, page, posted, version);
        if (posted.Errors.Count > 0 && !page.Editable)
        {
            // A klarmarkerad or approved report has no form to show the errors beside; say why nothing can change.
            return CycleLinkPages.For(CycleRefusal.Because(CycleRefusalReason.WrongPhase,
                "Rapporten är klarmarkerad eller godkänd och kan inte ändras nu."));
        }
        if (posted.Errors.Count > 0)
            return UnitFormPage.Render(context, page, posted.Values, posted.Errors, version: version, status: StatusCodes.Status400BadRequest);

        var outcome = action == SaveAction
            ? await cycles.SaveDraftAsync(token, unit.Id, posted.Input, version, cancellationToken)
            : await cycles.MarkReadyAsync(token, unit.Id, posted.Input, version, cancellationToken);
        switch (outcome.Decision.Refusal)
        {
            case null:
                return Forms.SeeOther($"/enhet/{token}", action == SaveAction ? UnitFormPage.Saved : UnitFormPage.Submitted);
            case { Reason: CycleRefusalReason.Invalid } invalid:
                return UnitFormPage.Render(context, page, posted.Values, FieldErrors(invalid, page), version: version, status: StatusCodes.Status400BadRequest);
            case { Reason: CycleRefusalReason.Stale, Fields.Count: > 0 } stale:
            {
                // Someone saved in between: show what changed, keep what this person typed, and base the form on the
                // stored version now, so saving again replaces it knowingly rather than silently.
                var (fresh, gone) = await LoadUnitAsync(token, cycles, cancellationToken);
                return gone ?? UnitFormPage.Render(context, fresh!, posted.Values, new Dictionary<string, string>(), stale: stale,
                    version: fresh!.Report.Version, status: StatusCodes.Status409Conflict);
            }
            case { } refusal:
                return CycleLinkPages.For(refusal);
        }
    }

    /// <summary>Fills the empty texts with the period before's, keeps everything typed, and saves nothing.</summary>
    private static IResult WithPreviousTexts(HttpContext context, UnitPage page, PostedUnitForm posted, int version)
    {
        var values = new Dictionary<string, string>(posted.Values, StringComparer.Ordinal);
        void Fill(string field, string? text)
        {
            if (!string.IsNullOrWhiteSpace(text) && string.IsNullOrWhiteSpace(values.GetValueOrDefault(field)))
                values[field] = text;
        }
        var previous = page.Previous ?? UnitInput.Empty;
        foreach (var goal in page.Assignment.GoalIds)
            Fill(F.Analysis(goal), previous.Goals.FirstOrDefault(g => g.GoalId == goal)?.Analysis);
        Fill(F.GoodExamples, previous.GoodExamples);
        Fill(F.GenderEquality, previous.GenderEqualityAnalysis);
        return UnitFormPage.Render(context, page, values, posted.Errors,
            notice: $"Texterna från {page.PreviousName} är ifyllda där fälten var tomma. Inget är sparat ännu: läs igenom, ändra och spara.",
            version: version, status: posted.Errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>The decider's field errors beside their fields; one about no field of the page (such as the version) goes to the form as a whole.</summary>
    private static Dictionary<string, string> FieldErrors(CycleRefusal refusal, UnitPage page)
    {
        var fields = page.Fields.Append(F.TextsField).ToHashSet(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var error in refusal.Fields)
        {
            var field = fields.Contains(error.Field) ? error.Field : F.FormField;
            if (!errors.TryGetValue(field, out var earlier))
                errors[field] = error.Message;
            else if (field == F.FormField)
                errors[field] = earlier + " " + error.Message;
        }
        if (errors.Count == 0)
            errors[F.FormField] = refusal.Message;
        return errors;
    }

    private static async Task<(UnitPage? Page, IResult? Problem)> LoadUnitAsync(string token, ReportCycleService cycles, CancellationToken cancellationToken)
    {
        var view = await cycles.UnitFormAsync(token, cancellationToken);
        if (view.Refusal is { } refusal)
            return (null, CycleLinkPages.For(refusal));
        if (view.Unit?.State.ReportOrNull is not { } report || view.Cycle is null || view.Structure is null || view.Assignment is null)
            return (null, CycleLinkPages.NotValid());

        // The period before's input of the same unit, for its outcomes and texts: one read of that unit's own state row.
        var (period, year) = UnitOutline.PreviousPeriod(view.Cycle.Period, view.Cycle.Year);
        var previous = await cycles.Store.LoadUnitAsync(ReportCycleIds.For(period, year), report.Unit.Id, cancellationToken);
        var previousInput = previous.State.ReportOrNull is { Version: > 0 } p ? p.Input : null;
        return (new UnitPage(token, view.Unit.State, report, view.Cycle, view.Structure, view.Assignment,
            view.Deadline ?? view.Cycle.DeadlineFor(report.Unit.Id), previousInput, UnitOutline.Short(period, year)), null);
    }

    private static async Task<IResult> ShowDepartmentAsync(string token, HttpContext context, ReportCycleService cycles, CancellationToken cancellationToken)
    {
        var (model, problem) = await LoadDepartmentAsync(token, cycles, cancellationToken);
        return problem ?? DepartmentPage.Render(context, model!, new Dictionary<string, string>(), done: DepartmentPage.DoneText(Flash.Take(context)));
    }

    private static async Task<IResult> PostDepartmentAsync(string token, HttpContext context, ReportCycleService cycles, CancellationToken cancellationToken)
    {
        if (!CycleLinks.TryRead(token, out _, out _))
            return CycleLinkPages.NotValid();
        var (model, problem) = await LoadDepartmentAsync(token, cycles, cancellationToken);
        if (problem is not null)
            return problem;
        if (!await Forms.IsGenuineAsync(context))
            return Forms.Expired();
        var form = await Forms.ReadAsync(context, cancellationToken);
        var antiforgery = AntiforgeryField(context);
        var unknown = form.Keys.Where(k => k != antiforgery && k is not (F.UnitField or F.VersionField or F.ActionField or CommentField)).ToList();
        if (unknown.Count > 0)
            return CycleLinkPages.BadForm("Formuläret innehåller fält som inte hör till granskningen.");
        var unitId = form[F.UnitField].ToString();
        if (model!.Units.FirstOrDefault(u => u.Unit.Id == unitId) is not { } unit)
        {
            return CycleLinkPages.For(CycleRefusal.Because(CycleRefusalReason.WrongScope,
                $"Enheten hör inte till {model.Department}. Med den här länken granskar du bara avdelningens egna enheter."));
        }
        if (!int.TryParse(form[F.VersionField].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return CycleLinkPages.BadForm("Formulärets version saknas eller är felaktig.");
        var action = form[F.ActionField].ToString();
        var comment = form[CommentField].ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        var head = unit.Unit.DepartmentHead.Name;
        var outcome = action switch
        {
            ApproveAction => await cycles.ApproveAsync(token, unitId, head, version, cancellationToken),
            SendBackAction => await cycles.SendBackAsync(token, unitId, head, version, comment, cancellationToken),
            _ => null,
        };
        if (outcome is null)
            return CycleLinkPages.BadForm("Formuläret säger inte om rapporten ska godkännas eller skickas tillbaka.");

        switch (outcome.Decision.Refusal)
        {
            case null:
                return Forms.SeeOther($"/avdelning/{token}", action == ApproveAction ? DepartmentPage.ApprovedFlash : DepartmentPage.SentBackFlash);
            case { Reason: CycleRefusalReason.Invalid } invalid:
            {
                var field = DepartmentPage.CommentField(unitId);
                var errors = invalid.Fields.GroupBy(f => f.Field == "comment" ? field : "problem")
                    .ToDictionary(g => g.Key, g => g.First().Message);
                return DepartmentPage.Render(context, model, errors, new Dictionary<string, string> { [field] = comment },
                    problem: errors.GetValueOrDefault("problem"), status: StatusCodes.Status400BadRequest);
            }
            case { Reason: CycleRefusalReason.Stale or CycleRefusalReason.WrongPhase } refusal:
            {
                var (fresh, gone) = await LoadDepartmentAsync(token, cycles, cancellationToken);
                return gone ?? DepartmentPage.Render(context, fresh!, new Dictionary<string, string>(), problem: refusal.Message, status: StatusCodes.Status409Conflict);
            }
            case { } refusal:
                return CycleLinkPages.For(refusal);
        }
    }

    private static async Task<(DepartmentPageModel? Model, IResult? Problem)> LoadDepartmentAsync(string token, ReportCycleService cycles, CancellationToken cancellationToken)
    {
        var view = await cycles.DepartmentAsync(token, cancellationToken);
        if (view.Refusal is { } refusal)
            return (null, CycleLinkPages.For(refusal));
        if (view.Cycle is not { } cycle || !CycleLinks.TryRead(token, out var link, out var hash))
            return (null, CycleLinkPages.NotValid());
        var structure = await cycles.StructureAsync(cycle.StructureHash, cancellationToken);
        var credential = new LinkCredential(link, hash);
        var now = cycles.Time.GetUtcNow();
        var units = cycle.Units.Where(u => u.Department == view.Department).Select(u =>
        {
            var state = view.Units.FirstOrDefault(s => s.UnitId == u.Id)?.State;
            var phase = state?.Phase ?? UnitPhase.NotOpened;
            var canDecide = state?.ReportOrNull is { } report && UnitReportDecider.Check(credential, LinkHolder.DepartmentHead, report, cycle) is null;
            return new DepartmentUnit(u, phase, ReminderPlan.IsLate(cycle, new UnitProgress(u.Id, phase), now), cycle.DeadlineFor(u.Id), state, canDecide);
        }).ToList();
        return (new DepartmentPageModel(token, view.Department, cycle, structure, units), null);
    }

    private static string AntiforgeryField(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName;
}

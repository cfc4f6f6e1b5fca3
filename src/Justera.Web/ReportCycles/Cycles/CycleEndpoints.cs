using Justera.Application.ReportCycles;
using Justera.Application.ReportCycles.Setup;
using Justera.Core.JusteringRounds;
using Justera.Core.ReportCycles;
using Justera.Core.Swedish;
using Justera.Storage.ReportCycles;
using Justera.Web.Api;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Justera.Web.Secretary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.ReportCycles.Cycles;

/// <summary>The dependencies every cycle page and API endpoint takes.</summary>
public sealed record CycleServices(ReportCycleService Cycles, SetupImports Imports, HttpContext Context)
{
    public SecretaryUser User => SecretaryUser.From(Context.User)!;

    public DateTimeOffset Now => Cycles.Time.GetUtcNow();

    /// <summary>
    /// The cycle if the secretary's administration started it; another administration's cycle, like an id that names
    /// none, does not exist for this secretary (the same answer, so nobody learns which cycles exist).
    /// </summary>
    public async Task<StoredCycle?> OwnCycleAsync(string cycleId, CancellationToken cancellationToken)
    {
        if (!ReportCycleIds.IsCycleId(cycleId) || !await Cycles.BelongsToAsync(User.AdministrationId, cycleId, cancellationToken))
            return null;
        var stored = await Cycles.LoadCycleAsync(cycleId, cancellationToken);
        return stored.State.CycleOrNull is null ? null : stored;
    }
}

/// <summary>
/// The secretary's report cycle pages: the list, the start form and the dashboard with its actions. Every form posts
/// with anti-forgery protection (checked by hand, to answer with a Swedish page), redirects with 303 on success, and on
/// a refusal shows the form again as posted, with the messages at their fields.
/// </summary>
public static class CycleEndpoints
{
    public static IEndpointRouteBuilder MapCyclePages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").RequireAuthorization(JusteraWeb.SecretaryPolicy).ExcludeFromDescription();
        pages.MapGet("/rapportcykler", ListAsync);
        pages.MapGet("/rapportcykler/ny", NewAsync);
        pages.MapPost("/rapportcykler/ny", StartAsync).DisableAntiforgery();
        pages.MapGet(CycleRoutes.CyclePage, CycleAsync);
        pages.MapPost($"{CycleRoutes.CyclePage}/{CycleDashboardPages.Remind}", (string cycleId, [AsParameters] CycleServices s, CancellationToken ct) =>
            ActAsync(cycleId, CycleDashboardPages.Remind, s, async (form, _) => await s.Cycles.RemindNowAsync(cycleId, UnitOrAll(form), ct), ct))
            .DisableAntiforgery();
        pages.MapPost($"{CycleRoutes.CyclePage}/{CycleDashboardPages.Extend}", (string cycleId, [AsParameters] CycleServices s, CancellationToken ct) =>
            ActAsync(cycleId, CycleDashboardPages.Extend, s, async (form, errors) =>
            {
                var deadline = CycleDates.Read(form["deadline"], "deadline", "ny sista dag", errors);
                if (deadline is { } d)
                    errors.AddRange(CycleDates.Check(d, s.Now, "deadline"));
                return errors.Count > 0 ? null : await s.Cycles.ExtendDeadlineAsync(cycleId, UnitOrAll(form), deadline!.Value, ct);
            }, ct)).DisableAntiforgery();
        pages.MapPost($"{CycleRoutes.CyclePage}/{CycleDashboardPages.Close}", (string cycleId, [AsParameters] CycleServices s, CancellationToken ct) =>
            ActAsync(cycleId, CycleDashboardPages.Close, s, async (form, errors) =>
            {
                var confirmed = RoundInput.Flag(form, "confirmMissing", errors);
                return errors.Count > 0 ? null : await s.Cycles.CloseAsync(cycleId, confirmed, s.User.Name, ct);
            }, ct)).DisableAntiforgery();
        // An action's address opened with GET (after signing in again, or from the address bar) leads to the dashboard.
        foreach (var action in new[] { CycleDashboardPages.Remind, CycleDashboardPages.Extend, CycleDashboardPages.Close })
        {
            pages.MapGet($"{CycleRoutes.CyclePage}/{action}", (string cycleId) =>
                ReportCycleIds.IsCycleId(cycleId) ? Forms.SeeOther($"/rapportcykler/{cycleId}") : Results.NotFound());
        }
        return app;
    }

    private static async Task<IResult> ListAsync([AsParameters] CycleServices s, CancellationToken ct) =>
        CycleListPages.List(s.Context, s.User, await s.Cycles.ListCyclesAsync(s.User.AdministrationId, ct));

    private static async Task<IResult> NewAsync([AsParameters] CycleServices s, CancellationToken ct) =>
        NewCyclePages.Form(s.Context, s.User, await NewFormAsync(s, ct));

    private static async Task<NewCycleForm> NewFormAsync(CycleServices s, CancellationToken ct)
    {
        var years = s.Imports.YearsAsync(s.User.AdministrationId, ct);
        var register = s.Imports.RegisterAsync(s.User.AdministrationId, ct);
        return new NewCycleForm(await years, await register, s.Now);
    }

    private static async Task<IResult> StartAsync([AsParameters] CycleServices s, CancellationToken ct)
    {
        if (!await Forms.IsGenuineAsync(s.Context))
            return Forms.Expired();
        var form = await Forms.ReadAsync(s.Context, ct);
        var result = await CycleStarting.StartAsync(s.Cycles, s.Imports, s.User, ReadStart(form), ct);
        if (result.Refusal is { } refusal)
            return NewCyclePages.Form(s.Context, s.User, await NewFormAsync(s, ct) with { Posted = form, Refusal = refusal }, StatusFor(refusal));
        return Forms.SeeOther($"/rapportcykler/{result.CycleId}", CycleDashboardPages.Started);
    }

    /// <summary>The start form's fields, each read as a person types it; what cannot be read becomes a message at its field.</summary>
    private static CycleStartInput ReadStart(IFormCollection form)
    {
        var errors = new List<FieldError>();
        var periodText = form["period"].ToString().Trim();
        ReportPeriod? period = null;
        if (periodText.Length == 0)
            errors.Add(new("period", "Välj period: T1, T2 eller VB."));
        else if (Enum.TryParse<ReportPeriod>(periodText, ignoreCase: true, out var p) && Enum.IsDefined(p) && !char.IsAsciiDigit(periodText[0]))
            period = p;
        else
            errors.Add(new("period", "Perioden ska vara T1, T2 eller VB."));

        var yearText = form["year"].ToString().Trim();
        int? year = null;
        if (yearText.Length == 0)
            errors.Add(new("year", "Välj år."));
        else if (int.TryParse(yearText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y)
            && y is >= CycleStarting.MinYear and <= CycleStarting.MaxYear)
            year = y;
        else
            errors.Add(new("year", $"Året ska vara ett årtal mellan {CycleStarting.MinYear} och {CycleStarting.MaxYear}, till exempel 2026."));

        var deadline = CycleDates.Read(form["deadline"], "deadline", "sista dag", errors);
        decimal? threshold = null;
        if (SwedishNumber.TryParse(form["deviationThreshold"], out var t, out var error))
            threshold = t;
        else
            errors.Add(new("deviationThreshold", $"Gränsen för avvikelse: {error}"));

        var selection = form["unitSelection"].ToString();
        if (selection is not ("" or "alla" or "valda"))
            errors.Add(new("units", "Välj alla enheter eller enheterna du kryssar i."));
        var units = form["units"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList();
        return new CycleStartInput(period, year, deadline, threshold, selection != "valda", units, form["formKey"].ToString(), errors);
    }

    private static async Task<IResult> CycleAsync(string cycleId, [AsParameters] CycleServices s, CancellationToken ct) =>
        await s.OwnCycleAsync(cycleId, ct) is not null && await ModelAsync(cycleId, s, ct) is { } model
            ? CycleDashboardPages.Page(s.Context, s.User, model with { Done = Flash.Take(s.Context) })
            : NotFound(s);

    /// <summary>The unit a remind or extend form names; null (every unit) when it names none. An id not in the cycle is the decider's to refuse.</summary>
    private static string? UnitOrAll(IFormCollection form) => form["unitId"].ToString().Trim() is { Length: > 0 } id ? id : null;

    /// <summary>
    /// The steps every action shares: a genuine form, the secretary's own cycle, then 303 back to the dashboard, or the
    /// dashboard again with the refusal. <paramref name="act"/> adds what it cannot read to the errors and returns null.
    /// </summary>
    private static async Task<IResult> ActAsync(string cycleId, string action, CycleServices s,
        Func<IFormCollection, List<FieldError>, Task<CycleOutcome?>> act, CancellationToken ct)
    {
        if (!await Forms.IsGenuineAsync(s.Context))
            return Forms.Expired();
        if (await s.OwnCycleAsync(cycleId, ct) is null)
            return NotFound(s);
        var form = await Forms.ReadAsync(s.Context, ct);
        var errors = new List<FieldError>();
        var outcome = await act(form, errors);
        var refusal = outcome is null ? CycleRefusal.InvalidFields(errors) : outcome.Decision.Refusal;
        if (refusal is null)
            return Forms.SeeOther($"/rapportcykler/{cycleId}", action);
        if (refusal.Reason == CycleRefusalReason.NotFound)
            return NotFound(s);
        var model = await ModelAsync(cycleId, s, ct);
        return model is null
            ? NotFound(s)
            : CycleDashboardPages.Page(s.Context, s.User, model with { Action = action, Posted = form, Refusal = refusal }, StatusFor(refusal));
    }

    private static async Task<CyclePageModel?> ModelAsync(string cycleId, CycleServices s, CancellationToken ct)
    {
        var historyTask = s.Cycles.CycleHistoryAsync(cycleId, ct);
        var overview = await s.Cycles.OverviewAsync(cycleId, cancellationToken: ct);
        var history = await historyTask;
        if (overview is null)
            return null;
        var cycle = overview.Cycle.State.CycleOrNull!;
        var structure = await s.Cycles.StructureAsync(cycle.StructureHash, ct);
        return new CyclePageModel(overview, CycleWording.GoalLabels(structure), CycleWording.History(cycle, history));
    }

    internal static int StatusFor(CycleRefusal refusal) => refusal.Reason switch
    {
        CycleRefusalReason.Invalid => StatusCodes.Status400BadRequest,
        CycleRefusalReason.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status409Conflict,
    };

    private static IResult NotFound(CycleServices s) => SecretaryLayout.Page(s.Context, s.User, "Rapportcykeln finns inte", H($"""
        <h1>Rapportcykeln finns inte</h1>
        <p>Det finns ingen sådan rapportcykel i din förvaltning. <a href="/rapportcykler">Tillbaka till rapportcyklerna</a>.</p>
        """), StatusCodes.Status404NotFound);
}

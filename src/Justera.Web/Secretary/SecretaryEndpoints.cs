using Justera.Application;
using Justera.Application.JusteringRounds;
using Justera.Application.ReportCycles;
using Justera.Core.JusteringRounds;
using Justera.Core.Links;
using Justera.Storage.JusteringRounds;
using Justera.Storage.Outbox;
using Justera.Storage.Protocols;
using Justera.Web.Api;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Justera.Web.Secretary;

/// <summary>The dependencies every secretary page takes.</summary>
public sealed record SecretaryServices(
    JusteringRoundService Rounds,
    RoundCreation Creation,
    RoundRevision Revision,
    OutboxStore Outbox,
    ProtocolBlobs Blobs,
    IOptions<JusteraOptions> Options,
    HttpContext Context)
{
    public SecretaryUser User => SecretaryUser.From(Context.User)!;

    public DateTimeOffset Now => Rounds.Time.GetUtcNow();
}

/// <summary>
/// The secretary's pages: the rounds list, the create form and the round page with its actions. Every form
/// posts with anti-forgery protection (checked by hand, to answer with a Swedish page), redirects with 303 on
/// success, and on a refusal shows the form again as typed, with the messages.
/// </summary>
public static class SecretaryEndpoints
{
    private const string DefaultChannel = "e-post till sekreteraren";

    public static IEndpointRouteBuilder MapSecretaryPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").RequireAuthorization(JusteraWeb.SecretaryPolicy).ExcludeFromDescription();
        pages.MapGet("/", ListAsync);
        pages.MapGet("/rundor/ny", NewAsync);
        pages.MapPost("/rundor/ny", CreateAsync).DisableAntiforgery();
        pages.MapGet("/rundor/{id}", RoundAsync);
        pages.MapGet("/rundor/{id}/protokoll/{version:int}", ProtocolAsync);
        pages.MapPost($"/rundor/{{id}}/{RoundPages.Start}", (string id, [AsParameters] SecretaryServices s, CancellationToken ct) =>
            CommandAsync(id, RoundPages.Start, s, (_, _, _) => st => new StartRound(JusteringRoundService.FreshLinks(id, st), s.Now), ct)).DisableAntiforgery();
        pages.MapPost($"/rundor/{{id}}/{RoundPages.Remind}", (string id, [AsParameters] SecretaryServices s, CancellationToken ct) =>
            CommandAsync(id, RoundPages.Remind, s, (_, _, _) => st => new RemindNow(JusteringRoundService.FreshLinks(id, st), s.Now), ct)).DisableAntiforgery();
        pages.MapPost($"/rundor/{{id}}/{RoundPages.Extend}", (string id, [AsParameters] SecretaryServices s, CancellationToken ct) =>
            CommandAsync(id, RoundPages.Extend, s, ReadExtend(s), ct)).DisableAntiforgery();
        pages.MapPost($"/rundor/{{id}}/{RoundPages.Replace}", (string id, [AsParameters] SecretaryServices s, CancellationToken ct) =>
            CommandAsync(id, RoundPages.Replace, s, (form, _, _) => st => new ReplaceJusterare(form["justerareId"].ToString(),
                new Justerare(Guid.NewGuid().ToString("N"), Trimmed(form, "substitute.name"), Trimmed(form, "substitute.organisation"), Trimmed(form, "substitute.email")),
                JusteringRoundService.FreshLinks(id, st), s.Now), ct)).DisableAntiforgery();
        pages.MapPost($"/rundor/{{id}}/{RoundPages.OnBehalf}", (string id, [AsParameters] SecretaryServices s, CancellationToken ct) =>
            CommandAsync(id, RoundPages.OnBehalf, s, ReadOnBehalf(s), ct)).DisableAntiforgery();
        pages.MapPost($"/rundor/{{id}}/{RoundPages.Revise}", ReviseAsync).DisableAntiforgery();
        pages.MapPost($"/rundor/{{id}}/{RoundPages.Reseal}", (string id, [AsParameters] SecretaryServices s, CancellationToken ct) =>
            CommandAsync(id, RoundPages.Reseal, s, (_, _, _) => _ => new RetrySeal(s.User.Name, s.Now), ct)).DisableAntiforgery();
        // An action's address opened with GET (after signing in again, or from the address bar after a refused
        // form) leads to the round page instead of a bare 405.
        pages.MapGet("/rundor/{id}/{action}", (string id) =>
            PersonalLinks.IsRoundId(id) ? Forms.SeeOther($"/rundor/{id}") : Results.NotFound());
        pages.MapPost($"/rundor/{{id}}/{RoundPages.Cancel}", (string id, [AsParameters] SecretaryServices s, CancellationToken ct) =>
            CommandAsync(id, RoundPages.Cancel, s, (form, _, _) => _ => new CancelRound(Forms.Text(form, "reason") ?? "", s.Now), ct)).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ListAsync([AsParameters] SecretaryServices s, CancellationToken ct) =>
        RoundListPages.List(s.Context, s.User, await s.Rounds.ListAsync(s.User.AdministrationId, ct));

    /// <param name="cykel">The report cycle the round is started from (its report page's hand-over); unknown or uncompiled ones are ignored.</param>
    /// <param name="mote">The FG meeting's date as the report page asked it, to pre-fill the form.</param>
    private static async Task<IResult> NewAsync(string? rader, string? cykel, string? mote, [AsParameters] SecretaryServices s, CycleReports reports, CancellationToken ct)
    {
        var (roster, from) = await PreviousRosterAsync(s, ct);
        var meeting = DateOnly.TryParseExact(mote, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : null;
        return NewRoundPages.Form(s.Context, s.User, new NewRoundForm(roster, NewRoundForm.RowsFor(rader, roster.Count), RosterFrom: from,
            Cycle: await HandOverAsync(cykel, reports, ct), MeetingDate: meeting));
    }

    private static async Task<IResult> CreateAsync([AsParameters] SecretaryServices s, CycleReports reports, CancellationToken ct)
    {
        if (!await Forms.IsGenuineAsync(s.Context))
            return Forms.Expired();
        var form = await Forms.ReadAsync(s.Context, ct);
        var input = await RoundInput.ReadAsync(form, s.User, s.Now, ct);
        var cycleId = form["cykel"].ToString();
        var handOver = cycleId.Length == 0 ? null : await HandOverAsync(cycleId, reports, ct);
        NewRoundForm Again() => new(input.Justerare, NewRoundForm.RowsFor(form["rader"], input.Justerare.Count), form, Cycle: handOver);
        if (cycleId.Length > 0 && handOver is null)
        {
            // Checked before the round is created, so a round is never left half handed over.
            var refusal = Refusal.Because(RefusalReason.NotFound,
                "Rapportcykeln som rundan skulle kopplas till finns inte eller har ingen sammanställd rapport. Starta justeringen från rapportens sida igen.");
            return NewRoundPages.Form(s.Context, s.User, Again(), refusal, StatusCodes.Status409Conflict);
        }
        var outcome = await s.Creation.CreateAsync(input, ct);
        if (outcome.Decision.Refusal is { } refused)
            return NewRoundPages.Form(s.Context, s.User, Again(), refused, StatusFor(refused));
        if (handOver is not null)
            await reports.LinkRoundAsync(handOver.CycleId, outcome.Round.RoundId, ct);
        return Forms.SeeOther($"/rundor/{outcome.Round.RoundId}", flash: input.Start ? RoundPages.CreatedAndStarted : RoundPages.Created);
    }

    /// <summary>The cycle a round may be handed over from: it exists and has a compiled report.</summary>
    private static async Task<HandOver?> HandOverAsync(string? cycleId, CycleReports reports, CancellationToken ct) =>
        Core.ReportCycles.ReportCycleIds.IsCycleId(cycleId) && await reports.ViewAsync(cycleId!, ct) is { Versions.Count: > 0 } view
            ? new HandOver(view.Cycle.Id, Core.ReportCycles.ReportCycleIds.Describe(view.Cycle.Period, view.Cycle.Year))
            : null;

    /// <summary>The round page; the confirmation of the action that led here is shown once (<see cref="Flash"/>), so a reload does not repeat it.</summary>
    private static async Task<IResult> RoundAsync(string id, [AsParameters] SecretaryServices s, CancellationToken ct) =>
        await OwnRoundAsync(id, s, ct) is { } stored
            ? RoundPages.Page(s.Context, s.User, await ModelAsync(stored, s, ct) with { Done = Flash.Take(s.Context) })
            : SecretaryLayout.NotFound(s.Context, s.User);

    private static async Task<IResult> ProtocolAsync(string id, int version, [AsParameters] SecretaryServices s, CancellationToken ct)
    {
        var file = (await OwnRoundAsync(id, s, ct))?.State.RoundOrNull?.Versions.Find(v => v.Version == version);
        var content = file is null ? null : await s.Blobs.ReadAsync(file.BlobName, ct);
        if (content is null)
            return SecretaryLayout.NotFound(s.Context, s.User);
        s.Context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.DocumentCsp;
        s.Context.Response.Headers.ContentDisposition = $"inline; filename=\"protokoll-version-{version}.pdf\"";
        return Results.Bytes(content.ToMemory(), "application/pdf");
    }

    private static Task<IResult> ReviseAsync(string id, [AsParameters] SecretaryServices s, CancellationToken ct) =>
        ActAsync(id, RoundPages.Revise, s, async (form, stored) =>
        {
            var input = await RevisionInput.ReadAsync(form, stored.State.RoundOrNull!.MeetingDate, s.Now, ct);
            return input.Errors.Count > 0
                ? Refused(stored, input.Errors)
                : await s.Revision.ReviseAsync(id, input.FileName, input.Pdf, input.Deadline, ct);
        }, ct);

    private static Func<IFormCollection, Round, List<FieldError>, Func<JusteringRoundState, JusteringRoundCommand>> ReadExtend(SecretaryServices s) => (form, round, errors) =>
    {
        var deadline = RoundInput.LocalDateTime(form, "deadline", "Ny sista dag för synpunkter", errors);
        var justeringDate = RoundInput.Date(form, "justeringDate", "Ny justeringsdag", errors);
        if (deadline is { } d)
            errors.AddRange(RoundDates.Deadline(d, round.MeetingDate, s.Now));
        if (justeringDate is { } j)
            errors.AddRange(RoundDates.JusteringDate(j, deadline, s.Now));
        if (deadline is null && !errors.Exists(e => e.Field == "deadline"))
            errors.Add(new("deadline", "Ange ny sista dag för synpunkter."));
        return _ => new ExtendDeadline(deadline ?? default, justeringDate, s.Now);
    };

    private static Func<IFormCollection, Round, List<FieldError>, Func<JusteringRoundState, JusteringRoundCommand>> ReadOnBehalf(SecretaryServices s) => (form, _, errors) =>
    {
        var kind = Enum.TryParse<ReplyKind>(form["kind"], ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? parsed : (ReplyKind)(-1);
        var channel = Forms.Text(form, "channel")?.Trim() ?? DefaultChannel;
        errors.AddRange(RoundInput.OnBehalfLimits(channel, form["formKey"].ToString()));
        return _ => new RecordAnswerOnBehalf(form["justerareId"].ToString(), kind, Forms.Text(form, "item"), Forms.Text(form, "text"),
            channel, s.User.Name, form["formKey"].ToString(), s.Now);
    };

    /// <summary>A round command from a form: <paramref name="read"/> parses the form (adding what it cannot read to the errors) into the command.</summary>
    private static Task<IResult> CommandAsync(string id, string action, SecretaryServices s,
        Func<IFormCollection, Round, List<FieldError>, Func<JusteringRoundState, JusteringRoundCommand>> read, CancellationToken ct) =>
        ActAsync(id, action, s, async (form, stored) =>
        {
            var errors = new List<FieldError>();
            var command = read(form, stored.State.RoundOrNull!, errors);
            return errors.Count > 0 ? Refused(stored, errors) : await s.Rounds.HandleAsync(id, command, ct);
        }, ct);

    /// <summary>The steps every action shares: a genuine form, the secretary's own round, then 303 back to the round page or the page again with the refusal.</summary>
    private static async Task<IResult> ActAsync(string id, string action, SecretaryServices s, Func<IFormCollection, StoredRound, Task<RoundOutcome>> act, CancellationToken ct)
    {
        if (!await Forms.IsGenuineAsync(s.Context))
            return Forms.Expired();
        if (await OwnRoundAsync(id, s, ct) is not { } stored)
            return SecretaryLayout.NotFound(s.Context, s.User);
        var form = await Forms.ReadAsync(s.Context, ct);
        var outcome = await act(form, stored);
        return outcome.Decision.Refusal switch
        {
            null => Forms.SeeOther($"/rundor/{id}", flash: action),
            { Reason: RefusalReason.NotFound } => SecretaryLayout.NotFound(s.Context, s.User),
            var refusal => RoundPages.Page(s.Context, s.User,
                await ModelAsync(outcome.Round, s, ct) with { Action = action, Posted = form, Refusal = refusal }, StatusFor(refusal)),
        };
    }

    private static async Task<RoundPageModel> ModelAsync(StoredRound stored, SecretaryServices s, CancellationToken ct)
    {
        var history = await s.Rounds.HistoryAsync(stored.RoundId, ct);
        var outbox = await s.Outbox.ReadAsync(stored.RoundId, ct);
        return new RoundPageModel(stored, history, MailProgress.From(outbox, s.Options.Value.MailsPerMinute), s.Now);
    }

    /// <summary>The same rule as the API's: another administration's round does not exist for this secretary.</summary>
    private static Task<StoredRound?> OwnRoundAsync(string id, SecretaryServices s, CancellationToken ct) =>
        RoundsApi.OwnRoundAsync(id, new RoundsApiServices(s.Rounds, s.Creation, s.Context), ct);

    /// <summary>Roster reuse: the justerare of the administration's latest round, as a starting point for the next.</summary>
    private static async Task<(IReadOnlyList<JusterareInput> Roster, string? From)> PreviousRosterAsync(SecretaryServices s, CancellationToken ct)
    {
        var rounds = await s.Rounds.ListAsync(s.User.AdministrationId, ct);
        var latest = rounds.Count > 0 ? rounds[0] : null;
        var round = latest is null ? null : (await s.Rounds.LoadAsync(latest.RoundId, ct)).State.RoundOrNull;
        return round is null || round.Administration.Id != s.User.AdministrationId
            ? ([], null)
            : ([.. round.Justerare.Select(j => new JusterareInput(j.Name, j.Organisation, j.Email))], latest!.Title);
    }

    private static RoundOutcome Refused(StoredRound stored, IReadOnlyList<FieldError> errors) =>
        new(stored, Decision.Refuse(Refusal.InvalidFields(errors)));

    private static int StatusFor(Refusal refusal) =>
        refusal.Reason == RefusalReason.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;

    private static string Trimmed(IFormCollection form, string name) => form[name].ToString().Trim();
}

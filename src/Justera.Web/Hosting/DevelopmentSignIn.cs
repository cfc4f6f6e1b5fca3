using System.Text.Encodings.Web;
using Justera.Core.JusteringRounds;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Hosting;

/// <summary>
/// Sign-in for local runs and tests only (Entra ID takes its place in Azure): a form for people, and for
/// scripts two headers naming the secretary and the administration. Never mapped outside Development.
/// </summary>
public static class DevelopmentSignIn
{
    public const string HeaderScheme = "DevelopmentHeaders";
    public const string SecretaryHeader = "X-Justera-Secretary";
    public const string AdministrationHeader = "X-Justera-Administration";

    public static IEndpointRouteBuilder MapDevelopmentSignIn(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").ExcludeFromDescription();
        group.MapGet("/logga-in", (HttpContext context, string? returnUrl) => Form(context, returnUrl, new Dictionary<string, string>()));
        group.MapPost("/logga-in", (Delegate)SignInAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext context)
    {
        if (!await Forms.IsGenuineAsync(context))
            return Forms.Expired();
        var form = await Forms.ReadAsync(context, context.RequestAborted);
        var name = form["name"].ToString().Trim();
        var email = form["email"].ToString().Trim();
        var administration = form["administration"].ToString().Trim();
        var errors = Check(name, email, administration);
        if (errors.Count > 0)
            return Form(context, form["returnUrl"], errors, StatusCodes.Status400BadRequest);
        var user = new SecretaryUser(name, email, SecretaryUser.AdministrationIdFor(administration), administration);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme));
        // SeeOther sends anything that is not a path of ours ("//host", "/\host", "https://…") to the start page.
        return Forms.SeeOther(form["returnUrl"].ToString());
    }

    /// <summary>
    /// What the sign-in accepts, from the form and the headers alike: a name and an administration short enough to show
    /// and to key the administration's rounds by (a name of thousands of characters made rounds that never listed), and
    /// without control characters, which would break e-mail subjects and pages.
    /// </summary>
    public static Dictionary<string, string> Check(string name, string email, string administration)
    {
        var errors = new Dictionary<string, string>();
        if (name.Length == 0)
            errors["name"] = "Ange ditt namn.";
        else if (name.Length > RoundRules.MaxNameLength || name.Any(char.IsControl))
            errors["name"] = $"Namnet får vara högst {RoundRules.MaxNameLength} tecken, utan radbrytningar eller styrtecken.";
        if (!RoundRules.IsEmail(email))
            errors["email"] = "Ange din e-postadress, till exempel namn@example.org (högst 254 tecken).";
        if (administration.Length == 0)
            errors["administration"] = "Ange förvaltningens namn.";
        else if (administration.Length > MaxAdministrationLength || administration.Any(char.IsControl))
            errors["administration"] = $"Förvaltningens namn får vara högst {MaxAdministrationLength} tecken, utan radbrytningar eller styrtecken.";
        return errors;
    }

    /// <summary>Room to spare: "Hässelby-Vällingby stadsdelsförvaltning" is 39 characters, and the name is in every e-mail's subject.</summary>
    public const int MaxAdministrationLength = 100;

    /// <summary>Sign-out works whatever signed the secretary in, so it is mapped in every environment.</summary>
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logga-ut", (Delegate)SignOutAsync).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        if (!await Forms.IsGenuineAsync(context))
            return Forms.Expired();
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Forms.SeeOther("/logga-in");
    }

    private static IResult Form(HttpContext context, string? returnUrl, IReadOnlyDictionary<string, string> errors, int status = 200) =>
        Layout.Page("Logga in", H($"""
            <h1>Logga in (utvecklingsläge)</h1>
            <p>Den här inloggningen finns bara när Justera körs lokalt. I Azure loggar sekreterare in med sitt konto i organisationen.</p>
            {Layout.ErrorSummary(errors)}
            <form method="post" action="/logga-in" novalidate>
            {Forms.AntiforgeryField(context)}
            <input type="hidden" name="returnUrl" value="{(Forms.IsLocalPath(returnUrl) ? returnUrl : "/")}">
            <label for="name">Ditt namn</label>{Layout.FieldError(errors, "name")}
            <input id="name" name="name" autocomplete="name" value="Sara Sekreterare"{Layout.Describe(errors, "name")}>
            <label for="email">Din e-postadress</label>{Layout.FieldError(errors, "email")}
            <input id="email" name="email" type="email" autocomplete="email" value="sekreterare@example.org"{Layout.Describe(errors, "email")}>
            <label for="administration">Förvaltning</label>{Layout.FieldError(errors, "administration")}
            <input id="administration" name="administration" value="Exempelby stadsdelsförvaltning"{Layout.Describe(errors, "administration")}>
            <button type="submit">Logga in</button>
            </form>
            """), status);

    /// <summary>Reads the two development headers; used by scripts and API tests, never by browsers.</summary>
    public sealed class HeaderHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var email = Request.Headers[SecretaryHeader].ToString().Trim();
            // HTTP header values are ASCII, so the administration's name arrives percent-encoded (UTF-8).
            var administration = Uri.UnescapeDataString(Request.Headers[AdministrationHeader].ToString()).Trim();
            if (email.Length == 0)
                return Task.FromResult(AuthenticateResult.NoResult());
            var errors = Check(email, email, administration);
            if (errors.Count > 0)
                return Task.FromResult(AuthenticateResult.Fail(
                    $"Utvecklingshuvudena {SecretaryHeader} (e-postadress) och {AdministrationHeader} (förvaltningens namn, procentkodat) behövs båda. "
                    + string.Join(" ", errors.Values)));
            var user = new SecretaryUser(email, email, SecretaryUser.AdministrationIdFor(administration), administration);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(user.ToPrincipal(HeaderScheme), HeaderScheme)));
        }

        /// <summary>A script whose headers were refused reads why, in Swedish, as problem details.</summary>
        protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            var result = await HandleAuthenticateOnceSafeAsync();
            await Results.Problem(
                title: "Inloggning krävs",
                detail: result.Failure?.Message ?? $"Skicka {SecretaryHeader} och {AdministrationHeader}.",
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
        }
    }

    /// <summary>Picks the header scheme when a script sends the headers, else the cookie.</summary>
    public static string? SelectScheme(HttpContext context) =>
        context.Request.Headers.ContainsKey(SecretaryHeader) ? HeaderScheme : CookieAuthenticationDefaults.AuthenticationScheme;
}

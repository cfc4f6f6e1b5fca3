using Justera.Application.JusteringRounds;
using Justera.Web.Api;
using Justera.Web.Pages;
using Justera.Web.ReportCycles.Api;
using Justera.Web.ReportCycles.Cycles;
using Justera.Web.ReportCycles.Links;
using Justera.Web.ReportCycles.Reports;
using Justera.Web.ReportCycles.Setup;
using Justera.Web.Replies;
using Justera.Web.Secretary;
using Justera.Web.SignedProtocols;
using Justera.Web.Verification;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Hosting;

/// <summary>The web side of Justera for any ASP.NET Core host: pages, personal links, the JSON API and their plumbing.</summary>
public static class JusteraWeb
{
    public const string SecretaryPolicy = "Secretary";
    public const long MaxUploadBytes = 64 * 1024 * 1024;

    public static IServiceCollection AddJusteraWeb(this IServiceCollection services, bool developmentSignIn)
    {
        services.AddSingleton<RoundCreation>();
        BlobKeyRing.AddBlobKeyRing(services);
        services.AddSingleton<RoundRevision>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "justera-af";
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        var auth = services.AddAuthentication(o => o.DefaultScheme = "Justera")
            .AddPolicyScheme("Justera", "Justera", o => o.ForwardDefaultSelector = DevelopmentSignIn.SelectScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "justera";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/logga-in";
                o.Events.OnRedirectToLogin = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/api"))
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    else
                        context.Response.Redirect(context.RedirectUri);
                    return Task.CompletedTask;
                };
            });
        if (developmentSignIn)
            auth.AddScheme<AuthenticationSchemeOptions, DevelopmentSignIn.HeaderHandler>(DevelopmentSignIn.HeaderScheme, null);
        services.AddAuthorizationBuilder().AddPolicy(SecretaryPolicy, p => p.RequireAuthenticatedUser()
            .RequireClaim(SecretaryUser.AdministrationIdClaim));
        services.AddRequestErrors();
        services.AddVerificationRateLimit();
        services.AddOpenApi();
        return services;
    }

    /// <summary>The local host's whole web side on its <see cref="WebApplication"/>, which adds routing around it.</summary>
    public static WebApplication UseJusteraWeb(this WebApplication app, bool developmentSignIn)
    {
        app.UseJusteraMiddleware();
        app.MapJustera(developmentSignIn);
        return app;
    }

    /// <summary>The middleware every request passes, in order, between routing and the endpoint; for any host.</summary>
    public static IApplicationBuilder UseJusteraMiddleware(this IApplicationBuilder app)
    {
        app.UseSecurityHeaders();
        app.UseRequestErrors();
        app.UseStorageDownAnswer();
        app.UseStatusCodePages(async context =>
        {
            if (context.HttpContext.Request.Path.StartsWithSegments("/api") || context.HttpContext.Response.ContentLength is > 0)
                return;
            var status = context.HttpContext.Response.StatusCode;
            await Layout.Page(status == 404 ? "Sidan finns inte" : "Något gick fel",
                status == 404
                    ? H($"<h1>Sidan finns inte</h1><p>Kontrollera adressen.</p>")
                    : status == 413
                        ? H($"<h1>Filen är för stor</h1><p>Protokollet får vara högst 25 MB.</p>")
                        : H($"<h1>Något gick fel</h1><p>Felkod {status}.</p>"), status).ExecuteAsync(context.HttpContext);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        // Said here so every host has it in the same place (WebApplication would otherwise add it on its own).
        app.UseAntiforgery();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Every page and API endpoint, at the same address in every host.</summary>
    public static IEndpointRouteBuilder MapJustera(this IEndpointRouteBuilder app, bool developmentSignIn)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/justera.css", () => Results.Text(Stylesheet.Css, "text/css; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/tillganglighet", () => Layout.Page("Tillgänglighetsredogörelse", AccessibilityStatement.Body)).ExcludeFromDescription();
        app.MapGet("/health", () => Results.Text("ok")).ExcludeFromDescription();
        app.MapSignOut();
        if (developmentSignIn)
            app.MapDevelopmentSignIn();
        app.MapReplies();
        app.MapCycleLinks();
        app.MapRoundsApi();
        app.MapSecretaryPages();
        app.MapSetupPages();
        app.MapSetupApi();
        app.MapCyclePages();
        app.MapCyclesApi();
        app.MapUnitInputApi();
        app.MapSignedProtocols();
        app.MapCycleReportPages();
        app.MapCycleReportApi();
        app.MapVerification();
        return app;
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Justera.Web.Hosting;

/// <summary>Headers on every response: no framing, no sniffing, no referrer (personal links are tokens in URLs), a strict CSP.</summary>
public static class SecurityHeaders
{
    public const string PageCsp = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>For protocol PDFs shown to people outside the office: no scripts, nothing embedded elsewhere.</summary>
    public const string DocumentCsp = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-Content-Type-Options"] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["X-Frame-Options"] = "DENY";
            if (!headers.ContainsKey("Content-Security-Policy"))
                headers["Content-Security-Policy"] = PageCsp;
            if (!headers.ContainsKey("Cache-Control"))
                headers["Cache-Control"] = "no-store";
            return Task.CompletedTask;
        });
        await next(context);
    });
}

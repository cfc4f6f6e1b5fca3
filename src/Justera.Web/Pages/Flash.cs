using Microsoft.AspNetCore.Http;

namespace Justera.Web.Pages;

/// <summary>
/// A confirmation shown once, on the page a form redirected to: a short-lived cookie scoped to that page's path, read
/// and deleted by the page. A reload, a bookmark or a shared address therefore never shows it again, with or without
/// JavaScript. The value is only a key into the page's own fixed texts, so a forged cookie can at most show one of those.
/// </summary>
public static class Flash
{
    private const string CookieName = "justera-klart";

    public static void Set(HttpContext context, string location, string value)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(CookieName, value, Options(context, location));
    }

    /// <summary>The confirmation waiting for this page, if any; it is deleted as it is read.</summary>
    public static string? Take(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value))
            return null;
        context.Response.Cookies.Delete(CookieName, Options(context, context.Request.Path));
        return value;
    }

    private static CookieOptions Options(HttpContext context, string location)
    {
        var query = location.IndexOf('?', StringComparison.Ordinal);
        return new CookieOptions
        {
            Path = query < 0 ? location : location[..query],
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            MaxAge = TimeSpan.FromMinutes(5),
            IsEssential = true,
        };
    }
}

using Justera.Core.JusteringRounds;
using Justera.Web.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Pages;

/// <summary>Form plumbing shared by the pages: anti-forgery fields, one-time form keys and field errors.</summary>
public static class Forms
{
    public static Html AntiforgeryField(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return H($"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""");
    }

    /// <summary>A fresh key per rendered form: a double submit carries the same key and records one answer.</summary>
    public static Html FormKeyField() => H($"""<input type="hidden" name="formKey" value="{Guid.NewGuid():N}">""");

    /// <summary>
    /// Reads the posted form; every endpoint that takes a form reads it here. A body that is not a form, is cut off,
    /// too large or over the form limits becomes an <see cref="UnreadableRequestException"/> with Swedish words, which
    /// <see cref="RequestErrors"/> answers with a 4xx: nothing has been read into the round, so nothing is stored or sent.
    /// </summary>
    public static async Task<IFormCollection> ReadAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (!request.HasFormContentType)
            throw new UnreadableRequestException(StatusCodes.Status415UnsupportedMediaType, "Fel innehållstyp",
                "Skicka ett formulär: multipart/form-data (med filer) eller application/x-www-form-urlencoded. Inget har sparats.");
        try
        {
            return await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new UnreadableRequestException(e.StatusCode, "Begäran är för stor",
                $"Protokollet får vara högst 25 MB, och hela begäran högst {RequestErrors.MaxRequestBytes / (1024 * 1024)} MB. Inget har sparats.", e);
        }
        catch (InvalidDataException e)
        {
            throw new UnreadableRequestException(StatusCodes.Status400BadRequest, "Formuläret kan inte läsas",
                "Formuläret är felaktigt eller har för många eller för långa fält (högst 1 024 fält). Inget har sparats.", e);
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            // Kestrel's own BadHttpRequestException and the multipart reader's "unexpected end of stream" alike: the body stopped short.
            throw new UnreadableRequestException(StatusCodes.Status400BadRequest, "Formuläret kom inte fram helt",
                "Begäran avbröts innan hela formuläret hade skickats. Försök igen. Inget har sparats.", e);
        }
    }

    /// <summary>Whether the form carries a valid anti-forgery token; the form is read first, so an unreadable body is answered as such, not as an expired form.</summary>
    public static async Task<bool> IsGenuineAsync(HttpContext context)
    {
        await ReadAsync(context, context.RequestAborted);
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }

    public static IResult Expired() => Layout.Page("Formuläret har gått ut",
        H($"""
          <h1>Formuläret har gått ut</h1>
          <p>Sidan var öppen för länge eller skickades från en annan webbläsare. Gå tillbaka, ladda om sidan och försök igen. Inget har sparats.</p>
          """), StatusCodes.Status400BadRequest);

    public static IReadOnlyDictionary<string, string> Errors(Refusal? refusal) =>
        refusal is null
            ? new Dictionary<string, string>()
            : refusal.Fields.GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.First().Message);

    /// <summary>
    /// 303 See Other: after a POST the browser GETs the result, so a reload never posts again. Only to a path of Justera's
    /// own: anything else goes to the start page, so no redirect of ours can lead a browser to another site.
    /// <paramref name="flash"/> is a confirmation the page at <paramref name="location"/> shows once (<see cref="Flash"/>).
    /// </summary>
    public static IResult SeeOther(string location, string? flash = null) => new SeeOtherResult(IsLocalPath(location) ? location : "/", flash);

    /// <summary>
    /// A path on this site, as ASP.NET's Url.IsLocalUrl reads it and stricter: one leading "/" not followed by "/" or "\"
    /// (browsers read "//host" and "/\host" as another host), and no backslash or control character anywhere.
    /// </summary>
    public static bool IsLocalPath(string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(c => c == '\\' || char.IsControl(c));

    private sealed class SeeOtherResult(string location, string? flash) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            if (flash is not null)
                Flash.Set(httpContext, location, flash);
            return Task.CompletedTask;
        }
    }

    public static string? Text(IFormCollection form, string name)
    {
        var value = form[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}

using Justera.Core.JusteringRounds;
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

    public static async Task<bool> IsGenuineAsync(HttpContext context)
    {
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

    /// <summary>303 See Other: after a POST the browser GETs the result, so a reload never posts again.</summary>
    public static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }

    public static string? Text(IFormCollection form, string name)
    {
        var value = form[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}

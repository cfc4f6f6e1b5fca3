using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Pages;

/// <summary>The frame of every page: Swedish, one h1, skip link, landmarks and the accessibility statement in the footer (DOS-lagen).</summary>
public static class Layout
{
    public static IResult Page(string title, Html body, int status = StatusCodes.Status200OK, Html? nav = null) =>
        Results.Content(Render(title, body, nav), "text/html; charset=utf-8", statusCode: status);

    public static string Render(string title, Html body, Html? nav = null) => H($"""
        <!DOCTYPE html>
        <html lang="sv">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{title} – Justera</title>
        <link rel="stylesheet" href="/justera.css">
        </head>
        <body>
        <a class="skip" href="#innehall">Hoppa till innehållet</a>
        <header><p class="brand"><a href="/">Justera</a></p>{nav ?? Html.Empty}</header>
        <main id="innehall" tabindex="-1">
        {body}
        </main>
        <footer><p><a href="/tillganglighet">Tillgänglighetsredogörelse</a> · <a href="/verifiera">Kontrollera ett signerat protokoll</a></p></footer>
        </body>
        </html>
        """).Value;

    /// <summary>
    /// A table that scrolls inside its own region when the screen is narrower than it, so the page itself never scrolls
    /// sideways (a phone is 320 px wide). A table without links or inputs gets a tab stop, so keyboard users can scroll it.
    /// </summary>
    public static Html Scrollable(string label, Html table, bool hasFocusableContent = false) =>
        H($"""<div class="tabell" role="region" aria-label="{label}"{(hasFocusableContent ? Html.Empty : Html.Raw(" tabindex=\"0\""))}>{table}</div>""");

    /// <summary>A field's error message, tied to its input with aria-describedby.</summary>
    public static Html FieldError(IReadOnlyDictionary<string, string> errors, string field) =>
        errors.TryGetValue(field, out var message)
            ? H($"""<p class="fel" id="{field}-fel"><span class="visually-hidden">Fel: </span>{message}</p>""")
            : Html.Empty;

    /// <summary>
    /// One aria-describedby naming the field's hint and, when there is one, its error: a browser keeps only
    /// the first of two such attributes, so hint and error must share it.
    /// </summary>
    public static Html Describe(IReadOnlyDictionary<string, string> errors, string field, string? hintId = null)
    {
        var hasError = errors.ContainsKey(field);
        var ids = string.Join(' ', new[] { hintId, hasError ? $"{field}-fel" : null }.OfType<string>());
        if (ids.Length == 0)
            return Html.Empty;
        return hasError ? H($""" aria-describedby="{ids}" aria-invalid="true" """) : H($""" aria-describedby="{ids}" """);
    }

    /// <summary>The error summary at the top of a form, with links to the fields (WCAG 3.3.1).</summary>
    public static Html ErrorSummary(IReadOnlyDictionary<string, string> errors) => errors.Count == 0
        ? Html.Empty
        : H($"""
            <div class="felsammanfattning" role="alert" tabindex="-1">
            <h2>Det finns {errors.Count} fel att rätta</h2>
            <ul>{errors.Select(e => H($"""<li><a href="#{e.Key}">{e.Value}</a></li>"""))}</ul>
            </div>
            """);
}

using System.Net;
using System.Text.RegularExpressions;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.ReportCycles.Links;

/// <summary>
/// A unit manager's or department head's browser on the report cycle's personal links: opens the link from an e-mail,
/// posts a form with its hidden fields as the browser would, follows the 303, and reads back what the page shows in
/// its fields.
/// </summary>
public sealed partial class CycleLinkBrowser(HttpClient http)
{
    public HttpClient Http => http;

    /// <summary>The one link to <paramref name="path"/> ("enhet" or "avdelning") in a mail's plain text; it must point at the host.</summary>
    public static Uri LinkIn(ReceivedMail mail, string path, Uri host)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(host);
        var links = Link().Matches(mail.Text ?? "").Select(m => m.Value).Where(l => l.Contains($"/{path}/", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(links.Count == 1, $"Expected one /{path}/ link in \"{mail.Subject}\", found {links.Count}:\n{mail.Text}");
        Assert.StartsWith(host.AbsoluteUri + path + "/", links[0], StringComparison.Ordinal);
        return new Uri(links[0]);
    }

    public async Task<HtmlPage> GetAsync(Uri url)
    {
        using var response = await http.GetAsync(url);
        return await HtmlPage.ReadAsync(response);
    }

    /// <summary>Opens the link; the page must be 200. Returns it and its forms.</summary>
    public async Task<HtmlPage> OpenAsync(Uri link)
    {
        var page = await GetAsync(link);
        Assert.True(page.Status == HttpStatusCode.OK, $"{link.AbsolutePath} answered {(int)page.Status}: {page.Text}");
        return page;
    }

    /// <summary>Posts the form's hidden fields (unless left out), then <paramref name="fields"/>, to the form's action.</summary>
    public async Task<HttpResponseMessage> PostAsync(Uri link, HtmlForm form, IEnumerable<KeyValuePair<string, string>> fields, bool withHidden = true)
    {
        ArgumentNullException.ThrowIfNull(form);
        var all = new List<KeyValuePair<string, string>>(withHidden ? form.Hidden : []);
        all.AddRange(fields);
        using var content = new FormUrlEncodedContent(all);
        return await http.PostAsync(new Uri(link, form.Action), content);
    }

    /// <summary>Posts and reads the page answered directly (no redirect expected).</summary>
    public async Task<HtmlPage> PostForPageAsync(Uri link, HtmlForm form, IEnumerable<KeyValuePair<string, string>> fields, bool withHidden = true)
    {
        using var response = await PostAsync(link, form, fields, withHidden);
        return await HtmlPage.ReadAsync(response);
    }

    /// <summary>Posts, asserts the 303 back to the link itself, and reads the page it leads to (200).</summary>
    public async Task<HtmlPage> SubmitAsync(Uri link, HtmlForm form, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(link);
        using var response = await PostAsync(link, form, fields);
        if (response.StatusCode != HttpStatusCode.SeeOther)
            Assert.Fail($"Posting to {link.AbsolutePath} gave {(int)response.StatusCode}, not 303: {(await HtmlPage.ReadAsync(response)).Text}");
        Assert.Equal(link.AbsolutePath, new Uri(link, response.Headers.Location!).AbsolutePath);
        return await OpenAsync(link);
    }

    /// <summary>What an input shows (its value) or a textarea holds, by the control's id; null when the page has no such control.</summary>
    public static string? ValueOf(HtmlPage page, string id)
    {
        ArgumentNullException.ThrowIfNull(page);
        var encoded = Regex.Escape(WebUtility.HtmlEncode(id));
        var input = Regex.Match(page.Html, $"<input\\b[^>]*\\bid=\"{encoded}\"[^>]*>", RegexOptions.Singleline);
        if (input.Success)
        {
            var value = Regex.Match(input.Value, "\\bvalue=\"([^\"]*)\"");
            return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
        }
        var area = Regex.Match(page.Html, $"<textarea\\b[^>]*\\bid=\"{encoded}\"[^>]*>\\n?(.*?)</textarea>", RegexOptions.Singleline);
        return area.Success ? WebUtility.HtmlDecode(area.Groups[1].Value) : null;
    }

    /// <summary>The attributes of the control with this id, as written.</summary>
    public static string ControlTag(HtmlPage page, string id)
    {
        ArgumentNullException.ThrowIfNull(page);
        var encoded = Regex.Escape(WebUtility.HtmlEncode(id));
        var tag = Regex.Match(page.Html, $"<(input|textarea|fieldset)\\b[^>]*\\bid=\"{encoded}\"[^>]*>", RegexOptions.Singleline);
        Assert.True(tag.Success, $"The page has no control with id {id}.");
        return WebUtility.HtmlDecode(tag.Value);
    }

    /// <summary>The checked radio's value in a group, or null.</summary>
    public static string? CheckedValue(HtmlPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var encoded = Regex.Escape(WebUtility.HtmlEncode(name));
        return Regex.Matches(page.Html, $"<input\\b[^>]*\\bname=\"{encoded}\"[^>]*>", RegexOptions.Singleline)
            .Where(m => m.Value.Contains(" checked", StringComparison.Ordinal))
            .Select(m => WebUtility.HtmlDecode(Regex.Match(m.Value, "\\bvalue=\"([^\"]*)\"").Groups[1].Value))
            .SingleOrDefault();
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex Link();
}

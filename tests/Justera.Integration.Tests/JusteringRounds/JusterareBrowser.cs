using System.Net;
using Justera.Integration.Tests.Hosting;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>The three answers as the reply page labels them.</summary>
public static class Answers
{
    public const string NoObjection = "Inget att erinra";
    public const string Dissent = "Justerar med oenighet";
    public const string Changes = "Synpunkter – protokollet behöver ändras";
}

/// <summary>A justerare's browser: opens a personal link, fills in the form it shows and follows the redirect, like a person.</summary>
public sealed class JusterareBrowser(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<HtmlPage> GetAsync(Uri url)
    {
        using var response = await http.GetAsync(url);
        return await HtmlPage.ReadAsync(response);
    }

    /// <summary>Opens the link and returns the answer form it shows (the page must be 200 with exactly one form).</summary>
    public async Task<(HtmlPage Page, HtmlForm Form)> OpenAsync(Uri link)
    {
        var page = await GetAsync(link);
        Assert.True(page.Status == HttpStatusCode.OK, $"The link answered {(int)page.Status}: {page.Text}");
        var form = Assert.Single(page.Forms);
        Assert.Equal("post", form.Method, ignoreCase: true);
        return (page, form);
    }

    /// <summary>Posts the form as the browser would: every hidden field, the chosen answer and the two text fields.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(Uri link, HtmlForm form, string answer, string? item = null, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (name, value) = form.Choice(answer);
        var fields = new List<KeyValuePair<string, string>>(form.Hidden) { new(name, value), new("item", item ?? ""), new("text", text ?? "") };
        using var content = new FormUrlEncodedContent(fields);
        return await http.PostAsync(new Uri(link, form.Action), content);
    }

    /// <summary>Opens the link, answers, and follows the 303 to the receipt page, which it returns.</summary>
    public async Task<HtmlPage> AnswerAsync(Uri link, string answer, string? item = null, string? text = null)
    {
        var (_, form) = await OpenAsync(link);
        using var response = await SubmitAsync(link, form, answer, item, text);
        return await FollowReceiptAsync(link, response);
    }

    /// <summary>Asserts a 303 to the link's receipt page and reads that page (200).</summary>
    public async Task<HtmlPage> FollowReceiptAsync(Uri link, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.SeeOther)
        {
            var page = await HtmlPage.ReadAsync(response);
            Assert.Fail($"Posting the answer gave {(int)response.StatusCode}, not 303 See Other: {page.Text}");
        }
        var location = new Uri(link, response.Headers.Location!);
        Assert.Equal(link.AbsolutePath + "/kvitto", location.AbsolutePath);
        var receipt = await GetAsync(location);
        Assert.True(receipt.Status == HttpStatusCode.OK, $"The receipt page answered {(int)receipt.Status}: {receipt.Text}");
        return receipt;
    }
}

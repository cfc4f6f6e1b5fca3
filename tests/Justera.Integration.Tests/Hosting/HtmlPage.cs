using System.Net;
using System.Text.RegularExpressions;

namespace Justera.Integration.Tests.Hosting;

/// <summary>A form on a page as a browser sees it: where it posts, its hidden fields and its radio choices by label.</summary>
public sealed record HtmlForm(string Method, string Action, IReadOnlyDictionary<string, string> Hidden, IReadOnlyList<(string Name, string Value, string Label)> Radios)
{
    /// <summary>The value of the radio button whose label a person reads as <paramref name="label"/>.</summary>
    public (string Name, string Value) Choice(string label)
    {
        var matches = Radios.Where(r => r.Label == label).ToList();
        return matches.Count == 1
            ? (matches[0].Name, matches[0].Value)
            : throw new InvalidOperationException($"No single choice labelled \"{label}\"; the form offers: {string.Join(", ", Radios.Select(r => $"\"{r.Label}\""))}.");
    }
}

/// <summary>A page as a person reads it: its status, the visible text with entities decoded, and its forms.</summary>
public sealed partial record HtmlPage(HttpStatusCode Status, string Html, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>What a person reads: markup removed, character references decoded, white space collapsed.</summary>
    public string Text => Visible(Html);

    /// <summary>The text of the page's only h1.</summary>
    public string Heading
    {
        get
        {
            var h1 = Heading1().Matches(Html);
            return h1.Count == 1
                ? Visible(h1[0].Groups[1].Value)
                : throw new InvalidOperationException($"The page has {h1.Count} h1 elements.");
        }
    }

    public IReadOnlyList<HtmlForm> Forms => [.. FormElement().Matches(Html).Select(ReadForm)];

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new HtmlPage(response.StatusCode, html, headers);
    }

    private static HtmlForm ReadForm(Match form)
    {
        var attributes = Attributes(form.Groups[1].Value);
        var body = form.Groups[2].Value;
        var labels = LabelElement().Matches(body).ToDictionary(
            m => WebUtility.HtmlDecode(m.Groups[1].Value),
            m => Visible(m.Groups[2].Value));
        var hidden = new Dictionary<string, string>();
        var radios = new List<(string, string, string)>();
        foreach (Match input in InputElement().Matches(body))
        {
            var a = Attributes(input.Groups[1].Value);
            var type = a.GetValueOrDefault("type", "text");
            if (type == "hidden" && a.TryGetValue("name", out var name))
                hidden[name] = a.GetValueOrDefault("value", "");
            else if (type == "radio" && a.TryGetValue("name", out var radio))
                radios.Add((radio, a.GetValueOrDefault("value", ""), a.TryGetValue("id", out var id) ? labels.GetValueOrDefault(id, "") : ""));
        }
        return new HtmlForm(attributes.GetValueOrDefault("method", "get"), attributes.GetValueOrDefault("action", ""), hidden, radios);
    }

    /// <summary>Text as rendered: inline elements run on with their neighbours, other elements break the text.</summary>
    private static string Visible(string html)
    {
        var text = Tag().Replace(html, m => InlineElements.Contains(m.Groups[2].Value.ToLowerInvariant()) ? "" : " ");
        return Whitespace().Replace(WebUtility.HtmlDecode(text), " ").Trim();
    }

    private static readonly HashSet<string> InlineElements = ["a", "abbr", "b", "code", "em", "i", "small", "span", "strong"];

    private static Dictionary<string, string> Attributes(string tag) =>
        AttributePattern().Matches(tag).ToDictionary(
            m => m.Groups[1].Value.ToLowerInvariant(),
            m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex(@"<(script|style)\b.*?</\1>|</?([A-Za-z][A-Za-z0-9]*)?[^>]*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<h1\b[^>]*>(.*?)</h1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Heading1();

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormElement();

    [GeneratedRegex(@"<input\b([^>]*)>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InputElement();

    [GeneratedRegex(@"<label\b[^>]*\bfor=""([^""]*)""[^>]*>(.*?)</label>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex LabelElement();

    [GeneratedRegex(@"([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*""([^""]*)""")]
    private static partial Regex AttributePattern();
}

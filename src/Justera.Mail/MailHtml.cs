using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Justera.Mail;

/// <summary>Puts text into e-mail HTML as text, never as markup, keeping its line breaks.</summary>
public static class MailHtml
{
    // All Unicode ranges allowed, so that å, ä, ö and the en dash stay readable in the HTML source;
    // the characters that matter (< > & " ' and control characters) are encoded regardless.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Encodes <paramref name="text"/> (an answer, a name, a reason) for HTML, turning each line break into &lt;br&gt;.</summary>
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Lines are encoded one by one because the encoder would turn a line feed into &#xA;.
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        return string.Join("<br>\n", lines.Select(Encoder.Encode));
    }

    /// <summary>Makes a link with a descriptive, encoded text; only absolute http and https addresses are accepted.</summary>
    public static string Link(Uri uri, string text)
    {
        RequireWebAddress(uri);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return $"<a href=\"{Encoder.Encode(uri.AbsoluteUri)}\">{Encode(text)}</a>";
    }

    /// <summary>Throws unless <paramref name="uri"/> is an absolute http or https address, so no template can carry a javascript: or relative link.</summary>
    internal static void RequireWebAddress(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"A link in an e-mail must be an absolute http or https address, not \"{uri}\".", nameof(uri));
    }
}

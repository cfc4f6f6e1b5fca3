using System.Text;

namespace Justera.Mail;

/// <summary>Builds the plain-text and the HTML body of one message from the same blocks, so the two cannot drift apart.</summary>
/// <remarks>Every block takes plain text and encodes it for HTML here; no template ever writes markup around data.</remarks>
internal sealed class MailComposer(string subject)
{
    private readonly List<string> text = [];
    private readonly List<string> html = [];

    public MailComposer Paragraph(string content)
    {
        text.Add(content);
        html.Add($"<p>{MailHtml.Encode(content)}</p>");
        return this;
    }

    /// <summary>Someone's own words (an answer, a reason), set apart from the template's text.</summary>
    public MailComposer Quote(string content)
    {
        var lines = content.Trim().ReplaceLineEndings("\n").Split('\n');
        text.Add(string.Join('\n', lines.Select(line => line.Length == 0 ? "" : "    " + line)));
        html.Add($"<blockquote><p>{MailHtml.Encode(content.Trim())}</p></blockquote>");
        return this;
    }

    public MailComposer Bullets(IEnumerable<string> items)
    {
        var list = items.ToList();
        if (list.Count == 0)
            return this;
        text.Add(string.Join('\n', list.Select(item => "• " + item)));
        html.Add($"<ul>\n{string.Concat(list.Select(item => $"<li>{MailHtml.Encode(item)}</li>\n"))}</ul>");
        return this;
    }

    public MailComposer Steps(params string[] steps)
    {
        text.Add(string.Join('\n', steps.Select((step, i) => $"{i + 1}. {step}")));
        html.Add($"<ol>\n{string.Concat(steps.Select(step => $"<li>{MailHtml.Encode(step)}</li>\n"))}</ol>");
        return this;
    }

    /// <summary>The link, with its description as the link text in HTML and the raw address on its own line in plain text.</summary>
    public MailComposer Link(string description, Uri uri)
    {
        MailHtml.RequireWebAddress(uri);
        text.Add($"{description}:\n{uri.AbsoluteUri}");
        html.Add($"<p>{MailHtml.Link(uri, description)}</p>");
        return this;
    }

    public (string Subject, string Text, string Html) Render()
    {
        var document = new StringBuilder()
            .Append("<!DOCTYPE html>\n")
            .Append("<html lang=\"sv\">\n")
            .Append("<head>\n")
            .Append("<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(MailHtml.Encode(subject)).Append("</title>\n")
            .Append("</head>\n")
            .Append("<body>\n");
        foreach (var block in html)
            document.Append(block).Append('\n');
        document.Append("</body>\n").Append("</html>\n");

        return (subject, string.Join("\n\n", text) + "\n", document.ToString());
    }
}

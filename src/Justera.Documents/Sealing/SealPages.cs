using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Justera.Core.Swedish;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Justera.Documents.Sealing;

/// <summary>The pages a seal adds, as a PDF of their own, and where on them the seal block is.</summary>
/// <param name="SealPageIndex">The zero-based index, among the new pages, of the last justering page, which carries the seal block.</param>
/// <param name="SealRectangle">The seal block's frame on that page: left, bottom, right, top.</param>
/// <param name="LinkRectangle">Where on that page the verification URL is printed, for a link annotation.</param>
internal sealed record RenderedPages(byte[] Pdf, int JusteringPageCount, int AttachmentPageCount, int SealPageIndex, double[] SealRectangle, double[] LinkRectangle);

/// <summary>Draws the justering pages and one attachment ("bilaga") per answer, in Swedish, on A4, with DejaVu Sans embedded.</summary>
internal static class SealPages
{
    private static readonly ConcurrentDictionary<string, byte[]> Fonts = new(StringComparer.Ordinal);

    public static RenderedPages Render(JusteringPageFacts facts, SealOptions options)
    {
        using var builder = new PdfDocumentBuilder();
        var flow = new PageFlow(builder, builder.AddTrueTypeFont(LoadFont(options.FontPath)), builder.AddTrueTypeFont(LoadFont(options.BoldFontPath)));
        var meeting = SwedishFormat.ShortDate(facts.MeetingDate);

        // The justering pages.
        flow.StartSection("Justering", "Justering (forts.)");
        flow.Paragraph([new(facts.AdministrationName, PageFlow.Bold(11))]);
        flow.Gap(4);
        flow.Paragraph([new($"Protokoll från förvaltningsgruppen {meeting}", PageFlow.Bold(17))]);
        flow.Gap(4);
        flow.Paragraph([new(Invariant($"Version {facts.ProtocolVersion}"), PageFlow.Regular(11))]);
        flow.Paragraph([new("Vid anteckningarna: ", PageFlow.Regular(11)), new(facts.SecretaryName, PageFlow.Regular(11))]);
        flow.Gap(14);
        flow.Paragraph([new("Justering", PageFlow.Bold(13))]);
        flow.Gap(2);
        flow.Paragraph([new("Protokollet har justerats elektroniskt. Varje justerares svar finns i sin helhet i den bilaga som anges.", PageFlow.Regular(10))]);
        flow.Gap(10);

        foreach (var row in facts.Rows)
        {
            Run[][] block =
            [
                [new(row.Name, PageFlow.Bold(11)), new($", för {row.Organisation}", PageFlow.Regular(11))],
                [new(row.AnswerText, PageFlow.Regular(11))],
                [new($"{SwedishFormat.Time(row.AnsweredAt)}, bilaga {Invariant(row.AttachmentNumber)}", PageFlow.Regular(9, gray: true))],
            ];
            flow.KeepTogether(flow.Height(block) + 10);
            foreach (var paragraph in block)
                flow.Paragraph(paragraph);
            flow.Gap(10);
        }

        var (sealRectangle, linkRectangle) = DrawFoot(flow, facts);
        var sealPageIndex = flow.PageCount - 1;
        var justeringPages = flow.PageCount;

        // One attachment per answer, as many pages as its comment needs.
        foreach (var row in facts.Rows)
        {
            var bilaga = Invariant($"Bilaga {row.AttachmentNumber}");
            flow.StartSection(bilaga, bilaga + " (forts.)");
            flow.Paragraph([new(bilaga, PageFlow.Bold(17))]);
            flow.Gap(4);
            flow.Paragraph([new($"Justerarens svar på protokollet från förvaltningsgruppen {meeting}", PageFlow.Regular(11))]);
            flow.Gap(10);
            Fact(flow, "Justerare", row.Name);
            Fact(flow, "För", row.Organisation);
            Fact(flow, "Tidpunkt", SwedishFormat.Time(row.AnsweredAt));
            Fact(flow, "Kanal", row.Channel);
            Fact(flow, "Protokollversion", Invariant(row.ProtocolVersion));
            Fact(flow, "Protokollets SHA-256", row.ProtocolSha256);
            Fact(flow, "Svar", row.AnswerText);
            flow.Gap(12);
            flow.KeepTogether(40);
            flow.Paragraph([new("Kommentar", PageFlow.Bold(12))]);
            flow.Gap(4);
            if (string.IsNullOrWhiteSpace(row.CommentText))
            {
                flow.Paragraph([new("Ingen kommentar lämnades.", PageFlow.Regular(10.5))]);
                continue;
            }

            foreach (var line in row.CommentText.ReplaceLineEndings("\n").Split('\n'))
            {
                if (line.Trim().Length == 0)
                    flow.Gap(6);
                else
                    flow.Paragraph([new(line, PageFlow.Regular(10.5))]);
            }
        }

        flow.DrawFooters($"{facts.AdministrationName} · Protokoll {meeting}, version {Invariant(facts.ProtocolVersion)}");
        return new RenderedPages(builder.Build(), justeringPages, flow.PageCount - justeringPages, sealPageIndex, sealRectangle, linkRectangle);
    }

    // The foot of the last justering page: the original's identity, the framed seal block and where to verify.
    private static (double[] Seal, double[] Link) DrawFoot(PageFlow flow, JusteringPageFacts facts)
    {
        var small = PageFlow.Regular(9);
        Run[] documentId = [new($"Dokument-id: {facts.DocumentId}", small)];
        Run[] original = [new(Invariant($"Det ursprungliga protokollet: SHA-256 {facts.OriginalSha256}, {facts.OriginalLength} byte (detta dokument börjar med exakt dessa byte)"), small)];
        Run[] seal = [new($"Elektroniskt förseglat av {facts.AdministrationName} {SwedishFormat.Time(facts.SealedAt)}", PageFlow.Bold(10.5))];
        Run[] sealNote = [new("Förseglingen är en elektronisk underskrift (PAdES) med förvaltningens certifikat. Varje ändring efter förseglingen syns vid valideringen.", PageFlow.Regular(8.5))];
        var url = facts.VerificationUrl.AbsoluteUri;
        Run[] verify = [new("Underskriftens äkthet valideras här: ", small), new(url, small)];

        const double padding = 8;
        var innerWidth = PageFlow.TextWidth - (2 * padding);
        var sealHeight = (2 * padding) + flow.Height([seal], innerWidth) + 3 + flow.Height([sealNote], innerWidth);
        var footHeight = 12 + flow.Height([documentId, original]) + 10 + sealHeight + 10 + flow.Height([verify]);

        // Anchored to the bottom margin; a full page moves the foot to a page of its own.
        flow.KeepTogether(footHeight + 12);
        flow.MoveDownTo(PageFlow.Bottom + footHeight);

        flow.Rule();
        flow.Gap(12);
        flow.Paragraph(documentId);
        flow.Paragraph(original);
        flow.Gap(10);

        var top = flow.Y;
        var rectangle = new[] { PageFlow.Left, top - sealHeight, PageFlow.Left + PageFlow.TextWidth, top };
        flow.Frame(rectangle);
        flow.Gap(padding);
        flow.Paragraph(seal, padding, innerWidth);
        flow.Gap(3);
        flow.Paragraph(sealNote, padding, innerWidth);
        flow.MoveDownTo(top - sealHeight);
        flow.Gap(10);

        var linkTop = flow.Y;
        flow.Paragraph(verify);
        // The link annotation itself is added with the seal's objects, as an indirect object without a border.
        return (rectangle, [PageFlow.Left, flow.Y, PageFlow.Left + PageFlow.TextWidth, linkTop]);
    }

    private static void Fact(PageFlow flow, string label, string value)
    {
        flow.Paragraph([new(label + ": ", PageFlow.Bold(10.5)), new(value, PageFlow.Regular(10.5))]);
        flow.Gap(2);
    }

    private static byte[] LoadFont(string path) => Fonts.GetOrAdd(path, static p => File.Exists(p)
        ? File.ReadAllBytes(p)
        : throw new FileNotFoundException($"The font {p} is missing; install the Debian package fonts-dejavu-core or set SealOptions' font paths.", p));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(int number) => number.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A piece of text in one style; a paragraph is a list of runs wrapped together.</summary>
internal sealed record Run(string Text, TextStyle Style);

/// <summary>A font (regular or bold), a size in points and whether the text is grey.</summary>
internal readonly record struct TextStyle(bool Bold, double Size, bool Gray);

/// <summary>Lays text out top-down over as many A4 pages as it needs, wrapping at the text width.</summary>
internal sealed class PageFlow(PdfDocumentBuilder builder, PdfDocumentBuilder.AddedFont regular, PdfDocumentBuilder.AddedFont bold)
{
    public const double Left = 56;
    public const double TextWidth = 595 - (2 * Left);
    public const double Top = 786;
    public const double Bottom = 62;
    private const double LineSpacing = 1.32;

    private readonly List<(PdfPageBuilder Page, string Label, int SectionPage)> pages = [];
    private readonly Dictionary<(Rune Rune, bool Bold), double> widths = [];
    private string sectionLabel = "";
    private string continuationHeading = "";
    private int sectionPages;

    public double Y { get; private set; }

    public int PageCount => pages.Count;

    private PdfPageBuilder Page => pages[^1].Page;

    public static TextStyle Regular(double size, bool gray = false) => new(false, size, gray);

    public static TextStyle Bold(double size) => new(true, size, false);

    /// <summary>Starts a section (the justering, or one bilaga) on a new page; its later pages begin with <paramref name="continuation"/>.</summary>
    public void StartSection(string label, string continuation)
    {
        sectionLabel = label;
        continuationHeading = continuation;
        sectionPages = 0;
        NewPage(continued: false);
    }

    public void Gap(double points) => Y -= points;

    public void MoveDownTo(double y) => Y = Math.Min(Y, y);

    /// <summary>Moves to a new page unless <paramref name="height"/> points still fit on this one (a taller block just flows).</summary>
    public void KeepTogether(double height)
    {
        if (Y - height < Bottom && height < Top - Bottom - 40)
            NewPage(continued: true);
    }

    public double Height(IEnumerable<Run[]> paragraphs, double width = TextWidth) =>
        paragraphs.Sum(paragraph => Wrap(paragraph, width).Sum(line => LineHeight(line)));

    /// <summary>Writes a paragraph, wrapping it at <paramref name="width"/> and breaking pages between lines.</summary>
    public void Paragraph(Run[] runs, double indent = 0, double width = TextWidth)
    {
        foreach (var line in Wrap(runs, width))
        {
            var height = LineHeight(line);
            if (Y - height < Bottom)
                NewPage(continued: true);
            Y -= height;
            var baseline = Y + (height - line.Max(piece => piece.Style.Size)) / 2 + (0.22 * line.Max(piece => piece.Style.Size));
            foreach (var piece in line.Where(piece => piece.Text.Length > 0))
            {
                if (piece.Style.Gray)
                    Page.SetTextAndFillColor(90, 90, 90);
                Page.AddText(piece.Text, piece.Style.Size, new PdfPoint(Left + indent + piece.X, baseline), piece.Style.Bold ? bold : regular);
                if (piece.Style.Gray)
                    Page.ResetColor();
            }
        }
    }

    public void Rule() => Page.DrawLine(new PdfPoint(Left, Y), new PdfPoint(Left + TextWidth, Y), 0.5);

    public void Frame(double[] rectangle) =>
        Page.DrawRectangle(new PdfPoint(rectangle[0], rectangle[1]), rectangle[2] - rectangle[0], rectangle[3] - rectangle[1], 1, fill: false);

    /// <summary>Writes each page's footer: what the page belongs to, and its number within its section when that has several.</summary>
    public void DrawFooters(string documentLabel)
    {
        var counts = pages.GroupBy(page => page.Label).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        var style = Regular(8, gray: true);
        foreach (var (page, label, number) in pages)
        {
            var text = counts[label] > 1
                ? string.Create(CultureInfo.InvariantCulture, $"{documentLabel} · {label}, sida {number} av {counts[label]}")
                : $"{documentLabel} · {label}";
            var lines = Wrap([new(text, style)], TextWidth);
            var y = 40.0;
            page.SetTextAndFillColor(90, 90, 90);
            foreach (var line in lines)
            {
                foreach (var piece in line.Where(piece => piece.Text.Length > 0))
                    page.AddText(piece.Text, style.Size, new PdfPoint(Left + piece.X, y), regular);
                y -= 10;
            }

            page.ResetColor();
        }
    }

    private void NewPage(bool continued)
    {
        pages.Add((builder.AddPage(PageSize.A4), sectionLabel, ++sectionPages));
        Y = Top;
        if (continued)
        {
            Paragraph([new(continuationHeading, Bold(11))]);
            Gap(10);
        }
    }

    private static double LineHeight(IReadOnlyList<Piece> line) => line.Max(piece => piece.Style.Size) * LineSpacing;

    private sealed record Piece(string Text, TextStyle Style, double X);

    // Greedy wrapping at spaces; a word wider than the line (a long URL or hash) is broken between characters.
    private List<List<Piece>> Wrap(Run[] runs, double width)
    {
        var words = new List<(string Text, TextStyle Style, bool SpaceBefore)>();
        var space = false;
        foreach (var run in runs)
        {
            var text = Clean(run.Text, run.Style.Bold);
            var current = new StringBuilder();
            foreach (var c in text)
            {
                if (c == ' ')
                {
                    if (current.Length > 0)
                    {
                        words.Add((current.ToString(), run.Style, space));
                        current.Clear();
                    }

                    space = true;
                }
                else
                {
                    current.Append(c);
                }
            }

            if (current.Length > 0)
            {
                words.Add((current.ToString(), run.Style, space));
                space = false;
            }
        }

        var lines = new List<List<Piece>>();
        var line = new List<Piece>();
        var x = 0.0;
        foreach (var (wordText, style, spaceBefore) in words)
        {
            var word = wordText;
            var gap = spaceBefore && line.Count > 0 ? Measure(" ", style) : 0;
            var wordWidth = Measure(word, style);
            if (line.Count > 0 && x + gap + wordWidth > width)
            {
                lines.Add(line);
                line = [];
                x = 0;
                gap = 0;
            }

            while (wordWidth > width)
            {
                var fits = 1;
                while (fits < word.Length && Measure(word[..(fits + 1)], style) <= width)
                    fits++;
                if (char.IsHighSurrogate(word[fits - 1]) && fits < word.Length)
                    fits++;
                line.Add(new Piece(word[..fits], style, x));
                lines.Add(line);
                line = [];
                x = 0;
                word = word[fits..];
                wordWidth = Measure(word, style);
            }

            line.Add(new Piece(word, style, x + gap));
            x += gap + wordWidth;
        }

        if (line.Count > 0 || lines.Count == 0)
            lines.Add(line.Count > 0 ? line : [new Piece("", runs.Length > 0 ? runs[0].Style : Regular(10), 0)]);
        return lines;
    }

    private double Measure(string text, TextStyle style)
    {
        var total = 0.0;
        foreach (var rune in text.EnumerateRunes())
            total += Width(rune, style.Bold);
        return total * style.Size;
    }

    // The advance width at size 1, measured once per character; PdfPig places glyphs at their advance widths.
    private double Width(Rune rune, bool isBold)
    {
        if (widths.TryGetValue((rune, isBold), out var width))
            return width;
        var letters = Page.MeasureText(rune.ToString(), 1000, new PdfPoint(0, 0), isBold ? bold : regular);
        width = letters.Count == 0 ? 0 : (letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X) / 1000;
        widths[(rune, isBold)] = width;
        return width;
    }

    private readonly Dictionary<(Rune Rune, bool Bold), bool> drawable = [];

    // Control characters become spaces; a character the font cannot draw becomes '?', so no text is ever refused.
    private string Clean(string text, bool isBold)
    {
        var result = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || Rune.IsWhiteSpace(rune))
                result.Append(' ');
            else
                result.Append(CanDraw(rune, isBold) ? rune.ToString() : "?");
        }

        return result.ToString();
    }

    private bool CanDraw(Rune rune, bool isBold)
    {
        if (drawable.TryGetValue((rune, isBold), out var can))
            return can;

        // PdfPig's TrueType writer handles single UTF-16 characters only, and refuses a character the font lacks.
        can = rune.IsBmp;
        if (can)
        {
            try
            {
                Page.MeasureText(rune.ToString(), 10, new PdfPoint(0, 0), isBold ? bold : regular);
            }
            catch (InvalidOperationException)
            {
                can = false;
            }
        }

        drawable[(rune, isBold)] = can;
        return can;
    }
}

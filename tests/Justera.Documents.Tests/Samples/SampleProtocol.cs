using System.Globalization;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Justera.Documents.Tests.Samples;

/// <summary>Makes the invented FG protocol of samples/fg-protokoll-exempel.pdf, at any length, for tests and benchmarks.</summary>
/// <remarks>
/// Every person, address and the district are invented; e-mail addresses are under example.org so that
/// no run can mail a real person. Only "bilaga 1" is mentioned, at every length, so the suggested first
/// attachment number is always 2.
/// </remarks>
public static class SampleProtocol
{
    /// <summary>Where Debian's fonts-dejavu-core puts DejaVu Sans, the font embedded in the sample.</summary>
    public const string FontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>The meeting date printed in the sample.</summary>
    public const string MeetingDate = "2026-11-19";

    private const double Left = 56;
    private const double Top = 790;
    private const double TextWidth = 595 - (2 * Left);
    private const double BodySize = 11;

    // Read once: the font is 740 KB and benchmarks make hundreds of samples.
    private static readonly Lazy<byte[]> Font = new(() => File.Exists(FontPath)
        ? File.ReadAllBytes(FontPath)
        : throw new InvalidOperationException($"{FontPath} is missing; install the Debian package fonts-dejavu-core."));

    /// <summary>Returns the bytes of an FG protocol of <paramref name="pages"/> pages: participants and "Justeras:" on page 1, items after.</summary>
    public static byte[] Create(int pages = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);

        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = $"Protokoll förvaltningsgrupp {MeetingDate}";
        builder.DocumentInformation.Author = "Exempelby stadsdelsförvaltning";
        var font = builder.AddTrueTypeFont(Font.Value);

        WriteFirstPage(new PageWriter(builder, font, 1, pages), pages);
        if (pages >= 2)
            WriteItemsPage(new PageWriter(builder, font, 2, pages));
        for (var number = 3; number < pages; number++)
            WriteInformationPage(new PageWriter(builder, font, number, pages), number);
        if (pages >= 3)
            WriteLastPage(new PageWriter(builder, font, pages, pages), pages);

        return builder.Build();
    }

    private static void WriteFirstPage(PageWriter page, int pages)
    {
        page.Line("Exempelby stadsdelsförvaltning", 10);
        page.Line("Protokoll förvaltningsgrupp", 18);
        page.Gap(6);
        page.Paragraph($"Tidpunkt och lokal: {MeetingDate}, kl. 09.00–11.00, Exempelbyvägen 1, sammanträdesrum Ekorren och via Teams");

        page.Heading("Arbetsgivare");
        page.Line("Karin Exempelsson, stadsdelsdirektör, ordförande");
        page.Line("Jonas Åkerlund, avdelningschef förskola");
        page.Line("Birgitta Ström, avdelningschef äldreomsorg");
        page.Line("Maria Lindqvist, HR-konsult, sekreterare");

        page.Heading("Facklig organisation");
        page.Line("Anna Björk, Kommunal");
        page.Line("Erik Söderström, Vision");
        page.Line("Leila Haddad, Sveriges Lärare");
        page.Line("Per Östlund, Akademikerförbundet SSR");
        page.Line("Sofia Ekström, SACO");

        page.Heading("Frånvarande");
        page.Line("Nils Håkansson, Ledarna");

        page.Heading("Dagordning");
        page.Line("§ 1 Tertialrapport 2 (bilaga 1)");
        page.Line("§ 2 Föranmälda frågor");
        if (pages == 4)
            page.Line("§ 3 Information från verksamheterna");
        else if (pages > 4)
            page.Line($"§ 3–{pages - 1} Information från verksamheterna");
        if (pages >= 3)
            page.Line($"§ {pages} Övriga frågor");

        page.Heading("Justeras:");
        foreach (var justerare in new[]
        {
            "Karin Exempelsson, arbetsgivaren",
            "Anna Björk, Kommunal",
            "Erik Söderström, Vision",
            "Leila Haddad, Sveriges Lärare",
            "Per Östlund, Akademikerförbundet SSR",
            "Sofia Ekström, SACO",
        })
        {
            page.Gap(10);
            page.Line("..................................................");
            page.Line(justerare);
        }
    }

    private static void WriteItemsPage(PageWriter page)
    {
        page.Heading("§ 1 Tertialrapport 2", first: true);
        page.Paragraph("Förvaltningen presenterade tertialrapport 2 för 2026, se bilaga 1. Prognosen för helåret visar ett underskott på 2,4 mnkr, främst inom äldreomsorgen där kostnaderna för bemanning har ökat under hösten.");
        page.Paragraph("Vision framförde att arbetsbelastningen för enhetscheferna är hög och efterfrågade en plan för hur den ska minska. Arbetsgivaren återkommer med en sådan plan till förvaltningsgruppens möte i januari.");
        page.Paragraph("Kommunal lyfte att sjukfrånvaron inom hemtjänsten har ökat och önskade en fördjupad redovisning till nästa möte.");
        page.Paragraph("Förvaltningsgruppen har informerats enligt MBL § 19.");

        page.Heading("§ 2 Föranmälda frågor");
        page.Paragraph("Sveriges Lärare hade föranmält en fråga om vikarietillsättningen i förskolan under hösten. Arbetsgivaren svarade att en gemensam vikariepool för förskolorna i Exempelby inrättas från den 1 januari 2027.");
        page.Paragraph("Akademikerförbundet SSR frågade om lönekartläggningen för socialsekreterare. Arbetsgivaren redovisar resultatet vid nästa möte.");
    }

    // Filler for long samples (benchmarks use hundreds of pages); it mentions no bilaga.
    private static void WriteInformationPage(PageWriter page, int item)
    {
        page.Heading($"§ {item} Information från verksamheterna, del {item - 2}", first: true);
        page.Paragraph("Avdelningen för förskola informerade om läget i verksamheten. Barnantalet är stabilt och rekryteringen av förskollärare går enligt plan. Inga synpunkter framfördes.");
        page.Paragraph("Avdelningen för äldreomsorg informerade om arbetet med kontinuitet i hemtjänsten. Antalet personal som en brukare möter under två veckor har minskat sedan våren.");
        page.Paragraph("Avdelningen för stadsmiljö informerade om vinterväghållningen och om de åtgärder för trygghet i parkerna som påbörjats efter sommarens medborgardialog.");
    }

    private static void WriteLastPage(PageWriter page, int item)
    {
        page.Heading($"§ {item} Övriga frågor", first: true);
        page.Paragraph("Inga övriga frågor anmäldes.");

        page.Heading("Nästa möte");
        page.Paragraph("Torsdagen den 17 december 2026 kl. 09.00.");

        page.Heading("Vid anteckningarna");
        page.Line("Maria Lindqvist, HR-konsult");
        page.Line("maria.lindqvist@example.org");
    }

    // Writes lines top-down on one page and wraps paragraphs at the text width.
    private sealed class PageWriter
    {
        private readonly PdfPageBuilder page;
        private readonly PdfDocumentBuilder.AddedFont font;
        private double y = Top;

        public PageWriter(PdfDocumentBuilder builder, PdfDocumentBuilder.AddedFont font, int number, int pages)
        {
            page = builder.AddPage(PageSize.A4);
            this.font = font;
            page.AddText(string.Create(CultureInfo.InvariantCulture, $"Sida {number} av {pages}"), 9, new PdfPoint(Left, 36), font);
        }

        public void Gap(double points) => y -= points;

        public void Heading(string text, bool first = false)
        {
            if (!first)
                Gap(12);
            Line(text, 13);
            Gap(2);
        }

        public void Line(string text, double size = BodySize)
        {
            y -= size * 1.35;
            page.AddText(text, size, new PdfPoint(Left, y), font);
        }

        public void Paragraph(string text)
        {
            var line = "";
            foreach (var word in text.Split(' '))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (line.Length > 0 && Width(candidate) > TextWidth)
                {
                    Line(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            Line(line);
            Gap(4);
        }

        private double Width(string text)
        {
            var letters = page.MeasureText(text, BodySize, new PdfPoint(0, 0), font);
            return letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        }
    }
}

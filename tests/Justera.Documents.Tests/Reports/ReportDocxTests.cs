using System.Collections.Immutable;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Compilation;
using Justera.Documents.Reports;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace Justera.Documents.Tests.Reports;

public class ReportDocxTests
{
    private const char Nbsp = '\u00A0';
    private const char Minus = '\u2212';

    [Fact]
    public void GivenSmallReport_WhenWritten_ThenValidatorFindsNoErrors() =>
        AssertValid(Write(ReportSamples.Small()));

    [Fact]
    public void GivenLargeReport_WhenWritten_ThenValidatorFindsNoErrors() =>
        AssertValid(Write(ReportSamples.Large(unitCount: 30, indicatorCount: 6, analysisCharacters: 2000)));

    [Fact]
    public void GivenTitlePage_WhenRead_ThenAdministrationTitleSwedishDateAndCoverageComeFirst()
    {
        using var document = Open(Write(ReportSamples.Small()));

        var first = Paragraphs(document).Take(4).Select(p => p.InnerText).ToList();

        Assert.Equal(
            [
                ReportSamples.Administration,
                "Tertialrapport 1 2021",
                "Sammanställd 12 maj 2021",
                "Rapporten bygger på godkänt underlag från fyra av fem enheter.",
            ],
            first);
    }

    [Fact]
    public void GivenAnnualReport_WhenRead_ThenTitledVerksamhetsberattelse()
    {
        using var document = Open(Write(ReportSamples.Small(ReportPeriod.VB)));

        Assert.Equal("Verksamhetsberättelse 2021", Paragraphs(document).ElementAt(1).InnerText);
        Assert.Equal("Verksamhetsberättelse 2021 – Skärholmens stadsdelsförvaltning", document.PackageProperties.Title);
    }

    [Fact]
    public void GivenGoals_WhenRead_ThenHeadingsUseWordHeadingStylesInStructureOrder()
    {
        using var document = Open(Write(ReportSamples.Small()));

        var headings = Paragraphs(document)
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value?.StartsWith("Heading", StringComparison.Ordinal) == true)
            .Select(p => (p.ParagraphProperties!.ParagraphStyleId!.Val!.Value, p.InnerText))
            .ToList();

        Assert.Equal(
            [
                ("Heading1", "Underlag"),
                ("Heading1", "Prognostiserad måluppfyllelse"),
                ("Heading1", "Uppföljning av kommunfullmäktiges inriktningsmål"),
                ("Heading2", "1. En modern storstad med möjligheter och valfrihet för alla"),
                ("Heading3", "1.1 I Stockholm är människor självförsörjande och vägen till arbete och svenskkunskaper är kort"),
                ("Heading4", "Nämndmål: I Skärholmen är invånarna självförsörjande och vägen till arbete är kort"),
                ("Heading3", "1.2 Stockholm är en trygg, säker och välskött stad att bo och vistas i"),
                ("Heading2", "3. En ekonomiskt hållbar och innovativ storstad för framtiden"),
                ("Heading3", "3.1 Stockholm har en budget i balans och långsiktigt hållbara finanser"),
                ("Heading1", "Uppföljning av ekonomi"),
                ("Heading2", "Enheternas kommentarer till prognosen"),
                ("Heading1", "Goda exempel"),
                ("Heading2", "Ekonomiskt bistånd"),
                ("Heading2", "Barn och ungdom"),
                ("Heading1", "Jämställdhetsanalys"),
                ("Heading2", "Ekonomiskt bistånd"),
                ("Heading2", "Sätra vård- och omsorgsboende"),
            ],
            headings);
    }

    [Fact]
    public void GivenStylePart_WhenRead_ThenHeadingsAreWordsBuiltInStylesWithOutlineLevels()
    {
        using var document = Open(Write(ReportSamples.Small()));
        var styles = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);

        for (var level = 1; level <= 3; level++)
        {
            var style = styles["Heading" + level];
            Assert.Equal("heading " + level, style.StyleName!.Val!.Value);
            Assert.Equal(level - 1, style.StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        }

        Assert.True(styles["Normal"].Default!.Value);
        var defaults = document.MainDocumentPart.StyleDefinitionsPart.Styles.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        Assert.Equal("Arial", defaults.RunFonts!.Ascii!.Value);
        Assert.Equal("sv-SE", defaults.Languages!.Val!.Value);
    }

    [Fact]
    public void GivenDocument_WhenRead_ThenTableOfContentsFieldIsThereAndWordUpdatesFieldsOnOpening()
    {
        using var document = Open(Write(ReportSamples.Small()));

        var code = Assert.Single(document.MainDocumentPart!.Document!.Descendants<FieldCode>());
        Assert.Contains(@"TOC \o ""1-3""", code.Text, StringComparison.Ordinal);
        Assert.True(document.MainDocumentPart.DocumentSettingsPart!.Settings!.GetFirstChild<UpdateFieldsOnOpen>()!.Val!.Value);
    }

    [Fact]
    public void GivenTables_WhenRead_ThenEachHasOneHeaderRowMarkedToRepeat()
    {
        using var document = Open(Write(ReportSamples.Small()));

        var tables = document.MainDocumentPart!.Document!.Descendants<Table>().ToList();

        // Missing units, chart figures, three indicators, activities, economy.
        Assert.Equal(7, tables.Count);
        foreach (var table in tables)
        {
            var rows = table.Elements<TableRow>().ToList();
            Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>());
            Assert.All(rows.Skip(1), r => Assert.Null(r.TableRowProperties?.GetFirstChild<TableHeader>()));
        }
    }

    [Fact]
    public void GivenEconomy_WhenRead_ThenDepartmentsVaravRowsTotalsInSwedishNumbers()
    {
        using var document = Open(Write(ReportSamples.Small()));

        var economy = Table(document, "Mnkr");

        Assert.Equal(
            [
                ["Mnkr", "Budget", "Prognos helår", "Avvikelse"],
                ["Individ- och familjeomsorg", $"1{Nbsp}120,1", $"1{Nbsp}121,6", $"{Minus}1,5"],
                ["varav Ekonomiskt bistånd", "640,1", "641,6", $"{Minus}1,5"],
                ["varav Vuxenenheten", "330,0", "330,0", "0,0"],
                ["varav Barn och ungdom", "150,0", "150,0", "0,0"],
                ["Äldreomsorg *", "148,1", "148,1", "0,0"],
                ["varav Sätra vård- och omsorgsboende", "98,1", "98,1", "0,0"],
                ["varav Hemtjänst Söder *", "50,0", "50,0", "0,0"],
                ["Totalt *", $"1{Nbsp}268,2", $"1{Nbsp}269,7", $"{Minus}1,5"],
            ],
            economy);
    }

    [Fact]
    public void GivenIndicatorInSt_WhenRead_ThenUnitRowsAndTotalWithSwedishThousands()
    {
        using var document = Open(Write(ReportSamples.Small()));

        var jobs = Table(document, "Enhet", "Periodens utfall", "Utfall män/ pojkar");

        Assert.Equal(["Enhet", "Periodens utfall", "Utfall män/ pojkar", "Utfall kvinnor/ flickor", "Prognos helår", "Årsmål", "KF:s årsmål"], jobs[0]);
        Assert.Equal(["Ekonomiskt bistånd", $"1{Nbsp}268", "700", "568", $"1{Nbsp}500", "20", "800"], jobs[1]);
        Assert.Equal(["Totalt", $"1{Nbsp}283", "709", "574", $"1{Nbsp}540", "20", "800"], jobs[^1]);
        Assert.Equal(["Ekonomiskt bistånd", "Vuxenenheten", "Barn och ungdom", "Totalt"], jobs.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public void GivenIndicatorInPercent_WhenRead_ThenDecimalCommaAndNoTotalRow()
    {
        using var document = Open(Write(ReportSamples.Small()));

        var share = Table(document, "Enhet", "Periodens utfall", "Prognos helår");
        var firstShare = share.Skip(1).First();

        Assert.Equal(["Ekonomiskt bistånd", "2,96", "2,9", "2,9", "1,5"], firstShare);
        Assert.DoesNotContain(share, r => r[0] == "Totalt");
    }

    [Fact]
    public void GivenAssessments_WhenRead_ThenSentenceAndAnalysesUnderUnitNames()
    {
        using var document = Open(Write(ReportSamples.Small()));
        var text = Paragraphs(document).Select(p => p.InnerText).ToList();

        Assert.Contains("Två av fem enheter bedömer att målet uppfylls helt, en delvis och en inte. En enhet har inte lämnat någon bedömning.", text);
        var ekbi = text.IndexOf("Ekonomiskt bistånd – Uppfylls helt");
        Assert.True(ekbi > 0);
        Assert.Equal("Samverkan med Jobbtorg ger resultat.", text[ekbi + 1]);
        Assert.Equal("Fler aspiranter än väntat har fått Stockholmsjobb.", text[ekbi + 2]);
    }

    [Fact]
    public void GivenMissingUnit_WhenRead_ThenNamedBeforeTheGoals()
    {
        using var document = Open(Write(ReportSamples.Small()));
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;

        var missing = text.IndexOf("Hemtjänst SöderÄldreomsorgLina Ek", StringComparison.Ordinal);
        var goals = text.IndexOf("Uppföljning av kommunfullmäktiges inriktningsmål", StringComparison.Ordinal);
        Assert.InRange(missing, 0, goals);
        Assert.Contains("Följande enhet saknas i rapporten, eftersom dess underlag inte är godkänt:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenActivityNotOnPlan_WhenRead_ThenTableNamesUnitStatusAndComment()
    {
        using var document = Open(Write(ReportSamples.Small()));

        var activities = Table(document, "Aktivitet");

        Assert.Equal(
            ["Implementering av intern SIP", "2021-12-31", "Ekonomiskt bistånd", "Inte enligt plan", "Utbildningen av ambassadörer är flyttad till hösten."],
            Assert.Single(activities.Skip(1)));
    }

    [Fact]
    public void GivenChart_WhenRead_ThenPngImageWithAltTextListingTheGoals()
    {
        using var document = Open(Write(ReportSamples.Small()));

        var image = Assert.Single(document.MainDocumentPart!.ImageParts);
        Assert.Equal("image/png", image.ContentType);
        using (var stream = image.GetStream())
        {
            var signature = new byte[8];
            stream.ReadExactly(signature);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, signature);
        }

        var properties = Assert.Single(document.MainDocumentPart.Document!.Descendants<DW.DocProperties>());
        Assert.StartsWith("Stapeldiagram över enheternas bedömning av måluppfyllelse", properties.Description!.Value, StringComparison.Ordinal);
        Assert.Contains("1.1 I Stockholm är människor självförsörjande och vägen till arbete och svenskkunskaper är kort: 2 helt, 1 delvis, 1 inte, 1 saknas.", properties.Description.Value, StringComparison.Ordinal);
        var blip = document.MainDocumentPart.Document.Descendants<DocumentFormat.OpenXml.Drawing.Blip>().Single();
        Assert.Equal(document.MainDocumentPart.GetIdOfPart(image), blip.Embed!.Value);
    }

    [Fact]
    public void GivenTextWithControlCharacters_WhenWritten_ThenStillValid()
    {
        var report = ReportSamples.Small();
        var goal = report.Goals[0].Children[0];
        var dirty = goal with { Analyses = [.. goal.Analyses.Select(a => a with { Analysis = "Rad\u0001ett\u000Bmed\u0000kontrolltecken \uD800" })] };
        var area = report.Goals[0] with { Children = [dirty, .. report.Goals[0].Children.Skip(1)] };
        report = report with { Goals = [area, .. report.Goals.Skip(1)] };

        var bytes = Write(report);

        AssertValid(bytes);
        using var document = Open(bytes);
        Assert.Contains("Radettmedkontrolltecken", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNoAssessedGoals_WhenWritten_ThenNoImageAndSaysSo()
    {
        var report = ReportSamples.Small() with { Chart = ImmutableArray<GoalChartRow>.Empty };

        var bytes = Write(report);

        AssertValid(bytes);
        using var document = Open(bytes);
        Assert.Empty(document.MainDocumentPart!.ImageParts);
        Assert.Contains("Inga mål har bedömts av enheterna.", document.MainDocumentPart.Document!.Body!.InnerText, StringComparison.Ordinal);
    }

    internal static byte[] Write(CompiledReport report)
    {
        using var stream = new MemoryStream();
        ReportDocx.Write(report, stream);
        return stream.ToArray();
    }

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);

    private static IEnumerable<Paragraph> Paragraphs(WordprocessingDocument document) =>
        document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>();

    // The first table whose header row starts with the given cells, as rows of cell texts.
    private static List<string[]> Table(WordprocessingDocument document, params string[] header) =>
        document.MainDocumentPart!.Document!.Descendants<Table>()
            .Select(t => t.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList())
            .First(rows => rows[0].Take(header.Length).SequenceEqual(header));

    private static void AssertValid(byte[] bytes)
    {
        using var document = Open(bytes);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Take(20)));
    }
}

using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Compilation;
using Justera.Core.Swedish;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Justera.Documents.Reports;

/// <summary>How <see cref="ReportDocx"/> draws; the defaults suit a Debian machine with fonts-dejavu-core.</summary>
public sealed record ReportDocxOptions
{
    /// <summary>The TrueType font the chart's labels are drawn with.</summary>
    public string ChartFontPath { get; init; } = Sealing.SealOptions.DebianFontPath;

    /// <summary>The document's body font; Word and LibreOffice substitute a metric twin where it is not installed.</summary>
    public string BodyFont { get; init; } = "Arial";
}

/// <summary>
/// Writes the compiled report as a Word document for the administration to edit on: Word's own heading styles (so the
/// table of contents works), tables whose header rows repeat on every page, Swedish numbers, and the assessment chart.
/// </summary>
/// <remarks>
/// The body is streamed to the part one paragraph or table row at a time, so a report of 300 units with long analyses
/// never exists as one object tree in memory.
/// </remarks>
public static class ReportDocx
{
    // A4 with 2 cm margins, in twentieths of a point.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int Margin = 1134;
    private const int TextWidth = PageWidth - (2 * Margin);
    private const long ChartWidthEmu = 6_120_000; // 17 cm

    /// <summary>Writes <paramref name="report"/> as .docx to <paramref name="output"/>.</summary>
    public static void Write(CompiledReport report, Stream output, ReportDocxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new ReportDocxOptions();

        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        // The body of a 300-unit report is ~12 MB of XML: the fastest deflate level takes a third of the time of the
        // default for a file about a third larger (0.8 instead of 0.6 MB), which Blob storage does not mind.
        document.CompressionOption = System.IO.Packaging.CompressionOption.Fast;
        document.PackageProperties.Title = $"{report.Title} – {report.Administration}";
        document.PackageProperties.Creator = report.Administration;
        document.PackageProperties.Language = "sv-SE";

        var main = document.AddMainDocumentPart();
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = ReportStyles.Create(options.BodyFont);
        var settings = main.AddNewPart<DocumentSettingsPart>();
        // Word asks to update fields on opening, which fills the table of contents and its page numbers.
        settings.Settings = new Settings(new UpdateFieldsOnOpen { Val = true });

        string? chartId = null;
        ChartImage? chart = null;
        if (report.Chart.Length > 0)
        {
            chart = ReportChart.Render(report.Chart, options.ChartFontPath);
            var image = main.AddImagePart(ImagePartType.Png);
            using (var png = new MemoryStream(chart.Png, writable: false))
                image.FeedData(png);
            chartId = main.GetIdOfPart(image);
        }

        using var part = main.GetStream(FileMode.Create, FileAccess.Write);
        using var writer = XmlWriter.Create(part, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        var body = new BodyWriter(writer);
        body.Start();

        TitlePage(body, report);
        TableOfContents(body);
        Coverage(body, report);
        Assessments(body, report, chart, chartId);
        body.Heading(1, "Uppföljning av kommunfullmäktiges inriktningsmål");
        foreach (var goal in report.Goals)
            Goal(body, goal);
        Economy(body, report.Economy);
        UnitTexts(body, "Goda exempel", report.GoodExamples, "Inga enheter har beskrivit goda exempel.");
        UnitTexts(body, "Jämställdhetsanalys", report.GenderEqualityAnalyses, "Inga enheter har lämnat någon jämställdhetsanalys.");

        body.Raw(new SectionProperties(
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin { Top = Margin, Right = Margin, Bottom = Margin, Left = Margin, Header = 709, Footer = 709, Gutter = 0 }));
        body.End();
    }

    private static void TitlePage(BodyWriter body, CompiledReport report)
    {
        body.Paragraph(report.Administration, "Subtitle");
        body.Paragraph(report.Title, "Title");
        body.Paragraph($"Sammanställd {SwedishFormat.ShortDate(report.CompiledOn)}");
        body.Paragraph(report.CoverageSentence);
        body.PageBreak();
    }

    private static void TableOfContents(BodyWriter body)
    {
        body.Paragraph("Innehållsförteckning", "TOCHeading");
        // A complex field: Word fills it when the fields are updated (settings ask for that on opening).
        body.Raw(new Paragraph(
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin, Dirty = true }),
            new Run(new FieldCode(@" TOC \o ""1-3"" \h \z \u ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
            new Run(new Text("Innehållsförteckningen visas när fälten uppdateras (i Word: högerklicka och välj Uppdatera fält).")),
            new Run(new FieldChar { FieldCharType = FieldCharValues.End })));
        body.PageBreak();
    }

    private static void Coverage(BodyWriter body, CompiledReport report)
    {
        body.Heading(1, "Underlag");
        body.Paragraph(report.CoverageSentence);
        if (report.MissingUnits.Length == 0)
            return;
        body.Paragraph(report.MissingUnits.Length == 1
            ? "Följande enhet saknas i rapporten, eftersom dess underlag inte är godkänt:"
            : "Följande enheter saknas i rapporten, eftersom deras underlag inte är godkänt:");
        var table = body.StartTable([0.4, 0.35, 0.25], "Enhet", "Avdelning", "Enhetschef");
        foreach (var unit in report.MissingUnits)
            table.Row(Cell.Text(unit.Name), Cell.Text(unit.Department), Cell.Text(unit.Manager.Name));
        table.End();
    }

    private static void Assessments(BodyWriter body, CompiledReport report, ChartImage? chart, string? chartId)
    {
        body.Heading(1, "Prognostiserad måluppfyllelse");
        if (chart is null || chartId is null)
        {
            body.Paragraph("Inga mål har bedömts av enheterna.");
            return;
        }

        body.Paragraph("Diagrammet visar hur enheterna bedömer måluppfyllelsen för varje mål; tabellen under det ger samma siffror.");
        body.Raw(new Paragraph(new Run(Image(chartId, chart, ReportChart.AltText(report.Chart)))));
        var table = body.StartTable([0.56, 0.11, 0.11, 0.11, 0.11], "Mål", "Helt", "Delvis", "Inte", "Saknas");
        foreach (var row in report.Chart)
        {
            table.Row(Cell.Text(row.Heading), Cell.Number(row.Fully), Cell.Number(row.Partly), Cell.Number(row.NotMet), Cell.Number(row.Missing));
        }

        table.End();
    }

    private static void Goal(BodyWriter body, CompiledGoal goal)
    {
        var level = goal.Level switch { GoalLevel.Direction => 2, GoalLevel.Area => 3, _ => 4 };
        body.Heading(level, goal.Heading);
        if (goal.Assessment is not null)
        {
            body.Label("Prognostiserad måluppfyllelse");
            body.Paragraph(goal.AssessmentSentence);
        }

        if (goal.Analyses.Length > 0)
        {
            body.Label("Enheternas analyser");
            foreach (var analysis in goal.Analyses)
            {
                body.Label(analysis.UnitName, $" – {ReportTitles.Fulfilment(analysis.Fulfilment)}");
                body.Prose(analysis.Analysis);
            }
        }

        foreach (var indicator in goal.Indicators)
            IndicatorTable(body, indicator);

        if (goal.ActivityCount > 0)
            Activities(body, goal);

        foreach (var child in goal.Children)
            Goal(body, child);
    }

    private static void IndicatorTable(BodyWriter body, IndicatorTable table)
    {
        var indicator = table.Indicator;
        var caption = new StringBuilder("Indikator: ").Append(indicator.Name);
        if (!string.IsNullOrWhiteSpace(indicator.Unit))
            caption.Append(" (").Append(indicator.Unit.Trim()).Append(')');
        body.Label(caption.ToString());
        if (table.Rows.Length == 0)
        {
            body.Paragraph("Inga enheter har rapporterat utfall för indikatorn.");
            return;
        }

        var split = indicator.SplitBySex;
        string[] headers = split
            ? ["Enhet", "Periodens utfall", "Utfall män/ pojkar", "Utfall kvinnor/ flickor", "Prognos helår", "Årsmål", "KF:s årsmål"]
            : ["Enhet", "Periodens utfall", "Prognos helår", "Årsmål", "KF:s årsmål"];
        double[] widths = split ? [0.28, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12] : [0.4, 0.15, 0.15, 0.15, 0.15];
        var writer = body.StartTable(widths, headers);
        foreach (var row in table.Rows)
            writer.Row(IndicatorCells(row, indicator, bold: false));
        if (table.Total is { } total)
            writer.Row(IndicatorCells(total, indicator, bold: true));
        writer.End();
    }

    private static Cell[] IndicatorCells(IndicatorRow row, Indicator indicator, bool bold)
    {
        var cells = new List<Cell>(7) { Cell.Text(row.Label, bold), Cell.Number(row.Outcome, bold) };
        if (indicator.SplitBySex)
        {
            cells.Add(Cell.Number(row.OutcomeMen, bold));
            cells.Add(Cell.Number(row.OutcomeWomen, bold));
        }

        cells.Add(Cell.Number(row.FullYearForecast, bold));
        cells.Add(Cell.Number(indicator.AnnualTarget, bold));
        cells.Add(Cell.Number(indicator.CouncilAnnualTarget, bold));
        return [.. cells];
    }

    private static void Activities(BodyWriter body, CompiledGoal goal)
    {
        body.Label("Aktiviteter som inte går enligt plan");
        if (goal.ActivitiesNotOnPlan.Length == 0)
        {
            body.Paragraph("Ingen enhet rapporterar avvikelser för målets aktiviteter.");
            return;
        }

        var table = body.StartTable([0.25, 0.13, 0.16, 0.13, 0.33], "Aktivitet", "Slutdatum", "Enhet", "Status", "Kommentar");
        foreach (var deviation in goal.ActivitiesNotOnPlan)
        {
            table.Row(
                Cell.Text(deviation.Activity.Title),
                Cell.Text(deviation.Activity.Ends?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""),
                Cell.Text(deviation.UnitName),
                Cell.Text(ReportTitles.Progress(deviation.Progress)),
                Cell.Text(deviation.Comment));
        }

        table.End();
    }

    private static void Economy(BodyWriter body, CompiledEconomy economy)
    {
        body.Heading(1, "Uppföljning av ekonomi");
        body.Paragraph("Driftbudget per avdelning och enhet i miljoner kronor. Avvikelse är budget minus prognos: ett positivt tal är ett överskott.");
        var table = body.StartTable([0.46, 0.18, 0.18, 0.18], "Mnkr", "Budget", "Prognos helår", "Avvikelse");
        foreach (var department in economy.Departments)
        {
            table.Row(EconomyCells(department.Total, department.Total.Name, bold: true));
            foreach (var unit in department.Units)
                table.Row(EconomyCells(unit, "varav " + unit.Name, bold: false));
        }

        table.Row(EconomyCells(economy.Total, economy.Total.Name, bold: true));
        table.End();
        if (economy.Total.ForecastMissing)
            body.Paragraph("* Prognos saknas för enheten eller någon av dess budgetrader; budgeten används som prognos.");

        if (economy.Comments.Length > 0)
        {
            body.Heading(2, "Enheternas kommentarer till prognosen");
            foreach (var comment in economy.Comments)
            {
                body.Label(comment.UnitName);
                body.Prose(comment.Text);
            }
        }
    }

    private static Cell[] EconomyCells(EconomyLine line, string label, bool bold) =>
    [
        Cell.Text(line.ForecastMissing ? label + " *" : label, bold),
        Cell.Text(SwedishNumber.Mnkr(line.Budget), bold, alignRight: true),
        Cell.Text(SwedishNumber.Mnkr(line.Forecast), bold, alignRight: true),
        Cell.Text(SwedishNumber.Mnkr(line.Variance), bold, alignRight: true),
    ];

    private static void UnitTexts(BodyWriter body, string heading, IReadOnlyList<UnitText> texts, string none)
    {
        body.Heading(1, heading);
        if (texts.Count == 0)
        {
            body.Paragraph(none);
            return;
        }

        foreach (var text in texts)
        {
            body.Heading(2, text.UnitName);
            body.Prose(text.Text);
        }
    }

    private static Drawing Image(string relationshipId, ChartImage chart, string altText)
    {
        var height = ChartWidthEmu * chart.Height / chart.Width;
        const string name = "Diagram över måluppfyllelse";
        return new Drawing(
            new DW.Inline(
                new DW.Extent { Cx = ChartWidthEmu, Cy = height },
                new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
                new DW.DocProperties { Id = 1U, Name = name, Description = altText },
                new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
                new A.Graphic(
                    new A.GraphicData(
                        new PIC.Picture(
                            new PIC.NonVisualPictureProperties(
                                new PIC.NonVisualDrawingProperties { Id = 0U, Name = "maluppfyllelse.png", Description = altText },
                                new PIC.NonVisualPictureDrawingProperties()),
                            new PIC.BlipFill(
                                new A.Blip { Embed = relationshipId },
                                new A.Stretch(new A.FillRectangle())),
                            new PIC.ShapeProperties(
                                new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = ChartWidthEmu, Cy = height }),
                                new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
                    { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
            {
                DistanceFromTop = 0U,
                DistanceFromBottom = 0U,
                DistanceFromLeft = 0U,
                DistanceFromRight = 0U,
            });
    }

    /// <summary>A table cell's content: text, left or right aligned, bold or not.</summary>
    private readonly record struct Cell(string Value, bool Bold, bool AlignRight)
    {
        public static Cell Text(string value, bool bold = false, bool alignRight = false) => new(value, bold, alignRight);

        public static Cell Number(decimal? value, bool bold = false) => new(SwedishNumber.Value(value), bold, AlignRight: true);
    }

    /// <summary>
    /// Writes the body's paragraphs and tables as WordprocessingML straight to the part's stream. The few elements
    /// with a rich structure (the TOC field, the image, the section) are built with the SDK's classes and written as
    /// their XML; the thousands of table rows and paragraphs are written without building objects for them.
    /// </summary>
    private sealed class BodyWriter(XmlWriter writer)
    {
        private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

        public void Start()
        {
            writer.WriteStartDocument(standalone: true);
            writer.WriteStartElement("w", "document", W);
            // Declared once at the root, so the raw elements below need no declarations of their own.
            writer.WriteAttributeString("xmlns", "r", null, "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            writer.WriteAttributeString("xmlns", "wp", null, "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
            writer.WriteAttributeString("xmlns", "a", null, "http://schemas.openxmlformats.org/drawingml/2006/main");
            writer.WriteAttributeString("xmlns", "pic", null, "http://schemas.openxmlformats.org/drawingml/2006/picture");
            writer.WriteStartElement("w", "body", W);
        }

        public void End()
        {
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndDocument();
            writer.Flush();
        }

        public void Raw(OpenXmlElement element) => writer.WriteRaw(element.OuterXml);

        public void Heading(int level, string text) => Paragraph(text, "Heading" + level.ToString(CultureInfo.InvariantCulture));

        public void Paragraph(string text, string? style = null)
        {
            writer.WriteStartElement("w", "p", W);
            if (style is not null)
            {
                writer.WriteStartElement("w", "pPr", W);
                Value("pStyle", style);
                writer.WriteEndElement();
            }

            Run(text, bold: false);
            writer.WriteEndElement();
        }

        /// <summary>A short bold line that introduces what follows and stays on its page; <paramref name="rest"/> follows in plain text.</summary>
        public void Label(string text, string? rest = null)
        {
            writer.WriteStartElement("w", "p", W);
            writer.WriteStartElement("w", "pPr", W);
            Value("pStyle", "Label");
            writer.WriteEndElement();
            Run(text, bold: true);
            if (rest is not null)
                Run(rest, bold: false);
            writer.WriteEndElement();
        }

        /// <summary>A unit's free text: each line it typed becomes a paragraph; blank lines are dropped.</summary>
        public void Prose(string text)
        {
            foreach (var line in text.Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.Length > 0)
                    Paragraph(trimmed);
            }
        }

        public void PageBreak()
        {
            writer.WriteStartElement("w", "p", W);
            writer.WriteStartElement("w", "r", W);
            writer.WriteStartElement("w", "br", W);
            writer.WriteAttributeString("w", "type", W, "page");
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        public TableWriter StartTable(double[] widths, params string[] headers)
        {
            var grid = widths.Select(w => ((int)(w * TextWidth)).ToString(CultureInfo.InvariantCulture)).ToArray();
            writer.WriteStartElement("w", "tbl", W);
            writer.WriteStartElement("w", "tblPr", W);
            Value("tblStyle", "ReportTable");
            writer.WriteStartElement("w", "tblW", W);
            writer.WriteAttributeString("w", "w", W, "5000");
            writer.WriteAttributeString("w", "type", W, "pct");
            writer.WriteEndElement();
            writer.WriteStartElement("w", "tblLook", W);
            writer.WriteAttributeString("w", "val", W, "04A0");
            writer.WriteAttributeString("w", "firstRow", W, "1");
            writer.WriteAttributeString("w", "lastRow", W, "0");
            writer.WriteAttributeString("w", "firstColumn", W, "0");
            writer.WriteAttributeString("w", "lastColumn", W, "0");
            writer.WriteAttributeString("w", "noHBand", W, "1");
            writer.WriteAttributeString("w", "noVBand", W, "1");
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteStartElement("w", "tblGrid", W);
            foreach (var width in grid)
            {
                writer.WriteStartElement("w", "gridCol", W);
                writer.WriteAttributeString("w", "w", W, width);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            var table = new TableWriter(this, grid);
            table.Header(headers);
            return table;
        }

        // The first row is the header, marked to repeat on every page the table spans.
        internal void Row(string[] grid, Cell[] cells, bool header)
        {
            writer.WriteStartElement("w", "tr", W);
            writer.WriteStartElement("w", "trPr", W);
            Empty("cantSplit");
            if (header)
                Empty("tblHeader");
            writer.WriteEndElement();
            for (var i = 0; i < cells.Length; i++)
            {
                var cell = cells[i];
                writer.WriteStartElement("w", "tc", W);
                // Widths come from the table grid; the header row states them once more for Word's autofit.
                if (header)
                {
                    writer.WriteStartElement("w", "tcPr", W);
                    writer.WriteStartElement("w", "tcW", W);
                    writer.WriteAttributeString("w", "w", W, grid[i]);
                    writer.WriteAttributeString("w", "type", W, "dxa");
                    writer.WriteEndElement();
                    writer.WriteStartElement("w", "shd", W);
                    writer.WriteAttributeString("w", "val", W, "clear");
                    writer.WriteAttributeString("w", "color", W, "auto");
                    writer.WriteAttributeString("w", "fill", W, "D9E2F3");
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }

                writer.WriteStartElement("w", "p", W);
                writer.WriteStartElement("w", "pPr", W);
                Value("pStyle", "TableText");
                if (header)
                    Empty("keepNext");
                if (cell.AlignRight)
                    Value("jc", "right");
                writer.WriteEndElement();
                Run(cell.Value, cell.Bold);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        internal void EndTable() => writer.WriteEndElement();

        private void Run(string text, bool bold)
        {
            writer.WriteStartElement("w", "r", W);
            if (bold)
            {
                writer.WriteStartElement("w", "rPr", W);
                Empty("b");
                writer.WriteEndElement();
            }

            writer.WriteStartElement("w", "t", W);
            // Word drops leading and trailing spaces unless told to keep them ("– Uppfylls helt" after a name).
            if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
                writer.WriteAttributeString("xml", "space", null, "preserve");
            writer.WriteString(XmlText.Safe(text));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        private void Empty(string name)
        {
            writer.WriteStartElement("w", name, W);
            writer.WriteEndElement();
        }

        private void Value(string name, string value)
        {
            writer.WriteStartElement("w", name, W);
            writer.WriteAttributeString("w", "val", W, value);
            writer.WriteEndElement();
        }
    }

    /// <summary>Writes one table's rows after its header row.</summary>
    private sealed class TableWriter(BodyWriter body, string[] grid)
    {
        public void Header(string[] headers) => body.Row(grid, [.. headers.Select(h => Cell.Text(h, bold: true))], header: true);

        public void Row(params Cell[] cells) => body.Row(grid, cells, header: false);

        public void End() => body.EndTable();
    }
}

using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Justera.Core.ReportCycles.Compilation;

namespace Justera.Documents.Reports;

/// <summary>
/// Writes the compiled report's figures as an Excel workbook: sheets Indikatorer, Ekonomi, Status and Måluppfyllelse, with
/// numbers as real numeric cells (number formats, not text) so they can be summed and charted, frozen header rows and
/// set column widths. Excel shows the numbers in the reader's own locale (Swedish: "1 268,2").
/// </summary>
/// <remarks>Rows are written straight to the part's stream; strings are inline, so no shared-string table is held in memory.</remarks>
public static class ReportXlsx
{
    private const string S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>Writes <paramref name="report"/> as .xlsx to <paramref name="output"/>.</summary>
    public static void Write(CompiledReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);

        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        // As for the .docx: the fastest deflate level, for a slightly larger file.
        document.CompressionOption = System.IO.Packaging.CompressionOption.Fast;
        document.PackageProperties.Title = $"{report.Title} – {report.Administration}";
        document.PackageProperties.Creator = report.Administration;
        var workbook = document.AddWorkbookPart();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxStyles.Create();

        var sheets = new Sheets();
        var definedNames = new DefinedNames();
        Sheet(workbook, sheets, definedNames, "Indikatorer", [12, 50, 10, 36, 30, 16, 18, 20, 15, 12, 12], writer => Indicators(writer, report));
        Sheet(workbook, sheets, definedNames, "Ekonomi", [40, 30, 15, 20, 17, 32], writer => Economy(writer, report.Economy));
        Sheet(workbook, sheets, definedNames, "Status", [36, 30, 28, 12, 10, 10, 10], writer => Status(writer, report));
        Sheet(workbook, sheets, definedNames, "Måluppfyllelse", [90, 10, 10, 10, 10, 10], writer => Goals(writer, report));
        workbook.Workbook = new Workbook(sheets, definedNames);
    }

    private static void Sheet(WorkbookPart workbook, Sheets sheets, DefinedNames definedNames, string name, double[] widths, Action<SheetWriter> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        using (var stream = part.GetStream(FileMode.Create, FileAccess.Write))
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false }))
        {
            writer.WriteStartDocument(standalone: true);
            writer.WriteStartElement("worksheet", S);
            writer.WriteAttributeString("xmlns", "r", null, "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            // Printed (or converted to PDF) a sheet keeps its columns on one page width, in landscape.
            Raw(writer, new SheetProperties(new PageSetupProperties { FitToPage = true }));
            // The header row stays in view while scrolling 6,000 indicator rows.
            Raw(writer, new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0U, TabSelected = sheets.ChildElements.Count == 0 }));
            Raw(writer, new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
            writer.WriteStartElement("sheetData", S);
            rows(new SheetWriter(writer));
            writer.WriteEndElement();
            Raw(writer, new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
            Raw(writer, new PageSetup { PaperSize = 9U, Orientation = OrientationValues.Landscape, FitToWidth = 1U, FitToHeight = 0U });
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        // The header row repeats on every printed page, as the Word tables' header rows do.
        definedNames.Append(new DefinedName($"'{name}'!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)sheets.ChildElements.Count });
        sheets.Append(new Sheet { Name = name, SheetId = (uint)(sheets.ChildElements.Count + 1), Id = workbook.GetIdOfPart(part) });
    }

    private static void Indicators(SheetWriter sheet, CompiledReport report)
    {
        sheet.Header("Mål", "Indikator", "Måttenhet", "Enhet", "Avdelning", "Periodens utfall", "Utfall män/pojkar", "Utfall kvinnor/flickor", "Prognos helår", "Årsmål", "KF:s årsmål");
        foreach (var goal in report.AllGoals)
        {
            var goalLabel = goal.Level == GoalLevel.Board ? goal.Number.TrimEnd('.') + " nämndmål" : goal.Number.TrimEnd('.');
            foreach (var table in goal.Indicators)
            {
                var indicator = table.Indicator;
                // One number format per indicator, with as many decimals as its figures have, so 2,96 % and 550 st both read right.
                var decimals = Decimals(table.Rows.SelectMany(r => new[] { r.Outcome, r.OutcomeMen, r.OutcomeWomen, r.FullYearForecast })
                    .Append(indicator.AnnualTarget).Append(indicator.CouncilAnnualTarget));
                foreach (var row in table.Rows.Append(table.Total).OfType<IndicatorRow>())
                {
                    var bold = row.UnitId is null;
                    sheet.Row(
                        XCell.Text(goalLabel, bold),
                        XCell.Text(indicator.Name, bold),
                        XCell.Text(indicator.Unit, bold),
                        XCell.Text(row.Label, bold),
                        XCell.Text(row.Department, bold),
                        XCell.Number(row.Outcome, decimals, bold),
                        XCell.Number(row.OutcomeMen, decimals, bold),
                        XCell.Number(row.OutcomeWomen, decimals, bold),
                        XCell.Number(row.FullYearForecast, decimals, bold),
                        XCell.Number(indicator.AnnualTarget, decimals, bold),
                        XCell.Number(indicator.CouncilAnnualTarget, decimals, bold));
                }
            }
        }
    }

    private static void Economy(SheetWriter sheet, CompiledEconomy economy)
    {
        sheet.Header("Avdelning / enhet", "Avdelning", "Budget (mnkr)", "Prognos helår (mnkr)", "Avvikelse (mnkr)", "Anmärkning");
        foreach (var department in economy.Departments)
        {
            Line(sheet, department.Total, department.Total.Name, department.Total.Name, bold: true);
            foreach (var unit in department.Units)
                Line(sheet, unit, "varav " + unit.Name, department.Total.Name, bold: false);
        }

        Line(sheet, economy.Total, economy.Total.Name, "", bold: true);
    }

    private static void Line(SheetWriter sheet, EconomyLine line, string label, string department, bool bold) =>
        sheet.Row(
            XCell.Text(label, bold),
            XCell.Text(department, bold),
            XCell.Number(line.Budget, 1, bold),
            XCell.Number(line.Forecast, 1, bold),
            XCell.Number(line.Variance, 1, bold),
            XCell.Text(line.ForecastMissing ? "Prognos saknas; budget används" : "", bold));

    private static void Status(SheetWriter sheet, CompiledReport report)
    {
        sheet.Header("Enhet", "Avdelning", "Enhetschef", "Status", "Helt", "Delvis", "Inte");
        foreach (var status in report.Units)
        {
            sheet.Row(
                XCell.Text(status.Unit.Name),
                XCell.Text(status.Unit.Department),
                XCell.Text(status.Unit.Manager.Name),
                XCell.Text(status.Reported ? "Godkänd" : "Saknas"),
                XCell.Number(status.Fully, 0),
                XCell.Number(status.Partly, 0),
                XCell.Number(status.NotMet, 0));
        }
    }

    private static void Goals(SheetWriter sheet, CompiledReport report)
    {
        sheet.Header("Mål", "Helt", "Delvis", "Inte", "Saknas", "Totalt");
        foreach (var row in report.Chart)
        {
            sheet.Row(
                XCell.Text(row.Heading),
                XCell.Number(row.Fully, 0),
                XCell.Number(row.Partly, 0),
                XCell.Number(row.NotMet, 0),
                XCell.Number(row.Missing, 0),
                XCell.Number(row.Fully + row.Partly + row.NotMet + row.Missing, 0));
        }
    }

    private static int Decimals(IEnumerable<decimal?> values)
    {
        var most = 0;
        foreach (var value in values)
        {
            if (value is { } v)
                most = Math.Max(most, (v / 1.000000000000000000000000000000000m).Scale); // the division drops trailing zeros
        }

        return Math.Min(most, XlsxStyles.MaxDecimals);
    }

    /// <summary>A cell's content: text, or a number shown with a given number of decimals.</summary>
    private readonly record struct XCell(string? Label, decimal? Value, int Decimals, bool Bold)
    {
        public static XCell Text(string text, bool bold = false) => new(text, null, 0, bold);

        public static XCell Number(decimal? value, int decimals, bool bold = false) => new(null, value, decimals, bold);
    }

    // Small elements with many attributes are built with the SDK and written as XML; the rows are written directly.
    private static void Raw(XmlWriter writer, OpenXmlElement element) => writer.WriteRaw(element.OuterXml);

    /// <summary>Writes rows of cells as SpreadsheetML, without building objects for them.</summary>
    private sealed class SheetWriter(XmlWriter writer)
    {
        private uint _row;

        public void Header(params string[] headers) => Row([.. headers.Select(h => XCell.Text(h, bold: true))]);

        public void Row(params XCell[] cells)
        {
            _row++;
            var rowNumber = _row.ToString(CultureInfo.InvariantCulture);
            writer.WriteStartElement("row", S);
            writer.WriteAttributeString("r", rowNumber);
            for (var i = 0; i < cells.Length; i++)
            {
                var content = cells[i];
                if (content.Value is { } value)
                {
                    writer.WriteStartElement("c", S);
                    writer.WriteAttributeString("r", Column(i) + rowNumber);
                    writer.WriteAttributeString("s", XlsxStyles.Number(content.Decimals, content.Bold).ToString(CultureInfo.InvariantCulture));
                    writer.WriteElementString("v", S, value.ToString(CultureInfo.InvariantCulture));
                    writer.WriteEndElement();
                }
                else if (!string.IsNullOrEmpty(content.Label))
                {
                    writer.WriteStartElement("c", S);
                    writer.WriteAttributeString("r", Column(i) + rowNumber);
                    if (content.Bold)
                        writer.WriteAttributeString("s", XlsxStyles.BoldText.ToString(CultureInfo.InvariantCulture));
                    writer.WriteAttributeString("t", "inlineStr");
                    writer.WriteStartElement("is", S);
                    writer.WriteStartElement("t", S);
                    writer.WriteAttributeString("xml", "space", null, "preserve");
                    writer.WriteString(XmlText.Safe(content.Label));
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
            }

            writer.WriteEndElement();
        }

        private static string Column(int index) =>
            index < 26 ? ((char)('A' + index)).ToString() : string.Concat((char)('A' + (index / 26) - 1), (char)('A' + (index % 26)));
    }
}

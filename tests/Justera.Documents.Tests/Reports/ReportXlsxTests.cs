using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Justera.Core.ReportCycles.Compilation;
using Justera.Documents.Reports;

namespace Justera.Documents.Tests.Reports;

public class ReportXlsxTests
{
    [Fact]
    public void GivenSmallAndLargeReports_WhenWritten_ThenValidatorFindsNoErrors()
    {
        AssertValid(Write(ReportSamples.Small()));
        AssertValid(Write(ReportSamples.Large(unitCount: 30, indicatorCount: 6, analysisCharacters: 500)));
    }

    [Fact]
    public void GivenWorkbook_WhenRead_ThenFourNamedSheetsWithFrozenHeaderRowsAndWidths()
    {
        using var document = Open(Write(ReportSamples.Small()));

        Assert.Equal(["Indikatorer", "Ekonomi", "Status", "Måluppfyllelse"], SheetNames(document));
        foreach (var name in SheetNames(document))
        {
            var worksheet = Sheet(document, name).Worksheet!;
            var pane = worksheet.Descendants<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal(1d, pane.VerticalSplit!.Value);
            Assert.Equal("A2", pane.TopLeftCell!.Value);
            Assert.All(worksheet.Descendants<Column>(), c => Assert.True(c.CustomWidth!.Value && c.Width!.Value >= 10));
        }
    }

    [Fact]
    public void GivenEconomy_WhenRead_ThenNumericCellsWithOneDecimalFormatAndRightTotals()
    {
        using var document = Open(Write(ReportSamples.Small()));
        var rows = Rows(document, "Ekonomi");

        Assert.Equal(["Avdelning / enhet", "Avdelning", "Budget (mnkr)", "Prognos helår (mnkr)", "Avvikelse (mnkr)", "Anmärkning"], rows[0].Select(c => c.Text));
        var total = rows[^1];
        Assert.Equal("Totalt", total[0].Text);
        Assert.Equal([1268.2m, 1269.7m, -1.5m], total.Skip(2).Take(3).Select(c => c.Number!.Value));
        Assert.All(total.Skip(2).Take(3), c => Assert.Equal("#,##0.0", c.Format));
        // Every department's total is the sum of its varav rows.
        var departments = rows.Skip(1).SkipLast(1).GroupBy(r => r[1].Text);
        foreach (var department in departments)
        {
            var head = department.First();
            Assert.Equal(department.Key, head[0].Text);
            Assert.Equal(head[2].Number, department.Skip(1).Sum(r => r[2].Number));
            Assert.All(department.Skip(1), r => Assert.StartsWith("varav ", r[0].Text, StringComparison.Ordinal));
        }

        Assert.Equal(total[2].Number, departments.Sum(d => d.First()[2].Number));
    }

    [Fact]
    public void GivenIndicators_WhenRead_ThenFiguresAreNumbersWithTheirDecimalsAndTotalsOnlyWhereTheyAdd()
    {
        using var document = Open(Write(ReportSamples.Small()));
        var rows = Rows(document, "Indikatorer");

        Assert.Equal("Periodens utfall", rows[0][5].Text);
        var jobs = rows.Where(r => r[1].Text == "Antal aspiranter som fått Stockholmsjobb").ToList();
        Assert.Equal(["Ekonomiskt bistånd", "Vuxenenheten", "Barn och ungdom", "Totalt"], jobs.Select(r => r[3].Text));
        Assert.Equal([1283m, 709m, 574m, 1540m, 20m, 800m], jobs[^1].Skip(5).Select(c => c.Number!.Value));
        Assert.Equal("#,##0", jobs[^1][5].Format);

        var share = rows.Where(r => r[1].Text.StartsWith("Andel personer", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Ekonomiskt bistånd", "Vuxenenheten"], share.Select(r => r[3].Text));
        Assert.Equal(2.96m, share[0][5].Number);
        Assert.Equal("#,##0.00", share[0][5].Format);
        Assert.Null(share[0][6].Number);
    }

    [Fact]
    public void GivenStatus_WhenRead_ThenEveryUnitWithApprovalAndCounts()
    {
        using var document = Open(Write(ReportSamples.Small()));
        var rows = Rows(document, "Status");

        Assert.Equal(6, rows.Count);
        Assert.Equal(["Ekonomiskt bistånd", "Individ- och familjeomsorg", "Alva Berglund", "Godkänd"], rows[1].Take(4).Select(c => c.Text));
        Assert.Equal([2m, 2m, 0m], rows[1].Skip(4).Select(c => c.Number!.Value));
        Assert.Equal(("Hemtjänst Söder", "Saknas"), (rows[5][0].Text, rows[5][3].Text));
        var goals = Rows(document, "Måluppfyllelse");
        Assert.Equal([2m, 1m, 1m, 1m, 5m], goals[1].Skip(1).Select(c => c.Number!.Value));
    }

    internal static byte[] Write(CompiledReport report)
    {
        using var stream = new MemoryStream();
        ReportXlsx.Write(report, stream);
        return stream.ToArray();
    }

    private static SpreadsheetDocument Open(byte[] bytes) => SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    private static List<string> SheetNames(SpreadsheetDocument document) =>
        [.. document.WorkbookPart!.Workbook!.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];

    private static WorksheetPart Sheet(SpreadsheetDocument document, string name)
    {
        var sheet = document.WorkbookPart!.Workbook!.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!.Value!);
    }

    // Each row as cells in column order (a gap where no cell was written), with the number format code of numeric cells.
    private static List<List<ReadCell>> Rows(SpreadsheetDocument document, string name)
    {
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet!;
        var formats = stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        var codes = stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!);
        var rows = new List<List<ReadCell>>();
        foreach (var row in Sheet(document, name).Worksheet!.Descendants<Row>())
        {
            var cells = new List<ReadCell>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference!.Value!.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1)) - 1;
                while (cells.Count < column)
                    cells.Add(new ReadCell("", null, null));
                if (cell.DataType?.Value == CellValues.InlineString)
                {
                    cells.Add(new ReadCell(cell.InlineString!.InnerText, null, null));
                }
                else
                {
                    Assert.Null(cell.DataType);
                    var format = formats[(int)cell.StyleIndex!.Value].NumberFormatId!.Value;
                    cells.Add(new ReadCell("", decimal.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture), codes[format]));
                }
            }

            rows.Add(cells);
        }

        var width = rows.Max(r => r.Count);
        foreach (var row in rows)
        {
            while (row.Count < width)
                row.Add(new ReadCell("", null, null));
        }

        return rows;
    }

    private static void AssertValid(byte[] bytes)
    {
        using var document = Open(bytes);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")
            .ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Take(20)));
    }

    private sealed record ReadCell(string Text, decimal? Number, string? Format);
}

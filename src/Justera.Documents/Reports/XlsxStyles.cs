using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Justera.Documents.Reports;

/// <summary>
/// The workbook's cell formats: 0 plain, 1 bold text, then one number format per count of decimals (0–3), plain and
/// bold. Format codes are stored in the file's invariant syntax ("#,##0.0"); Excel and LibreOffice show them in the
/// reader's locale, which for a Swedish reader is "1 268,2".
/// </summary>
internal static class XlsxStyles
{
    public const int MaxDecimals = 3;
    public const uint BoldText = 1;

    private static readonly string[] Formats = ["#,##0", "#,##0.0", "#,##0.00", "#,##0.000"];

    /// <summary>The cell format for a number with <paramref name="decimals"/> decimals.</summary>
    public static uint Number(int decimals, bool bold) =>
        (uint)(2 + (Math.Clamp(decimals, 0, MaxDecimals) * 2) + (bold ? 1 : 0));

    public static Stylesheet Create()
    {
        var numberFormats = new NumberingFormats(Formats.Select((code, i) => new NumberingFormat { NumberFormatId = (uint)(164 + i), FormatCode = code }))
        {
            Count = (uint)Formats.Length,
        };
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2U };
        // Excel requires the first two fills to be these two, whatever the file uses.
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2U };
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U };
        var cellStyleFormats = new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U };

        var formats = new List<CellFormat>
        {
            new() { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
            new() { NumberFormatId = 0U, FontId = 1U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true },
        };
        for (var decimals = 0; decimals <= MaxDecimals; decimals++)
        {
            foreach (var bold in new[] { false, true })
            {
                formats.Add(new CellFormat
                {
                    NumberFormatId = (uint)(164 + decimals),
                    FontId = bold ? 1U : 0U,
                    FillId = 0U,
                    BorderId = 0U,
                    FormatId = 0U,
                    ApplyNumberFormat = true,
                    ApplyFont = bold ? true : null,
                });
            }
        }

        var cellFormats = new CellFormats(formats) { Count = (uint)formats.Count };
        var cellStyles = new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U };
        return new Stylesheet(numberFormats, fonts, fills, borders, cellStyleFormats, cellFormats, cellStyles);
    }
}

using DocumentFormat.OpenXml.Wordprocessing;

namespace Justera.Documents.Reports;

/// <summary>
/// The report's style part. Headings use Word's built-in style ids and names ("Heading1", "heading 1") with outline
/// levels, which is what Word's table of contents and navigation pane look for.
/// </summary>
internal static class ReportStyles
{
    private const string HeadingColour = "1F3864";

    public static Styles Create(string font)
    {
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = font, HighAnsi = font, ComplexScript = font, EastAsia = font },
                    new FontSize { Val = "22" },
                    new FontSizeComplexScript { Val = "22" },
                    new Languages { Val = "sv-SE", EastAsia = "sv-SE", Bidi = "ar-SA" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(
                new StyleName { Val = "Normal" },
                new PrimaryStyle())
            { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(
                new StyleName { Val = "Default Paragraph Font" },
                new UIPriority { Val = 1 },
                new SemiHidden(),
                new UnhideWhenUsed())
            { Type = StyleValues.Character, StyleId = "DefaultParagraphFont", Default = true },
            new Style(
                new StyleName { Val = "Normal Table" },
                new UIPriority { Val = 99 },
                new SemiHidden(),
                new UnhideWhenUsed(),
                new StyleTableProperties(
                    new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
                    new TableCellMarginDefault(
                        new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                        new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                        new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
            { Type = StyleValues.Table, StyleId = "TableNormal", Default = true },
            Paragraph("Title", "Title", sizeHalfPoints: 52, bold: true, spaceBefore: 2400, spaceAfter: 240),
            Paragraph("Subtitle", "Subtitle", sizeHalfPoints: 28, bold: false, spaceBefore: 0, spaceAfter: 120),
            Paragraph("TOCHeading", "TOC Heading", sizeHalfPoints: 32, bold: true, spaceBefore: 240, spaceAfter: 240),
            Heading(1, sizeHalfPoints: 32, spaceBefore: 480),
            Heading(2, sizeHalfPoints: 28, spaceBefore: 360),
            Heading(3, sizeHalfPoints: 24, spaceBefore: 280),
            Heading(4, sizeHalfPoints: 22, spaceBefore: 240),
            // A bold line that introduces what follows ("Enheternas analyser", a unit's name): kept with it, set apart from a table above.
            new Style(
                new StyleName { Val = "Label" },
                new BasedOn { Val = "Normal" },
                new NextParagraphStyle { Val = "Normal" },
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "200", After = "80" }))
            { Type = StyleValues.Paragraph, StyleId = "Label", CustomStyle = true },
            new Style(
                new StyleName { Val = "Table Text" },
                new BasedOn { Val = "Normal" },
                new StyleParagraphProperties(new SpacingBetweenLines { Before = "20", After = "20", Line = "240", LineRule = LineSpacingRuleValues.Auto }),
                new StyleRunProperties(new FontSize { Val = "18" }, new FontSizeComplexScript { Val = "18" }))
            { Type = StyleValues.Paragraph, StyleId = "TableText", CustomStyle = true },
            new Style(
                new StyleName { Val = "Report Table" },
                new BasedOn { Val = "TableNormal" },
                new StyleTableProperties(
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4, Color = "8EAADB" },
                        new LeftBorder { Val = BorderValues.Nil },
                        new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "8EAADB" },
                        new RightBorder { Val = BorderValues.Nil },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "D9E2F3" },
                        new InsideVerticalBorder { Val = BorderValues.Nil })))
            { Type = StyleValues.Table, StyleId = "ReportTable", CustomStyle = true });
        return styles;
    }

    private static Style Heading(int level, int sizeHalfPoints, int spaceBefore)
    {
        var id = "Heading" + level;
        return new Style(
            new StyleName { Val = "heading " + level },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new UIPriority { Val = 9 },
            new PrimaryStyle(),
            new StyleParagraphProperties(
                new KeepNext(),
                new KeepLines(),
                new SpacingBetweenLines { Before = spaceBefore.ToString(System.Globalization.CultureInfo.InvariantCulture), After = "120" },
                new OutlineLevel { Val = level - 1 }),
            new StyleRunProperties(
                new Bold(),
                new Color { Val = HeadingColour },
                new FontSize { Val = sizeHalfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new FontSizeComplexScript { Val = sizeHalfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        { Type = StyleValues.Paragraph, StyleId = id };
    }

    private static Style Paragraph(string id, string name, int sizeHalfPoints, bool bold, int spaceBefore, int spaceAfter)
    {
        var run = new StyleRunProperties();
        if (bold)
            run.Append(new Bold());
        run.Append(new Color { Val = HeadingColour });
        run.Append(new FontSize { Val = sizeHalfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        run.Append(new FontSizeComplexScript { Val = sizeHalfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            new StyleParagraphProperties(new SpacingBetweenLines
            {
                Before = spaceBefore.ToString(System.Globalization.CultureInfo.InvariantCulture),
                After = spaceAfter.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }),
            run)
        { Type = StyleValues.Paragraph, StyleId = id };
    }
}

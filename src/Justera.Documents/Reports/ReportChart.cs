using System.Globalization;
using System.Text;
using Justera.Core.ReportCycles.Compilation;
using ScottPlot;

namespace Justera.Documents.Reports;

/// <summary>The assessment chart: one stacked horizontal bar per goal, helt / delvis / inte / saknas, as a PNG.</summary>
public static class ReportChart
{
    /// <summary>The categories in bar order, with colours that stay apart for the common colour-vision deficiencies and in greyscale.</summary>
    internal static readonly (string Label, string Colour)[] Categories =
    [
        ("Uppfylls helt", "#1A9850"),
        ("Uppfylls delvis", "#FDB863"),
        ("Uppfylls inte", "#B2182B"),
        ("Saknas", "#BDBDBD"),
    ];

    private const int Width = 1200;
    private const int RowHeight = 34;
    private const int Chrome = 150;

    private static readonly Lock FontLock = new();
    private static readonly HashSet<string> RegisteredFonts = new(StringComparer.Ordinal);

    /// <summary>Draws the chart; its height grows with the number of goals so every label stays readable.</summary>
    /// <param name="fontPath">A TrueType font with the Swedish letters. The Linux Skia build here has no font lookup, so the font comes from a file.</param>
    public static ChartImage Render(IReadOnlyList<GoalChartRow> rows, string fontPath)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var fontName = Register(fontPath);
        var plot = new Plot();
        try
        {
            plot.Font.Set(fontName);
            var bars = new List<Bar>(rows.Count * Categories.Length);
            for (var i = 0; i < rows.Count; i++)
            {
                // The first goal at the top: ScottPlot counts positions from the bottom.
                var position = rows.Count - 1 - i;
                double start = 0;
                int[] counts = [rows[i].Fully, rows[i].Partly, rows[i].NotMet, rows[i].Missing];
                for (var c = 0; c < counts.Length; c++)
                {
                    if (counts[c] == 0)
                        continue;
                    bars.Add(new Bar
                    {
                        Position = position,
                        ValueBase = start,
                        Value = start + counts[c],
                        FillColor = Color.FromHex(Categories[c].Colour),
                        LineColor = Colors.White,
                        Orientation = Orientation.Horizontal,
                        Size = 0.7,
                    });
                    start += counts[c];
                }
            }

            plot.Add.Bars(bars);
            plot.Axes.Left.SetTicks(
                [.. Enumerable.Range(0, rows.Count).Select(i => (double)i)],
                [.. rows.Reverse().Select(r => r.Label)]);
            plot.Axes.Left.MajorTickStyle.Length = 0;
            var most = rows.Count == 0 ? 1 : rows.Max(r => r.Fully + r.Partly + r.NotMet + r.Missing);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                IntegerTicksOnly = true,
                LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture),
            };
            plot.Axes.SetLimits(0, most * 1.02, -0.6, rows.Count - 0.4);
            plot.Axes.Bottom.Label.Text = "Antal enheter";
            plot.Axes.Title.Label.Text = "Enheternas bedömning av måluppfyllelse";
            foreach (var (label, colour) in Categories)
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = Color.FromHex(colour) });
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
            // The image is scaled to 17 cm in the document; these sizes keep its text near the body text's size there.
            plot.Axes.Left.TickLabelStyle.FontSize = 17;
            plot.Axes.Bottom.TickLabelStyle.FontSize = 16;
            plot.Axes.Bottom.Label.FontSize = 17;
            plot.Axes.Title.Label.FontSize = 20;
            plot.Legend.FontSize = 16;

            var height = Chrome + RowHeight * Math.Max(rows.Count, 1);
            return new ChartImage(plot.GetImageBytes(Width, height, ImageFormat.Png), Width, height);
        }
        finally
        {
            plot.Dispose();
        }
    }

    /// <summary>The chart in words, for the image's alt text: every goal with its counts.</summary>
    public static string AltText(IReadOnlyList<GoalChartRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder("Stapeldiagram över enheternas bedömning av måluppfyllelse per mål (helt, delvis, inte, saknas). ");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{row.Heading}: {row.Fully} helt, {row.Partly} delvis, {row.NotMet} inte, {row.Missing} saknas. ");
        }

        return text.ToString().TrimEnd();
    }

    // ScottPlot keeps fonts in a process-wide registry; a font file is added once and then found by its name.
    private static string Register(string fontPath)
    {
        if (!File.Exists(fontPath))
            throw new FileNotFoundException($"The font {fontPath} is missing; install the Debian package fonts-dejavu-core or set the report's font path.", fontPath);
        var name = "Justera " + Path.GetFileNameWithoutExtension(fontPath);
        lock (FontLock)
        {
            if (RegisteredFonts.Add(name))
                Fonts.AddFontFile(name, fontPath);
        }

        return name;
    }
}

/// <summary>A rendered PNG and its size in pixels.</summary>
public sealed record ChartImage(byte[] Png, int Width, int Height);

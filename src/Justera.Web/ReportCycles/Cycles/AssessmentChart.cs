using System.Globalization;
using Justera.Application.ReportCycles;
using Justera.Web.Pages;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.ReportCycles.Cycles;

/// <summary>
/// The chart of the units' goal assessments so far: one stacked bar per goal (helt / delvis / inte / saknas) as inline
/// SVG, drawn on the server so it needs no script. The image is named for a screen reader by its aria-label, which reads
/// every count, and the same counts stand in a table beside it, so nobody depends on telling colours apart. Each bar
/// segment carries its goal, kind and count as data attributes (what the dashboard test reads back).
/// </summary>
public static class AssessmentChart
{
    private const int Width = 720;
    private const int LegendHeight = 34;
    private const int RowHeight = 58;
    private const int BarTop = 22;
    private const int BarHeight = 26;
    private const int MaxLabel = 95;

    /// <summary>The four kinds in the order they are stacked: name in data attributes, what a person reads, fill and text colour.</summary>
    private static readonly (string Kind, string Label, string Fill, string Text)[] Kinds =
    [
        ("helt", "Uppfylls helt", "#1d6b2f", "#ffffff"),
        ("delvis", "Uppfylls delvis", "#f0b429", "#1b1b1b"),
        ("inte", "Uppfylls inte", "#a4000f", "#ffffff"),
        ("saknas", "Saknas", "#ffffff", "#1b1b1b"),
    ];

    private static int Count(GoalAssessmentCounts g, string kind) => kind switch
    {
        "helt" => g.Fully,
        "delvis" => g.Partly,
        "inte" => g.NotMet,
        _ => g.Missing,
    };

    /// <summary>The chart and its table; <paramref name="id"/> keeps its element ids apart from another chart's on the same page.</summary>
    public static Html Render(IReadOnlyList<GoalAssessmentCounts> goals, IReadOnlyDictionary<string, string> labels, string id = "malbedomning")
    {
        ArgumentNullException.ThrowIfNull(goals);
        ArgumentNullException.ThrowIfNull(labels);
        if (goals.Count == 0)
            return H($"<p>Inga enheter rapporterar på något mål i den här rapportcykeln.</p>");
        string Label(string goalId) => labels.TryGetValue(goalId, out var l) ? l : goalId;
        var height = LegendHeight + (goals.Count * RowHeight);
        var summary = "Diagram över enheternas bedömning per mål, antal enheter. "
            + string.Join(" ", goals.Select(g => $"{Label(g.GoalId)}: {Count(g, "helt")} helt, {Count(g, "delvis")} delvis, {Count(g, "inte")} inte, {Count(g, "saknas")} saknas."));

        return H($"""
            <figure class="diagram" aria-labelledby="{id}-rubrik">
            <figcaption id="{id}-rubrik">Enheternas bedömning per mål hittills: antal enheter som bedömer att målet uppfylls helt, delvis eller inte, och hur många bedömningar som saknas.</figcaption>
            <svg id="{id}" role="img" aria-label="{summary}" viewBox="0 0 {Width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" font-family="system-ui, 'DejaVu Sans', sans-serif" font-size="14" xmlns="http://www.w3.org/2000/svg">
            {Legend()}
            {goals.Select((g, i) => Bar(g, Label(g.GoalId), LegendHeight + (i * RowHeight)))}
            </svg>
            </figure>
            {Table(goals, Label, id)}
            """);
    }

    private static Html Legend() => Html.Join(Kinds.Select((k, i) => H($"""
        <g transform="translate({(i * 180).ToString(CultureInfo.InvariantCulture)} 4)"><rect width="18" height="18" fill="{k.Fill}" stroke="#1b1b1b"/><text x="26" y="14" fill="#1b1b1b">{k.Label}</text></g>
        """)));

    private static Html Bar(GoalAssessmentCounts goal, string label, int top)
    {
        var total = goal.Fully + goal.Partly + goal.NotMet + goal.Missing;
        var x = 0.0;
        var segments = new List<Html>();
        foreach (var (kind, kindLabel, fill, text) in Kinds)
        {
            var count = Count(goal, kind);
            if (count == 0 || total == 0)
                continue;
            var width = (double)Width * count / total;
            var centre = x + (width / 2);
            segments.Add(H($"""
                <rect class="{kind}" data-goal="{goal.GoalId}" data-kind="{kind}" data-count="{count}" x="{N(x)}" y="{top + BarTop}" width="{N(width)}" height="{BarHeight}" fill="{fill}" stroke="#1b1b1b"><title>{kindLabel}: {count}</title></rect>
                {(width >= 24 ? H($"""<text x="{N(centre)}" y="{top + BarTop + 18}" text-anchor="middle" fill="{text}" aria-hidden="true">{count}</text>""") : Html.Empty)}
                """));
            x += width;
        }
        var shown = label.Length <= MaxLabel ? label : label[..(MaxLabel - 1)].TrimEnd() + "…";
        return H($"""
            <g data-goal="{goal.GoalId}" data-total="{total}">
            <text x="0" y="{top + 15}" fill="#1b1b1b">{shown}</text>
            {Html.Join(segments)}
            </g>
            """);
    }

    private static Html Table(IReadOnlyList<GoalAssessmentCounts> goals, Func<string, string> label, string id) => Layout.Scrollable("Bedömningarna per mål i siffror", H($"""
        <table id="{id}-tabell">
        <caption>Bedömningarna per mål i siffror (antal enheter)</caption>
        <thead><tr><th scope="col">Mål</th>{Kinds.Select(k => H($"""<th scope="col">{k.Label}</th>"""))}<th scope="col">Enheter</th></tr></thead>
        <tbody>
        {goals.Select(g => H($"""<tr><th scope="row">{label(g.GoalId)}</th>{Kinds.Select(k => H($"<td>{Count(g, k.Kind)}</td>"))}<td>{g.Fully + g.Partly + g.NotMet + g.Missing}</td></tr>"""))}
        </tbody>
        </table>
        """));

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}

using Justera.Core.ReportCycles;
using Justera.Core.Swedish;
using Justera.Web.Pages;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.ReportCycles.Links;

/// <summary>A unit's input to read, not edit: the approved or klarmarkerad form, and each unit on the department head's page.</summary>
internal static class ReportReading
{
    /// <summary>The input in the structure's order; <paramref name="level"/> is the heading level of the KF direction goals.</summary>
    public static Html Input(YearStructure structure, UnitAssignment assignment, UnitInput input, int level, string idPrefix)
    {
        var outline = UnitOutline.For(structure, assignment);
        var parts = new List<Html>();
        foreach (var direction in outline)
        {
            parts.Add(Heading(level, direction.Heading));
            foreach (var area in direction.Areas)
            {
                parts.Add(Heading(level + 1, area.Goal.Heading));
                parts.Add(Goal(area.Goal, input, idPrefix));
                foreach (var board in area.BoardGoals)
                {
                    parts.Add(Heading(level + 2, board.Heading));
                    parts.Add(Goal(board, input, idPrefix));
                }
            }
        }

        parts.Add(Heading(level, "Goda exempel och jämställdhetsanalys"));
        parts.Add(H($"<p><strong>Goda exempel</strong></p>{Text(input.GoodExamples, "Inga goda exempel angivna.")}"));
        parts.Add(H($"<p><strong>Jämställdhetsanalys</strong></p>{Text(input.GenderEqualityAnalysis, "Ingen jämställdhetsanalys angiven.")}"));
        if (assignment.Budget.Length > 0)
        {
            parts.Add(Heading(level, "Ekonomi"));
            parts.Add(Economy(assignment, input, idPrefix));
        }
        return Html.Join(parts);
    }

    public static Html Heading(int level, string text)
    {
        var n = Math.Clamp(level, 1, 6);
        return H($"{Html.Raw($"<h{n}>")}{text}{Html.Raw($"</h{n}>")}");
    }

    /// <summary>A typed text as paragraphs: a blank line starts a new paragraph, a single line break stays a line break.</summary>
    public static Html Text(string? text, string whenEmpty)
    {
        if (string.IsNullOrWhiteSpace(text))
            return H($"""<p class="hint">{whenEmpty}</p>""");
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Html.Join(paragraphs.Select(p => H($"<p>{Html.Join(p.Split('\n').Select((line, i) => i == 0 ? H($"{line}") : H($"<br>{line}")))}</p>")));
    }

    public static string Amount(decimal? value, string unit) =>
        value is { } v ? $"{UnitFormFields.Number(v)}{(unit.Length == 0 ? "" : "\u00A0" + unit)}" : "–";

    /// <summary>Avvikelse = budget − prognos, with one decimal as the administration's economy table writes mnkr.</summary>
    public static string Deviation(decimal budget, decimal? forecast) => forecast is { } f ? SwedishNumber.Format(budget - f, 1) + "\u00A0mnkr" : "–";

    private static Html Goal(OutlineGoal goal, UnitInput input, string idPrefix)
    {
        var parts = new List<Html>();
        if (goal.Assessed)
        {
            var a = input.Goals.FirstOrDefault(g => g.GoalId == goal.Id);
            parts.Add(H($"<p><strong>Prognostiserad måluppfyllelse:</strong> {UnitFormFields.Label(a?.Fulfilment)}</p>"));
            parts.Add(H($"<p><strong>Analys</strong></p>{Text(a?.Analysis, "Ingen analys skriven.")}"));
        }
        if (goal.Indicators.Count > 0)
        {
            var anySplit = goal.Indicators.Any(i => i.SplitBySex);
            var rows = goal.Indicators.Select(i =>
            {
                var o = input.Indicators.FirstOrDefault(x => x.IndicatorId == i.Id);
                return H($"""
                    <tr><th scope="row">{i.Name}</th><td>{Amount(o?.Outcome, i.Unit)}</td>{(anySplit ? H($"<td>{(i.SplitBySex ? Amount(o?.OutcomeMen, i.Unit) : "")}</td><td>{(i.SplitBySex ? Amount(o?.OutcomeWomen, i.Unit) : "")}</td>") : Html.Empty)}<td>{Amount(o?.FullYearForecast, i.Unit)}</td><td>{Amount(i.AnnualTarget, i.Unit)}</td></tr>
                    """);
            });
            var table = H($"""
                <table><caption>Indikatorer</caption>
                <thead><tr><th scope="col">Indikator</th><th scope="col">Periodens utfall</th>{(anySplit ? H($"""<th scope="col">Utfall män</th><th scope="col">Utfall kvinnor</th>""") : Html.Empty)}<th scope="col">Prognos helår</th><th scope="col">Årsmål</th></tr></thead>
                <tbody>{rows}</tbody></table>
                """);
            parts.Add(Layout.Scrollable($"Indikatorer för {goal.Label}{(idPrefix.Length > 0 ? $" ({idPrefix})" : "")}", table));
        }
        if (goal.Activities.Count > 0)
        {
            parts.Add(H($"<p><strong>Prioriterade aktiviteter</strong></p>"));
            parts.Add(H($"""<ul>{goal.Activities.Select(act =>
            {
                var s = input.Activities.FirstOrDefault(x => x.ActivityId == act.Id);
                return H($"<li>{act.Title}: <strong>{UnitFormFields.Label(s?.Progress)}</strong>{(string.IsNullOrWhiteSpace(s?.Comment) ? Html.Empty : H($". {s.Comment}"))}</li>");
            })}</ul>"""));
        }
        return Html.Join(parts);
    }

    private static Html Economy(UnitAssignment assignment, UnitInput input, string idPrefix)
    {
        var rows = assignment.Budget.Select(row =>
        {
            var e = input.Economy.FirstOrDefault(x => x.BudgetRowId == row.Id);
            return H($"""<tr><th scope="row">{row.Name}</th><td>{Amount(row.Budget, "mnkr")}</td><td>{Amount(e?.Forecast, "mnkr")}</td><td>{Deviation(row.Budget, e?.Forecast)}</td><td>{e?.Comment ?? ""}</td></tr>""");
        });
        var budget = assignment.Budget.Sum(b => b.Budget);
        var forecasts = assignment.Budget.Select(b => input.Economy.FirstOrDefault(x => x.BudgetRowId == b.Id)?.Forecast).ToList();
        decimal? forecast = forecasts.All(f => f is not null) ? forecasts.Sum() : null;
        var table = H($"""
            <table><caption>Budget och prognos helår (mnkr)</caption>
            <thead><tr><th scope="col">Budgetrad</th><th scope="col">Budget</th><th scope="col">Prognos</th><th scope="col">Avvikelse</th><th scope="col">Kommentar</th></tr></thead>
            <tbody>{rows}</tbody>
            <tfoot><tr><th scope="row">Totalt</th><td>{Amount(budget, "mnkr")}</td><td>{Amount(forecast, "mnkr")}</td><td>{Deviation(budget, forecast)}</td><td></td></tr></tfoot>
            </table>
            """);
        return Layout.Scrollable($"Ekonomi{(idPrefix.Length > 0 ? $" ({idPrefix})" : "")}", table);
    }
}

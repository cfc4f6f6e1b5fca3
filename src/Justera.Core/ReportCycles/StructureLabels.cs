namespace Justera.Core.ReportCycles;

/// <summary>What the year structure calls each goal, indicator, activity and budget row, for Swedish messages.</summary>
public sealed class StructureLabels
{
    private const int MaxTitleInLabel = 60;
    private readonly Dictionary<string, string> goals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Indicator> indicators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> activities = new(StringComparer.Ordinal);

    public StructureLabels(YearStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        foreach (var area in structure.DirectionGoals.SelectMany(d => d.AreaGoals))
        {
            goals[area.Id] = $"mål {area.Number}";
            Add(area.Indicators, area.Activities);
            foreach (var board in area.BoardGoals)
            {
                goals[board.Id] = $"nämndmålet ”{Short(board.Title)}”";
                Add(board.Indicators, board.Activities);
            }
        }
    }

    public string Goal(string id) => goals.TryGetValue(id, out var label) ? label : $"målet {id}";

    public Indicator? FindIndicator(string id) => indicators.GetValueOrDefault(id);

    public string Indicator(string id) => indicators.TryGetValue(id, out var i) ? $"indikatorn ”{Short(i.Name)}”" : $"indikatorn {id}";

    public string Activity(string id) => activities.TryGetValue(id, out var label) ? label : $"aktiviteten {id}";

    public static string BudgetRow(UnitAssignment? assignment, string id) =>
        assignment?.Budget.FirstOrDefault(b => b.Id == id) is { } row ? $"budgetraden ”{Short(row.Name)}”" : $"budgetraden {id}";

    private void Add(IEnumerable<Indicator> indicatorList, IEnumerable<PriorityActivity> activityList)
    {
        foreach (var i in indicatorList)
            indicators[i.Id] = i;
        foreach (var a in activityList)
            activities[a.Id] = $"aktiviteten ”{Short(a.Title)}”";
    }

    private static string Short(string text) => text.Length <= MaxTitleInLabel ? text : text[..(MaxTitleInLabel - 1)].TrimEnd() + "…";
}

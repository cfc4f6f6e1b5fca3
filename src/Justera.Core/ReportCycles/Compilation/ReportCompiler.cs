using System.Collections.Immutable;

namespace Justera.Core.ReportCycles.Compilation;

/// <summary>What a compile starts from: the year's structure, the cycle's units and the approved inputs.</summary>
/// <param name="Units">The cycle's units in the order the report lists them (the secretary's import order).</param>
/// <param name="ApprovedInputs">The approved input per unit id; a unit of the cycle without one is missing and is listed as such.</param>
public sealed record CompileSource(
    string Administration,
    ReportPeriod Period,
    DateOnly CompiledOn,
    YearStructure Structure,
    ImmutableArray<ReportingUnit> Units,
    IReadOnlyDictionary<string, UnitInput> ApprovedInputs);

/// <summary>
/// Compiles the units' approved inputs into the administration's report. Pure: the same source gives the same report,
/// so a compile can be repeated and its versions compared.
/// </summary>
public static class ReportCompiler
{
    /// <summary>Compiles <paramref name="source"/> into the report both document writers print.</summary>
    /// <exception cref="ArgumentException">An approved input names a unit that is not in the cycle.</exception>
    public static CompiledReport Compile(CompileSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var unitIds = source.Units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var stranger = source.ApprovedInputs.Keys.FirstOrDefault(id => !unitIds.Contains(id));
        if (stranger is not null)
            throw new ArgumentException($"The approved input for unit '{stranger}' belongs to no unit of the cycle.", nameof(source));

        var context = new Context(source);
        var goals = source.Structure.DirectionGoals.Select(context.Direction).ToImmutableArray();
        var chart = goals.SelectMany(Flatten)
            .Where(g => g.Assessment is not null)
            .Select(g => new GoalChartRow(g.Id, ChartLabel(g), ChartHeading(g), g.Assessment!.Fully, g.Assessment.Partly, g.Assessment.NotMet, g.Assessment.Missing))
            .ToImmutableArray();

        return new CompiledReport(
            source.Administration,
            source.Period,
            source.Structure.Year,
            source.CompiledOn,
            source.Units.Length,
            source.Units.Where(u => !source.ApprovedInputs.ContainsKey(u.Id)).ToImmutableArray(),
            goals,
            context.Economy(),
            context.Texts(input => input.GoodExamples),
            context.Texts(input => input.GenderEqualityAnalysis),
            context.Statuses(),
            chart);
    }

    private static IEnumerable<CompiledGoal> Flatten(CompiledGoal goal) => [goal, .. goal.Children.SelectMany(Flatten)];

    // The chart's axis has room for a short label; the full title is in the headings and in the table beside the chart.
    private static string ChartLabel(CompiledGoal goal)
    {
        const int room = 48;
        var text = ChartHeading(goal);
        return text.Length <= room ? text : string.Concat(text.AsSpan(0, room - 1).TrimEnd(), "…");
    }

    // A nämndmål's heading alone does not say which KF goal it serves; in a list of all goals it carries that number.
    private static string ChartHeading(CompiledGoal goal) =>
        goal.Level == GoalLevel.Board ? $"{goal.Number.TrimEnd('.')} Nämndmål: {goal.Title}" : goal.Heading;

    private sealed class Context
    {
        private readonly CompileSource _source;
        private readonly Dictionary<string, UnitAssignment> _assignments;
        private readonly Dictionary<string, HashSet<string>> _assigned = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, GoalAssessment>> _goals = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, IndicatorOutcome>> _indicators = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, ActivityStatus>> _activities = new(StringComparer.Ordinal);

        public Context(CompileSource source)
        {
            _source = source;
            // A unit may appear in the structure's assignments once; a later duplicate would be an import error, first wins here.
            _assignments = new Dictionary<string, UnitAssignment>(StringComparer.Ordinal);
            foreach (var assignment in source.Structure.Assignments)
            {
                // Goal, indicator and activity ids are unique across the structure, so one set per unit answers all three.
                if (_assignments.TryAdd(assignment.UnitId, assignment))
                {
                    _assigned[assignment.UnitId] = [.. Ids(assignment.GoalIds), .. Ids(assignment.IndicatorIds), .. Ids(assignment.ActivityIds)];
                }
            }

            // One lookup per unit and kind, so a report of 300 units × 60 goals never scans lists inside loops.
            foreach (var (unitId, input) in source.ApprovedInputs)
            {
                _goals[unitId] = ByKey(input.Goals, g => g.GoalId);
                _indicators[unitId] = ByKey(input.Indicators, i => i.IndicatorId);
                _activities[unitId] = ByKey(input.Activities, a => a.ActivityId);
            }
        }

        public CompiledGoal Direction(DirectionGoal goal) => Goal(
            goal.Id, GoalLevel.Direction, goal.Number, goal.Title, [], [], goal.AreaGoals.Select(Area).ToImmutableArray());

        private CompiledGoal Area(AreaGoal goal) => Goal(
            goal.Id, GoalLevel.Area, goal.Number, goal.Title, goal.Indicators, goal.Activities,
            goal.BoardGoals.Select(b => Goal(b.Id, GoalLevel.Board, goal.Number, b.Title, b.Indicators, b.Activities, [])).ToImmutableArray());

        private CompiledGoal Goal(
            string id,
            GoalLevel level,
            string number,
            string title,
            ImmutableArray<Indicator> indicators,
            ImmutableArray<PriorityActivity> activities,
            ImmutableArray<CompiledGoal> children)
        {
            var assigned = _source.Units.Where(u => Assigned(u, id)).ToList();
            AssessmentDistribution? distribution = null;
            var analyses = ImmutableArray.CreateBuilder<UnitAnalysis>();
            if (assigned.Count > 0)
            {
                int fully = 0, partly = 0, notMet = 0, missing = 0;
                foreach (var unit in assigned)
                {
                    var assessment = _goals.TryGetValue(unit.Id, out var goals) ? goals.GetValueOrDefault(id) : null;
                    switch (assessment?.Fulfilment)
                    {
                        case GoalFulfilment.Fully: fully++; break;
                        case GoalFulfilment.Partly: partly++; break;
                        case GoalFulfilment.NotMet: notMet++; break;
                        default: missing++; break;
                    }

                    if (assessment is not null && (assessment.Fulfilment is not null || !string.IsNullOrWhiteSpace(assessment.Analysis)))
                        analyses.Add(new UnitAnalysis(unit.Id, unit.Name, assessment.Fulfilment, assessment.Analysis.Trim()));
                }

                distribution = new AssessmentDistribution(fully, partly, notMet, missing);
            }

            return new CompiledGoal(
                id,
                level,
                number,
                title,
                distribution,
                distribution is null ? "" : SwedishSentences.Assessment(distribution),
                analyses.ToImmutable(),
                indicators.IsDefault ? [] : indicators.Select(IndicatorTable).ToImmutableArray(),
                activities.IsDefault ? 0 : activities.Length,
                activities.IsDefault ? [] : Deviations(activities),
                children);
        }

        private IndicatorTable IndicatorTable(Indicator indicator)
        {
            var rows = ImmutableArray.CreateBuilder<IndicatorRow>();
            foreach (var unit in _source.Units)
            {
                // Missing units have no figures; they are listed once at the start, not as empty rows in every table.
                if (!Assigned(unit, indicator.Id) || !_indicators.TryGetValue(unit.Id, out var outcomes))
                    continue;
                var outcome = outcomes.GetValueOrDefault(indicator.Id);
                rows.Add(new IndicatorRow(
                    unit.Name,
                    unit.Id,
                    unit.Department,
                    outcome?.Outcome,
                    indicator.SplitBySex ? outcome?.OutcomeMen : null,
                    indicator.SplitBySex ? outcome?.OutcomeWomen : null,
                    outcome?.FullYearForecast));
            }

            var built = rows.ToImmutable();
            IndicatorRow? total = indicator.Adds && built.Length > 0
                ? new IndicatorRow("Totalt", null, "", Sum(built, r => r.Outcome), Sum(built, r => r.OutcomeMen), Sum(built, r => r.OutcomeWomen), Sum(built, r => r.FullYearForecast))
                : null;
            return new IndicatorTable(indicator, built, total);
        }

        private ImmutableArray<ActivityDeviation> Deviations(ImmutableArray<PriorityActivity> activities)
        {
            var deviations = ImmutableArray.CreateBuilder<ActivityDeviation>();
            foreach (var activity in activities)
            {
                foreach (var unit in _source.Units)
                {
                    if (!Assigned(unit, activity.Id) || !_activities.TryGetValue(unit.Id, out var statuses))
                        continue;
                    if (statuses.GetValueOrDefault(activity.Id) is { Progress: ActivityProgress.PartlyOnPlan or ActivityProgress.NotOnPlan } status)
                        deviations.Add(new ActivityDeviation(activity, unit.Id, unit.Name, status.Progress.Value, status.Comment.Trim()));
                }
            }

            return deviations.ToImmutable();
        }

        public CompiledEconomy Economy()
        {
            var departments = new List<(string Name, List<EconomyLine> Units)>();
            var comments = ImmutableArray.CreateBuilder<UnitText>();
            foreach (var unit in _source.Units)
            {
                var rows = _assignments.TryGetValue(unit.Id, out var assignment) && !assignment.Budget.IsDefault ? assignment.Budget : [];
                var reported = _source.ApprovedInputs.TryGetValue(unit.Id, out var input);
                var forecasts = reported ? ByKey(input!.Economy, e => e.BudgetRowId) : [];
                decimal budget = 0, forecast = 0;
                var forecastMissing = !reported;
                foreach (var row in rows)
                {
                    budget += row.Budget;
                    var given = forecasts.GetValueOrDefault(row.Id)?.Forecast;
                    forecast += given ?? row.Budget;
                    forecastMissing |= given is null;
                }

                foreach (var comment in forecasts.Values.Where(f => !string.IsNullOrWhiteSpace(f.Comment)))
                    comments.Add(new UnitText(unit.Id, unit.Name, comment.Comment.Trim()));

                var department = departments.FindIndex(d => d.Name == unit.Department);
                if (department < 0)
                {
                    departments.Add((unit.Department, []));
                    department = departments.Count - 1;
                }

                departments[department].Units.Add(new EconomyLine(unit.Name, budget, forecast, forecastMissing && rows.Length > 0));
            }

            var blocks = departments
                .Select(d => new EconomyDepartment(Total(d.Name, d.Units), [.. d.Units]))
                .ToImmutableArray();
            return new CompiledEconomy(blocks, Total("Totalt", blocks.Select(b => b.Total).ToList()), comments.ToImmutable());
        }

        public ImmutableArray<UnitText> Texts(Func<UnitInput, string> text) =>
            _source.Units
                .Where(u => _source.ApprovedInputs.TryGetValue(u.Id, out var input) && !string.IsNullOrWhiteSpace(text(input)))
                .Select(u => new UnitText(u.Id, u.Name, text(_source.ApprovedInputs[u.Id]).Trim()))
                .ToImmutableArray();

        public ImmutableArray<UnitStatus> Statuses() =>
            _source.Units.Select(unit =>
            {
                if (!_goals.TryGetValue(unit.Id, out var goals))
                    return new UnitStatus(unit, Reported: false, 0, 0, 0);
                var assessed = goals.Values.Select(g => g.Fulfilment).ToList();
                return new UnitStatus(
                    unit,
                    Reported: true,
                    assessed.Count(f => f == GoalFulfilment.Fully),
                    assessed.Count(f => f == GoalFulfilment.Partly),
                    assessed.Count(f => f == GoalFulfilment.NotMet));
            }).ToImmutableArray();

        private bool Assigned(ReportingUnit unit, string id) =>
            _assigned.TryGetValue(unit.Id, out var ids) && ids.Contains(id);

        private static ImmutableArray<string> Ids(ImmutableArray<string> ids) => ids.IsDefault ? [] : ids;

        private static EconomyLine Total(string name, List<EconomyLine> lines) =>
            new(name, lines.Sum(l => l.Budget), lines.Sum(l => l.Forecast), lines.Any(l => l.ForecastMissing));

        private static decimal? Sum(ImmutableArray<IndicatorRow> rows, Func<IndicatorRow, decimal?> value)
        {
            decimal? sum = null;
            foreach (var row in rows)
            {
                if (value(row) is { } v)
                    sum = (sum ?? 0) + v;
            }

            return sum;
        }

        private static Dictionary<string, T> ByKey<T>(ImmutableArray<T> items, Func<T, string> key)
        {
            var byKey = new Dictionary<string, T>(StringComparer.Ordinal);
            if (items.IsDefault)
                return byKey;
            // A repeated id in one input is a form error the decider refuses; should one slip through, the first wins.
            foreach (var item in items)
                byKey.TryAdd(key(item), item);
            return byKey;
        }
    }
}

using System.Collections.Immutable;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Compilation;

namespace Justera.Core.Tests.ReportCycles.Compilation;

/// <summary>
/// A hand-made year: one inriktningsmål with two KF goals (1.1 with a nämndmål), five units in two departments,
/// one of them (Hemtjänst Söder) not approved. Every figure below is chosen so a wrong sum or order shows.
/// </summary>
public class ReportCompilerTests
{
    private static readonly Indicator Jobs = new("ind-jobs", "Antal aspiranter som fått Stockholmsjobb", "st", SplitBySex: true, 20m, 800m);
    private static readonly Indicator Share = new("ind-share", "Andel barn i familjer med ekonomiskt bistånd", "%", SplitBySex: false, 4.1m, null);
    private static readonly Indicator Housing = new("ind-housing", "Antal hushåll med bostadsvägledning", "st", SplitBySex: false, 25m, null);
    private static readonly PriorityActivity Sip = new("act-sip", "Implementering av intern SIP", new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31));
    private static readonly PriorityActivity Vida = new("act-vida", "Samverkan inom VIDA-projektet", new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31));

    private static readonly ReportingUnit Ekbi = Unit("u-ekbi", "Ekonomiskt bistånd", "Individ- och familjeomsorg");
    private static readonly ReportingUnit Vuxen = Unit("u-vuxen", "Vuxenenheten", "Individ- och familjeomsorg");
    private static readonly ReportingUnit Barn = Unit("u-barn", "Barn och ungdom", "Individ- och familjeomsorg");
    private static readonly ReportingUnit Satra = Unit("u-satra", "Sätra vård- och omsorgsboende", "Äldreomsorg");
    private static readonly ReportingUnit Hemtjanst = Unit("u-hemtj", "Hemtjänst Söder", "Äldreomsorg");

    private static readonly YearStructure Structure = new(
        2021,
        [
            new DirectionGoal("dg-1", "1", "En modern storstad med möjligheter och valfrihet för alla",
            [
                new AreaGoal("ag-1.1", "1.1", "I Stockholm är människor självförsörjande och vägen till arbete och svenskkunskaper är kort",
                    [Jobs, Share], [Sip, Vida],
                    [new BoardGoal("bg-1", "I Skärholmen är invånarna självförsörjande och vägen till arbete är kort", [Housing], [])]),
                new AreaGoal("ag-1.2", "1.2", "Stockholm är en trygg, säker och välskött stad att bo och vistas i", [], [], []),
            ]),
        ],
        [
            Assign(Ekbi, ["ag-1.1", "bg-1", "ag-1.2"], ["ind-jobs", "ind-share", "ind-housing"], ["act-sip", "act-vida"], [("b-ekbi", 99.5m)]),
            Assign(Vuxen, ["ag-1.1", "ag-1.2"], ["ind-jobs"], ["act-sip"], [("b-vuxen-1", 20.9m), ("b-vuxen-2", 10.0m)]),
            Assign(Barn, ["ag-1.1", "ag-1.2"], ["ind-jobs", "ind-share"], ["act-sip"], [("b-barn", 66.7m)]),
            Assign(Satra, ["ag-1.1", "ag-1.2"], [], [], [("b-satra", 48.0m)]),
            Assign(Hemtjanst, ["ag-1.1", "ag-1.2"], ["ind-jobs"], [], [("b-hemtj", 30.0m)]),
        ]);

    private static readonly ImmutableArray<ReportingUnit> Units = [Ekbi, Vuxen, Barn, Satra, Hemtjanst];

    private static readonly Dictionary<string, UnitInput> Approved = new()
    {
        [Ekbi.Id] = new UnitInput(
            [
                new("ag-1.1", GoalFulfilment.Fully, "Samverkan med Jobbtorg ger resultat."),
                new("bg-1", GoalFulfilment.Partly, "Fler sökande än väntat."),
                new("ag-1.2", GoalFulfilment.Partly, "Otryggheten har ökat."),
            ],
            [
                new("ind-jobs", 8m, 5m, 3m, 20m),
                new("ind-share", 4.1m, null, null, 4.1m),
                new("ind-housing", 7m, 1m, 6m, 25m),
            ],
            [new("act-sip", ActivityProgress.OnPlan, ""), new("act-vida", ActivityProgress.NotOnPlan, "Projektet pausat under pandemin.")],
            [new("b-ekbi", 99.0m, "")],
            "Samhällsvägledning för nyanlända.",
            "Fler kvinnor än män har ekonomiskt bistånd."),
        [Vuxen.Id] = new UnitInput(
            [new("ag-1.1", GoalFulfilment.Fully, ""), new("ag-1.2", GoalFulfilment.NotMet, "Brist på platser.")],
            [new("ind-jobs", 2m, 1m, 1m, 6m)],
            [new("act-sip", ActivityProgress.PartlyOnPlan, "Utbildning av ambassadörer försenad.")],
            [new("b-vuxen-1", 22.4m, "Dyra placeringar."), new("b-vuxen-2", 10.0m, "")],
            "",
            "  "),
        [Barn.Id] = new UnitInput(
            [new("ag-1.1", GoalFulfilment.Partly, "Färre feriejobb."), new("ag-1.2", null, "")],
            [new("ind-jobs", 3m, 2m, 1m, null), new("ind-share", 3.9m, null, null, 4.0m)],
            [new("act-sip", ActivityProgress.OnPlan, "")],
            [],
            "Familjehem i egen regi.",
            ""),
        [Satra.Id] = new UnitInput(
            [new("ag-1.1", GoalFulfilment.NotMet, "Lägre beläggning."), new("ag-1.2", GoalFulfilment.Fully, "")],
            [],
            [],
            [new("b-satra", 49.0m, "")],
            "",
            ""),
    };

    private static readonly DateOnly CompiledOn = new(2021, 5, 12);

    private static CompiledReport Compile() =>
        ReportCompiler.Compile(new CompileSource("Skärholmens stadsdelsförvaltning", ReportPeriod.T1, CompiledOn, Structure, Units, Approved));

    [Fact]
    public void GivenStructure_WhenCompiled_ThenGoalsInStructureOrderWithSeedHeadings()
    {
        var report = Compile();

        Assert.Equal(
            [
                "1. En modern storstad med möjligheter och valfrihet för alla",
                "1.1 I Stockholm är människor självförsörjande och vägen till arbete och svenskkunskaper är kort",
                "Nämndmål: I Skärholmen är invånarna självförsörjande och vägen till arbete är kort",
                "1.2 Stockholm är en trygg, säker och välskött stad att bo och vistas i",
            ],
            report.AllGoals.Select(g => g.Heading));
        Assert.Equal([GoalLevel.Direction, GoalLevel.Area, GoalLevel.Board, GoalLevel.Area], report.AllGoals.Select(g => g.Level));
        Assert.Equal("Tertialrapport 1 2021", report.Title);
    }

    [Fact]
    public void GivenFiveUnitsOneMissing_WhenCompiled_ThenDistributionCountsMissingAsSaknas()
    {
        var goal = Goal(Compile(), "ag-1.1");

        Assert.Equal(new AssessmentDistribution(Fully: 2, Partly: 1, NotMet: 1, Missing: 1), goal.Assessment);
        Assert.Equal(
            "Två av fem enheter bedömer att målet uppfylls helt, en delvis och en inte. En enhet har inte lämnat någon bedömning.",
            goal.AssessmentSentence);
    }

    [Fact]
    public void GivenReportedUnitWithoutFulfilment_WhenCompiled_ThenItCountsAsSaknas()
    {
        var goal = Goal(Compile(), "ag-1.2");

        // Barn och ungdom saved no assessment, Hemtjänst Söder is missing.
        Assert.Equal(new AssessmentDistribution(Fully: 1, Partly: 1, NotMet: 1, Missing: 2), goal.Assessment);
    }

    [Fact]
    public void GivenGoalNoUnitReportsOn_WhenCompiled_ThenNoAssessmentAndNoSentence()
    {
        var direction = Goal(Compile(), "dg-1");

        Assert.Null(direction.Assessment);
        Assert.Equal("", direction.AssessmentSentence);
    }

    [Fact]
    public void GivenAnalyses_WhenCompiled_ThenUnderEachUnitsNameInCycleOrderWithoutEmptyOnes()
    {
        var goal = Goal(Compile(), "ag-1.1");

        Assert.Equal(
            [
                ("Ekonomiskt bistånd", GoalFulfilment.Fully, "Samverkan med Jobbtorg ger resultat."),
                ("Vuxenenheten", GoalFulfilment.Fully, ""),
                ("Barn och ungdom", GoalFulfilment.Partly, "Färre feriejobb."),
                ("Sätra vård- och omsorgsboende", GoalFulfilment.NotMet, "Lägre beläggning."),
            ],
            goal.Analyses.Select(a => (a.UnitName, a.Fulfilment!.Value, a.Analysis)));
        Assert.DoesNotContain(Goal(Compile(), "ag-1.2").Analyses, a => a.UnitName == "Barn och ungdom");
    }

    [Fact]
    public void GivenIndicatorInSt_WhenCompiled_ThenTotalRowSumsWhatIsKnown()
    {
        var table = Goal(Compile(), "ag-1.1").Indicators.Single(t => t.Indicator.Id == "ind-jobs");

        Assert.Equal(["Ekonomiskt bistånd", "Vuxenenheten", "Barn och ungdom"], table.Rows.Select(r => r.Label));
        Assert.NotNull(table.Total);
        Assert.Equal("Totalt", table.Total.Label);
        Assert.Equal(13m, table.Total.Outcome);
        Assert.Equal(8m, table.Total.OutcomeMen);
        Assert.Equal(5m, table.Total.OutcomeWomen);
        // Barn och ungdom gave no forecast: the total is of the forecasts given, not a guess.
        Assert.Equal(26m, table.Total.FullYearForecast);
    }

    [Fact]
    public void GivenIndicatorInPercent_WhenCompiled_ThenNoTotalAndNoSexSplit()
    {
        var table = Goal(Compile(), "ag-1.1").Indicators.Single(t => t.Indicator.Id == "ind-share");

        Assert.Null(table.Total);
        Assert.Equal([4.1m, 3.9m], table.Rows.Select(r => r.Outcome!.Value));
        Assert.All(table.Rows, r => Assert.Null(r.OutcomeMen));
    }

    [Fact]
    public void GivenBoardGoalIndicator_WhenCompiled_ThenItsTableIsUnderTheBoardGoal()
    {
        var board = Goal(Compile(), "bg-1");

        var table = Assert.Single(board.Indicators);
        Assert.Equal("ind-housing", table.Indicator.Id);
        Assert.Equal(7m, table.Total!.Outcome);
        Assert.Equal("1.1", board.Number);
        Assert.Equal("Den enda enheten bedömer att målet uppfylls delvis.", board.AssessmentSentence);
    }

    [Fact]
    public void GivenActivities_WhenCompiled_ThenOnlyThoseNotOnPlanWithUnitAndComment()
    {
        var goal = Goal(Compile(), "ag-1.1");

        Assert.Equal(2, goal.ActivityCount);
        Assert.Equal(
            [
                ("act-sip", "Vuxenenheten", ActivityProgress.PartlyOnPlan, "Utbildning av ambassadörer försenad."),
                ("act-vida", "Ekonomiskt bistånd", ActivityProgress.NotOnPlan, "Projektet pausat under pandemin."),
            ],
            goal.ActivitiesNotOnPlan.Select(d => (d.Activity.Id, d.UnitName, d.Progress, d.Comment)));
    }

    [Fact]
    public void GivenBudgets_WhenCompiled_ThenDepartmentsWithVaravUnitsAndTotals()
    {
        var economy = Compile().Economy;

        Assert.Equal(["Individ- och familjeomsorg", "Äldreomsorg"], economy.Departments.Select(d => d.Total.Name));
        var ifo = economy.Departments[0];
        Assert.Equal(["Ekonomiskt bistånd", "Vuxenenheten", "Barn och ungdom"], ifo.Units.Select(u => u.Name));
        Assert.Equal((99.5m, 99.0m, 0.5m), (ifo.Units[0].Budget, ifo.Units[0].Forecast, ifo.Units[0].Variance));
        Assert.Equal((30.9m, 32.4m, -1.5m), (ifo.Units[1].Budget, ifo.Units[1].Forecast, ifo.Units[1].Variance));
        // Barn och ungdom gave no forecast: its budget stands in, and the row says so.
        Assert.Equal((66.7m, 66.7m, true), (ifo.Units[2].Budget, ifo.Units[2].Forecast, ifo.Units[2].ForecastMissing));
        Assert.Equal((197.1m, 198.1m, -1.0m), (ifo.Total.Budget, ifo.Total.Forecast, ifo.Total.Variance));

        var aldre = economy.Departments[1];
        Assert.Equal((78.0m, 79.0m, -1.0m), (aldre.Total.Budget, aldre.Total.Forecast, aldre.Total.Variance));
        Assert.True(aldre.Units.Single(u => u.Name == "Hemtjänst Söder").ForecastMissing);
        Assert.False(aldre.Units.Single(u => u.Name == "Sätra vård- och omsorgsboende").ForecastMissing);

        Assert.Equal(("Totalt", 275.1m, 277.1m, -2.0m), (economy.Total.Name, economy.Total.Budget, economy.Total.Forecast, economy.Total.Variance));
        Assert.Equal([("Vuxenenheten", "Dyra placeringar.")], economy.Comments.Select(c => (c.UnitName, c.Text)));
    }

    [Fact]
    public void GivenMissingUnit_WhenCompiled_ThenListedAndCoverageSaysSo()
    {
        var report = Compile();

        Assert.Equal(["u-hemtj"], report.MissingUnits.Select(u => u.Id));
        Assert.Equal(4, report.ReportedUnitCount);
        Assert.Equal("Rapporten bygger på godkänt underlag från fyra av fem enheter.", report.CoverageSentence);
        Assert.Equal([true, true, true, true, false], report.Units.Select(u => u.Reported));
        Assert.Equal((1, 2, 0), (report.Units[0].Fully, report.Units[0].Partly, report.Units[0].NotMet));
    }

    [Fact]
    public void GivenFreeTexts_WhenCompiled_ThenOnlyUnitsThatWroteSomething()
    {
        var report = Compile();

        Assert.Equal(["Ekonomiskt bistånd", "Barn och ungdom"], report.GoodExamples.Select(t => t.UnitName));
        Assert.Equal([("Ekonomiskt bistånd", "Fler kvinnor än män har ekonomiskt bistånd.")], report.GenderEqualityAnalyses.Select(t => (t.UnitName, t.Text)));
    }

    [Fact]
    public void GivenAssessedGoals_WhenCompiled_ThenChartHasOneRowPerAssessedGoalInOrder()
    {
        var chart = Compile().Chart;

        Assert.Equal(["ag-1.1", "bg-1", "ag-1.2"], chart.Select(c => c.GoalId));
        Assert.Equal((2, 1, 1, 1), (chart[0].Fully, chart[0].Partly, chart[0].NotMet, chart[0].Missing));
        Assert.Equal("1.1 Nämndmål: I Skärholmen är invånarna självfö…", chart[1].Label);
        Assert.Equal("1.1 Nämndmål: I Skärholmen är invånarna självförsörjande och vägen till arbete är kort", chart[1].Heading);
        Assert.True(chart.All(c => c.Label.Length <= 48));
    }

    [Fact]
    public void GivenInputForUnitOutsideCycle_WhenCompiled_ThenRefused()
    {
        var approved = new Dictionary<string, UnitInput>(Approved) { ["u-okand"] = UnitInput.Empty };

        Assert.Throws<ArgumentException>(() =>
            ReportCompiler.Compile(new CompileSource("Skärholmens stadsdelsförvaltning", ReportPeriod.T1, CompiledOn, Structure, Units, approved)));
    }

    [Fact]
    public void GivenAllApproved_WhenCompiled_ThenNoMissingUnits()
    {
        var approved = new Dictionary<string, UnitInput>(Approved) { [Hemtjanst.Id] = UnitInput.Empty };

        var report = ReportCompiler.Compile(new CompileSource("Skärholmens stadsdelsförvaltning", ReportPeriod.VB, CompiledOn, Structure, Units, approved));

        Assert.Empty(report.MissingUnits);
        Assert.Equal("Samtliga fem enheter har lämnat godkänt underlag.", report.CoverageSentence);
        Assert.Equal("Verksamhetsberättelse 2021", report.Title);
        // Hemtjänst Söder is approved but forecast nothing: its budget stands in and the row is marked.
        Assert.True(report.Economy.Departments[1].Units[1].ForecastMissing);
    }

    private static CompiledGoal Goal(CompiledReport report, string id) => report.AllGoals.Single(g => g.Id == id);

    private static ReportingUnit Unit(string id, string name, string department) =>
        new(id, name, department, new Person("Enhetschef " + name, id + "@example.org"), new Person("Avdelningschef", "avd@example.org"));

    private static UnitAssignment Assign(
        ReportingUnit unit,
        ImmutableArray<string> goals,
        ImmutableArray<string> indicators,
        ImmutableArray<string> activities,
        (string Id, decimal Budget)[] budget) =>
        new(unit.Id, goals, indicators, activities, [.. budget.Select(b => new BudgetRow(b.Id, "Verksamhet", b.Budget))]);
}

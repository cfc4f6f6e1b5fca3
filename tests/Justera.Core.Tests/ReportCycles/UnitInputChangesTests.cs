using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

public class UnitInputChangesTests
{
    [Fact]
    public void GivenTheSameInputBuiltTwice_WhenCompared_ThenNothingChanged()
    {
        Assert.Empty(UnitInputChanges.Between(CompleteInput(), CompleteInput(), Structure));
        Assert.True(UnitInputChanges.Same(CompleteInput(), CompleteInput(), Structure));
    }

    [Fact]
    public void GivenEveryKindOfField_WhenEachChanges_ThenEachIsNamedInSwedishWithItsGoalIndicatorActivityOrBudgetRowAndLongNamesShortened()
    {
        var older = CompleteInput();
        var newer = older with
        {
            Goals = [new GoalAssessment("g12", GoalFulfilment.NotMet, "Ny analys."), older.Goals[1]],
            Indicators = [older.Indicators[0] with { FullYearForecast = 80m }, older.Indicators[1] with { OutcomeWomen = 221m }],
            Activities = [new ActivityStatus("a-plats", ActivityProgress.OnPlan, "Kommentar.")],
            Economy = [older.Economy[0], older.Economy[1] with { Forecast = 3.4m }],
            GenderEqualityAnalysis = "Flickor och pojkar deltar lika.",
        };

        Assert.Equal(
        [
            ("mal[g12].maluppfyllelse", "Måluppfyllelse för mål 1.2 har ändrats."),
            ("mal[g12].analys", "Analys för mål 1.2 har ändrats."),
            ("indikator[i-trygg].prognos", "Prognos helår för indikatorn ”Andel stockholmare som upplever trygghet i den stadsdel där…” har ändrats."),
            ("indikator[i-besok].utfallKvinnor", $"Utfall för kvinnor för indikatorn ”{Besok.Name}” har ändrats."),
            ("aktivitet[a-plats].kommentar", "Kommentaren till aktiviteten ”Utveckla platssamverkan” har ändrats."),
            ("ekonomi[b-lokaler].prognos", "Prognos för budgetraden ”Lokaler” har ändrats."),
            ("jamstalldhetsanalys", "Jämställdhetsanalysen har ändrats."),
        ], UnitInputChanges.Between(older, newer, Structure).Select(c => (c.Field, c.Message)));
    }

    [Fact]
    public void GivenAGoalOnlyOneSideHasAnswered_WhenCompared_ThenItsAnswerCountsAsChanged()
    {
        var changes = UnitInputChanges.Between(UnitInput.Empty, DraftInput(), Structure);

        Assert.Equal(["mal[g12].maluppfyllelse", "mal[g12].analys"], changes.Select(c => c.Field));
    }

    [Fact]
    public void GivenABoardGoal_WhenItsAnalysisChanges_ThenTheMessageNamesTheBoardGoal()
    {
        var newer = CompleteInput() with { Goals = [CompleteInput().Goals[0], new GoalAssessment("n121", GoalFulfilment.Fully, "Tillägg.")] };

        Assert.Equal("Analys för nämndmålet ”Stadsdelsområdet är tryggt och säkert” har ändrats.",
            Assert.Single(UnitInputChanges.Between(CompleteInput(), newer, Structure)).Message);
    }
}

using Justera.Core.Links;
using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;
using static Justera.Core.Tests.ReportCycles.UnitHistory;

namespace Justera.Core.Tests.ReportCycles;

public class MarkReadyTests
{
    private static readonly DateTimeOffset At0 = At("2026-05-12T15:00");
    private static readonly ScopedLink MariaLink = DepartmentLink(Preschool, "maria-1");

    private static MarkReady Ready(UnitInput input, int basedOn = 0) => new(Norr.Id, Manager, input, basedOn, MariaLink, At0);

    private static IReadOnlyList<string> Problems(UnitInput input) =>
        [.. UnitScenario.Given([Started()], Opened).When(Ready(input)).ThenRefuses(CycleRefusalReason.Invalid).Fields.Select(f => f.Field)];

    [Fact]
    public void GivenAnOpenUnit_WhenItsManagerKlarmarkerarACompleteForm_ThenItIsSavedMarkedReadyAndTheDepartmentHeadGetsALink()
    {
        var outcome = UnitScenario.Given([Started()], Opened)
            .When(Ready(CompleteInput()))
            .Then(new DraftSaved(1, CompleteInput(), At0), new UnitMarkedReady(1, "hash-maria-1", At0))
            .ThenEffects(new MailDepartmentHead(Maria, Preschool, Norr.Id, Norr.Name, "token-maria-1"));

        Assert.Equal(UnitPhase.Ready, outcome.State.Phase);
    }

    [Fact]
    public void GivenTheCompleteFormIsSaved_WhenKlarmarkeradWithoutChanges_ThenMarkedReadyAtTheSameVersion()
    {
        UnitScenario.Given([Started()], Drafted(CompleteInput()))
            .When(Ready(CompleteInput(), basedOn: 1))
            .Then(new UnitMarkedReady(1, "hash-maria-1", At0));
    }

    [Fact]
    public void GivenItIsKlarmarkerad_WhenKlarmarkeraIsPressedAgain_ThenNothingHappens()
    {
        UnitScenario.Given([Started()], MarkedReady()).When(Ready(CompleteInput(), basedOn: 1)).ThenNothing();
    }

    [Fact]
    public void GivenAnEmptyForm_WhenKlarmarkerad_ThenEveryMissingAnswerIsAFieldError()
    {
        Assert.Equal(
        [
            "mal[g12].maluppfyllelse", "mal[n121].maluppfyllelse", "aktivitet[a-plats].status",
            "ekonomi[b-personal].prognos", "ekonomi[b-lokaler].prognos",
        ], Problems(UnitInput.Empty));
    }

    [Fact]
    public void GivenAGoalMetPartlyWithoutAnalysis_WhenKlarmarkerad_ThenRefusedAtThatAnalysis()
    {
        Assert.Equal(["mal[g12].analys"], Problems(CompleteInput(analysis: "  ")));
    }

    [Fact]
    public void GivenAGoalMetFullyWithoutAnalysis_WhenKlarmarkerad_ThenNoAnalysisIsAskedFor()
    {
        var input = CompleteInput() with { Goals = [new GoalAssessment("g12", GoalFulfilment.Fully, ""), new GoalAssessment("n121", GoalFulfilment.Fully, "")] };

        UnitScenario.Given([Started()], Opened).When(Ready(input)).Then(new DraftSaved(1, input, At0), new UnitMarkedReady(1, "hash-maria-1", At0));
    }

    [Fact]
    public void GivenAnActivityNotOnPlanWithoutComment_WhenKlarmarkerad_ThenRefusedAtItsComment()
    {
        var input = CompleteInput() with { Activities = [new ActivityStatus("a-plats", ActivityProgress.PartlyOnPlan, "")] };

        Assert.Equal(["aktivitet[a-plats].kommentar"], Problems(input));
    }

    [Fact]
    public void GivenAForecastDeviatingMoreThanTheThresholdWithoutComment_WhenKlarmarkerad_ThenRefusedAtItsComment()
    {
        var input = CompleteInput() with { Economy = [new EconomyForecast("b-personal", 13.1m, ""), new EconomyForecast("b-lokaler", 3.0m, "")] };

        var refusal = UnitScenario.Given([Started()], Opened).When(Ready(input)).ThenRefuses(CycleRefusalReason.Invalid, "ekonomi[b-personal].kommentar");

        Assert.Contains("\u22120,7 mnkr", refusal.Fields.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenADeviationExactlyAtTheThreshold_WhenKlarmarkerad_ThenNoCommentIsAskedFor()
    {
        var input = CompleteInput() with { Economy = [new EconomyForecast("b-personal", 11.9m, ""), new EconomyForecast("b-lokaler", 3.5m, "")] };

        UnitScenario.Given([Started()], Opened).When(Ready(input)).Then(new DraftSaved(1, input, At0), new UnitMarkedReady(1, "hash-maria-1", At0));
    }

    [Fact]
    public void GivenASplitIndicatorWithAnOutcomeButNoWomen_WhenKlarmarkerad_ThenRefusedAtWomen()
    {
        var input = CompleteInput() with { Indicators = [new IndicatorOutcome("i-besok", 400m, 180m, null, null)] };

        Assert.Equal(["indikator[i-besok].utfallKvinnor"], Problems(input));
    }

    [Fact]
    public void GivenMenAndWomenForAnIndicatorNotSplit_WhenSaved_ThenRefusedAtMen()
    {
        var input = CompleteInput() with { Indicators = [new IndicatorOutcome("i-trygg", 70m, 60m, 80m, null)] };

        Assert.Equal(["indikator[i-trygg].utfallMan"], Problems(input));
    }

    [Fact]
    public void GivenANegativeCount_WhenKlarmarkerad_ThenRefusedAtThatCount()
    {
        var input = CompleteInput() with { Indicators = [new IndicatorOutcome("i-besok", -4m, 0m, 0m, null)] };

        Assert.Equal(["indikator[i-besok].utfall"], Problems(input));
    }

    [Fact]
    public void GivenAnIndicatorAndABudgetRowOfAnotherUnit_WhenKlarmarkerad_ThenRefusedAtEach()
    {
        var input = CompleteInput() with
        {
            Indicators = [new IndicatorOutcome("i-annan", 1m, null, null, null)],
            Economy = [.. CompleteInput().Economy, new EconomyForecast("b-annan", 1m, "")],
        };

        Assert.Equal(["indikator[i-annan]", "ekonomi[b-annan]"], Problems(input));
    }

    [Fact]
    public void GivenAGoalTwice_WhenKlarmarkerad_ThenRefusedAtThatGoal()
    {
        var input = CompleteInput() with { Goals = [.. CompleteInput().Goals, new GoalAssessment("g12", GoalFulfilment.Fully, "")] };

        Assert.Equal(["mal[g12]"], Problems(input));
    }

    [Fact]
    public void GivenTextsOf55000CharactersInAll_WhenKlarmarkerad_ThenRefusedForTheTotal()
    {
        var input = CompleteInput(analysis: new string('a', 9_000)) with
        {
            GoodExamples = new string('b', 10_000),
            GenderEqualityAnalysis = new string('c', 10_000),
            Activities = [new ActivityStatus("a-plats", ActivityProgress.NotOnPlan, new string('d', 10_000))],
            Economy = [new EconomyForecast("b-personal", 12.2m, new string('e', 10_000)), new EconomyForecast("b-lokaler", 3.1m, new string('f', 6_001))],
        };

        Assert.Equal(["texter"], Problems(input));
    }

    [Fact]
    public void GivenTextsOf50000CharactersInAll_WhenKlarmarkerad_ThenAccepted()
    {
        var input = CompleteInput(analysis: new string('a', 10_000)) with
        {
            GoodExamples = new string('b', 10_000),
            GenderEqualityAnalysis = new string('c', 10_000),
            Activities = [new ActivityStatus("a-plats", ActivityProgress.NotOnPlan, new string('d', 10_000))],
            Economy = [new EconomyForecast("b-personal", 12.2m, new string('e', 10_000)), new EconomyForecast("b-lokaler", 3.1m, "")],
        };

        Assert.Null(UnitScenario.Given([Started()], Opened).When(Ready(input)).Decision.Refusal);
    }

    [Fact]
    public void GivenSomeoneSavedMeanwhile_WhenAnOlderFormIsKlarmarkerad_ThenRefusedAsStale()
    {
        UnitScenario.Given([Started()], Drafted(DraftInput(), DraftInput("Annans text.")))
            .When(Ready(CompleteInput(), basedOn: 1))
            .ThenRefuses(CycleRefusalReason.Stale, "mal[g12].analys");
    }

    [Fact]
    public void GivenTheUnitIsApproved_WhenKlarmarkeradAgainWithChanges_ThenRefused()
    {
        UnitScenario.Given([Started()], Approved()).When(Ready(CompleteInput("Ny analys."), basedOn: 1)).ThenRefuses(CycleRefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenAnotherUnitsLink_WhenKlarmarkerad_ThenRefusedAsALinkForAnotherUnit()
    {
        UnitScenario.Given([Started()], Opened)
            .When(Ready(CompleteInput()) with { By = Credential(UnitLink(Stod, "norr-req")) })
            .ThenRefuses(CycleRefusalReason.WrongScope);
    }
}

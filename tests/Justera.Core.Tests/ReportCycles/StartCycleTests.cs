using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

public class StartCycleTests
{
    [Fact]
    public void GivenNoCycle_WhenTheSecretaryStartsT1_ThenTheCycleRecordsItsUnitsDeadlineThresholdAndStructureHashAndMailsNobodyYet()
    {
        var outcome = CycleScenario.Given()
            .When(Start())
            .Then(Started())
            .ThenEffects();

        var cycle = Assert.IsType<ReportCycleState.Open>(outcome.State).Cycle;
        Assert.Equal("t1-2026", cycle.Id);
        Assert.Equal(Deadline, cycle.DeadlineFor(Norr.Id));
    }

    [Fact]
    public void GivenChosenUnits_WhenStarted_ThenOnlyThoseAreInTheCycle()
    {
        var outcome = CycleScenario.Given().When(Start(units: [Norr]));

        Assert.Equal([Norr], Assert.IsType<ReportCycleState.Open>(outcome.State).Cycle.Units);
    }

    [Fact]
    public void GivenTheCycleStarted_WhenTheSameStartFormArrivesAgain_ThenNothingHappens()
    {
        CycleScenario.Given(Started()).When(Start(at: StartedAt.AddSeconds(3))).ThenNothing();
    }

    [Fact]
    public void GivenT1Started_WhenAnotherStartForT1OfTheSameYearArrives_ThenRefusedAsAlreadyStarted()
    {
        var refusal = CycleScenario.Given(Started())
            .When(Start() with { FormKey = "form-other", Deadline = new DateOnly(2026, 5, 29) })
            .ThenRefuses(CycleRefusalReason.AlreadyStarted);

        Assert.Contains("tertialrapport 1 2026", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenT1AndT2OfOneYear_WhenTheirIdsAreDerived_ThenTheyDifferAndReadBack()
    {
        Assert.Equal("t1-2026", ReportCycleIds.For(ReportPeriod.T1, 2026));
        Assert.Equal("vb-2025", ReportCycleIds.For(ReportPeriod.VB, 2025));
        Assert.True(ReportCycleIds.IsCycleId("t2-2026"));
        Assert.False(ReportCycleIds.IsCycleId("t3-2026"));
        Assert.False(ReportCycleIds.IsCycleId("T1-2026"));
    }

    [Theory]
    [InlineData("2026-05-14", "Kristi himmelsfärdsdag")]
    [InlineData("2026-05-16", "lördag")]
    [InlineData("2026-06-19", "midsommarafton")]
    public void GivenADeadlineThatIsNotAWorkingDay_WhenStarted_ThenRefusedAtTheDeadlineNamingTheDay(string day, string named)
    {
        var refusal = CycleScenario.Given().When(Start(deadline: DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)))
            .ThenRefuses(CycleRefusalReason.Invalid, "deadline");

        Assert.Contains(named, refusal.Fields.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenADeadlineInThePast_WhenStarted_ThenRefusedAtTheDeadline()
    {
        CycleScenario.Given().When(Start(deadline: new DateOnly(2026, 4, 30))).ThenRefuses(CycleRefusalReason.Invalid, "deadline");
    }

    [Fact]
    public void GivenTheDeadlineIsToday_WhenStarted_ThenStarted()
    {
        CycleScenario.Given().When(Start(deadline: new DateOnly(2026, 5, 4))).Then(Started(deadline: new DateOnly(2026, 5, 4)));
    }

    [Fact]
    public void GivenAStructureForAnotherYear_WhenStarted_ThenRefusedAtTheYear()
    {
        CycleScenario.Given().When(Start() with { Year = 2027 }).ThenRefuses(CycleRefusalReason.Invalid, "year");
    }

    [Fact]
    public void GivenAUnitTwice_WhenStarted_ThenRefusedAtTheSecond()
    {
        CycleScenario.Given().When(Start(units: [Stod, Norr, Stod])).ThenRefuses(CycleRefusalReason.Invalid, "units[2]");
    }

    [Fact]
    public void GivenAUnitTheStructureDoesNotKnow_WhenStarted_ThenRefusedAtThatUnit()
    {
        var unknown = new ReportingUnit("u-okand", "Okänd enhet", Social, Lena, Per);

        CycleScenario.Given().When(Start(units: [Stod, unknown])).ThenRefuses(CycleRefusalReason.Invalid, "units[1]");
    }

    [Fact]
    public void GivenAManagerWithoutAValidAddress_WhenStarted_ThenRefusedAtThatAddress()
    {
        var broken = Norr with { Manager = new Person("Omar Said", "omar.said.example.org") };

        CycleScenario.Given().When(Start(units: [Stod, broken])).ThenRefuses(CycleRefusalReason.Invalid, "units[1].manager.email");
    }

    [Fact]
    public void GivenNoUnits_WhenStarted_ThenRefused()
    {
        CycleScenario.Given().When(Start(units: [])).ThenRefuses(CycleRefusalReason.Invalid, "units");
    }

    [Fact]
    public void GivenANegativeThreshold_WhenStarted_ThenRefusedAtTheThreshold()
    {
        CycleScenario.Given().When(Start() with { DeviationThreshold = -1m }).ThenRefuses(CycleRefusalReason.Invalid, "deviationThreshold");
    }

    [Fact]
    public void GivenNoCycle_WhenAnythingElseArrives_ThenRefusedAsNotFound()
    {
        CycleScenario.Given().When(new ExtendDeadline(null, new DateOnly(2026, 5, 22), StartedAt)).ThenRefuses(CycleRefusalReason.NotFound);
        CycleScenario.Given().When(new Tick([], [], StartedAt)).ThenRefuses(CycleRefusalReason.NotFound);
    }
}

using Justera.Core.Links;
using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;
using static Justera.Core.Tests.ReportCycles.UnitHistory;

namespace Justera.Core.Tests.ReportCycles;

public class SaveDraftTests
{
    private static readonly DateTimeOffset SavedAt = At("2026-05-07T16:00");

    [Fact]
    public void GivenTheUnitIsOpen_WhenItsManagerSavesADraft_ThenVersionOneIsSaved()
    {
        var outcome = UnitScenario.Given([Started()], Opened)
            .When(new SaveDraft(Norr.Id, Manager, DraftInput(), 0, SavedAt))
            .Then(new DraftSaved(1, DraftInput(), SavedAt))
            .ThenEffects();

        Assert.Equal(UnitPhase.Draft, outcome.State.Phase);
    }

    [Fact]
    public void GivenVersionOne_WhenSavedOnTopOfIt_ThenVersionTwo()
    {
        UnitScenario.Given([Started()], Drafted(DraftInput()))
            .When(new SaveDraft(Norr.Id, Manager, DraftInput("Andra utkastet."), 1, SavedAt))
            .Then(new DraftSaved(2, DraftInput("Andra utkastet."), SavedAt));
    }

    [Fact]
    public void GivenNothingChanged_WhenSaved_ThenNothingHappens()
    {
        UnitScenario.Given([Started()], Drafted(DraftInput()))
            .When(new SaveDraft(Norr.Id, Manager, DraftInput(), 1, SavedAt))
            .ThenNothing();
    }

    [Fact]
    public void GivenTheSaveWasStored_WhenTheSameSaveArrivesAgain_ThenNothingHappens()
    {
        UnitScenario.Given([Started()], Drafted(DraftInput(), DraftInput("Andra utkastet.")))
            .When(new SaveDraft(Norr.Id, Manager, DraftInput("Andra utkastet."), 1, SavedAt))
            .ThenNothing();
    }

    [Fact]
    public void GivenSomeoneSavedVersionTwoMeanwhile_WhenAFormOpenedAtVersionOneIsSaved_ThenRefusedAsStaleListingWhatChanged()
    {
        var theirs = DraftInput("Analysen som sparades i ett annat fönster.") with { GoodExamples = "Öppen förskola på lördagar." };

        var refusal = UnitScenario.Given([Started()], Drafted(DraftInput(), theirs))
            .When(new SaveDraft(Norr.Id, Manager, DraftInput("Min version av analysen."), 1, SavedAt))
            .ThenRefuses(CycleRefusalReason.Stale);

        Assert.Equal(
            [("mal[g12].analys", "Analys för mål 1.2 har ändrats."), ("godaExempel", "Goda exempel har ändrats.")],
            refusal.Fields.Select(f => (f.Field, f.Message)));
        Assert.Contains("version 2", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenVersionOne_WhenAFormClaimsVersionFive_ThenRefusedAtTheVersion()
    {
        UnitScenario.Given([Started()], Drafted(DraftInput()))
            .When(new SaveDraft(Norr.Id, Manager, DraftInput("x"), 5, SavedAt))
            .ThenRefuses(CycleRefusalReason.Invalid, "basedOnVersion");
    }

    [Fact]
    public void GivenAGoalTheUnitDoesNotReportOn_WhenSaved_ThenRefusedAtThatGoal()
    {
        var input = DraftInput() with { Goals = [new GoalAssessment("g99", GoalFulfilment.Fully, "")] };

        UnitScenario.Given([Started()], Opened).When(new SaveDraft(Norr.Id, Manager, input, 0, SavedAt))
            .ThenRefuses(CycleRefusalReason.Invalid, "mal[g99]");
    }

    [Fact]
    public void GivenAShareOver100Percent_WhenSaved_ThenRefusedAtThatOutcome()
    {
        var input = UnitInput.Empty with { Indicators = [new IndicatorOutcome("i-trygg", 112m, null, null, null)] };

        UnitScenario.Given([Started()], Opened).When(new SaveDraft(Norr.Id, Manager, input, 0, SavedAt))
            .ThenRefuses(CycleRefusalReason.Invalid, "indikator[i-trygg].utfall");
    }

    [Fact]
    public void GivenAnAnalysisOf10001Characters_WhenSaved_ThenRefusedAtThatAnalysis()
    {
        UnitScenario.Given([Started()], Opened).When(new SaveDraft(Norr.Id, Manager, DraftInput(new string('a', 10_001)), 0, SavedAt))
            .ThenRefuses(CycleRefusalReason.Invalid, "mal[g12].analys");
    }

    [Fact]
    public void GivenTheLinkOfTheCyclesReminder_WhenTheManagerSavesThroughIt_ThenSaved()
    {
        var reminded = new RemindersSent([new UnitReminded(Norr.Id, UnitReminderKind.BeforeDeadline, "hash-norr-rem")], [], At("2026-05-11T09:00"));

        UnitScenario.Given([Started(), reminded], Opened)
            .When(new SaveDraft(Norr.Id, Credential(UnitLink(Norr, "norr-rem")), DraftInput(), 0, SavedAt))
            .Then(new DraftSaved(1, DraftInput(), SavedAt));
    }

    [Fact]
    public void GivenLenasLinkForStod_WhenUsedToSaveNorr_ThenRefusedAsALinkForAnotherUnit()
    {
        var refusal = UnitScenario.Given([Started()], Opened)
            .When(new SaveDraft(Norr.Id, Credential(UnitLink(Stod, "stod-req")), DraftInput(), 0, SavedAt))
            .ThenRefuses(CycleRefusalReason.WrongScope);

        Assert.Contains("en annan enhet", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAForgedToken_WhenUsedToSave_ThenRefusedAsUnknown()
    {
        UnitScenario.Given([Started()], Opened)
            .When(new SaveDraft(Norr.Id, Credential(UnitLink(Norr, "guessed")), DraftInput(), 0, SavedAt))
            .ThenRefuses(CycleRefusalReason.UnknownLink);
    }

    [Fact]
    public void GivenALinkOfLastYearsCycle_WhenUsedToSave_ThenRefusedAsUnknown()
    {
        var old = new LinkCredential(new CycleLink("t1-2025", LinkHolder.UnitManager, Norr.Id), "hash-norr-req");

        UnitScenario.Given([Started()], Opened).When(new SaveDraft(Norr.Id, old, DraftInput(), 0, SavedAt)).ThenRefuses(CycleRefusalReason.UnknownLink);
    }

    [Fact]
    public void GivenTheDepartmentHeadsLink_WhenUsedToSave_ThenRefusedAsTheOtherRole()
    {
        UnitScenario.Given([Started()], MarkedReady()[0])
            .When(new SaveDraft(Norr.Id, Head, DraftInput(), 0, SavedAt))
            .ThenRefuses(CycleRefusalReason.WrongScope);
    }

    [Fact]
    public void GivenTheUnitIsKlarmarkerad_WhenItsManagerSaves_ThenRefusedUntilSentBack()
    {
        UnitScenario.Given([Started()], MarkedReady())
            .When(new SaveDraft(Norr.Id, Manager, DraftInput("Ändrat i efterhand."), 1, SavedAt))
            .ThenRefuses(CycleRefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenTheUnitIsApproved_WhenItsManagerSaves_ThenRefused()
    {
        var refusal = UnitScenario.Given([Started()], Approved())
            .When(new SaveDraft(Norr.Id, Manager, DraftInput("Ändrat efter godkännandet."), 1, SavedAt))
            .ThenRefuses(CycleRefusalReason.WrongPhase);

        Assert.Contains("godkänd", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheCycleIsClosed_WhenTheManagersLinkIsUsed_ThenRefusedBecauseThePeriodIsClosed()
    {
        var refusal = UnitScenario.Given([Started(), new CycleClosed([Norr.Id], "Eva Holm", SavedAt)], Drafted(DraftInput()))
            .When(new SaveDraft(Norr.Id, Manager, DraftInput("Sent."), 1, SavedAt.AddHours(1)))
            .ThenRefuses(CycleRefusalReason.Closed);

        Assert.StartsWith("Perioden är stängd", refusal.Message, StringComparison.Ordinal);
    }
}

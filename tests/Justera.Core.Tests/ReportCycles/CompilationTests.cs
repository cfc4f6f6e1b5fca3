using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

public class CompilationTests
{
    private static readonly DateTimeOffset ClosedAt = At("2026-05-25T10:00");
    private static readonly DateTimeOffset CompiledAt = At("2026-05-25T10:01");
    private const string RoundId = "5b1d0c3e9a7f4e2d8c6b4a2f1e0d9c8b";

    private static ReportCycleEvent[] Closed() => [Started(), new CycleClosed([Norr.Id], "Eva Holm", ClosedAt), new CompilationRequested(1, ClosedAt)];

    private static CompilationRecorded Version1 { get; } = new(1, "cycles/t1-2026/report-v1.docx", "cycles/t1-2026/report-v1.xlsx", CompiledAt);

    [Fact]
    public void GivenTheFirstCompilationWasAskedFor_WhenItIsStored_ThenRecorded()
    {
        var outcome = CycleScenario.Given(Closed())
            .When(new RecordCompilation(1, Version1.DocxBlobName, Version1.XlsxBlobName, CompiledAt))
            .Then(Version1);

        Assert.Equal([new CompiledReportVersion(1, Version1.DocxBlobName, Version1.XlsxBlobName, CompiledAt)], outcome.State.CycleOrNull!.Compilations);
    }

    [Fact]
    public void GivenVersionOneIsStored_WhenTheCompileActivityRecordsItAgain_ThenNothingHappens()
    {
        CycleScenario.Given([.. Closed(), Version1])
            .When(new RecordCompilation(1, Version1.DocxBlobName, Version1.XlsxBlobName, CompiledAt.AddSeconds(9)))
            .ThenNothing();
    }

    [Fact]
    public void GivenVersionOneIsStored_WhenOtherFilesAreRecordedAsVersionOne_ThenRefusedAndTheFirstStands()
    {
        CycleScenario.Given([.. Closed(), Version1])
            .When(new RecordCompilation(1, "other.docx", "other.xlsx", CompiledAt.AddSeconds(9)))
            .ThenRefuses(CycleRefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenVersionOneIsStored_WhenTheSecretaryAsksForAnother_ThenVersionTwoIsAskedFor()
    {
        CycleScenario.Given([.. Closed(), Version1])
            .When(new RequestCompilation(CompiledAt.AddHours(1)))
            .Then(new CompilationRequested(2, CompiledAt.AddHours(1)))
            .ThenEffects(new CompileReport(2));
    }

    [Fact]
    public void GivenOnlyVersionOneWasAskedFor_WhenVersionTwoIsRecorded_ThenRefusedAtTheNumber()
    {
        CycleScenario.Given(Closed()).When(new RecordCompilation(2, "a.docx", "a.xlsx", CompiledAt)).ThenRefuses(CycleRefusalReason.Invalid, "number");
    }

    [Fact]
    public void GivenNoBlobName_WhenRecorded_ThenRefusedAtTheBlobName()
    {
        CycleScenario.Given(Closed()).When(new RecordCompilation(1, "", "a.xlsx", CompiledAt)).ThenRefuses(CycleRefusalReason.Invalid, "docxBlobName");
    }

    [Fact]
    public void GivenTheCycleIsOpen_WhenACompilationIsAskedFor_ThenRefusedUntilItIsClosed()
    {
        CycleScenario.Given(Started()).When(new RequestCompilation(ClosedAt)).ThenRefuses(CycleRefusalReason.WrongPhase);
        CycleScenario.Given(Started()).When(new RecordCompilation(1, "a.docx", "a.xlsx", ClosedAt)).ThenRefuses(CycleRefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenCompilingFailed_WhenReported_ThenRecordedAndTheSecretaryToldOnce()
    {
        var outcome = CycleScenario.Given(Closed())
            .When(new ReportCompilationFailure(1, "Lagringen svarade inte.", CompiledAt))
            .Then(new CompilationFailed(1, "Lagringen svarade inte.", CompiledAt))
            .ThenEffects(new NotifyCycleSecretary(Eva, CycleNotice.CompilationFailed, ["Lagringen svarade inte."]));

        Assert.Equal(new CompilationFailure(1, "Lagringen svarade inte.", CompiledAt), outcome.State.CycleOrNull!.CompilationFailure);
    }

    [Fact]
    public void GivenCompilingFailed_WhenTheSameFailureIsReportedAgain_ThenNothingHappens()
    {
        CycleScenario.Given([.. Closed(), new CompilationFailed(1, "Lagringen svarade inte.", CompiledAt)])
            .When(new ReportCompilationFailure(1, "Lagringen svarade inte.", CompiledAt.AddMinutes(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenCompilingFailed_WhenAnotherReasonFollows_ThenRecordedWithoutMailingTheSecretaryAgain()
    {
        CycleScenario.Given([.. Closed(), new CompilationFailed(1, "Lagringen svarade inte.", CompiledAt)])
            .When(new ReportCompilationFailure(1, "Minnet tog slut.", CompiledAt.AddMinutes(1)))
            .Then(new CompilationFailed(1, "Minnet tog slut.", CompiledAt.AddMinutes(1)))
            .ThenEffects();
    }

    [Fact]
    public void GivenCompilingFailedThenSucceeded_WhenRecorded_ThenTheFailureIsCleared()
    {
        var outcome = CycleScenario.Given([.. Closed(), new CompilationFailed(1, "Lagringen svarade inte.", CompiledAt)])
            .When(new RecordCompilation(1, Version1.DocxBlobName, Version1.XlsxBlobName, CompiledAt));

        Assert.Null(outcome.State.CycleOrNull!.CompilationFailure);
    }

    [Fact]
    public void GivenACompiledReport_WhenTheSecretaryLinksTheJusteringRound_ThenTheCycleFollowsIt()
    {
        var outcome = CycleScenario.Given([.. Closed(), Version1])
            .When(new LinkJusteringRound(RoundId, CompiledAt.AddDays(3)))
            .Then(new JusteringRoundLinked(RoundId, CompiledAt.AddDays(3)));

        Assert.Equal(RoundId, outcome.State.CycleOrNull!.JusteringRoundId);
    }

    [Fact]
    public void GivenTheRoundIsLinked_WhenLinkedAgain_ThenNothingHappens()
    {
        CycleScenario.Given([.. Closed(), Version1, new JusteringRoundLinked(RoundId, CompiledAt)])
            .When(new LinkJusteringRound(RoundId, CompiledAt.AddMinutes(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenNothingCompiled_WhenTheRoundIsLinked_ThenRefused()
    {
        CycleScenario.Given(Closed()).When(new LinkJusteringRound(RoundId, CompiledAt)).ThenRefuses(CycleRefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenAMalformedRoundId_WhenLinked_ThenRefusedAtTheRoundId()
    {
        CycleScenario.Given([.. Closed(), Version1]).When(new LinkJusteringRound("../rounds", CompiledAt)).ThenRefuses(CycleRefusalReason.Invalid, "roundId");
    }
}

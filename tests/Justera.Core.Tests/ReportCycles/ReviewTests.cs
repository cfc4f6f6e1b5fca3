using Justera.Core.Links;
using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;
using static Justera.Core.Tests.ReportCycles.UnitHistory;

namespace Justera.Core.Tests.ReportCycles;

/// <summary>The department head approves or sends back a klarmarkerad report.</summary>
public class ReviewTests
{
    private const string Comment = "Analysen av trygghet behöver utvecklas.";
    private static readonly ScopedLink NewManagerLink = UnitLink(Norr, "norr-back");

    private static SendBack Back(string comment = Comment, LinkCredential? by = null, int version = 1) =>
        new(Norr.Id, by ?? Head, "Maria Lund", version, comment, NewManagerLink, ReviewedAt);

    [Fact]
    public void GivenKlarmarkerad_WhenTheDepartmentHeadApproves_ThenApprovedAndTheManagerTold()
    {
        var outcome = UnitScenario.Given([Started()], MarkedReady())
            .When(new Approve(Norr.Id, Head, "Maria Lund", 1, ReviewedAt))
            .Then(new UnitApproved(1, "Maria Lund", ReviewedAt))
            .ThenEffects(new MailUnitManager(UnitManagerMail.Approved, Omar, Norr.Id, Norr.Name, Deadline, null, null));

        Assert.Equal(UnitPhase.Approved, outcome.State.Phase);
    }

    [Fact]
    public void GivenApproved_WhenTheApprovalArrivesAgain_ThenNothingHappens()
    {
        UnitScenario.Given([Started()], Approved()).When(new Approve(Norr.Id, Head, "Maria Lund", 1, ReviewedAt.AddSeconds(2))).ThenNothing();
    }

    [Fact]
    public void GivenAnEscalationLinkOfTheDepartment_WhenTheHeadApprovesThroughIt_ThenApproved()
    {
        var escalated = new RemindersSent([], [new DepartmentEscalated(Preschool, [Norr.Id], [Norr.Id], "hash-maria-esc")], At("2026-05-12T09:00"));

        UnitScenario.Given([Started(), escalated], MarkedReady())
            .When(new Approve(Norr.Id, Credential(DepartmentLink(Preschool, "maria-esc")), "Maria Lund", 1, ReviewedAt))
            .Then(new UnitApproved(1, "Maria Lund", ReviewedAt));
    }

    [Fact]
    public void GivenTheOtherDepartmentsHead_WhenApproving_ThenRefusedAsALinkForAnotherDepartment()
    {
        var refusal = UnitScenario.Given([Started()], MarkedReady())
            .When(new Approve(Norr.Id, Credential(DepartmentLink(Social, "maria-1")), "Per Holm", 1, ReviewedAt))
            .ThenRefuses(CycleRefusalReason.WrongScope);

        Assert.Contains("en annan avdelning", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheManagersLink_WhenUsedToApprove_ThenRefusedAsTheOtherRole()
    {
        UnitScenario.Given([Started()], MarkedReady()).When(new Approve(Norr.Id, Manager, "Omar Said", 1, ReviewedAt)).ThenRefuses(CycleRefusalReason.WrongScope);
    }

    [Fact]
    public void GivenADraftAndADepartmentLinkNeverIssued_WhenTheHeadApproves_ThenRefusedAsUnknown()
    {
        UnitScenario.Given([Started()], Drafted(DraftInput())).When(new Approve(Norr.Id, Head, "Maria Lund", 1, ReviewedAt)).ThenRefuses(CycleRefusalReason.UnknownLink);
    }

    [Fact]
    public void GivenADraftAndAnEscalationLink_WhenTheHeadApproves_ThenRefusedAsNotKlarmarkerad()
    {
        var escalated = new RemindersSent([], [new DepartmentEscalated(Preschool, [Norr.Id], [Norr.Id], "hash-maria-esc")], At("2026-05-12T09:00"));

        UnitScenario.Given([Started(), escalated], Drafted(DraftInput()))
            .When(new Approve(Norr.Id, Credential(DepartmentLink(Preschool, "maria-esc")), "Maria Lund", 1, ReviewedAt))
            .ThenRefuses(CycleRefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenSentBackAndKlarmarkeradAgain_WhenTheHeadApprovesTheOldVersion_ThenRefusedAsStale()
    {
        UnitReportEvent[] history = [.. SentBack(), new DraftSaved(2, CompleteInput("Utvecklad analys."), ReviewedAt.AddHours(2)), new UnitMarkedReady(2, "hash-maria-2", ReviewedAt.AddHours(2))];

        UnitScenario.Given([Started()], history).When(new Approve(Norr.Id, Head, "Maria Lund", 1, ReviewedAt.AddHours(3))).ThenRefuses(CycleRefusalReason.Stale);
    }

    [Fact]
    public void GivenKlarmarkerad_WhenTheHeadSendsItBackWithAComment_ThenTheManagerGetsTheCommentAndANewLinkAndCanEditAgain()
    {
        var outcome = UnitScenario.Given([Started()], MarkedReady())
            .When(Back())
            .Then(new UnitSentBack(1, Comment, "Maria Lund", "hash-norr-back", ReviewedAt))
            .ThenEffects(new MailUnitManager(UnitManagerMail.SentBack, Omar, Norr.Id, Norr.Name, Deadline, "token-norr-back", Comment));

        Assert.Equal(UnitPhase.SentBack, outcome.State.Phase);
        UnitScenario.Given([Started()], [.. MarkedReady(), .. outcome.Decision.Events])
            .When(new SaveDraft(Norr.Id, Credential(NewManagerLink), CompleteInput("Utvecklad analys."), 1, ReviewedAt.AddHours(1)))
            .Then(new DraftSaved(2, CompleteInput("Utvecklad analys."), ReviewedAt.AddHours(1)));
    }

    [Fact]
    public void GivenSentBack_WhenTheSameSendBackArrivesAgain_ThenNothingHappens()
    {
        UnitScenario.Given([Started()], SentBack()).When(Back()).ThenNothing();
    }

    [Fact]
    public void GivenKlarmarkerad_WhenSentBackWithoutAComment_ThenRefusedAtTheComment()
    {
        UnitScenario.Given([Started()], MarkedReady()).When(Back(comment: "  ")).ThenRefuses(CycleRefusalReason.Invalid, "comment");
    }

    [Fact]
    public void GivenKlarmarkerad_WhenSentBackWithATooLongComment_ThenRefusedAtTheComment()
    {
        UnitScenario.Given([Started()], MarkedReady()).When(Back(comment: new string('x', 4001))).ThenRefuses(CycleRefusalReason.Invalid, "comment");
    }

    [Fact]
    public void GivenApproved_WhenTheHeadSendsItBack_ThenRefused()
    {
        UnitScenario.Given([Started()], Approved()).When(Back()).ThenRefuses(CycleRefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenSentBack_WhenTheHeadApproves_ThenRefusedUntilKlarmarkeradAgain()
    {
        UnitScenario.Given([Started()], SentBack()).When(new Approve(Norr.Id, Head, "Maria Lund", 1, ReviewedAt.AddHours(1))).ThenRefuses(CycleRefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenTheCycleIsClosed_WhenTheHeadApproves_ThenRefusedAsClosed()
    {
        UnitScenario.Given([Started(), new CycleClosed([Norr.Id], "Eva Holm", ReviewedAt)], MarkedReady())
            .When(new Approve(Norr.Id, Head, "Maria Lund", 1, ReviewedAt.AddHours(1)))
            .ThenRefuses(CycleRefusalReason.Closed);
    }

    [Fact]
    public void GivenTheRequestMailBounced_WhenReported_ThenRecordedInTheUnitsStreamAndTheSecretaryTold()
    {
        UnitScenario.Given([Started()], Opened)
            .When(new ReportUnitDeliveryFailure(Norr.Id, "outbox-1", Omar.Email, "550", ReviewedAt))
            .Then(new UnitDeliveryFailed("outbox-1", Omar.Email, "550", ReviewedAt))
            .ThenEffects(new NotifyCycleSecretary(Eva, CycleNotice.DeliveryFailed, [$"{Omar.Email} ({Norr.Name})"]));
        UnitScenario.Given([Started()], Opened, new UnitDeliveryFailed("outbox-1", Omar.Email, "550", ReviewedAt))
            .When(new ReportUnitDeliveryFailure(Norr.Id, "outbox-1", Omar.Email, "550", ReviewedAt.AddMinutes(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenTheSecretarysOwnNoticeBounced_WhenReported_ThenRecordedButNoNewNoticeIsMailedToTheSameAddress()
    {
        UnitScenario.Given([Started()], Opened)
            .When(new ReportUnitDeliveryFailure(Norr.Id, "outbox-2", Eva.Email.ToUpperInvariant(), "550", ReviewedAt))
            .Then(new UnitDeliveryFailed("outbox-2", Eva.Email.ToUpperInvariant(), "550", ReviewedAt))
            .ThenEffects();
    }
}

using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

public class CycleDeliveryFailureTests
{
    private static readonly DateTimeOffset FailedAt = At("2026-05-11T09:05");

    [Fact]
    public void GivenAReminderBounced_WhenReported_ThenRecordedAndTheSecretaryTold()
    {
        var outcome = CycleScenario.Given(Started())
            .When(new ReportDeliveryFailure("outbox-7", Omar.Email, "550 5.1.1 okänd mottagare", FailedAt))
            .Then(new CycleDeliveryFailed("outbox-7", Omar.Email, "550 5.1.1 okänd mottagare", FailedAt))
            .ThenEffects(new NotifyCycleSecretary(Eva, CycleNotice.DeliveryFailed, [Omar.Email]));

        Assert.Single(outcome.State.CycleOrNull!.DeliveryFailures);
    }

    [Fact]
    public void GivenTheFailureIsRecorded_WhenReportedAgain_ThenNothingHappens()
    {
        CycleScenario.Given(Started(), new CycleDeliveryFailed("outbox-7", Omar.Email, "550", FailedAt))
            .When(new ReportDeliveryFailure("outbox-7", Omar.Email, "550", FailedAt.AddMinutes(1)))
            .ThenNothing();
    }

    [Fact]
    public void GivenTheSecretarysOwnNoticeBounced_WhenReported_ThenRecordedWithoutMailingHerAboutIt()
    {
        CycleScenario.Given(Started())
            .When(new ReportDeliveryFailure("outbox-8", "EVA.HOLM@example.org", "452", FailedAt))
            .Then(new CycleDeliveryFailed("outbox-8", "EVA.HOLM@example.org", "452", FailedAt))
            .ThenEffects();
    }

    [Fact]
    public void GivenTheCycleIsClosed_WhenAMailFailureIsReported_ThenItIsStillRecorded()
    {
        CycleScenario.Given(Started(), new CycleClosed([], "Eva Holm", FailedAt))
            .When(new ReportDeliveryFailure("outbox-9", Omar.Email, "550", FailedAt.AddMinutes(1)))
            .Then(new CycleDeliveryFailed("outbox-9", Omar.Email, "550", FailedAt.AddMinutes(1)));
    }
}

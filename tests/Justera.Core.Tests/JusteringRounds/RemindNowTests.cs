using Justera.Core.JusteringRounds;
using static Justera.Core.Tests.JusteringRounds.ExampleRound;

namespace Justera.Core.Tests.JusteringRounds;

public class RemindNowTests
{
    private static readonly DateTimeOffset RemindedAt = At("2026-11-26T10:00");

    [Fact]
    public void GivenAnnaAnswered_WhenTheSecretaryRemindsNow_ThenOnlyMehmetAndKarinGetAReminderWithANewLink()
    {
        Scenario.Given([.. Started(), Answered(Anna)])
            .When(new RemindNow(LinksFor("r", Mehmet, Karin), RemindedAt))
            .Then(new LinksIssued(IssuedFor("r", 1, Mehmet, Karin), LinkPurpose.ManualReminder, RemindedAt))
            .ThenEffects(
                Mail(JusterareMail.Reminder, Mehmet, "mehmet-r"),
                Mail(JusterareMail.Reminder, Karin, "karin-r"));
    }

    [Fact]
    public void GivenAManualReminder_WhenItsLinkIsUsed_ThenTheAnswerIsRecorded()
    {
        Scenario.Given([.. Started(), new LinksIssued(IssuedFor("r", 1, Mehmet, Karin), LinkPurpose.ManualReminder, RemindedAt)])
            .When(AnswerByLink("karin-r", at: RemindedAt.AddHours(1)))
            .Then(Answered(Karin, at: RemindedAt.AddHours(1), formKey: "form-karin-r"));
    }

    [Fact]
    public void GivenEveryoneAnsweredButOneAskedForChanges_WhenTheSecretaryRemindsNow_ThenRefused()
    {
        Scenario.Given([.. Started(), Answered(Anna, ReplyKind.ChangesRequested, text: "Ändra § 5."), Answered(Mehmet), Answered(Karin)])
            .When(new RemindNow(LinksFor("r", Anna, Mehmet, Karin), RemindedAt))
            .ThenRefuses(RefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenTheHalfwayReminderWentOutThisMorning_WhenTheSecretaryRemindsNow_ThenRefused()
    {
        Scenario.Given([.. Started(), new LinksIssued(IssuedFor("h", 1, Anna, Mehmet, Karin), LinkPurpose.HalfwayReminder, HalfwayAt)])
            .When(new RemindNow(LinksFor("r", Anna, Mehmet, Karin), HalfwayAt.AddHours(4)))
            .ThenRefuses(RefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenAManualReminderYesterday_WhenTheSecretaryRemindsAgainToday_ThenReminded()
    {
        var today = RemindedAt.AddDays(1);

        Scenario.Given([.. Started(), new LinksIssued(IssuedFor("r", 1, Anna, Mehmet, Karin), LinkPurpose.ManualReminder, RemindedAt)])
            .When(new RemindNow(LinksFor("r2", Anna, Mehmet, Karin), today))
            .Then(new LinksIssued(IssuedFor("r2", 1, Anna, Mehmet, Karin), LinkPurpose.ManualReminder, today));
    }

    [Fact]
    public void GivenAReminderThisMorningAndThenASubstitute_WhenTheSecretaryRemindsNow_ThenOnlyTheSubstituteIsReminded()
    {
        var at = HalfwayAt.AddHours(4);

        Scenario.Given(
            [
                .. Started(),
                new LinksIssued(IssuedFor("h", 1, Anna, Mehmet, Karin), LinkPurpose.HalfwayReminder, HalfwayAt),
                new JusterareReplaced(Anna.Id, Sofia, HalfwayAt.AddHours(1)),
                new LinksIssued(IssuedFor("1", 1, Sofia), LinkPurpose.Substitute, HalfwayAt.AddHours(1)),
            ])
            .When(new RemindNow(LinksFor("r", Sofia), at))
            .Then(new LinksIssued(IssuedFor("r", 1, Sofia), LinkPurpose.ManualReminder, at))
            .ThenEffects(Mail(JusterareMail.Reminder, Sofia, "sofia-r"));
    }

    [Fact]
    public void GivenADraft_WhenTheSecretaryRemindsNow_ThenRefusedAsWrongPhase()
    {
        Scenario.Given(Created())
            .When(new RemindNow(LinksFor("r", Anna, Mehmet, Karin), CreatedAt.AddHours(1)))
            .ThenRefuses(RefusalReason.WrongPhase);
    }

    [Fact]
    public void GivenACancelledRound_WhenTheSecretaryRemindsNow_ThenRefusedAsClosed()
    {
        Scenario.Given([.. Started(), new RoundCancelled("Mötet ställdes in", AnsweredAt)])
            .When(new RemindNow(LinksFor("r", Anna, Mehmet, Karin), RemindedAt))
            .ThenRefuses(RefusalReason.Closed);
    }
}

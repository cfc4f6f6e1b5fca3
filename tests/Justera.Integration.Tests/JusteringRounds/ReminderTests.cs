using System.Net;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.JusteringRounds;

/// <summary>Reminders and the deadline with time moved on the fake clock, never waited for.</summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class ReminderTests(ServersFixture servers) : IAsyncLifetime
{
    // Started Tuesday 8 December 09.30, deadline Tuesday 22 December 16.00: the halfway point is Tuesday
    // 15 December 12.45, in office hours; the working day before is Monday 21 December.
    private const string Deadline = "2026-12-22T16:00";
    private const string ReminderSubject = "Påminnelse: " + RoundScenario.BaseSubject;
    private static readonly DateTimeOffset BeforeHalfway = new(2026, 12, 14, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PastHalfway = new(2026, 12, 15, 11, 50, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PastDeadline = new(2026, 12, 22, 15, 1, 0, TimeSpan.Zero);

    private RoundScenario s = null!;

    public async Task InitializeAsync() => s = await RoundScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenOneHasAnswered_WhenTimePassesHalfwayAndTheDeadline_ThenOnlyTheOthersAreRemindedTheSecretaryLearnsWhoIsMissingAndLateAnswersCount()
    {
        var people = s.People(3);
        var (karin, anna, erik) = (people[0], people[1], people[2]);
        var id = await s.StartRoundAsync(people, Deadline);
        var requestLinks = new Dictionary<Person, Uri>();
        foreach (var person in people)
            requestLinks[person] = s.LinkIn(await s.WaitForMailAsync(person.Email, RoundScenario.BaseSubject));
        await s.Browser().AnswerAsync(requestLinks[karin], Answers.NoObjection);
        await s.DrainOutboxAsync(id);

        // Monday afternoon: before the halfway point nobody is reminded.
        s.Host.Clock.SetUtcNow(BeforeHalfway);
        await s.Host.WakeDueRoundsAsync();
        await s.DrainOutboxAsync(id);
        Assert.DoesNotContain(await s.MailDev.GetMailsAsync(), m => m.Subject == ReminderSubject);

        // Tuesday 12.50: past halfway, in office hours on a working day.
        s.Host.Clock.SetUtcNow(PastHalfway);
        await s.Host.WakeDueRoundsAsync();
        var reminderLinks = new Dictionary<Person, Uri>();
        foreach (var person in new[] { anna, erik })
        {
            var reminder = await s.WaitForMailAsync(person.Email, ReminderSubject);
            Assert.Contains("Vi har ännu inte fått ditt svar.", reminder.Text, StringComparison.Ordinal);
            reminderLinks[person] = s.LinkIn(reminder);
            Assert.NotEqual(requestLinks[person], reminderLinks[person]);
            var (page, _) = await s.Browser().OpenAsync(reminderLinks[person]);
            Assert.Contains($"Du svarar som {person.Name} för {person.Organisation}.", page.Text, StringComparison.Ordinal);
        }
        // The timer again at the same moment (and the host's own timer loop) must not remind anyone twice.
        await s.Host.WakeDueRoundsAsync();
        await s.DrainOutboxAsync(id);
        Assert.DoesNotContain(await s.MailsToAsync(karin.Email), m => m.Subject == ReminderSubject);
        Assert.Single(await s.MailsToAsync(anna.Email), m => m.Subject == ReminderSubject);
        Assert.Single(await s.MailsToAsync(erik.Email), m => m.Subject == ReminderSubject);
        // An earlier link keeps working until the version, the person or the round ends.
        Assert.Equal(HttpStatusCode.OK, (await s.Browser().GetAsync(requestLinks[anna])).Status);

        // The deadline passes with two answers missing.
        s.Host.Clock.SetUtcNow(PastDeadline);
        await s.Host.WakeDueRoundsAsync();
        var missing = await s.WaitForMailAsync(s.SecretaryEmail, "Svar saknas: " + RoundScenario.BaseSubject);
        Assert.Contains("Tiden för att svara på protokollet från förvaltningsgruppens möte torsdagen den 3 december 2026 gick ut tisdagen den 22 december 2026 kl. 16.00.", missing.Text, StringComparison.Ordinal);
        Assert.Contains("De här justerarna har inte svarat:", missing.Text, StringComparison.Ordinal);
        Assert.Contains("• Anna Björk (Kommunal)", missing.Text, StringComparison.Ordinal);
        Assert.Contains("• Erik Söderström (Vision)", missing.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Karin", missing.Text, StringComparison.Ordinal);
        var open = await s.StatusAsync(id);
        Assert.Equal("Väntar på svar", open.GetProperty("phase").GetString());
        Assert.Single(await s.HistoryOfTypeAsync(id, "DeadlinePassed"));

        // Late answers are still taken, and marked late.
        s.Host.Clock.Advance(TimeSpan.FromMinutes(29));
        var late = await s.Browser().AnswerAsync(reminderLinks[anna], Answers.NoObjection);
        Assert.Contains("Registrerat tisdagen den 22 december 2026 kl. 16.30, efter sista dag för synpunkter.", late.Text, StringComparison.Ordinal);
        var status = await s.StatusAsync(id);
        Assert.True(RoundScenario.Line(status, anna).GetProperty("late").GetBoolean());
        Assert.False(RoundScenario.Line(status, karin).GetProperty("late").GetBoolean());
        var answers = (await s.HistoryOfTypeAsync(id, "AnswerRecorded")).Select(e => e.GetProperty("description").GetString()).ToList();
        Assert.Contains("Anna Björk (Kommunal) svarade på version 1 via personlig länk, efter sista dag: Inget att erinra", answers);

        await s.Browser().AnswerAsync(requestLinks[erik], Answers.NoObjection);
        await s.WaitForMailAsync(s.SecretaryEmail, "Justerat: " + RoundScenario.BaseSubject);
        Assert.Equal("Justerat", (await s.StatusAsync(id)).GetProperty("phase").GetString());
    }
}

using Justera.Core.ReportCycles;
using Justera.Mail;

namespace Justera.Integration.Tests.ReportCycles;

/// <summary>The cycle's mails as text: what a manager and a department head read, and names kept as text in HTML.</summary>
public sealed class ReportCycleMailsTests
{
    private static readonly CycleMailFacts Facts = new("tertialrapport 1 2026", "Hanna <Sekreterare>", "hanna@example.org");
    private static readonly Uri Link = new("https://justera.example.org/enhet/t1-2026.m.RS0wMQ.abc");

    [Fact]
    public void GivenTwoUnitsOfOneManager_WhenTheDigestIsWritten_ThenItNamesBothUnitsWithALinkEach()
    {
        var (subject, text, html) = ReportCycleMails.Reminder(Facts,
            [new("Förskolorna i Bredäng", UnitReminderKind.Late, new DateOnly(2026, 12, 9), Link),
             new("Förskolorna i Sätra", UnitReminderKind.Late, new DateOnly(2026, 12, 9), new Uri(Link, "?b"))],
            []);
        Assert.Equal("Påminnelse: tertialrapport 1 2026", subject);
        Assert.Contains("för 2 av dina enheter", text, StringComparison.Ordinal);
        Assert.Contains("Förskolorna i Bredäng: sista dagen var onsdagen den 9 december 2026", text, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<a href=", StringSplitOptions.None).Length - 1);
        Assert.Contains("Hanna &lt;Sekreterare&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<Sekreterare>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenLateUnitsOfADepartment_WhenTheEscalationIsWritten_ThenEachLateUnitIsListedWithItsManagerAndDaysLate()
    {
        var (subject, text, _) = ReportCycleMails.Reminder(Facts, [],
            [new("Avdelningen för förskola", [new LateUnitLine("FSK-01", "Förskolorna i Bredäng", "Åsa Lindholm", new DateOnly(2026, 12, 9), 2)], Link)]);
        Assert.Equal("Sena enheter: tertialrapport 1 2026", subject);
        Assert.Contains("• Förskolorna i Bredäng (enhetschef Åsa Lindholm), sista dag 9 december 2026, 2 arbetsdagar sen", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenACommentWithMarkup_WhenTheSendBackMailIsWritten_ThenTheCommentIsQuotedAsText()
    {
        var (_, text, html) = ReportCycleMails.SentBack(Facts, "Förskolorna i Bredäng", "Skriv om <b>analysen</b>.", new DateOnly(2026, 12, 9), Link);
        Assert.Contains("    Skriv om <b>analysen</b>.", text, StringComparison.Ordinal);
        Assert.Contains("Skriv om &lt;b&gt;analysen&lt;/b&gt;.", html, StringComparison.Ordinal);
        Assert.Contains(Link.AbsoluteUri, text, StringComparison.Ordinal);
    }
}

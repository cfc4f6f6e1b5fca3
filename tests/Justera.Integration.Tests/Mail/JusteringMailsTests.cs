using System.Net;
using System.Text.RegularExpressions;
using Justera.Mail;

namespace Justera.Integration.Tests.Mail;

public class JusteringMailsTests
{
    private const string BaseSubject =
        "Skärholmens stadsdelsförvaltning – Justering av protokoll från förvaltningsgruppen 23 september 2021";

    private static readonly RoundMailFacts Facts = new(
        AdministrationName: "Skärholmens stadsdelsförvaltning",
        MeetingDate: new DateOnly(2021, 9, 23),
        Deadline: new DateTimeOffset(2021, 9, 30, 10, 0, 0, TimeSpan.Zero),
        JusteringDate: new DateOnly(2021, 10, 1),
        SecretaryName: "Maja Sekreterare",
        SecretaryEmail: "maja.sekreterare@example.org",
        ProtocolVersion: 2);

    private static readonly Uri Link = new("https://justera.example.org/svar/r1.AbC-dEf_123");
    private static readonly Uri RoundPage = new("https://justera.example.org/rundor/r1");

    private const string JusterareName = "Kim Justerare";
    private const string Organisation = "Vision";

    public static TheoryData<string> AllTemplates() =>
    [
        "Request", "Reminder", "NewVersion", "Receipt", "Cancelled",
        "MissingAtDeadline", "Completed", "ChangesRequested", "DeliveryFailed",
    ];

    /// <summary>Renders a template by name with the shared facts, so one theory can cover all of them.</summary>
    private static (string Subject, string Text, string Html) Render(string template) => template switch
    {
        "Request" => JusteringMails.Request(Facts, Link),
        "Reminder" => JusteringMails.Reminder(Facts, Link),
        "NewVersion" => JusteringMails.NewVersion(Facts, Link),
        "Receipt" => JusteringMails.Receipt(Facts, "Inget att erinra", Facts.Deadline.AddDays(-1)),
        "Cancelled" => JusteringMails.Cancelled(Facts, "Mötet ska hållas om."),
        "MissingAtDeadline" => JusteringMails.MissingAtDeadline(Facts, [$"{JusterareName}, {Organisation}"], RoundPage),
        "Completed" => JusteringMails.Completed(Facts, RoundPage),
        "ChangesRequested" => JusteringMails.ChangesRequested(Facts, JusterareName, Organisation, RoundPage),
        "DeliveryFailed" => JusteringMails.DeliveryFailed(Facts, $"{JusterareName}, {Organisation}", RoundPage),
        _ => throw new ArgumentOutOfRangeException(nameof(template), template, "Unknown template."),
    };

    [Theory]
    [InlineData("Request", "")]
    [InlineData("Reminder", "Påminnelse: ")]
    [InlineData("NewVersion", "Ny version: ")]
    [InlineData("Receipt", "Bekräftelse: ")]
    [InlineData("Cancelled", "Avbruten: ")]
    [InlineData("MissingAtDeadline", "Svar saknas: ")]
    [InlineData("Completed", "Justerat: ")]
    [InlineData("ChangesRequested", "Synpunkter: ")]
    [InlineData("DeliveryFailed", "Leveransfel: ")]
    public void GivenRoundFacts_WhenRendered_ThenSubjectIsPrefixAndSharedRoundSubject(string template, string prefix)
    {
        Assert.Equal(prefix + BaseSubject, Render(template).Subject);
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void GivenAnyTemplate_WhenRendered_ThenSubjectCarriesNoPersonalData(string template)
    {
        var subject = Render(template).Subject;

        Assert.DoesNotContain(JusterareName, subject, StringComparison.Ordinal);
        Assert.DoesNotContain(Organisation, subject, StringComparison.Ordinal);
        Assert.DoesNotContain(Facts.SecretaryName, subject, StringComparison.Ordinal);
        Assert.DoesNotContain("@", subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Request")]
    [InlineData("Reminder")]
    [InlineData("NewVersion")]
    public void GivenJusterareMail_WhenRendered_ThenPersonalLinkInBothBodiesAndRawOnItsOwnLineInText(string template)
    {
        AssertLinkInBothBodies(Render(template), Link);
    }

    [Theory]
    [InlineData("MissingAtDeadline")]
    [InlineData("Completed")]
    [InlineData("ChangesRequested")]
    [InlineData("DeliveryFailed")]
    public void GivenSecretaryMail_WhenRendered_ThenRoundPageInBothBodies(string template)
    {
        AssertLinkInBothBodies(Render(template), RoundPage);
    }

    [Theory]
    [InlineData("Receipt")]
    [InlineData("Cancelled")]
    public void GivenMailWithoutAction_WhenRendered_ThenItCarriesNoLink(string template)
    {
        var (_, text, html) = Render(template);

        Assert.DoesNotContain("http", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenHostileAnswerSummary_WhenReceiptRendered_ThenHtmlShowsItAsTextAndPlainTextKeepsItLiterally()
    {
        var (_, text, html) = JusteringMails.Receipt(Facts, "<script>alert(1)</script>", Facts.Deadline);

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<script>alert(1)</script>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenMultiLineAnswerSummary_WhenReceiptRendered_ThenLineBreaksKeptInBothBodies()
    {
        var (_, text, html) = JusteringMails.Receipt(Facts, "Synpunkter: punkt 4\r\nska stå \"Vision & SACO\"", Facts.Deadline);

        Assert.Contains("Synpunkter: punkt 4<br>\nska stå &quot;Vision &amp; SACO&quot;", html, StringComparison.Ordinal);
        Assert.Contains("    Synpunkter: punkt 4\n    ska stå \"Vision & SACO\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnswer_WhenReceiptRendered_ThenSaysReceivedWhenAndWhomToContact()
    {
        var (_, text, _) = JusteringMails.Receipt(Facts, "Inget att erinra", new DateTimeOffset(2021, 9, 29, 15, 38, 0, TimeSpan.Zero));

        Assert.Contains("Vi har tagit emot ditt svar på version 2 av protokollet från förvaltningsgruppens möte torsdagen den 23 september 2021.", text, StringComparison.Ordinal);
        Assert.Contains("Svaret togs emot onsdagen den 29 september 2021 kl. 17.38.", text, StringComparison.Ordinal);
        Assert.Contains("Om det inte var du som svarade, kontakta sekreteraren Maja Sekreterare, maja.sekreterare@example.org", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenHostileNamesAndReason_WhenRendered_ThenHtmlNeverCarriesTheirMarkup()
    {
        const string hostile = "<img src=x onerror=alert(1)>";
        var hostileFacts = Facts with { AdministrationName = hostile, SecretaryName = hostile };

        (string Subject, string Text, string Html)[] mails =
        [
            JusteringMails.Request(hostileFacts, Link),
            JusteringMails.Cancelled(hostileFacts, hostile),
            JusteringMails.MissingAtDeadline(hostileFacts, [hostile], RoundPage),
            JusteringMails.ChangesRequested(hostileFacts, hostile, hostile, RoundPage),
            JusteringMails.DeliveryFailed(hostileFacts, hostile, RoundPage),
        ];

        Assert.All(mails, mail =>
        {
            Assert.DoesNotContain("<img", mail.Html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", mail.Html, StringComparison.Ordinal);
            Assert.Contains(hostile, mail.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void GivenLinkWithQueryCharacters_WhenRendered_ThenHrefIsAttributeEncoded()
    {
        var link = new Uri("https://justera.example.org/svar?t=a&v=\"2\"");

        var (_, text, html) = JusteringMails.Request(Facts, link);

        Assert.Contains("href=\"https://justera.example.org/svar?t=a&amp;v=%222%22\"", html, StringComparison.Ordinal);
        Assert.Contains("\nhttps://justera.example.org/svar?t=a&v=%222%22\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("mailto:someone@example.org")]
    public void GivenNonWebLink_WhenRendered_ThenRefused(string address)
    {
        Assert.Throws<ArgumentException>(() => JusteringMails.Request(Facts, new Uri(address)));
    }

    [Fact]
    public void GivenRequest_WhenRendered_ThenSaysWhatToDoByWhenAndThatTheLinkIsPersonal()
    {
        var (_, text, _) = JusteringMails.Request(Facts, Link);

        Assert.StartsWith("Hej!\n\n", text, StringComparison.Ordinal);
        Assert.Contains("Du är utsedd att justera protokollet från förvaltningsgruppens möte torsdagen den 23 september 2021.", text, StringComparison.Ordinal);
        Assert.Contains("Svara senast torsdagen den 30 september 2021 kl. 12.00.", text, StringComparison.Ordinal);
        Assert.Contains("Justeringsdagen är fredagen den 1 oktober 2021.", text, StringComparison.Ordinal);
        Assert.Contains("Länken är personlig", text, StringComparison.Ordinal);
        Assert.Contains("Vidarebefordra inte", text, StringComparison.Ordinal);
        Assert.Contains("sekreteraren Maja Sekreterare, maja.sekreterare@example.org", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenRevisedProtocol_WhenNewVersionRendered_ThenEarlierAnswersNoLongerCount()
    {
        var (_, text, _) = JusteringMails.NewVersion(Facts, Link);

        Assert.Contains("finns nu i version 2", text, StringComparison.Ordinal);
        Assert.Contains("Svar på tidigare versioner gäller inte längre", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenMissingJusterare_WhenMissingAtDeadlineRendered_ThenEachIsListed()
    {
        var (_, text, html) = JusteringMails.MissingAtDeadline(Facts, ["Kim Justerare, Vision", "Alex Ombud, Kommunal"], RoundPage);

        Assert.Contains("De här justerarna har inte svarat:\n\n• Kim Justerare, Vision\n• Alex Ombud, Kommunal", text, StringComparison.Ordinal);
        Assert.Contains("<li>Kim Justerare, Vision</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>Alex Ombud, Kommunal</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenChangesRequested_WhenRendered_ThenNamesWhoAndAsksForNewVersion()
    {
        var (_, text, _) = JusteringMails.ChangesRequested(Facts, JusterareName, Organisation, RoundPage);

        Assert.Contains("Kim Justerare, Vision, har lämnat synpunkter på version 2", text, StringComparison.Ordinal);
        Assert.Contains("ladda upp den nya versionen", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenCompletedRound_WhenRendered_ThenSaysAllApproved()
    {
        var (_, text, _) = JusteringMails.Completed(Facts, RoundPage);

        Assert.Contains("Alla justerare har godkänt version 2 av protokollet", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenBlankReason_WhenCancelledRendered_ThenNoEmptyReasonShown()
    {
        var (_, text, html) = JusteringMails.Cancelled(Facts, "  ");

        Assert.DoesNotContain("Anledning", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("länkarna i tidigare meddelanden om justeringen fungerar inte längre", text, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenBlankDetails_WhenRendered_ThenGeneralWordingRatherThanFailure()
    {
        // Mails are rendered from stored decisions; a missing detail must not stop the decision's other effects.
        Assert.DoesNotContain("Ditt svar:", JusteringMails.Receipt(Facts, "", Facts.Deadline).Text, StringComparison.Ordinal);
        Assert.Contains("En justerare har lämnat synpunkter", JusteringMails.ChangesRequested(Facts, "", "", RoundPage).Text, StringComparison.Ordinal);
        Assert.Contains("Kim Justerare har lämnat synpunkter", JusteringMails.ChangesRequested(Facts, "Kim Justerare", " ", RoundPage).Text, StringComparison.Ordinal);
        Assert.Contains("kunde inte levereras till en av mottagarna.", JusteringMails.DeliveryFailed(Facts, "", RoundPage).Text, StringComparison.Ordinal);
        var (_, text, html) = JusteringMails.MissingAtDeadline(Facts, [], RoundPage);
        Assert.Contains("Vilka som inte har svarat ser du på justeringens sida.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<ul>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void GivenAnyTemplate_WhenRendered_ThenHtmlIsMinimalAccessibleDocumentWithoutExternalResources(string template)
    {
        var (subject, _, html) = Render(template);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"sv\">", html, StringComparison.Ordinal);
        Assert.Contains($"<title>{subject}</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style", html, StringComparison.OrdinalIgnoreCase);

        // The only addresses in a message are its own links: nothing is fetched when it is opened.
        var addresses = Regex.Matches(html, "https?://[^\"<\\s]+").Select(m => m.Value).Distinct();
        Assert.All(addresses, address => Assert.Contains(address, new[] { Link.AbsoluteUri, RoundPage.AbsoluteUri }));
    }

    [Theory]
    [MemberData(nameof(AllTemplates))]
    public void GivenAnyTemplate_WhenRendered_ThenHtmlReadsLikeThePlainText(string template)
    {
        var (_, text, html) = Render(template);
        var body = html[html.IndexOf("<body>", StringComparison.Ordinal)..];
        var htmlWords = Words(WebUtility.HtmlDecode(Regex.Replace(body, "<[^>]+>", " ")));

        // The plain text adds only list markers, step numbers and the raw address (after a colon) that the HTML puts in href.
        var textWithoutLinks = Regex.Replace(text, ":\n(https?://\\S+)\n", "\n");
        var textWithoutMarkup = Regex.Replace(textWithoutLinks, "(?m)^(• |[0-9]+\\. )", " ");
        Assert.Equal(Words(textWithoutMarkup), htmlWords);
    }

    private static string Words(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Replace(" :", ":", StringComparison.Ordinal);

    private static void AssertLinkInBothBodies((string Subject, string Text, string Html) mail, Uri link)
    {
        Assert.Contains($"\n{link.AbsoluteUri}\n", mail.Text, StringComparison.Ordinal);
        Assert.Matches($"<a href=\"{Regex.Escape(link.AbsoluteUri)}\">[^<]{{8,}}</a>", mail.Html);
    }
}

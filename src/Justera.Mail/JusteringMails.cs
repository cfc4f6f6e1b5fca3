using Justera.Core.JusteringRounds;
using Justera.Core.Swedish;

namespace Justera.Mail;

/// <summary>The Swedish e-mails of a justering round, to the justerare and to the secretary, each as subject, plain text and HTML.</summary>
/// <remarks>
/// Subjects and links carry no name, union or other personal data: subjects are shown in notifications and
/// mail logs, and a link is the login. Personal data appears only in bodies, and always encoded as text.
/// A blank name, summary or reason leaves its sentence out or says it generally rather than throwing: mails are
/// rendered from stored decisions, and a missing detail must not stop the rest of the decision's effects.
/// </remarks>
public static class JusteringMails
{
    private const string PersonalLinkWarning =
        "Länken är personlig och gäller bara dig. Vidarebefordra inte det här meddelandet.";

    /// <summary>Asks a justerare to read the protocol and answer through their personal link.</summary>
    public static (string Subject, string Text, string Html) Request(RoundMailFacts facts, Uri personalLink)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new MailComposer(BaseSubject(facts))
            .Paragraph("Hej!")
            .Paragraph($"Du är utsedd att justera {Protocol(facts)}.")
            .Paragraph("Så här gör du:")
            .Steps(
                "Öppna din personliga länk nedan och läs protokollet.",
                $"Välj ett av svaren ”{AnswerWording.Label(ReplyKind.NoObjection)}”, ”{AnswerWording.Label(ReplyKind.ApprovedWithDissent)}” "
                + $"eller ”{AnswerWording.Label(ReplyKind.ChangesRequested)}”.",
                "Skicka svaret. Du får en bekräftelse till din e-postadress.")
            .Paragraph(AnswerBy(facts))
            .Link("Öppna protokollet och svara", personalLink)
            .Paragraph(PersonalLinkWarning)
            .Paragraph(Contact(facts))
            .Paragraph(Footer(facts))
            .Render();
    }

    /// <summary>Reminds a justerare who has not answered yet.</summary>
    public static (string Subject, string Text, string Html) Reminder(RoundMailFacts facts, Uri link)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new MailComposer("Påminnelse: " + BaseSubject(facts))
            .Paragraph("Hej!")
            .Paragraph($"Det här är en påminnelse om att justera {Protocol(facts)}. Vi har ännu inte fått ditt svar.")
            .Paragraph(AnswerBy(facts))
            .Link("Öppna protokollet och svara", link)
            .Paragraph("Om du har svarat alldeles nyss kan du bortse från den här påminnelsen.")
            .Paragraph(PersonalLinkWarning)
            .Paragraph(Contact(facts))
            .Paragraph(Footer(facts))
            .Render();
    }

    /// <summary>Tells a justerare that the protocol was revised, so earlier answers no longer count and a new one is needed.</summary>
    public static (string Subject, string Text, string Html) NewVersion(RoundMailFacts facts, Uri link)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new MailComposer("Ny version: " + BaseSubject(facts))
            .Paragraph("Hej!")
            .Paragraph(
                $"Protokollet från förvaltningsgruppens möte {SwedishFormat.Date(facts.MeetingDate)} har ändrats och finns nu i version {facts.ProtocolVersion}. "
                + "Svar på tidigare versioner gäller inte längre, så vi behöver ditt svar på den nya versionen, även om du redan har svarat.")
            .Paragraph(AnswerBy(facts))
            .Link("Öppna den nya versionen och svara", link)
            .Paragraph(PersonalLinkWarning)
            .Paragraph(Contact(facts))
            .Paragraph(Footer(facts))
            .Render();
    }

    /// <summary>Confirms to the justerare's own address what was answered and when, so an answer through a forwarded link does not go unnoticed.</summary>
    public static (string Subject, string Text, string Html) Receipt(RoundMailFacts facts, string answerSummary, DateTimeOffset answeredAt)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var mail = new MailComposer("Bekräftelse: " + BaseSubject(facts))
            .Paragraph("Hej!")
            .Paragraph($"Vi har tagit emot ditt svar på version {facts.ProtocolVersion} av {Protocol(facts)}.");
        if (!string.IsNullOrWhiteSpace(answerSummary))
            mail.Paragraph("Ditt svar:").Quote(answerSummary);
        return mail
            .Paragraph($"Svaret togs emot {SwedishFormat.DateTime(answeredAt)}.")
            .Paragraph(
                $"Om det inte var du som svarade, kontakta sekreteraren {Secretary(facts)}, så snart som möjligt.")
            .Paragraph(Footer(facts))
            .Render();
    }

    /// <summary>Tells a justerare that the round was cancelled and that its links no longer work.</summary>
    public static (string Subject, string Text, string Html) Cancelled(RoundMailFacts facts, string reason)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var mail = new MailComposer("Avbruten: " + BaseSubject(facts))
            .Paragraph("Hej!")
            .Paragraph(
                $"Justeringen av {Protocol(facts)} har avbrutits. "
                + "Du behöver inte göra något mer, och länkarna i tidigare meddelanden om justeringen fungerar inte längre.");
        if (!string.IsNullOrWhiteSpace(reason))
            mail.Paragraph("Anledning:").Quote(reason);
        return mail
            .Paragraph(Contact(facts))
            .Paragraph(Footer(facts))
            .Render();
    }

    /// <summary>Tells the secretary who has not answered by the deadline.</summary>
    public static (string Subject, string Text, string Html) MissingAtDeadline(
        RoundMailFacts facts, IReadOnlyList<string> missingNamesWithOrganisation, Uri roundPage)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(missingNamesWithOrganisation);
        return new MailComposer("Svar saknas: " + BaseSubject(facts))
            .Paragraph("Hej!")
            .Paragraph(
                $"Tiden för att svara på {Protocol(facts)} gick ut {SwedishFormat.DateTime(facts.Deadline)}. "
                + missingNamesWithOrganisation.Count switch
                {
                    0 => "Vilka som inte har svarat ser du på justeringens sida.",
                    1 => "Den här justeraren har inte svarat:",
                    _ => "De här justerarna har inte svarat:",
                })
            .Bullets(missingNamesWithOrganisation)
            .Paragraph(
                "På justeringens sida kan du förlänga svarstiden, registrera ett svar som har kommit på annat sätt, "
                + "till exempel med e-post, eller byta ut en justerare mot en ersättare.")
            .Link("Öppna justeringens sida", roundPage)
            .Paragraph(Footer(facts))
            .Render();
    }

    /// <summary>Tells the secretary that every justerare has approved the protocol.</summary>
    public static (string Subject, string Text, string Html) Completed(RoundMailFacts facts, Uri roundPage)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new MailComposer("Justerat: " + BaseSubject(facts))
            .Paragraph("Hej!")
            .Paragraph(
                $"Alla justerare har godkänt version {facts.ProtocolVersion} av {Protocol(facts)}. Protokollet är därmed justerat.")
            .Paragraph("Det justerade protokollet, med justerarnas svar som bilagor, hämtar du på justeringens sida.")
            .Link("Öppna justeringens sida", roundPage)
            .Paragraph(Footer(facts))
            .Render();
    }

    /// <summary>Tells the secretary that a justerare asked for changes, so a revised version must be uploaded.</summary>
    public static (string Subject, string Text, string Html) ChangesRequested(
        RoundMailFacts facts, string justerareName, string organisation, Uri roundPage)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var who = (string.IsNullOrWhiteSpace(justerareName), string.IsNullOrWhiteSpace(organisation)) switch
        {
            (true, _) => "En justerare",
            (false, true) => justerareName,
            (false, false) => $"{justerareName}, {organisation},",
        };
        return new MailComposer("Synpunkter: " + BaseSubject(facts))
            .Paragraph("Hej!")
            .Paragraph($"{who} har lämnat synpunkter på version {facts.ProtocolVersion} av {Protocol(facts)} och vill att protokollet ändras.")
            .Paragraph(
                "Läs synpunkterna på justeringens sida. Ändra protokollet och ladda upp den nya versionen där. "
                + "Alla justerare får då ett nytt meddelande och ombeds svara igen.")
            .Link("Öppna justeringens sida", roundPage)
            .Paragraph(Footer(facts))
            .Render();
    }

    /// <summary>Tells the secretary that a message of the round could not be delivered.</summary>
    public static (string Subject, string Text, string Html) DeliveryFailed(RoundMailFacts facts, string recipientDescription, Uri roundPage)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new MailComposer("Leveransfel: " + BaseSubject(facts))
            .Paragraph("Hej!")
            .Paragraph($"Ett meddelande om justeringen av {Protocol(facts)} kunde inte levereras till {(string.IsNullOrWhiteSpace(recipientDescription) ? "en av mottagarna" : recipientDescription)}.")
            .Paragraph(
                "Kontrollera mottagarens e-postadress på justeringens sida. Om adressen är fel eller personen inte kan nås "
                + "kan du byta ut justeraren mot en ersättare eller registrera ett svar som har kommit på annat sätt.")
            .Link("Öppna justeringens sida", roundPage)
            .Paragraph(Footer(facts))
            .Render();
    }

    /// <summary>Gives a justerare the signed protocol: a personal link to download it, its document id and where anyone can check it.</summary>
    public static (string Subject, string Text, string Html) SignedProtocol(RoundMailFacts facts, Uri downloadLink, string documentId, Uri verificationPage)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new MailComposer("Signerat protokoll: " + BaseSubject(facts))
            .Paragraph("Hej!")
            .Paragraph(
                $"Alla justerare har godkänt version {facts.ProtocolVersion} av {Protocol(facts)}. "
                + "Protokollet är nu justerat och förseglat med förvaltningens elektroniska sigill. "
                + "Varje justerares svar finns med som en bilaga.")
            .Link("Hämta det signerade protokollet (PDF)", downloadLink)
            .Paragraph(DocumentId(documentId))
            .Paragraph("Vem som helst kan kontrollera att en kopia av protokollet är äkta och oförändrad på verifieringssidan.")
            .Link("Kontrollera protokollets äkthet", verificationPage)
            .Paragraph(PersonalLinkWarning)
            .Paragraph(Contact(facts))
            .Paragraph(Footer(facts))
            .Render();
    }

    /// <summary>Tells the secretary that the signed protocol is sealed, stored and sent to every justerare.</summary>
    public static (string Subject, string Text, string Html) Sealed(RoundMailFacts facts, Uri roundPage, string documentId, Uri verificationPage)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new MailComposer("Signerat protokoll: " + BaseSubject(facts))
            .Paragraph("Hej!")
            .Paragraph(
                $"Version {facts.ProtocolVersion} av {Protocol(facts)} är justerad och förseglad med förvaltningens elektroniska sigill. "
                + "Justeringssidan och justerarnas svar som bilagor har lagts till sist i protokollet, och justerarna har fått var sin länk till det.")
            .Paragraph("Det signerade protokollet hämtar du på justeringens sida.")
            .Link("Öppna justeringens sida", roundPage)
            .Paragraph(DocumentId(documentId))
            .Link("Kontrollera protokollets äkthet", verificationPage)
            .Paragraph(Footer(facts))
            .Render();
    }

    /// <summary>Tells the secretary that the approved protocol could not be sealed, and why; Justera tries again by itself.</summary>
    public static (string Subject, string Text, string Html) SealFailed(RoundMailFacts facts, string reason, Uri roundPage)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var mail = new MailComposer("Försegling misslyckades: " + BaseSubject(facts))
            .Paragraph("Hej!")
            .Paragraph(
                $"Alla justerare har godkänt version {facts.ProtocolVersion} av {Protocol(facts)}, "
                + "men det signerade protokollet kunde inte skapas.");
        if (!string.IsNullOrWhiteSpace(reason))
            mail.Paragraph("Orsak:").Quote(reason);
        return mail
            .Paragraph(
                "Justera försöker igen automatiskt en stund. Om felet gäller förseglingscertifikatet behöver den som "
                + "ansvarar för Justera i förvaltningen åtgärda det. Justeringen i sig är klar: alla svar finns sparade.")
            .Link("Öppna justeringens sida", roundPage)
            .Paragraph(Footer(facts))
            .Render();
    }

    /// <summary>The subject every message of a round shares, after any prefix, so that mail programs keep them together.</summary>
    private static string BaseSubject(RoundMailFacts facts) =>
        $"{facts.AdministrationName} – Justering av protokoll från förvaltningsgruppen {SwedishFormat.ShortDate(facts.MeetingDate)}";

    private static string Protocol(RoundMailFacts facts) =>
        $"protokollet från förvaltningsgruppens möte {SwedishFormat.Date(facts.MeetingDate)}";

    private static string AnswerBy(RoundMailFacts facts) =>
        $"Svara senast {SwedishFormat.DateTime(facts.Deadline)}. Justeringsdagen är {SwedishFormat.Date(facts.JusteringDate)}.";

    private static string Contact(RoundMailFacts facts) =>
        $"Har du frågor om protokollet kan du kontakta sekreteraren {Secretary(facts)}.";

    // A secretary signed in by a script may have only an address for a name; say it once.
    private static string Secretary(RoundMailFacts facts) =>
        string.Equals(facts.SecretaryName, facts.SecretaryEmail, StringComparison.OrdinalIgnoreCase)
            ? facts.SecretaryEmail
            : $"{facts.SecretaryName}, {facts.SecretaryEmail}";

    private static string DocumentId(string documentId) =>
        string.IsNullOrWhiteSpace(documentId)
            ? "Protokollets dokument-id står längst ned på justeringssidan."
            : $"Protokollets dokument-id är {documentId}. Det står också längst ned på justeringssidan.";

    private static string Footer(RoundMailFacts facts) =>
        $"Det här meddelandet har skickats automatiskt från Justera på uppdrag av {facts.AdministrationName}.";
}

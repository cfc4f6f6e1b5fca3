using Justera.Core.ReportCycles;
using Justera.Core.Swedish;

namespace Justera.Mail;

/// <summary>The facts about a report cycle that its e-mails mention.</summary>
/// <param name="CycleName">The cycle as people name it, e.g. "tertialrapport 1 2021".</param>
/// <param name="SecretaryName">The förvaltningens handläggare who runs the cycle and answers questions.</param>
/// <param name="SecretaryEmail">The secretary's e-mail address.</param>
public sealed record CycleMailFacts(string CycleName, string SecretaryName, string SecretaryEmail);

/// <summary>A unit in a reminder digest, with the link to its form.</summary>
public sealed record ReminderMailLine(string UnitName, UnitReminderKind Kind, DateOnly Deadline, Uri Link);

/// <summary>A department's late units in an escalation, with the link to the department's view.</summary>
public sealed record EscalationMailLine(string Department, IReadOnlyList<LateUnitLine> LateUnits, Uri Link);

/// <summary>
/// The Swedish e-mails of a report cycle — to unit managers, department heads and the secretary — each as subject,
/// plain text and HTML, built by <see cref="MailComposer"/> so the two bodies say the same.
/// </summary>
/// <remarks>
/// Subjects name the cycle and the unit (which a manager of several units needs to tell the mails apart), never a
/// person. Links are personal: the holder's token is the login, so every mail with one says not to forward it.
/// </remarks>
public static class ReportCycleMails
{
    private const string PersonalLinkWarning =
        "Länken är personlig och gäller bara dig. Vidarebefordra inte det här meddelandet.";

    /// <summary>The subject of a unit's request mail: tests and mail programs find a unit's mails by it.</summary>
    public static string RequestSubject(CycleMailFacts facts, string unitName)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return $"Underlag till {facts.CycleName}: {unitName}";
    }

    /// <summary>Asks a unit manager to fill in the unit's report by the deadline, through the unit's personal link.</summary>
    public static (string Subject, string Text, string Html) Request(CycleMailFacts facts, string unitName, DateOnly deadline, Uri link)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new MailComposer(RequestSubject(facts, unitName))
            .Paragraph("Hej!")
            .Paragraph($"Det är dags att lämna underlag till {facts.CycleName} för {unitName}.")
            .Paragraph("Så här gör du:")
            .Steps(
                "Öppna formuläret med din personliga länk nedan.",
                "Bedöm måluppfyllelsen för varje mål och skriv en analys, fyll i indikatorer, aktiviteter och ekonomi.",
                "Spara som utkast så ofta du vill; inget går förlorat när du stänger webbläsaren.",
                "Klarmarkera när allt är ifyllt. Då får din avdelningschef rapporten för godkännande.")
            .Paragraph($"Klarmarkera senast {SwedishFormat.Date(deadline)}.")
            .Link($"Öppna formuläret för {unitName}", link)
            .Paragraph(PersonalLinkWarning)
            .Paragraph(Contact(facts))
            .Paragraph(Footer)
            .Render();
    }

    /// <summary>
    /// The one reminder a person gets on a day: the units they manage that are due (a digest when several) and, for a
    /// department head, the department's late units (an escalation).
    /// </summary>
    public static (string Subject, string Text, string Html) Reminder(CycleMailFacts facts, IReadOnlyList<ReminderMailLine> units, IReadOnlyList<EscalationMailLine> departments)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(departments);
        var subject = (units.Count > 0, departments.Count > 0) switch
        {
            (true, true) => $"Påminnelse och sena enheter: {facts.CycleName}",
            (false, true) => $"Sena enheter: {facts.CycleName}",
            _ => $"Påminnelse: {facts.CycleName}",
        };
        var mail = new MailComposer(subject).Paragraph("Hej!");
        if (units.Count > 0)
        {
            mail.Paragraph(units.Count == 1
                ? $"Det här är en påminnelse om underlaget till {facts.CycleName} för {units[0].UnitName}."
                : $"Det här är en påminnelse om underlaget till {facts.CycleName} för {units.Count} av dina enheter.");
            foreach (var line in units)
            {
                mail.Paragraph($"{line.UnitName}: {Why(line)}")
                    .Link($"Öppna formuläret för {line.UnitName}", line.Link);
            }
            mail.Paragraph("Om du har klarmarkerat alldeles nyss kan du bortse från påminnelsen.");
        }

        foreach (var department in departments)
        {
            mail.Paragraph(department.LateUnits.Count == 1
                    ? $"En enhet inom {department.Department} har inte klarmarkerat sitt underlag till {facts.CycleName} i tid:"
                    : $"{department.LateUnits.Count} enheter inom {department.Department} har inte klarmarkerat sina underlag till {facts.CycleName} i tid:")
                .Bullets(department.LateUnits.Select(u =>
                    $"{u.UnitName} (enhetschef {u.ManagerName}), sista dag {SwedishFormat.ShortDate(u.Deadline)}, {DaysLate(u.WorkingDaysLate)}"))
                .Link($"Se avdelningens enheter: {department.Department}", department.Link);
        }

        return mail
            .Paragraph(PersonalLinkWarning)
            .Paragraph(Contact(facts))
            .Paragraph(Footer)
            .Render();
    }

    /// <summary>Asks the department head to approve or send back a unit's report that was just klarmarkerad.</summary>
    public static (string Subject, string Text, string Html) ReadyForApproval(CycleMailFacts facts, string unitName, string department, Uri link)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new MailComposer($"Klarmarkerad: {unitName} – {facts.CycleName}")
            .Paragraph("Hej!")
            .Paragraph($"{unitName} har klarmarkerat sitt underlag till {facts.CycleName}.")
            .Paragraph("Läs rapporten och godkänn den, eller skicka tillbaka den till enhetschefen med en kommentar om vad som behöver ändras.")
            .Link($"Granska underlaget för {unitName} ({department})", link)
            .Paragraph(PersonalLinkWarning)
            .Paragraph(Contact(facts))
            .Paragraph(Footer)
            .Render();
    }

    /// <summary>Tells the unit manager that the department head approved the unit's report.</summary>
    public static (string Subject, string Text, string Html) Approved(CycleMailFacts facts, string unitName)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new MailComposer($"Godkänd: {unitName} – {facts.CycleName}")
            .Paragraph("Hej!")
            .Paragraph($"Avdelningschefen har godkänt underlaget för {unitName} till {facts.CycleName}. Du behöver inte göra något mer.")
            .Paragraph("Underlaget kan inte längre ändras. Om något behöver rättas, kontakta förvaltningens handläggare.")
            .Paragraph(Contact(facts))
            .Paragraph(Footer)
            .Render();
    }

    /// <summary>Tells the unit manager that the report was sent back, with the department head's comment and a new link.</summary>
    public static (string Subject, string Text, string Html) SentBack(CycleMailFacts facts, string unitName, string comment, DateOnly deadline, Uri link)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var mail = new MailComposer($"Återskickad: {unitName} – {facts.CycleName}")
            .Paragraph("Hej!")
            .Paragraph($"Avdelningschefen har skickat tillbaka underlaget för {unitName} till {facts.CycleName}.");
        if (!string.IsNullOrWhiteSpace(comment))
            mail.Paragraph("Kommentar:").Quote(comment);
        return mail
            .Paragraph($"Ändra underlaget och klarmarkera det igen, senast {SwedishFormat.Date(deadline)}.")
            .Link($"Öppna formuläret för {unitName}", link)
            .Paragraph(PersonalLinkWarning)
            .Paragraph(Contact(facts))
            .Paragraph(Footer)
            .Render();
    }

    /// <summary>Tells the secretary which units had not klarmarkerat when the deadline passed.</summary>
    public static (string Subject, string Text, string Html) DeadlinePassed(CycleMailFacts facts, IReadOnlyList<string> lateUnitNames, Uri cyclePage)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(lateUnitNames);
        return new MailComposer($"Sista dagen har passerat: {facts.CycleName}")
            .Paragraph("Hej!")
            .Paragraph(lateUnitNames.Count == 1
                ? $"Sista dagen för underlagen till {facts.CycleName} har passerat. Den här enheten har inte klarmarkerat:"
                : $"Sista dagen för underlagen till {facts.CycleName} har passerat. De här {lateUnitNames.Count} enheterna har inte klarmarkerat:")
            .Bullets(lateUnitNames)
            .Paragraph("Enhetscheferna påminns varje arbetsdag, och avdelningscheferna får besked om sena enheter. På rapportcykelns sida kan du förlänga tiden eller påminna direkt.")
            .Link("Öppna rapportcykelns sida", cyclePage)
            .Paragraph(Footer)
            .Render();
    }

    /// <summary>Tells the secretary that the cycle was closed and the report is being compiled, naming units missing from it.</summary>
    public static (string Subject, string Text, string Html) Closed(CycleMailFacts facts, IReadOnlyList<string> missingUnitNames, Uri cyclePage)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(missingUnitNames);
        var mail = new MailComposer($"Perioden är stängd: {facts.CycleName}")
            .Paragraph("Hej!")
            .Paragraph($"Perioden för {facts.CycleName} är stängd och rapporten sammanställs nu.");
        if (missingUnitNames.Count > 0)
            mail.Paragraph("De här enheterna var inte godkända och redovisas som saknade i rapporten:").Bullets(missingUnitNames);
        return mail
            .Link("Öppna rapportcykelns sida", cyclePage)
            .Paragraph(Footer)
            .Render();
    }

    /// <summary>Tells the secretary that a mail of the cycle could not be delivered.</summary>
    public static (string Subject, string Text, string Html) DeliveryFailed(CycleMailFacts facts, string recipientDescription, Uri cyclePage)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new MailComposer($"Leveransfel: {facts.CycleName}")
            .Paragraph("Hej!")
            .Paragraph($"Ett meddelande om {facts.CycleName} kunde inte levereras till {(string.IsNullOrWhiteSpace(recipientDescription) ? "en av mottagarna" : recipientDescription)}.")
            .Paragraph("Kontrollera adressen i enhetslistan. Efter en rättelse kan du skicka en påminnelse från rapportcykelns sida.")
            .Link("Öppna rapportcykelns sida", cyclePage)
            .Paragraph(Footer)
            .Render();
    }

    /// <summary>Tells the secretary that compiling the report failed, and why.</summary>
    public static (string Subject, string Text, string Html) CompilationFailed(CycleMailFacts facts, string reason, Uri cyclePage)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var mail = new MailComposer($"Sammanställningen misslyckades: {facts.CycleName}")
            .Paragraph("Hej!")
            .Paragraph($"Rapporten för {facts.CycleName} kunde inte sammanställas.");
        if (!string.IsNullOrWhiteSpace(reason))
            mail.Paragraph("Orsak:").Quote(reason);
        return mail
            .Paragraph("Du kan försöka sammanställa igen från rapportcykelns sida.")
            .Link("Öppna rapportcykelns sida", cyclePage)
            .Paragraph(Footer)
            .Render();
    }

    private static string Why(ReminderMailLine line) => line.Kind switch
    {
        UnitReminderKind.BeforeDeadline => $"sista dag är {SwedishFormat.Date(line.Deadline)}.",
        UnitReminderKind.DeadlineDay => $"i dag, {SwedishFormat.Date(line.Deadline)}, är sista dagen att klarmarkera.",
        UnitReminderKind.Late => $"sista dagen var {SwedishFormat.Date(line.Deadline)}, och underlaget är inte klarmarkerat. Klarmarkera så snart du kan.",
        _ => $"förvaltningens handläggare påminner om underlaget; sista dag är {SwedishFormat.Date(line.Deadline)}.",
    };

    private static string DaysLate(int days) => days == 1 ? "en arbetsdag sen" : $"{days} arbetsdagar sen";

    private static string Contact(CycleMailFacts facts) =>
        string.Equals(facts.SecretaryName, facts.SecretaryEmail, StringComparison.OrdinalIgnoreCase)
            ? $"Har du frågor kan du kontakta förvaltningens handläggare, {facts.SecretaryEmail}."
            : $"Har du frågor kan du kontakta förvaltningens handläggare {facts.SecretaryName}, {facts.SecretaryEmail}.";

    private const string Footer = "Det här meddelandet har skickats automatiskt från Justera.";
}

using System.Net.Mail;
using Justera.Core.Calendar;

namespace Justera.Core.JusteringRounds;

/// <summary>The input rules of a round, each broken rule a Swedish message on the field that broke it.</summary>
public static class RoundRules
{
    public const int MaxJusterare = 50;
    public const int MaxNameLength = 200;
    public const int MaxItemLength = 200;
    public const int MaxTextLength = 4000;
    public const int MaxReasonLength = 1000;

    /// <summary>A form key is a GUID from the page; the round remembers the latest ones in its state row, so a script's key must be short too.</summary>
    public const int MaxFormKeyLength = 100;

    public static List<FieldError> Create(CreateRound c)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(c.Administration.Name))
            errors.Add(new("administration", "Ange förvaltningens namn."));
        if (c.Justerare.Count == 0)
            errors.Add(new("justerare", "Ange minst en justerare."));
        if (c.Justerare.Count > MaxJusterare)
            errors.Add(new("justerare", $"Högst {MaxJusterare} justerare kan ingå i en runda."));
        for (var i = 0; i < c.Justerare.Count; i++)
            errors.AddRange(Person(c.Justerare[i], $"justerare[{i}]"));
        var duplicates = c.Justerare
            .Select((j, i) => (Email: j.Email.Trim().ToUpperInvariant(), Index: i))
            .GroupBy(x => x.Email)
            .Where(g => g.Key.Length > 0 && g.Count() > 1)
            .SelectMany(g => g.Skip(1));
        foreach (var (_, index) in duplicates)
            errors.Add(new($"justerare[{index}].email", "E-postadressen finns redan bland justerarna."));
        if (string.IsNullOrWhiteSpace(c.Secretary.Name))
            errors.Add(new("secretary.name", "Ange sekreterarens namn."));
        if (!IsEmail(c.Secretary.Email))
            errors.Add(new("secretary.email", "Ange sekreterarens e-postadress, till exempel namn@example.org."));
        errors.AddRange(Deadline(c.Deadline, c.JusteringDate, c.At));
        if (c.FirstAttachmentNumber is < 1 or > 999)
            errors.Add(new("firstAttachmentNumber", "Första bilagenummer ska vara ett tal från 1 till 999."));
        return errors;
    }

    public static IEnumerable<FieldError> Person(Justerare j, string prefix)
    {
        if (string.IsNullOrWhiteSpace(j.Name))
            yield return new($"{prefix}.name", "Ange namn.");
        else if (j.Name.Length > MaxNameLength)
            yield return new($"{prefix}.name", $"Namnet får vara högst {MaxNameLength} tecken.");
        if (string.IsNullOrWhiteSpace(j.Organisation))
            yield return new($"{prefix}.organisation", "Ange organisation, till exempel Kommunal eller arbetsgivaren.");
        else if (j.Organisation.Length > MaxNameLength)
            yield return new($"{prefix}.organisation", $"Organisationen får vara högst {MaxNameLength} tecken.");
        if (string.IsNullOrWhiteSpace(j.Email))
            yield return new($"{prefix}.email", "Ange e-postadress.");
        else if (!IsEmail(j.Email))
            yield return new($"{prefix}.email", $"\"{j.Email}\" är inte en giltig e-postadress.");
    }

    public static IEnumerable<FieldError> Deadline(DateTimeOffset deadline, DateOnly justeringDate, DateTimeOffset now)
    {
        if (deadline <= now)
            yield return new("deadline", "Sista dag för synpunkter har redan passerat. Välj en tidpunkt framåt i tiden.");
        if (justeringDate < StockholmTime.LocalDate(deadline))
            yield return new("justeringDate", "Justeringsdagen kan inte ligga före sista dag för synpunkter.");
    }

    public static IEnumerable<FieldError> Answer(ReplyKind kind, string? item, string? text, string formKey)
    {
        if (string.IsNullOrWhiteSpace(formKey))
            yield return new("formKey", "Formuläret saknar sin nyckel. Ladda om sidan och försök igen.");
        else if (formKey.Length > MaxFormKeyLength)
            yield return new("formKey", $"Formulärets nyckel får vara högst {MaxFormKeyLength} tecken.");
        if (!Enum.IsDefined(kind))
            yield return new("kind", "Välj ett av de tre svaren.");
        if (kind == ReplyKind.ApprovedWithDissent && string.IsNullOrWhiteSpace(item))
            yield return new("item", "Ange vilken punkt du är oenig om, till exempel \"§ 4 Föranmälda frågor\".");
        if (item is { Length: > MaxItemLength })
            yield return new("item", $"Punkten får vara högst {MaxItemLength} tecken.");
        if (kind == ReplyKind.ChangesRequested && string.IsNullOrWhiteSpace(text))
            yield return new("text", "Skriv vad som behöver ändras i protokollet.");
        if (text is { Length: > MaxTextLength })
            yield return new("text", $"Texten får vara högst {MaxTextLength} tecken (nu {text.Length}).");
    }

    public static bool IsEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 254 || value.Trim() != value)
            return false;
        return MailAddress.TryCreate(value, out var address)
            && address.Address == value
            && address.DisplayName.Length == 0
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.EndsWith('.');
    }

    /// <summary>Whether a deadline is too close to keep after a revision (less than two working days away).</summary>
    public static bool TooCloseForRevision(DateTimeOffset deadline, DateTimeOffset now) =>
        SwedishCalendar.AddWorkingDays(StockholmTime.LocalDate(now), 2) > StockholmTime.LocalDate(deadline);
}

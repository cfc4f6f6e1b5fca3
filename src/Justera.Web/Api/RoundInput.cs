using System.Globalization;
using System.Text.Json;
using Justera.Application.JusteringRounds;
using Justera.Core;
using Justera.Core.Calendar;
using Justera.Core.JusteringRounds;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Http;

namespace Justera.Web.Api;

/// <summary>Reads a create-round form (the page's or the API's multipart request) into a <see cref="NewRound"/>, collecting what cannot be read.</summary>
public static class RoundInput
{
    public static async Task<NewRound> ReadAsync(IFormCollection form, SecretaryUser user, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var meetingDate = Date(form, "meetingDate", "Mötesdatum", errors);
        var deadline = LocalDateTime(form, "deadline", "Sista dag för synpunkter", errors);
        var justeringDate = Date(form, "justeringDate", "Justeringsdag", errors);
        int? firstAttachment = null;
        if (!string.IsNullOrWhiteSpace(form["firstAttachmentNumber"]))
        {
            if (int.TryParse(form["firstAttachmentNumber"], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                firstAttachment = n;
            else
                errors.Add(new("firstAttachmentNumber", "Första bilagenummer ska vara ett heltal."));
        }

        var roster = Roster(form, errors);
        var (fileName, pdf) = await PdfUpload.ReadAsync(form, "protocol", "Välj protokollet (PDF) att skicka.", errors, cancellationToken);

        return new NewRound(
            new Administration(user.AdministrationId, user.AdministrationName),
            new Core.JusteringRounds.Secretary(user.Name, user.Email),
            meetingDate,
            roster,
            deadline,
            justeringDate,
            new ReminderPolicy(SilenceCountsAsNoObjection: IsOn(form["silenceCountsAsNoObjection"])),
            firstAttachment,
            fileName,
            pdf,
            Start: IsOn(form["start"]),
            errors);
    }

    /// <summary>The roster as JSON (API) or as numbered rows <c>justerare[i].name</c> (page); blank page rows are skipped.</summary>
    private static List<JusterareInput> Roster(IFormCollection form, List<FieldError> errors)
    {
        var json = form["roster"].ToString();
        if (json.Length > 0)
        {
            try
            {
                return JsonSerializer.Deserialize<List<JusterareInput>>(json, JusteraJson.Options) ?? [];
            }
            catch (JsonException)
            {
                errors.Add(new("roster", "Justerarlistan är inte giltig JSON. Skicka en lista med name, organisation och email."));
                return [];
            }
        }
        var rows = new List<JusterareInput>();
        for (var i = 0; i < RoundRules.MaxJusterare + 10; i++)
        {
            string? Field(string name) => form[$"justerare[{i}].{name}"].ToString() is { Length: > 0 } v ? v : null;
            var row = new JusterareInput(Field("name"), Field("organisation"), Field("email"));
            if (row.Name is not null || row.Organisation is not null || row.Email is not null)
                rows.Add(row);
        }
        return rows;
    }

    public static DateOnly? Date(IFormCollection form, string field, string label, List<FieldError> errors)
    {
        var value = form[field].ToString().Trim();
        if (value.Length == 0)
            return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        errors.Add(new(field, $"{label} ska skrivas som ÅÅÅÅ-MM-DD, till exempel 2026-11-19."));
        return null;
    }

    /// <summary>A Stockholm wall-clock time from a datetime-local field ("2026-12-01T16:00"); a date alone means 16:00 that day.</summary>
    public static DateTimeOffset? LocalDateTime(IFormCollection form, string field, string label, List<FieldError> errors)
    {
        var value = form[field].ToString().Trim();
        if (value.Length == 0)
            return null;
        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
        if (DateTime.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return StockholmTime.FromLocal(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return StockholmTime.FromLocal(day, new TimeOnly(16, 0));
        errors.Add(new(field, $"{label} ska skrivas som ÅÅÅÅ-MM-DD TT:MM, till exempel 2026-12-01 16:00."));
        return null;
    }

    private static bool IsOn(string? value) => value is "on" or "true" or "1" or "ja";
}

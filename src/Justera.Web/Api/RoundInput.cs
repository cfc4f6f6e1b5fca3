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
    public static async Task<NewRound> ReadAsync(IFormCollection form, SecretaryUser user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var meetingDate = Date(form, "meetingDate", "Mötesdatum", errors);
        var deadline = LocalDateTime(form, "deadline", "Sista dag för synpunkter", errors);
        var justeringDate = Date(form, "justeringDate", "Justeringsdag", errors);
        if (meetingDate is { } meeting)
            errors.AddRange(RoundDates.Meeting(meeting, now));
        if (deadline is { } d)
            errors.AddRange(RoundDates.Deadline(d, meetingDate, now));
        if (justeringDate is { } j)
            errors.AddRange(RoundDates.JusteringDate(j, deadline, now));
        int? firstAttachment = null;
        if (!string.IsNullOrWhiteSpace(form["firstAttachmentNumber"]))
        {
            if (int.TryParse(form["firstAttachmentNumber"], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                firstAttachment = n;
            else
                errors.Add(new("firstAttachmentNumber", "Första bilagenummer ska vara ett heltal."));
        }
        var silence = Flag(form, "silenceCountsAsNoObjection", errors);
        var start = Flag(form, "start", errors);

        var roster = Roster(form, errors);
        var (fileName, pdf) = await PdfUpload.ReadAsync(form, "protocol", "Välj protokollet (PDF) att skicka.", errors, cancellationToken);

        return new NewRound(
            new Administration(user.AdministrationId, user.AdministrationName),
            new Core.JusteringRounds.Secretary(user.Name, user.Email),
            meetingDate,
            roster,
            deadline,
            justeringDate,
            new ReminderPolicy(SilenceCountsAsNoObjection: silence),
            firstAttachment,
            fileName,
            pdf,
            Start: start,
            errors);
    }

    /// <summary>The roster as JSON (API) or as numbered rows <c>justerare[i].name</c> (page); blank page rows are skipped.</summary>
    private static List<JusterareInput> Roster(IFormCollection form, List<FieldError> errors)
    {
        var json = form["roster"].ToString();
        if (json.Length > 0)
        {
            List<JusterareInput?>? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<List<JusterareInput?>>(json, JusteraJson.Options);
            }
            catch (JsonException)
            {
                errors.Add(new("roster", "Justerarlistan är inte giltig JSON. Skicka en lista med name, organisation och email."));
                return [];
            }
            // A null in the list ([null]) is no justerare: say which entry. It stays as an empty row, so the rows after it keep their numbers.
            for (var i = 0; i < (parsed?.Count ?? 0); i++)
            {
                if (parsed![i] is null)
                    errors.Add(new($"justerare[{i}]", $"Post {i + 1} i justerarlistan är tom. Varje justerare är ett objekt med name, organisation och email."));
            }
            return [.. (parsed ?? []).Select(r => r ?? new JusterareInput(null, null, null))];
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
            return RoundDates.FromStockholm(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return RoundDates.FromStockholm(day, new TimeOnly(16, 0));
        errors.Add(new(field, $"{label} ska skrivas som ÅÅÅÅ-MM-DD TT:MM, till exempel 2026-12-01 16:00."));
        return null;
    }

    /// <summary>A one-time form key is a GUID from our own form (or a script's own id); it is kept with the answer, so it is bounded.</summary>
    public const int MaxFormKeyLength = 100;

    /// <summary>The limits of an answer recorded on a justerare's behalf that the decider does not check itself: the channel's and the form key's length.</summary>
    public static IEnumerable<FieldError> OnBehalfLimits(string? channel, string? formKey)
    {
        if (channel is { Length: > RoundRules.MaxNameLength })
            yield return new("channel", $"Beskrivningen av hur svaret kom får vara högst {RoundRules.MaxNameLength} tecken.");
        if (formKey is { Length: > MaxFormKeyLength })
            yield return new("formKey", $"Formulärets nyckel får vara högst {MaxFormKeyLength} tecken. Ladda om sidan och försök igen.");
    }

    /// <summary>
    /// A yes/no field: a checkbox sends "on", scripts send true/false, 1/0, ja/nej, yes/no or on/off in any case;
    /// missing or empty is no. Anything else is refused rather than read as no, so "start=True" never silently makes a draft.
    /// </summary>
    public static bool Flag(IFormCollection form, string field, List<FieldError> errors)
    {
        var value = form[field].ToString().Trim().ToLowerInvariant();
        switch (value)
        {
            case "" or "true" or "1" or "ja" or "yes" or "on":
                return value.Length > 0;
            case "false" or "0" or "nej" or "no" or "off":
                return false;
            default:
                errors.Add(new(field, $"{field} ska vara true eller false (även ja/nej, yes/no, on/off eller 1/0 går bra)."));
                return false;
        }
    }
}

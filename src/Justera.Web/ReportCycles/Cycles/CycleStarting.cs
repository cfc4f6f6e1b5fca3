using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Justera.Application.ReportCycles;
using Justera.Application.ReportCycles.Setup;
using Justera.Core.Calendar;
using Justera.Core.JusteringRounds;
using Justera.Core.ReportCycles;
using Justera.Web.Hosting;

namespace Justera.Web.ReportCycles.Cycles;

/// <summary>
/// What a start asks for, as read from the page's form or the API's JSON; what could not be read is in
/// <paramref name="Errors"/> already, under the field it belongs to. <paramref name="UnitIds"/> counts only when
/// <paramref name="AllUnits"/> is false.
/// </summary>
public sealed record CycleStartInput(
    ReportPeriod? Period,
    int? Year,
    DateOnly? Deadline,
    decimal? DeviationThreshold,
    bool AllUnits,
    IReadOnlyList<string> UnitIds,
    string FormKey,
    IReadOnlyList<FieldError> Errors);

/// <summary>A start's result: the cycle started (or the same start again), or why nothing was started.</summary>
public sealed record CycleStartResult(CycleOutcome? Outcome, CycleRefusal? Refusal)
{
    public string? CycleId => Outcome?.Cycle.CycleId;
}

/// <summary>
/// Starting a cycle from the set-up data, for the page and the API alike: the year's imported structure, the units from
/// the register (all active units the structure gives an assignment, or the chosen ones), the deadline's bounds. Every
/// rule the edge can check is checked before the decider is asked, so one answer lists every field to correct.
/// </summary>
public static class CycleStarting
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>A start's form key as the decider keeps it: the administration's own, so two administrations' scripts that both send "1" never match.</summary>
    public static string FormKey(string administrationId, string formKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(administrationId + "\n" + formKey)))[..32];

    public static async Task<CycleStartResult> StartAsync(
        ReportCycleService cycles, SetupImports imports, SecretaryUser user, CycleStartInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycles);
        ArgumentNullException.ThrowIfNull(imports);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(input);
        var now = cycles.Time.GetUtcNow();
        var errors = new List<FieldError>(input.Errors);

        YearStructure? structure = null;
        if (input.Year is { } year && !errors.Exists(e => e.Field == "year"))
        {
            structure = (await imports.StructureAsync(user.AdministrationId, year, cancellationToken))?.Structure;
            if (structure is null)
                errors.Add(new("year", $"Det finns ingen målstruktur för {year.ToString(CultureInfo.InvariantCulture)}. Importera årets målstruktur under Målstruktur först."));
        }
        if (input.Deadline is { } deadline)
            errors.AddRange(CycleDates.Check(deadline, now, "deadline"));
        if (input.DeviationThreshold is { } threshold && (threshold < 0 || threshold > ReportCycleDecider.MaxDeviationThreshold))
            errors.Add(new("deviationThreshold", $"Gränsen för avvikelse ska vara mellan 0 och {ReportCycleDecider.MaxDeviationThreshold.ToString(CultureInfo.InvariantCulture)} mnkr."));

        var units = await UnitsAsync(imports, user.AdministrationId, input, structure, errors, cancellationToken);
        if (errors.Count > 0 || input.Period is not { } period || input.Year is not { } y || input.Deadline is not { } d
            || input.DeviationThreshold is not { } t || structure is null)
            return new(null, CycleRefusal.InvalidFields(errors.Count > 0 ? errors : [new("period", "Uppgifterna är ofullständiga.")]));

        var outcome = await cycles.StartForAdministrationAsync(user.AdministrationId, period, y, d, t, units, structure,
            new Person(user.Name, user.Email), FormKey(user.AdministrationId, input.FormKey), cancellationToken);
        return outcome.Decision.Refusal is { } refusal ? new(null, refusal) : new(outcome, null);
    }

    /// <summary>The units to start with, in the register's order; what is wrong with the choice goes to <paramref name="errors"/>.</summary>
    private static async Task<List<ReportingUnit>> UnitsAsync(
        SetupImports imports, string administrationId, CycleStartInput input, YearStructure? structure, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var register = await imports.RegisterAsync(administrationId, cancellationToken);
        var active = register.ActiveUnits.ToList();
        if (active.Count == 0)
        {
            errors.Add(new("units", "Enhetsregistret är tomt. Importera enheterna under Enheter först."));
            return [];
        }
        var assigned = structure?.Assignments.Select(a => a.UnitId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var yearText = input.Year?.ToString(CultureInfo.InvariantCulture) ?? "";
        if (input.AllUnits)
        {
            if (assigned is null)
                return active;
            var withAssignment = active.Where(u => assigned.Contains(u.Id)).ToList();
            if (withAssignment.Count == 0)
                errors.Add(new("units", $"Ingen enhet i registret har något uppdrag i målstrukturen för {yearText}. Kontrollera att strukturen och enhetslistan har samma enhets-id."));
            return withAssignment;
        }

        if (input.UnitIds.Count == 0)
        {
            if (errors.Exists(e => e.Field.StartsWith("units", StringComparison.Ordinal)))
                return [];
            errors.Add(new("units", "Välj minst en enhet, eller välj alla enheter."));
            return [];
        }
        var byId = active.ToDictionary(u => u.Id, StringComparer.OrdinalIgnoreCase);
        var chosen = new List<ReportingUnit>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < input.UnitIds.Count; i++)
        {
            var id = input.UnitIds[i].Trim();
            if (!seen.Add(id))
                continue;
            if (!byId.TryGetValue(id, out var unit))
                errors.Add(new($"units[{i}]", $"Enheten {Shown(id)} finns inte i enhetsregistret."));
            else if (assigned is not null && !assigned.Contains(unit.Id))
                errors.Add(new($"units[{i}]", $"{unit.Name} har inget uppdrag i målstrukturen för {yearText}: inga mål, indikatorer eller budgetrader."));
            else
                chosen.Add(unit);
        }
        // The register's order, so the dashboard and the mails read the same whichever order the boxes were ticked in.
        var order = active.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return [.. chosen.OrderBy(u => order[u.Id])];
    }

    /// <summary>An id as a message quotes it: bounded, so a hostile 100 kB "id" does not come back whole.</summary>
    internal static string Shown(string id) => id.Length <= 40 ? $"”{id}”" : $"”{id[..40]}…”";
}

/// <summary>
/// A cycle's deadline as people type it and its bounds: a working day from today, and at most a year ahead — a cycle's
/// deadline is weeks away, so a year 2206 or 0001 is a typing mistake, refused before anything is stored or mailed.
/// </summary>
public static class CycleDates
{
    public const int MonthsAhead = 12;

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    private static readonly string[] Formats =
        ["yyyy-MM-dd", "yyyy-M-d", "yyyyMMdd", "d MMMM yyyy", "d MMM yyyy", "d MMM. yyyy", "d/M yyyy", "d/M-yyyy", "d/M/yyyy", "d.M.yyyy"];

    /// <summary>A date as the ISO form writes it (2026-12-15) or as Swedes write it by hand (15 december 2026, 15/12 2026); null when it is none of those.</summary>
    public static DateOnly? Parse(string? text)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > 40)
            return null;
        value = string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return DateOnly.TryParseExact(value, Formats, Swedish, DateTimeStyles.None, out var date) ? date : null;
    }

    /// <summary>Reads <paramref name="field"/> into a date, adding a Swedish message to <paramref name="errors"/> when it is empty or unreadable.</summary>
    public static DateOnly? Read(string? text, string field, string label, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(field, $"Ange {label}."));
            return null;
        }
        var date = Parse(text);
        if (date is null)
            errors.Add(new(field, $"Skriv {label} som ÅÅÅÅ-MM-DD, till exempel 2026-12-15."));
        return date;
    }

    /// <summary>The bounds of a deadline (start or extension): the decider's rule (a working day, today or later) and at most a year ahead.</summary>
    public static IReadOnlyList<FieldError> Check(DateOnly date, DateTimeOffset now, string field)
    {
        var today = StockholmTime.LocalDate(now);
        if (date > today.AddMonths(MonthsAhead))
            return [new(field, $"Sista dag får ligga högst ett år fram i tiden, senast {today.AddMonths(MonthsAhead).ToString("d MMMM yyyy", Swedish)}.")];
        return CycleRules.Deadline(date, now, field);
    }
}

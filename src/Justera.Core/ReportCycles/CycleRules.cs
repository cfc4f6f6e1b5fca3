using Justera.Core.Calendar;
using Justera.Core.JusteringRounds;

namespace Justera.Core.ReportCycles;

/// <summary>The input rules of starting and extending a cycle, each broken rule a Swedish message on its field.</summary>
public static class CycleRules
{
    public static List<FieldError> Start(StartCycle c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var errors = new List<FieldError>();
        if (c.Year != c.Structure.Year)
            errors.Add(new("year", $"Årets struktur gäller {c.Structure.Year}. Importera strukturen för {c.Year} först."));
        errors.AddRange(Deadline(c.Deadline, c.At, "deadline"));
        if (c.DeviationThreshold < 0 || c.DeviationThreshold > ReportCycleDecider.MaxDeviationThreshold)
            errors.Add(new("deviationThreshold", $"Gränsen för avvikelse ska vara mellan 0 och {ReportCycleDecider.MaxDeviationThreshold} mnkr."));
        if (string.IsNullOrWhiteSpace(c.StructureHash))
            errors.Add(new("structureHash", "Årets struktur saknas. Importera den först."));
        if (string.IsNullOrWhiteSpace(c.Secretary.Name) || !RoundRules.IsEmail(c.Secretary.Email))
            errors.Add(new("secretary", "Ange handläggarens namn och e-postadress."));
        if (string.IsNullOrWhiteSpace(c.FormKey) || c.FormKey.Length > ReportCycleDecider.MaxFormKeyLength)
            errors.Add(new("formKey", "Formuläret saknar sin nyckel. Ladda om sidan och försök igen."));
        if (c.Units.Count == 0)
            errors.Add(new("units", "Välj minst en enhet."));
        if (c.Units.Count > ReportCycleDecider.MaxUnits)
            errors.Add(new("units", $"Högst {ReportCycleDecider.MaxUnits} enheter kan ingå i en rapportcykel."));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var assigned = c.Structure.Assignments.Select(a => a.UnitId).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < c.Units.Count; i++)
        {
            var unit = c.Units[i];
            if (!seen.Add(unit.Id))
                errors.Add(new($"units[{i}]", $"Enheten {unit.Id} finns två gånger."));
            else if (!assigned.Contains(unit.Id))
                errors.Add(new($"units[{i}]", $"Enheten {unit.Name} har inget uppdrag i årets struktur: inga mål, indikatorer eller budgetrader."));
            if (!RoundRules.IsEmail(unit.Manager.Email))
                errors.Add(new($"units[{i}].manager.email", $"Enhetschefens e-postadress för {unit.Name} är inte giltig."));
            if (!RoundRules.IsEmail(unit.DepartmentHead.Email))
                errors.Add(new($"units[{i}].departmentHead.email", $"Avdelningschefens e-postadress för {unit.Name} är inte giltig."));
        }

        return errors;
    }

    /// <summary>A deadline is a working day, today or later.</summary>
    public static List<FieldError> Deadline(DateOnly deadline, DateTimeOffset now, string field)
    {
        var errors = new List<FieldError>();
        if (deadline < StockholmTime.LocalDate(now))
            errors.Add(new(field, "Sista dag har redan passerat. Välj en dag framåt i tiden."));
        else if (!SwedishCalendar.IsWorkingDay(deadline))
            errors.Add(new(field, $"Sista dag måste vara en arbetsdag; {ReportCycleDecider.SwedishDate(deadline)} är {SwedishCalendar.HolidayName(deadline) ?? deadline.ToString("dddd", System.Globalization.CultureInfo.GetCultureInfo("sv-SE"))}."));
        return errors;
    }
}

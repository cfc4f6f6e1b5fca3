namespace Justera.Core.Calendar;

/// <summary>Swedish public holidays, the eves Stockholm's offices close on, and working-day arithmetic.</summary>
/// <remarks>
/// Every rule is computed from the date itself (no lookup tables) so the calendar keeps working for any year
/// without yearly maintenance. Years before 1583 get the proleptic Gregorian answer.
/// </remarks>
public static class SwedishCalendar
{
    /// <summary>Returns true when <paramref name="day"/> is a Swedish public holiday (allmän helgdag).</summary>
    public static bool IsPublicHoliday(DateOnly day) => PublicHolidayName(day) is not null;

    /// <summary>Returns true for julafton, midsommarafton and nyårsafton, which Stockholm's offices treat as closed.</summary>
    public static bool IsClosedEve(DateOnly day) => ClosedEveName(day) is not null;

    /// <summary>Returns true on weekdays that are neither public holidays nor closed eves.</summary>
    public static bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !IsPublicHoliday(day)
        && !IsClosedEve(day);

    /// <summary>Returns the Swedish name of the public holiday or closed eve on <paramref name="day"/>, or null.</summary>
    /// <remarks>
    /// When two holidays coincide (första maj and Kristi himmelsfärdsdag in 2008, pingstdagen and
    /// Sveriges nationaldag in 2049) only one name is returned; the day is a holiday either way.
    /// </remarks>
    public static string? HolidayName(DateOnly day) => PublicHolidayName(day) ?? ClosedEveName(day);

    /// <summary>Returns Easter Sunday (påskdagen) of <paramref name="year"/> using the anonymous Gregorian (Meeus) algorithm.</summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);

        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var dayOfMonth = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, dayOfMonth);
    }

    /// <summary>Returns the last working day strictly before <paramref name="day"/>.</summary>
    public static DateOnly PreviousWorkingDay(DateOnly day)
    {
        var candidate = day.AddDays(-1);
        while (!IsWorkingDay(candidate))
        {
            candidate = candidate.AddDays(-1);
        }

        return candidate;
    }

    /// <summary>Returns the first working day strictly after <paramref name="day"/>.</summary>
    public static DateOnly NextWorkingDay(DateOnly day)
    {
        var candidate = day.AddDays(1);
        while (!IsWorkingDay(candidate))
        {
            candidate = candidate.AddDays(1);
        }

        return candidate;
    }

    /// <summary>Moves <paramref name="workingDays"/> working days forward (or backward when negative) from <paramref name="day"/>.</summary>
    /// <remarks>
    /// Zero returns <paramref name="day"/> unchanged even if it is not a working day, because "add nothing"
    /// should not silently move a date; each step otherwise lands on a working day, so a non-working start
    /// plus one gives the next working day.
    /// </remarks>
    public static DateOnly AddWorkingDays(DateOnly day, int workingDays)
    {
        var result = day;
        for (var remaining = workingDays; remaining > 0; remaining--)
        {
            result = NextWorkingDay(result);
        }

        for (var remaining = workingDays; remaining < 0; remaining++)
        {
            result = PreviousWorkingDay(result);
        }

        return result;
    }

    private static string? PublicHolidayName(DateOnly day)
    {
        // Fixed dates first: they are what people name the day by when a movable feast coincides.
        switch (day.Month, day.Day)
        {
            case (1, 1):
                return "nyårsdagen";
            case (1, 6):
                return "trettondedag jul";
            case (5, 1):
                return "första maj";
            case (6, 6):
                return "Sveriges nationaldag";
            case (12, 25):
                return "juldagen";
            case (12, 26):
                return "annandag jul";
        }

        if (day.DayOfWeek == DayOfWeek.Saturday)
        {
            if (day.Month == 6 && day.Day is >= 20 and <= 26)
            {
                return "midsommardagen";
            }

            if ((day.Month == 10 && day.Day == 31) || (day.Month == 11 && day.Day <= 6))
            {
                return "alla helgons dag";
            }
        }

        // Easter-based holidays fall between late March and mid June; skip the computation otherwise.
        if (day.Month is < 3 or > 6)
        {
            return null;
        }

        var offset = day.DayNumber - EasterSunday(day.Year).DayNumber;
        return offset switch
        {
            -2 => "långfredagen",
            0 => "påskdagen",
            1 => "annandag påsk",
            39 => "Kristi himmelsfärdsdag",
            49 => "pingstdagen",
            _ => null,
        };
    }

    private static string? ClosedEveName(DateOnly day) => (day.Month, day.Day) switch
    {
        (12, 24) => "julafton",
        (12, 31) => "nyårsafton",
        (6, >= 19 and <= 25) when day.DayOfWeek == DayOfWeek.Friday => "midsommarafton",
        _ => null,
    };
}

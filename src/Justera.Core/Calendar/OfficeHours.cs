namespace Justera.Core.Calendar;

/// <summary>Stockholm office hours: 08:00 to 17:00 local time on Swedish working days.</summary>
public static class OfficeHours
{
    /// <summary>Gets the local time the office opens.</summary>
    public static TimeOnly Opening { get; } = new(8, 0);

    /// <summary>Gets the local time the office closes; 17:00 itself is already outside office hours.</summary>
    public static TimeOnly Closing { get; } = new(17, 0);

    /// <summary>Returns true when <paramref name="instant"/> falls within office hours.</summary>
    public static bool IsWithin(DateTimeOffset instant)
    {
        var local = StockholmTime.ToStockholm(instant);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return SwedishCalendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime))
            && time >= Opening
            && time < Closing;
    }

    /// <summary>Returns <paramref name="instant"/> if the office is open then, otherwise the next opening time, in Stockholm offset.</summary>
    public static DateTimeOffset NextOpening(DateTimeOffset instant)
    {
        var local = StockholmTime.ToStockholm(instant);
        if (IsWithin(local))
        {
            return local;
        }

        var date = DateOnly.FromDateTime(local.DateTime);
        var openingDate = SwedishCalendar.IsWorkingDay(date) && TimeOnly.FromDateTime(local.DateTime) < Opening
            ? date
            : SwedishCalendar.NextWorkingDay(date);
        return StockholmTime.FromLocal(openingDate, Opening);
    }
}

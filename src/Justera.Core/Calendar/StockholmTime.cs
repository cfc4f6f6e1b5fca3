namespace Justera.Core.Calendar;

/// <summary>Conversions between instants and Stockholm wall-clock time, including daylight-saving transitions.</summary>
public static class StockholmTime
{
    /// <summary>Gets the Europe/Stockholm time zone.</summary>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");

    /// <summary>Returns the same instant expressed with Stockholm's offset at that instant.</summary>
    public static DateTimeOffset ToStockholm(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Returns the Stockholm calendar date at <paramref name="instant"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToStockholm(instant).DateTime);

    /// <summary>Converts a Stockholm wall-clock time to an instant, resolving daylight-saving gaps and overlaps.</summary>
    /// <remarks>
    /// A time inside the spring-forward gap (e.g. 02:30 on the last Sunday of March) is read with the offset
    /// in force before the gap, which moves it forward by the gap's length (02:30 becomes 03:30 summer time),
    /// so a scheduled moment is never earlier than asked for. An ambiguous autumn time resolves to its first
    /// occurrence (summer time) so nothing fires an hour late.
    /// </remarks>
    public static DateTimeOffset FromLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);

        TimeSpan offset;
        if (Zone.IsInvalidTime(local))
        {
            // A day earlier is safely before any transition that could have produced this gap.
            offset = Zone.GetUtcOffset(local.AddDays(-1));
        }
        else if (Zone.IsAmbiguousTime(local))
        {
            offset = Zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = Zone.GetUtcOffset(local);
        }

        return ToStockholm(new DateTimeOffset(local, offset));
    }
}

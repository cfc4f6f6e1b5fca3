using System.Globalization;
using Justera.Core.Calendar;

namespace Justera.Core.Swedish;

/// <summary>Dates and times written the way the förvaltningsgrupp's protocols write them, in Stockholm time.</summary>
public static class SwedishFormat
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    // No standard sv-SE format gives the protocols' style ("f" is "torsdag 15 februari 2024 13:00"),
    // so the patterns are explicit. The protocols use the definite weekday ("torsdagen"); every Swedish
    // weekday name ends in "dag", so the definite form is always the name followed by "en".
    private const string LongDatePattern = "dddd'en den' d MMMM yyyy";
    private const string ShortDatePattern = "d MMMM yyyy";
    private const string TimePattern = "'kl.' HH.mm";
    private const string CompactDatePattern = "yyyy'-'MM'-'dd";

    /// <summary>Formats an instant in Stockholm time, e.g. "torsdagen den 15 februari 2024 kl. 13.00".</summary>
    public static string DateTime(DateTimeOffset instant) =>
        StockholmTime.ToStockholm(instant).ToString(LongDatePattern + " " + TimePattern, Swedish);

    /// <summary>Formats a date with its weekday, e.g. "torsdagen den 23 september 2021".</summary>
    public static string Date(DateOnly date) => date.ToString(LongDatePattern, Swedish);

    /// <summary>Formats a date without its weekday, e.g. "23 september 2021", as used in subject lines.</summary>
    public static string ShortDate(DateOnly date) => date.ToString(ShortDatePattern, Swedish);

    /// <summary>Formats an instant in Stockholm time compactly for tables, e.g. "2024-02-15 kl. 13.00".</summary>
    public static string Time(DateTimeOffset instant) =>
        StockholmTime.ToStockholm(instant).ToString(CompactDatePattern + " " + TimePattern, Swedish);
}

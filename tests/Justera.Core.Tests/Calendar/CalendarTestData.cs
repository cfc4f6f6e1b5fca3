using System.Globalization;

namespace Justera.Core.Tests.Calendar;

/// <summary>Parses the ISO-8601 literals the calendar tests are written in, so cases read like a calendar.</summary>
internal static class CalendarTestData
{
    public static DateOnly Date(string isoDate) =>
        DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static TimeOnly Time(string isoTime) =>
        TimeOnly.ParseExact(isoTime, "HH:mm", CultureInfo.InvariantCulture);

    public static DateTimeOffset Instant(string isoInstant) =>
        DateTimeOffset.ParseExact(isoInstant, "yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    /// <summary>DateTimeOffset equality ignores the offset, but a wrong offset is exactly the DST bug these tests hunt.</summary>
    public static void AssertSameInstantAndOffset(DateTimeOffset expected, DateTimeOffset actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(expected.Offset, actual.Offset);
    }
}

using Justera.Core.Calendar;
using static Justera.Core.Tests.Calendar.CalendarTestData;

namespace Justera.Core.Tests.Calendar;

public class StockholmTimeTests
{
    [Fact]
    public void GivenZone_WhenInspected_ThenItObservesStockholmDaylightSaving()
    {
        Assert.Equal(TimeSpan.FromHours(1), StockholmTime.Zone.GetUtcOffset(new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(2), StockholmTime.Zone.GetUtcOffset(new DateTime(2026, 7, 15, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("2026-01-15", "08:00", "2026-01-15T08:00+01:00")]
    [InlineData("2026-07-15", "08:00", "2026-07-15T08:00+02:00")]
    [InlineData("2026-03-29", "01:59", "2026-03-29T01:59+01:00")]
    [InlineData("2026-03-29", "03:00", "2026-03-29T03:00+02:00")]
    [InlineData("2026-10-25", "03:00", "2026-10-25T03:00+01:00")]
    public void GivenUnambiguousWallClockTime_WhenFromLocal_ThenThatTimeWithTheOffsetInForce(string date, string time, string expected)
    {
        AssertSameInstantAndOffset(Instant(expected), StockholmTime.FromLocal(Date(date), Time(time)));
    }

    [Fact]
    public void GivenSpringForwardGap20260329At0230_WhenFromLocal_ThenMovedForwardTo0330SummerTime()
    {
        var actual = StockholmTime.FromLocal(Date("2026-03-29"), Time("02:30"));

        AssertSameInstantAndOffset(Instant("2026-03-29T03:30+02:00"), actual);
        Assert.Equal(Instant("2026-03-29T01:30+00:00"), actual);
    }

    [Fact]
    public void GivenStartOfSpringForwardGap_WhenFromLocal_ThenThreeOClockSummerTime()
    {
        AssertSameInstantAndOffset(
            Instant("2026-03-29T03:00+02:00"),
            StockholmTime.FromLocal(Date("2026-03-29"), Time("02:00")));
    }

    [Fact]
    public void GivenAmbiguousAutumnTime20261025At0230_WhenFromLocal_ThenFirstOccurrenceInSummerTime()
    {
        var actual = StockholmTime.FromLocal(Date("2026-10-25"), Time("02:30"));

        AssertSameInstantAndOffset(Instant("2026-10-25T02:30+02:00"), actual);
        Assert.Equal(Instant("2026-10-25T00:30+00:00"), actual);
    }

    [Theory]
    [InlineData("2026-07-01T10:00+00:00", "2026-07-01T12:00+02:00")]
    [InlineData("2026-01-01T10:00+00:00", "2026-01-01T11:00+01:00")]
    [InlineData("2026-10-25T00:30+00:00", "2026-10-25T02:30+02:00")]
    [InlineData("2026-10-25T01:30+00:00", "2026-10-25T02:30+01:00")]
    [InlineData("2026-06-01T09:00-04:00", "2026-06-01T15:00+02:00")]
    public void GivenInstant_WhenToStockholm_ThenSameInstantWithStockholmOffset(string instant, string expected)
    {
        AssertSameInstantAndOffset(Instant(expected), StockholmTime.ToStockholm(Instant(instant)));
    }

    [Theory]
    [InlineData("2026-03-28T23:30+00:00", "2026-03-29")]
    [InlineData("2026-06-30T22:30+00:00", "2026-07-01")]
    [InlineData("2026-12-31T23:30+00:00", "2027-01-01")]
    [InlineData("2026-12-31T22:59+00:00", "2026-12-31")]
    public void GivenInstantNearMidnight_WhenLocalDate_ThenStockholmCalendarDate(string instant, string expected)
    {
        Assert.Equal(Date(expected), StockholmTime.LocalDate(Instant(instant)));
    }
}

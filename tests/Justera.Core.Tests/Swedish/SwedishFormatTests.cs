using System.Globalization;
using Justera.Core.Swedish;

namespace Justera.Core.Tests.Swedish;

public class SwedishFormatTests
{
    [Fact]
    public void GivenThursdayInWinterTime_WhenFormatted_ThenProtocolStyleInStockholmTime()
    {
        var instant = Utc("2024-02-15T12:00:00Z");

        Assert.Equal("torsdagen den 15 februari 2024 kl. 13.00", SwedishFormat.DateTime(instant));
    }

    [Fact]
    public void GivenThursdayInSummerTime_WhenFormatted_ThenProtocolStyleInStockholmTime()
    {
        var instant = new DateTimeOffset(2024, 6, 20, 11, 30, 0, TimeSpan.Zero);

        Assert.Equal("torsdagen den 20 juni 2024 kl. 13.30", SwedishFormat.DateTime(instant));
    }

    [Fact]
    public void GivenInstantWithForeignOffset_WhenFormatted_ThenConvertedToStockholmTime()
    {
        // 08.05 in New York is 14.05 in Stockholm on this date (both on winter time).
        var instant = new DateTimeOffset(2024, 3, 5, 8, 5, 0, TimeSpan.FromHours(-5));

        Assert.Equal("tisdagen den 5 mars 2024 kl. 14.05", SwedishFormat.DateTime(instant));
    }

    [Fact]
    public void GivenInstantJustBeforeMidnightUtc_WhenFormatted_ThenStockholmDateIsNextDay()
    {
        var instant = new DateTimeOffset(2024, 12, 31, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal("onsdagen den 1 januari 2025 kl. 00.30", SwedishFormat.DateTime(instant));
    }

    [Theory]
    [InlineData("2024-03-31T00:59:00Z", "söndagen den 31 mars 2024 kl. 01.59")]
    [InlineData("2024-03-31T01:00:00Z", "söndagen den 31 mars 2024 kl. 03.00")]
    [InlineData("2024-10-27T00:30:00Z", "söndagen den 27 oktober 2024 kl. 02.30")]
    [InlineData("2024-10-27T01:30:00Z", "söndagen den 27 oktober 2024 kl. 02.30")]
    public void GivenInstantAtDaylightSavingTransition_WhenFormatted_ThenStockholmWallClock(string utc, string expected)
    {
        var instant = Utc(utc);

        Assert.Equal(expected, SwedishFormat.DateTime(instant));
    }

    [Theory]
    [InlineData(2024, 2, 12, "måndagen den 12 februari 2024")]
    [InlineData(2024, 2, 13, "tisdagen den 13 februari 2024")]
    [InlineData(2024, 2, 14, "onsdagen den 14 februari 2024")]
    [InlineData(2024, 2, 15, "torsdagen den 15 februari 2024")]
    [InlineData(2024, 2, 16, "fredagen den 16 februari 2024")]
    [InlineData(2024, 2, 17, "lördagen den 17 februari 2024")]
    [InlineData(2024, 2, 18, "söndagen den 18 februari 2024")]
    public void GivenEachWeekday_WhenDateFormatted_ThenDefiniteWeekdayForm(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, SwedishFormat.Date(new DateOnly(year, month, day)));
    }

    [Fact]
    public void GivenMeetingDate_WhenDateFormatted_ThenProtocolStyle()
    {
        Assert.Equal("torsdagen den 23 september 2021", SwedishFormat.Date(new DateOnly(2021, 9, 23)));
    }

    [Theory]
    [InlineData(2021, 9, 23, "23 september 2021")]
    [InlineData(2024, 5, 1, "1 maj 2024")]
    [InlineData(2024, 12, 9, "9 december 2024")]
    public void GivenDate_WhenShortDateFormatted_ThenDayMonthNameYear(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, SwedishFormat.ShortDate(new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData("2024-02-15T12:00:00Z", "2024-02-15 kl. 13.00")]
    [InlineData("2024-06-20T11:30:00Z", "2024-06-20 kl. 13.30")]
    [InlineData("2024-03-05T07:05:00Z", "2024-03-05 kl. 08.05")]
    [InlineData("2024-08-31T22:15:00Z", "2024-09-01 kl. 00.15")]
    public void GivenInstant_WhenTimeFormatted_ThenCompactStockholmForm(string utc, string expected)
    {
        var instant = Utc(utc);

        Assert.Equal(expected, SwedishFormat.Time(instant));
    }

    [Fact]
    public void GivenEveryDayOfAYear_WhenFormatted_ThenWeekdayIsDefiniteAndMatchesCalendar()
    {
        string[] definite = ["söndagen", "måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lördagen"];

        for (var date = new DateOnly(2024, 1, 1); date.Year == 2024; date = date.AddDays(1))
        {
            var expected = $"{definite[(int)date.DayOfWeek]} den {date.Day} ";

            Assert.StartsWith(expected, SwedishFormat.Date(date), StringComparison.Ordinal);
        }
    }

    private static DateTimeOffset Utc(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

using CsCheck;
using Justera.Core.Calendar;
using static Justera.Core.Tests.Calendar.CalendarTestData;

namespace Justera.Core.Tests.Calendar;

public class SwedishCalendarTests
{
    [Theory]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void GivenKnownYear_WhenAskedForEasterSunday_ThenMatchesPublishedDate(int year, string expected)
    {
        Assert.Equal(Date(expected), SwedishCalendar.EasterSunday(year));
        Assert.Equal("påskdagen", SwedishCalendar.HolidayName(Date(expected)));
    }

    [Fact]
    public void GivenAnyGregorianYear_WhenAskedForEasterSunday_ThenItIsASundayBetween22MarchAnd25April()
    {
        Gen.Int[1583, 9999].Sample(year =>
        {
            var easter = SwedishCalendar.EasterSunday(year);
            Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
            Assert.InRange(easter, new DateOnly(year, 3, 22), new DateOnly(year, 4, 25));
        });
    }

    [Fact]
    public void GivenEasterSunday2024_WhenAskedIsWorkingDay_ThenFalse()
    {
        Assert.False(SwedishCalendar.IsWorkingDay(Date("2024-03-31")));
    }

    [Theory]
    [InlineData("2024-01-01", "nyårsdagen")]
    [InlineData("2024-01-06", "trettondedag jul")]
    [InlineData("2024-03-29", "långfredagen")]
    [InlineData("2024-03-31", "påskdagen")]
    [InlineData("2024-04-01", "annandag påsk")]
    [InlineData("2024-05-01", "första maj")]
    [InlineData("2024-05-09", "Kristi himmelsfärdsdag")]
    [InlineData("2024-05-19", "pingstdagen")]
    [InlineData("2024-06-06", "Sveriges nationaldag")]
    [InlineData("2024-06-22", "midsommardagen")]
    [InlineData("2024-11-02", "alla helgons dag")]
    [InlineData("2024-12-25", "juldagen")]
    [InlineData("2024-12-26", "annandag jul")]
    [InlineData("2026-01-01", "nyårsdagen")]
    [InlineData("2026-01-06", "trettondedag jul")]
    [InlineData("2026-04-03", "långfredagen")]
    [InlineData("2026-04-05", "påskdagen")]
    [InlineData("2026-04-06", "annandag påsk")]
    [InlineData("2026-05-01", "första maj")]
    [InlineData("2026-05-14", "Kristi himmelsfärdsdag")]
    [InlineData("2026-05-24", "pingstdagen")]
    [InlineData("2026-06-06", "Sveriges nationaldag")]
    [InlineData("2026-06-20", "midsommardagen")]
    [InlineData("2026-10-31", "alla helgons dag")]
    [InlineData("2026-12-25", "juldagen")]
    [InlineData("2026-12-26", "annandag jul")]
    public void GivenPublicHoliday_WhenAskedForName_ThenSwedishNameAndNotAWorkingDay(string date, string expectedName)
    {
        var day = Date(date);

        Assert.Equal(expectedName, SwedishCalendar.HolidayName(day));
        Assert.True(SwedishCalendar.IsPublicHoliday(day));
        Assert.False(SwedishCalendar.IsClosedEve(day));
        Assert.False(SwedishCalendar.IsWorkingDay(day));
    }

    [Theory]
    [InlineData(2024, "2024-01-01,2024-01-06,2024-03-29,2024-03-31,2024-04-01,2024-05-01,2024-05-09,2024-05-19,2024-06-06,2024-06-22,2024-11-02,2024-12-25,2024-12-26")]
    [InlineData(2026, "2026-01-01,2026-01-06,2026-04-03,2026-04-05,2026-04-06,2026-05-01,2026-05-14,2026-05-24,2026-06-06,2026-06-20,2026-10-31,2026-12-25,2026-12-26")]
    public void GivenWholeYear_WhenScanningEveryDay_ThenExactlyTheThirteenPublicHolidays(int year, string expectedDates)
    {
        var expected = expectedDates.Split(',').Select(Date).ToList();

        var actual = DaysOf(year).Where(SwedishCalendar.IsPublicHoliday).ToList();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(2024, "2024-06-21,2024-12-24,2024-12-31")]
    [InlineData(2026, "2026-06-19,2026-12-24,2026-12-31")]
    public void GivenWholeYear_WhenScanningEveryDay_ThenExactlyTheThreeClosedEves(int year, string expectedDates)
    {
        var expected = expectedDates.Split(',').Select(Date).ToList();

        var actual = DaysOf(year).Where(SwedishCalendar.IsClosedEve).ToList();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("2024-06-22", "2024-06-21")]
    [InlineData("2025-06-21", "2025-06-20")]
    [InlineData("2026-06-20", "2026-06-19")]
    [InlineData("2027-06-26", "2027-06-25")]
    public void GivenYear_WhenAskedForMidsommar_ThenItMovesWithTheWeekday(string midsommardagen, string midsommarafton)
    {
        Assert.Equal("midsommardagen", SwedishCalendar.HolidayName(Date(midsommardagen)));
        Assert.Equal("midsommarafton", SwedishCalendar.HolidayName(Date(midsommarafton)));
        Assert.True(SwedishCalendar.IsClosedEve(Date(midsommarafton)));
        Assert.False(SwedishCalendar.IsPublicHoliday(Date(midsommarafton)));
    }

    [Theory]
    [InlineData("2027-06-19")] // A Saturday in June, but a week before midsommar.
    [InlineData("2026-06-27")] // A Saturday just after the 20–26 window.
    [InlineData("2026-06-26")] // A Friday just after the 19–25 window.
    [InlineData("2027-06-18")] // A Friday just before it.
    public void GivenWeekendOrFridayOutsideMidsommarWindow_WhenAskedForName_ThenNull(string date)
    {
        Assert.Null(SwedishCalendar.HolidayName(Date(date)));
    }

    [Theory]
    [InlineData("2024-11-02")]
    [InlineData("2025-11-01")]
    [InlineData("2026-10-31")]
    [InlineData("2027-11-06")]
    public void GivenYear_WhenAskedForAllaHelgonsDag_ThenItIsTheSaturdayFrom31OctoberTo6November(string date)
    {
        Assert.Equal("alla helgons dag", SwedishCalendar.HolidayName(Date(date)));
    }

    [Theory]
    [InlineData("2025-10-31")] // Friday before alla helgons dag: an ordinary working day.
    [InlineData("2025-11-08")] // The following Saturday is just a weekend.
    [InlineData("2027-10-30")] // Saturday before the window.
    public void GivenDayOutsideAllaHelgonsWindow_WhenAskedForName_ThenNull(string date)
    {
        Assert.Null(SwedishCalendar.HolidayName(Date(date)));
    }

    [Theory]
    [InlineData("2026-12-24", "julafton")] // Thursday
    [InlineData("2026-06-19", "midsommarafton")] // Friday
    [InlineData("2026-12-31", "nyårsafton")] // Thursday
    [InlineData("2025-12-24", "julafton")] // Wednesday
    [InlineData("2025-12-31", "nyårsafton")] // Wednesday
    public void GivenClosedEveOnWeekday_WhenAskedIsWorkingDay_ThenFalse(string date, string expectedName)
    {
        var day = Date(date);

        Assert.False(SwedishCalendar.IsWorkingDay(day));
        Assert.True(SwedishCalendar.IsClosedEve(day));
        Assert.Equal(expectedName, SwedishCalendar.HolidayName(day));
    }

    [Theory]
    [InlineData("2026-02-11")]
    [InlineData("2026-03-18")]
    [InlineData("2026-09-16")]
    [InlineData("2024-04-03")] // The Wednesday right after Easter week.
    public void GivenOrdinaryWednesday_WhenAskedIsWorkingDay_ThenTrue(string date)
    {
        Assert.True(SwedishCalendar.IsWorkingDay(Date(date)));
        Assert.Null(SwedishCalendar.HolidayName(Date(date)));
    }

    [Theory]
    [InlineData("2026-04-02")] // skärtorsdagen
    [InlineData("2026-04-04")] // påskafton, a Saturday
    [InlineData("2026-05-23")] // pingstafton, a Saturday
    [InlineData("2026-01-05")] // trettondagsafton
    public void GivenEveThatIsNotAHoliday_WhenAskedForName_ThenNull(string date)
    {
        Assert.Null(SwedishCalendar.HolidayName(Date(date)));
    }

    [Fact]
    public void GivenSkartorsdagen2026_WhenAskedIsWorkingDay_ThenTrue()
    {
        Assert.True(SwedishCalendar.IsWorkingDay(Date("2026-04-02")));
    }

    [Fact]
    public void GivenOrdinarySaturdayAndSunday_WhenAskedIsWorkingDay_ThenFalseButNotHolidays()
    {
        Assert.False(SwedishCalendar.IsWorkingDay(Date("2026-02-14")));
        Assert.False(SwedishCalendar.IsWorkingDay(Date("2026-02-15")));
        Assert.False(SwedishCalendar.IsPublicHoliday(Date("2026-02-14")));
        Assert.False(SwedishCalendar.IsPublicHoliday(Date("2026-02-15")));
    }

    [Theory]
    [InlineData("2008-05-01")] // första maj and Kristi himmelsfärdsdag coincide
    [InlineData("2049-06-06")] // Sveriges nationaldag and pingstdagen coincide
    public void GivenTwoHolidaysOnOneDay_WhenAskedIsPublicHoliday_ThenTrueWithAName(string date)
    {
        Assert.True(SwedishCalendar.IsPublicHoliday(Date(date)));
        Assert.NotNull(SwedishCalendar.HolidayName(Date(date)));
    }

    [Theory]
    [InlineData("2026-04-07", "2026-04-02")] // over annandag påsk, Easter weekend and långfredagen
    [InlineData("2026-02-16", "2026-02-13")] // over an ordinary weekend
    [InlineData("2027-01-04", "2026-12-30")] // over nyårsdagen and nyårsafton
    [InlineData("2026-02-11", "2026-02-10")] // strictly before, even when the day itself is a working day
    public void GivenDate_WhenAskedPreviousWorkingDay_ThenLastWorkingDayStrictlyBefore(string date, string expected)
    {
        Assert.Equal(Date(expected), SwedishCalendar.PreviousWorkingDay(Date(date)));
    }

    [Theory]
    [InlineData("2026-04-02", "2026-04-07")]
    [InlineData("2026-12-23", "2026-12-28")]
    [InlineData("2026-12-30", "2027-01-04")]
    [InlineData("2026-02-10", "2026-02-11")]
    public void GivenDate_WhenAskedNextWorkingDay_ThenFirstWorkingDayStrictlyAfter(string date, string expected)
    {
        Assert.Equal(Date(expected), SwedishCalendar.NextWorkingDay(Date(date)));
    }

    [Theory]
    [InlineData("2026-04-01", 2, "2026-04-07")]
    [InlineData("2026-04-07", -2, "2026-04-01")]
    [InlineData("2026-02-09", 5, "2026-02-16")]
    [InlineData("2026-04-04", 1, "2026-04-07")]
    [InlineData("2026-04-04", 0, "2026-04-04")]
    [InlineData("2026-12-21", 4, "2026-12-29")]
    public void GivenDate_WhenAddingWorkingDays_ThenSkipsWeekendsHolidaysAndEves(string date, int workingDays, string expected)
    {
        Assert.Equal(Date(expected), SwedishCalendar.AddWorkingDays(Date(date), workingDays));
    }

    [Fact]
    public void GivenAnyDate_WhenAskedNextAndPreviousWorkingDay_ThenNoWorkingDayIsSkipped()
    {
        Gen.DateOnly[new DateOnly(1900, 1, 1), new DateOnly(2200, 12, 31)].Sample(day =>
        {
            var next = SwedishCalendar.NextWorkingDay(day);
            var previous = SwedishCalendar.PreviousWorkingDay(day);

            Assert.True(SwedishCalendar.IsWorkingDay(next));
            Assert.True(SwedishCalendar.IsWorkingDay(previous));
            for (var between = previous.AddDays(1); between < next; between = between.AddDays(1))
            {
                Assert.True(between == day || !SwedishCalendar.IsWorkingDay(between), $"{between} was skipped");
            }
        });
    }

    [Fact]
    public void GivenAnyWorkingDay_WhenAddingThenSubtractingWorkingDays_ThenBackWhereItStarted()
    {
        Gen.Select(Gen.DateOnly[new DateOnly(1900, 1, 1), new DateOnly(2200, 12, 31)], Gen.Int[-40, 40])
            .Sample((day, workingDays) =>
            {
                var start = SwedishCalendar.IsWorkingDay(day) ? day : SwedishCalendar.NextWorkingDay(day);

                var there = SwedishCalendar.AddWorkingDays(start, workingDays);

                Assert.Equal(start, SwedishCalendar.AddWorkingDays(there, -workingDays));
            });
    }

    private static IEnumerable<DateOnly> DaysOf(int year)
    {
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}

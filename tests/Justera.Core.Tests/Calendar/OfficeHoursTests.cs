using CsCheck;
using Justera.Core.Calendar;
using static Justera.Core.Tests.Calendar.CalendarTestData;

namespace Justera.Core.Tests.Calendar;

public class OfficeHoursTests
{
    [Theory]
    [InlineData("2026-02-11T08:00+01:00", true)]
    [InlineData("2026-02-11T12:00+01:00", true)]
    [InlineData("2026-02-11T16:59+01:00", true)]
    [InlineData("2026-02-11T17:00+01:00", false)]
    [InlineData("2026-02-11T07:59+01:00", false)]
    [InlineData("2026-02-11T07:30+00:00", true)] // 08:30 in Stockholm
    [InlineData("2026-07-15T06:30+00:00", true)] // 08:30 in Stockholm summer time
    [InlineData("2026-07-15T15:30+00:00", false)] // 17:30 in Stockholm summer time
    [InlineData("2026-02-14T10:00+01:00", false)] // Saturday
    [InlineData("2026-04-03T10:00+02:00", false)] // långfredagen
    [InlineData("2026-12-24T10:00+01:00", false)] // julafton
    [InlineData("2026-04-02T10:00+02:00", true)] // skärtorsdagen
    public void GivenInstant_WhenAskedIsWithin_ThenOnlyWorkingDaysFrom0800To1700Stockholm(string instant, bool expected)
    {
        Assert.Equal(expected, OfficeHours.IsWithin(Instant(instant)));
    }

    [Fact]
    public void GivenMomentWithinOfficeHours_WhenNextOpening_ThenTheMomentItself()
    {
        var moment = Instant("2026-02-11T12:34+01:00");

        Assert.Equal(moment, OfficeHours.NextOpening(moment));
    }

    [Theory]
    [InlineData("2026-02-11T07:59+01:00", "2026-02-11T08:00+01:00")] // early on a working day: same day
    [InlineData("2026-02-11T00:00+01:00", "2026-02-11T08:00+01:00")]
    [InlineData("2026-02-11T17:00+01:00", "2026-02-12T08:00+01:00")] // closing time is already closed
    [InlineData("2026-02-13T17:30+01:00", "2026-02-16T08:00+01:00")] // Friday evening before a normal weekend
    [InlineData("2026-02-13T16:30+00:00", "2026-02-16T08:00+01:00")] // same moment given in UTC
    [InlineData("2026-02-14T12:00+01:00", "2026-02-16T08:00+01:00")] // Saturday
    [InlineData("2026-04-02T18:00+02:00", "2026-04-07T08:00+02:00")] // skärtorsdagen evening, over Easter
    [InlineData("2026-12-23T17:30+01:00", "2026-12-28T08:00+01:00")] // julafton, juldagen, weekend
    [InlineData("2026-12-30T17:30+01:00", "2027-01-04T08:00+01:00")] // nyårsafton, nyårsdagen, weekend
    [InlineData("2026-06-18T17:30+02:00", "2026-06-22T08:00+02:00")] // midsommarafton, midsommardagen
    [InlineData("2026-03-28T12:00+01:00", "2026-03-30T08:00+02:00")] // across the spring DST switch
    [InlineData("2026-10-23T18:00+02:00", "2026-10-26T08:00+01:00")] // across the autumn DST switch
    public void GivenMomentOutsideOfficeHours_WhenNextOpening_ThenNext0800OfAWorkingDay(string instant, string expected)
    {
        AssertSameInstantAndOffset(Instant(expected), OfficeHours.NextOpening(Instant(instant)));
    }

    [Fact]
    public void GivenAnyMoment_WhenNextOpening_ThenWithinOfficeHoursAndNotEarlier()
    {
        var from = Instant("2020-01-01T00:00+00:00");
        Gen.Int[0, 10 * 366 * 24 * 60].Sample(minutes =>
        {
            var moment = from.AddMinutes(minutes);

            var opening = OfficeHours.NextOpening(moment);

            Assert.True(OfficeHours.IsWithin(opening), $"{opening} is not within office hours");
            Assert.True(opening >= moment);
            if (opening == moment)
            {
                return;
            }

            Assert.False(OfficeHours.IsWithin(moment));
            Assert.Equal(new TimeOnly(8, 0), TimeOnly.FromDateTime(StockholmTime.ToStockholm(opening).DateTime));

            // Any working day before the opening's date would have offered an earlier 08:00.
            var momentDate = StockholmTime.LocalDate(moment);
            var momentTime = TimeOnly.FromDateTime(StockholmTime.ToStockholm(moment).DateTime);
            for (var day = momentDate; day < StockholmTime.LocalDate(opening); day = day.AddDays(1))
            {
                var openingAlreadyPassed = day == momentDate && momentTime >= new TimeOnly(8, 0);
                Assert.True(openingAlreadyPassed || !SwedishCalendar.IsWorkingDay(day), $"skipped opening on {day}");
            }
        });
    }
}

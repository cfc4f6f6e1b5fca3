using Justera.Core.Calendar;
using Justera.Core.JusteringRounds;

namespace Justera.Web.Api;

/// <summary>
/// The bounds of every date that enters a round, on the pages and in the API alike (create, extend, revise): the
/// meeting was recent or is soon, the deadline lies after the meeting, in the future and within six months, and the
/// justering day soon after the deadline. A value that parses but lies outside is refused with a Swedish message
/// saying the bound, before anything converts it, stores it or sends mail about it.
/// </summary>
public static class RoundDates
{
    public const int MeetingDaysBack = 90;
    public const int MeetingDaysAhead = 30;
    public const int DeadlineMonthsAhead = 6;
    public const int JusteringDaysAfterDeadline = 30;

    public static IEnumerable<FieldError> Meeting(DateOnly meetingDate, DateTimeOffset now, string field = "meetingDate")
    {
        var today = StockholmTime.LocalDate(now);
        if (meetingDate < today.AddDays(-MeetingDaysBack) || meetingDate > today.AddDays(MeetingDaysAhead))
            yield return new(field, $"Mötesdatum ska ligga inom de senaste {MeetingDaysBack} dagarna eller de närmaste {MeetingDaysAhead} dagarna.");
    }

    /// <summary>A deadline's bounds; <paramref name="meetingDate"/> is the round's, when known.</summary>
    public static IEnumerable<FieldError> Deadline(DateTimeOffset deadline, DateOnly? meetingDate, DateTimeOffset now, string field = "deadline")
    {
        // Compared as instants first, so that nothing converts an absurd value (year 1 or 9999) to Stockholm time.
        if (deadline <= now)
            yield return new(field, "Sista dag för synpunkter har redan passerat. Välj en tidpunkt framåt i tiden.");
        else if (deadline > now.AddMonths(DeadlineMonthsAhead))
            yield return new(field, $"Sista dag för synpunkter får ligga högst {DeadlineMonthsAhead} månader fram i tiden.");
        else if (meetingDate is { } meeting && StockholmTime.LocalDate(deadline) < meeting)
            yield return new(field, "Sista dag för synpunkter kan inte ligga före mötesdatumet.");
    }

    /// <summary>The justering day is the deadline's day or soon after; the rule that it is not before the deadline is the decider's.</summary>
    public static IEnumerable<FieldError> JusteringDate(DateOnly justeringDate, DateTimeOffset? deadline, DateTimeOffset now, string field = "justeringDate")
    {
        var latest = (deadline is { } d && d > now && d <= now.AddMonths(DeadlineMonthsAhead) ? StockholmTime.LocalDate(d) : StockholmTime.LocalDate(now).AddMonths(DeadlineMonthsAhead))
            .AddDays(JusteringDaysAfterDeadline);
        if (justeringDate > latest)
            yield return new(field, $"Justeringsdagen får ligga högst {JusteringDaysAfterDeadline} dagar efter sista dag för synpunkter.");
    }

    /// <summary>
    /// A Stockholm wall-clock time as an instant. The first and last days of the calendar have no instant in every
    /// offset; they come back as the earliest or latest instant, which <see cref="Deadline"/> refuses.
    /// </summary>
    public static DateTimeOffset FromStockholm(DateOnly date, TimeOnly time) =>
        date.Year <= 1 ? DateTimeOffset.MinValue
        : date.Year >= 9999 ? DateTimeOffset.MaxValue
        : StockholmTime.FromLocal(date, time);
}

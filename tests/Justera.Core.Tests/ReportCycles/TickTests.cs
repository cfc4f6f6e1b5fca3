using Justera.Core.Calendar;
using Justera.Core.Links;
using Justera.Core.ReportCycles;
using static Justera.Core.Tests.ReportCycles.ExampleCycle;

namespace Justera.Core.Tests.ReportCycles;

public class TickTests
{
    private static readonly UnitProgress[] Drafting = Progress(UnitPhase.Draft, UnitPhase.NotStarted, UnitPhase.Draft);

    private static IReadOnlyList<ScopedLink> Links(string suffix, params string[] departments) =>
    [
        .. Units.Select(u => UnitLink(u, $"{u.Id[2..]}-{suffix}")),
        .. departments.Select(d => DepartmentLink(d, $"{d}-{suffix}")),
    ];

    private static RemindersSent BeforeSent(DateTimeOffset at) => new(
        [
            new UnitReminded(Stod.Id, UnitReminderKind.BeforeDeadline, "hash-stod-m"),
            new UnitReminded(Boende.Id, UnitReminderKind.BeforeDeadline, "hash-boende-m"),
            new UnitReminded(Norr.Id, UnitReminderKind.BeforeDeadline, "hash-norr-m"),
        ],
        [],
        at);

    [Fact]
    public void GivenThreeWorkingDaysBeforeTheDeadlineOverKristiHimmelsfard_WhenTheTimerTicksAt0900_ThenLenaGetsOneDigestForBothUnitsAndOmarOneMail()
    {
        var at = At("2026-05-11T09:00");

        CycleScenario.Given(Started())
            .When(new Tick(Drafting, Links("m"), at))
            .Then(BeforeSent(at))
            .ThenEffects(
                new MailReminder(Lena,
                [
                    new ReminderLine(Stod.Id, Stod.Name, UnitReminderKind.BeforeDeadline, Deadline, "token-stod-m"),
                    new ReminderLine(Boende.Id, Boende.Name, UnitReminderKind.BeforeDeadline, Deadline, "token-boende-m"),
                ], []),
                new MailReminder(Omar, [new ReminderLine(Norr.Id, Norr.Name, UnitReminderKind.BeforeDeadline, Deadline, "token-norr-m")], []));
    }

    [Theory]
    [InlineData("2026-05-08T09:00")] // four working days before: too early
    [InlineData("2026-05-11T08:30")] // office open, but reminders go from 09:00
    [InlineData("2026-05-11T17:00")] // office closed
    [InlineData("2026-05-09T10:00")] // Saturday
    public void GivenTheCycleStarted_WhenTheTimerTicksOutsideAReminderMoment_ThenNothingHappens(string at)
    {
        CycleScenario.Given(Started()).When(new Tick(Drafting, Links("m"), At(at))).ThenNothing();
    }

    [Fact]
    public void GivenTheRemindersWentOutThisMorning_WhenTheTimerTicksAgainInTheAfternoon_ThenNobodyGetsASecondMail()
    {
        CycleScenario.Given(Started(), BeforeSent(At("2026-05-11T09:00")))
            .When(new Tick(Drafting, Links("m2"), At("2026-05-11T14:00")))
            .ThenNothing();
    }

    [Fact]
    public void GivenTheBeforeReminderWentOut_WhenTheTimerTicksTheNextDay_ThenNothingUntilTheDeadline()
    {
        CycleScenario.Given(Started(), BeforeSent(At("2026-05-11T09:00")))
            .When(new Tick(Drafting, Links("m2"), At("2026-05-12T09:00")))
            .ThenNothing();
    }

    [Fact]
    public void GivenOneUnitReadyAndOneApproved_WhenTheRemindersAreDue_ThenOnlyTheUnitStillDraftingIsReminded()
    {
        var at = At("2026-05-11T09:00");

        CycleScenario.Given(Started())
            .When(new Tick(Progress(UnitPhase.Ready, UnitPhase.Approved, UnitPhase.SentBack), Links("m"), at))
            .Then(new RemindersSent([new UnitReminded(Norr.Id, UnitReminderKind.BeforeDeadline, "hash-norr-m")], [], at))
            .ThenEffects(new MailReminder(Omar, [new ReminderLine(Norr.Id, Norr.Name, UnitReminderKind.BeforeDeadline, Deadline, "token-norr-m")], []));
    }

    [Fact]
    public void GivenAUnitNotOpenedYet_WhenTheRemindersAreDue_ThenItIsNotReminded()
    {
        var at = At("2026-05-11T09:00");

        var outcome = CycleScenario.Given(Started()).When(new Tick([new UnitProgress(Norr.Id, UnitPhase.Draft)], Links("m"), at));

        Assert.Equal([Norr.Id], Assert.IsType<RemindersSent>(Assert.Single(outcome.Decision.Events)).Units.Select(u => u.UnitId));
    }

    [Fact]
    public void GivenTheDayAfterTheDeadline_WhenTheTimerTicks_ThenTheSecretaryIsToldWhichUnitsAreLateAndTheirManagersAreReminded()
    {
        var at = At("2026-05-18T09:00");
        var progress = Progress(UnitPhase.Draft, UnitPhase.Ready, UnitPhase.NotStarted);

        CycleScenario.Given(Started())
            .When(new Tick(progress, Links("m"), at))
            .Then(
                new DeadlinePassed([Stod.Id, Norr.Id], at),
                new RemindersSent([new UnitReminded(Stod.Id, UnitReminderKind.Late, "hash-stod-m"), new UnitReminded(Norr.Id, UnitReminderKind.Late, "hash-norr-m")], [], at))
            .ThenEffects(
                new NotifyCycleSecretary(Eva, CycleNotice.DeadlinePassed, [Stod.Name, Norr.Name]),
                new MailReminder(Lena, [new ReminderLine(Stod.Id, Stod.Name, UnitReminderKind.Late, Deadline, "token-stod-m")], []),
                new MailReminder(Omar, [new ReminderLine(Norr.Id, Norr.Name, UnitReminderKind.Late, Deadline, "token-norr-m")], []));
    }

    [Fact]
    public void GivenTwoWorkingDaysLate_WhenTheTimerTicks_ThenTheDepartmentHeadGetsOneEscalationListingTheDepartmentsLateUnits()
    {
        var at = At("2026-05-19T09:00");
        var progress = Progress(UnitPhase.Draft, UnitPhase.NotStarted, UnitPhase.Ready);
        var yesterday = At("2026-05-18T09:00");

        CycleScenario.Given(Started(), new DeadlinePassed([Stod.Id, Boende.Id], yesterday),
                new RemindersSent([new UnitReminded(Stod.Id, UnitReminderKind.Late, "h1"), new UnitReminded(Boende.Id, UnitReminderKind.Late, "h2")], [], yesterday))
            .When(new Tick(progress, Links("m", Social), at))
            .Then(new RemindersSent(
                [new UnitReminded(Stod.Id, UnitReminderKind.Late, "hash-stod-m"), new UnitReminded(Boende.Id, UnitReminderKind.Late, "hash-boende-m")],
                [new DepartmentEscalated(Social, [Stod.Id, Boende.Id], [Stod.Id, Boende.Id], $"hash-{Social}-m")],
                at))
            .ThenEffects(
                new MailReminder(Lena,
                [
                    new ReminderLine(Stod.Id, Stod.Name, UnitReminderKind.Late, Deadline, "token-stod-m"),
                    new ReminderLine(Boende.Id, Boende.Name, UnitReminderKind.Late, Deadline, "token-boende-m"),
                ], []),
                new MailReminder(Per, [], [new EscalationLine(Social,
                [
                    new LateUnitLine(Stod.Id, Stod.Name, Lena.Name, Deadline, 2),
                    new LateUnitLine(Boende.Id, Boende.Name, Lena.Name, Deadline, 2),
                ], $"token-{Social}-m")]));
    }

    [Fact]
    public void GivenAWholeLateCycle_WhenTheTimerTicksTwiceEveryDayForFourWeeks_ThenRemindersKeepToWorkingDaysOneADayAndTheirCaps()
    {
        var mails = Simulate(Drafting, new DateOnly(2026, 5, 4), new DateOnly(2026, 6, 5));

        var lena = mails.Where(m => m.Mail.To == Lena).ToList();
        Assert.Equal(
            ["2026-05-11", "2026-05-15", "2026-05-18", "2026-05-19", "2026-05-20", "2026-05-21", "2026-05-22"],
            lena.Select(m => m.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(lena, m => Assert.Equal(2, m.Mail.Units.Count));
        Assert.Equal(
            [UnitReminderKind.BeforeDeadline, UnitReminderKind.DeadlineDay, .. Enumerable.Repeat(UnitReminderKind.Late, ReminderPlan.LateReminderCap)],
            lena.Select(m => m.Mail.Units[0].Kind));

        var per = mails.Where(m => m.Mail.To == Per).ToList();
        Assert.Equal(["2026-05-19", "2026-05-20", "2026-05-21"], per.Select(m => m.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(per, m => Assert.Equal([Stod.Id, Boende.Id], m.Mail.Departments.Single().LateUnits.Select(u => u.UnitId)));

        Assert.All(mails, m => Assert.True(SwedishCalendar.IsWorkingDay(m.Day), $"Mail on {m.Day}."));
        Assert.Equal(mails.Count, mails.Select(m => (m.Day, m.Mail.To)).Distinct().Count());
    }

    [Fact]
    public void GivenADeadlineTheDayAfterEaster_WhenTheTimerTicksAllMonth_ThenTheBeforeReminderCountsThreeWorkingDaysBackOverEaster()
    {
        // Påskdagen 2026 is 5 April: långfredagen 3 April and annandag påsk 6 April are closed. Deadline Tuesday 7 April.
        var deadline = new DateOnly(2026, 4, 7);
        var started = new CycleStarted(Id, ReportPeriod.T1, 2026, StructureHash, deadline, Threshold, Eva, Units, "form-start", At("2026-03-23T10:00"));

        var mails = Simulate(Drafting, new DateOnly(2026, 3, 23), new DateOnly(2026, 4, 10), started);

        Assert.Equal(
            [("2026-03-31", UnitReminderKind.BeforeDeadline), ("2026-04-07", UnitReminderKind.DeadlineDay), ("2026-04-08", UnitReminderKind.Late), ("2026-04-09", UnitReminderKind.Late), ("2026-04-10", UnitReminderKind.Late)],
            mails.Where(m => m.Mail.To == Omar).Select(m => (m.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), m.Mail.Units[0].Kind)));
    }

    [Fact]
    public void GivenTheCycleIsClosed_WhenTheTimerTicks_ThenNothingHappens()
    {
        CycleScenario.Given(Started(), new CycleClosed([], "Eva Holm", At("2026-05-12T10:00")), new CompilationRequested(1, At("2026-05-12T10:00")))
            .When(new Tick(Drafting, Links("m"), At("2026-05-15T09:00")))
            .ThenNothing();
    }

    [Fact]
    public void GivenAReminderIsDue_WhenTheTickLacksItsLink_ThenTheCallerIsToldToMintIt()
    {
        Assert.Throws<ArgumentException>(() => ReportCycleDecider.Decide(new Tick(Drafting, [], At("2026-05-11T09:00")), ReportCycleDecider.Fold([Started()])));
    }

    [Fact]
    public void GivenRemindersAreDue_WhenTheCallerAsksWhichLinksToMint_ThenOnePerRemindedUnitAndEscalatedDepartment()
    {
        var state = ReportCycleDecider.Fold([Started()]);

        Assert.Equal(
            [CycleLink.ForUnit(Id, Stod.Id), CycleLink.ForUnit(Id, Norr.Id), CycleLink.ForDepartment(Id, Social), CycleLink.ForDepartment(Id, Preschool)],
            ReminderPlan.LinksForTick(state, At("2026-05-19T09:00"), Progress(UnitPhase.Draft, UnitPhase.Ready, UnitPhase.Draft)));
        Assert.Empty(ReminderPlan.LinksForTick(state, At("2026-05-19T08:00"), Drafting));
    }

    /// <summary>Ticks at 09:00 and 14:00 every day, as a timer asked for them would, and returns every reminder mail.</summary>
    internal static List<(DateOnly Day, MailReminder Mail)> Simulate(UnitProgress[] progress, DateOnly from, DateOnly to, CycleStarted? started = null)
    {
        var state = ReportCycleDecider.Fold([started ?? Started()]);
        var mails = new List<(DateOnly, MailReminder)>();
        var n = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            foreach (var time in new[] { new TimeOnly(9, 0), new TimeOnly(14, 0) })
            {
                var at = StockholmTime.FromLocal(day, time);
                var links = ReminderPlan.LinksForTick(state, at, progress).Select(l => new ScopedLink(l, $"token-{++n}", $"hash-{n}")).ToList();
                var decision = ReportCycleDecider.Decide(new Tick(progress, links, at), state);
                Assert.Null(decision.Refusal);
                state = decision.Events.Aggregate(state, ReportCycleDecider.Evolve);
                mails.AddRange(decision.Effects.OfType<MailReminder>().Select(m => (day, m)));
            }
        }

        return mails;
    }
}

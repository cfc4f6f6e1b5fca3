using System.Globalization;
using Justera.Core.Links;
using Justera.Core.ReportCycles;

namespace Justera.Core.Tests.ReportCycles;

/// <summary>
/// One invented cycle, tertialrapport 1 2026, with three units in two departments; Lena Ek manages two of them.
/// Started Monday 4 May 2026 10:00, deadline Friday 15 May, the day after Kristi himmelsfärdsdag (Thursday 14 May):
/// the reminder three working days before falls on Monday 11 May (the holiday is skipped), the deadline reminder on
/// Friday 15 May, late reminders Monday 18 to Friday 22 May, escalations Tuesday 19 to Thursday 21 May.
/// </summary>
internal static class ExampleCycle
{
    public const string Id = "t1-2026";
    public const string Social = "Socialtjänst";
    public const string Preschool = "Förskola";

    public static Person Eva { get; } = new("Eva Holm", "eva.holm@example.org");
    public static Person Lena { get; } = new("Lena Ek", "lena.ek@example.org");
    public static Person Omar { get; } = new("Omar Said", "omar.said@example.org");
    public static Person Per { get; } = new("Per Holm", "per.holm@example.org");
    public static Person Maria { get; } = new("Maria Lund", "maria.lund@example.org");

    public static ReportingUnit Stod { get; } = new("u-stod", "Stöd- och aktivitetsenheten", Social, Lena, Per);
    public static ReportingUnit Boende { get; } = new("u-boende", "Boendeenheten", Social, Lena, Per);
    public static ReportingUnit Norr { get; } = new("u-norr", "Förskoleenhet Norr", Preschool, Omar, Maria);
    public static IReadOnlyList<ReportingUnit> Units { get; } = [Stod, Boende, Norr];

    public static DateOnly Deadline { get; } = new(2026, 5, 15);
    public static DateTimeOffset StartedAt { get; } = At("2026-05-04T10:00");
    public const decimal Threshold = 0.5m;

    public static Indicator Trygghet { get; } = new("i-trygg", "Andel stockholmare som upplever trygghet i den stadsdel där man bor", "%", false, 79m, 79m);
    public static Indicator Besok { get; } = new("i-besok", "Antal besök i öppna verksamheter", "st", true, 1200m, null);

    public static YearStructure Structure { get; } = new(2026,
    [
        new DirectionGoal("d1", "1", "En modern storstad med möjligheter och valfrihet för alla",
        [
            new AreaGoal("g12", "1.2", "Stockholm är en trygg, säker och välskött stad att bo och vistas i",
                [Trygghet], [new PriorityActivity("a-plats", "Utveckla platssamverkan", null, null)],
                [new BoardGoal("n121", "Stadsdelsområdet är tryggt och säkert", [Besok], [])]),
        ]),
    ],
    [.. Units.Select(u => new UnitAssignment(u.Id, ["g12", "n121"], ["i-trygg", "i-besok"], ["a-plats"],
        [new BudgetRow("b-personal", "Personal", 12.4m), new BudgetRow("b-lokaler", "Lokaler", 3.0m)]))]);

    public const string StructureHash = "sha256-structure-2026";

    /// <summary>A Stockholm wall-clock time in summer (UTC+02:00), which every date of these tests is.</summary>
    public static DateTimeOffset At(string localSummerTime) =>
        DateTimeOffset.ParseExact(localSummerTime + "+02:00", "yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture);

    public static StartCycle Start(DateTimeOffset? at = null, DateOnly? deadline = null, IReadOnlyList<ReportingUnit>? units = null) =>
        new(ReportPeriod.T1, 2026, deadline ?? Deadline, Threshold, units ?? Units, Structure, StructureHash, Eva, "form-start", at ?? StartedAt);

    public static CycleStarted Started(DateTimeOffset? at = null, DateOnly? deadline = null) =>
        new(Id, ReportPeriod.T1, 2026, StructureHash, deadline ?? Deadline, Threshold, Eva, Units, "form-start", at ?? StartedAt);

    public static ScopedLink UnitLink(ReportingUnit unit, string name) =>
        new(CycleLink.ForUnit(Id, unit.Id), $"token-{name}", $"hash-{name}");

    public static ScopedLink DepartmentLink(string department, string name) =>
        new(CycleLink.ForDepartment(Id, department), $"token-{name}", $"hash-{name}");

    public static LinkCredential Credential(ScopedLink link) => new(link.For, link.TokenHash);

    public static UnitProgress[] Progress(UnitPhase stod, UnitPhase boende, UnitPhase norr) =>
        [new(Stod.Id, stod), new(Boende.Id, boende), new(Norr.Id, norr)];

    public static UnitProgress[] AllIn(UnitPhase phase) => Progress(phase, phase, phase);

    /// <summary>Everything a unit of this structure must fill in to be klarmarkerad, with budget deviations under the threshold.</summary>
    public static UnitInput CompleteInput(string analysis = "Tryggheten ökar men inte i alla delar av området.") => new(
        [new GoalAssessment("g12", GoalFulfilment.Partly, analysis), new GoalAssessment("n121", GoalFulfilment.Fully, "")],
        [new IndicatorOutcome("i-trygg", 76m, null, null, 78m), new IndicatorOutcome("i-besok", 400m, 180m, 220m, 1250m)],
        [new ActivityStatus("a-plats", ActivityProgress.OnPlan, "")],
        [new EconomyForecast("b-personal", 12.2m, ""), new EconomyForecast("b-lokaler", 3.1m, "")],
        "",
        "");

    public static UnitInput DraftInput(string analysis = "Första utkastet.") =>
        UnitInput.Empty with { Goals = [new GoalAssessment("g12", GoalFulfilment.Partly, analysis)] };
}

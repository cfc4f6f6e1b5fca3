using System.Globalization;
using Justera.Core.ReportCycles;
using Justera.Core.Swedish;
using Justera.Storage.ReportCycles;

namespace Justera.Web.ReportCycles.Cycles;

/// <summary>One line of a cycle's history as the page and the API show it.</summary>
public sealed record CycleHistoryEntry(int Version, DateTimeOffset At, string Description);

/// <summary>What the secretary reads about a cycle: its name, its units' phases, its goals and its history, in Swedish.</summary>
public static class CycleWording
{
    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv-SE");

    /// <summary>"Tertialrapport 1 2026", "Verksamhetsberättelsen 2025".</summary>
    public static string Title(ReportPeriod period, int year)
    {
        var name = ReportCycleIds.Describe(period, year);
        return char.ToUpper(name[0], Swedish) + name[1..];
    }

    public static string PeriodLabel(ReportPeriod period) => period switch
    {
        ReportPeriod.T1 => "T1, tertialrapport 1 (januari–april)",
        ReportPeriod.T2 => "T2, tertialrapport 2 (januari–augusti)",
        _ => "VB, verksamhetsberättelse (hela året)",
    };

    /// <summary>A unit's phase as the dashboard writes it: ej påbörjad / utkast / klarmarkerad / godkänd / återskickad.</summary>
    public static string Phase(UnitPhase phase) => phase switch
    {
        UnitPhase.NotOpened => "ej påbörjad (förfrågan skickas)",
        UnitPhase.NotStarted => "ej påbörjad",
        UnitPhase.Draft => "utkast",
        UnitPhase.SentBack => "återskickad",
        UnitPhase.Ready => "klarmarkerad",
        UnitPhase.Approved => "godkänd",
        _ => "okänt läge",
    };

    /// <summary>The cycle's own phase, from its state.</summary>
    public static string CyclePhase(ReportCycleState state) => state switch
    {
        ReportCycleState.Open => "Pågår",
        ReportCycleState.Closed c => $"Stängd {SwedishFormat.ShortDate(Core.Calendar.StockholmTime.LocalDate(c.ClosedAt))}",
        _ => "Inte startad",
    };

    /// <summary>The phase name the list reads from the state row's type name.</summary>
    public static string CyclePhase(string storedPhase) => storedPhase switch
    {
        "Open" => "Pågår",
        "Closed" => "Stängd",
        _ => "Okänt läge",
    };

    public static string Date(DateOnly date) => SwedishFormat.ShortDate(date);

    public static string Amount(decimal mnkr) => $"{SwedishNumber.Format(mnkr, mnkr == decimal.Round(mnkr, 1) ? 1 : 2)} mnkr";

    /// <summary>
    /// What each goal is called on the dashboard: "Mål 1.1 I Stockholm är …" for KF's goal for the area, "Nämndmål (1.1): …"
    /// for the board's goal under it; by id, for every goal of the structure.
    /// </summary>
    public static IReadOnlyDictionary<string, string> GoalLabels(YearStructure structure)
    {
        ArgumentNullException.ThrowIfNull(structure);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var area in structure.DirectionGoals.SelectMany(d => d.AreaGoals))
        {
            labels[area.Id] = $"Mål {area.Number} {area.Title}";
            foreach (var board in area.BoardGoals)
                labels[board.Id] = $"Nämndmål ({area.Number}): {board.Title}";
        }
        return labels;
    }

    /// <summary>The cycle stream's decisions, oldest first, each as one sentence a secretary reads.</summary>
    public static IReadOnlyList<CycleHistoryEntry> History(ReportCycle cycle, IReadOnlyList<StoredCycleDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(decisions);
        return [.. decisions.SelectMany(d => d.Events.Select(e => new CycleHistoryEntry(d.Version, e.At, Describe(cycle, e))))];
    }

    private static string Describe(ReportCycle cycle, ReportCycleEvent e) => e switch
    {
        CycleStarted s => $"{s.Secretary.Name} startade {ReportCycleIds.Describe(s.Period, s.Year)} för {Units(s.Units.Count)}, sista dag {Date(s.Deadline)}, gräns för avvikelse {Amount(s.DeviationThreshold)}.",
        DeadlineExtended x => x.UnitId is { } id
            ? $"Sista dag för {UnitName(cycle, id)} flyttades till {Date(x.Deadline)}."
            : $"Sista dag för alla enheter flyttades till {Date(x.Deadline)}.",
        RemindersSent r => Reminders(cycle, r),
        DeadlinePassed p => p.LateUnitIds.Count == 0
            ? "Sista dag passerade. Alla enheter var klara."
            : $"Sista dag passerade. {Units(p.LateUnitIds.Count, capital: true)} var inte {(p.LateUnitIds.Count == 1 ? "klar" : "klara")}: {Names(cycle, p.LateUnitIds)}.",
        CycleClosed c => c.MissingUnitIds.Count == 0
            ? $"{c.ClosedBy} stängde perioden. Alla enheter var godkända."
            : $"{c.ClosedBy} stängde perioden utan {Units(c.MissingUnitIds.Count)} som inte var godkända: {Names(cycle, c.MissingUnitIds)}.",
        CompilationRequested q => $"Sammanställning av rapporten, version {q.Number}, begärdes.",
        CompilationRecorded r => $"Version {r.Number} av den sammanställda rapporten sparades.",
        CompilationFailed f => $"Sammanställningen av version {f.Number} misslyckades: {f.Reason}",
        JusteringRoundLinked => "Justeringsrundan för förvaltningsgruppens protokoll startades.",
        CycleDeliveryFailed d => $"E-post till {d.Recipient} kunde inte levereras: {d.Reason}",
        _ => "Rapportcykeln ändrades.",
    };

    private static string Reminders(ReportCycle cycle, RemindersSent r)
    {
        var parts = r.Units
            .GroupBy(u => u.Kind)
            .OrderBy(g => g.Key)
            .Select(g => $"{ReminderKind(g.Key)} till {Names(cycle, [.. g.Select(u => u.UnitId)])}")
            .ToList();
        parts.AddRange(r.Departments.Select(d =>
            $"besked till avdelningschefen för {d.Department} om {Units(d.LateUnitIds.Count)} som är sena"));
        if (parts.Count == 0)
            return "Påminnelser skickades.";
        var text = string.Join("; ", parts);
        return char.ToUpper(text[0], Swedish) + text[1..] + ".";
    }

    private static string ReminderKind(UnitReminderKind kind) => kind switch
    {
        UnitReminderKind.BeforeDeadline => "påminnelse före sista dag",
        UnitReminderKind.DeadlineDay => "påminnelse på sista dagen",
        UnitReminderKind.Late => "påminnelse om sen rapport",
        _ => "påminnelse (påminn nu)",
    };

    private static string UnitName(ReportCycle cycle, string unitId) => cycle.Find(unitId)?.Name ?? unitId;

    /// <summary>At most ten names, then how many more.</summary>
    public static string Names(ReportCycle cycle, IReadOnlyList<string> unitIds)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(unitIds);
        var names = string.Join(", ", unitIds.Take(10).Select(id => UnitName(cycle, id)));
        return unitIds.Count > 10 ? $"{names} och {unitIds.Count - 10} till" : names;
    }

    public static string Units(int count, bool capital = false) =>
        count == 1 ? (capital ? "En enhet" : "en enhet") : $"{count.ToString(CultureInfo.InvariantCulture)} enheter";
}

using System.Globalization;

namespace Justera.Core.ReportCycles;

/// <summary>
/// A cycle's id is derived from its period and year ("t1-2026", "vb-2025"): the stream, its Table partition and
/// its links are named by it, so a second start for the same period and year finds the first cycle's stream.
/// </summary>
public static class ReportCycleIds
{
    public static string For(ReportPeriod period, int year) =>
        string.Create(CultureInfo.InvariantCulture, $"{period.ToString().ToLowerInvariant()}-{year:D4}");

    /// <summary>Whether <paramref name="value"/> is an id <see cref="For"/> could have made.</summary>
    public static bool IsCycleId(string? value) =>
        value is { Length: 7 } && value[2] == '-' && value[..2] is "t1" or "t2" or "vb" && value[3..].All(char.IsAsciiDigit);

    /// <summary>"T1 2026", "VB 2025": the cycle as people name it.</summary>
    public static string Describe(ReportPeriod period, int year) => period switch
    {
        ReportPeriod.T1 => string.Create(CultureInfo.InvariantCulture, $"tertialrapport 1 {year}"),
        ReportPeriod.T2 => string.Create(CultureInfo.InvariantCulture, $"tertialrapport 2 {year}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"verksamhetsberättelsen {year}"),
    };
}

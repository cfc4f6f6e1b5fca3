namespace Justera.Bench;

/// <summary>The summary every harness reports its runs by.</summary>
internal static class BenchStatistics
{
    /// <summary>The middle value, or the mean of the two middle ones when the count is even.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

namespace Justera.Documents.Tests.Support;

/// <summary>The committed files under samples/, copied next to the test assembly by the project file.</summary>
internal static class SampleFiles
{
    public static string Protocol => Path.Combine(AppContext.BaseDirectory, "samples", "fg-protokoll-exempel.pdf");

    public static string Roster => Path.Combine(AppContext.BaseDirectory, "samples", "justerare-exempel.json");
}

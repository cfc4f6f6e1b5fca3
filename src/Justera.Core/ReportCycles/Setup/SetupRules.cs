namespace Justera.Core.ReportCycles.Setup;

/// <summary>The bounds and id rule shared by the units CSV and the structure JSON.</summary>
public static class SetupRules
{
    /// <summary>Unit, goal, indicator, activity and budget row ids: short, because they go into storage keys and links.</summary>
    public const int MaxIdLength = 40;

    /// <summary>Names of units, departments and people.</summary>
    public const int MaxNameLength = 200;

    /// <summary>An administration has a few hundred units; a file with more is a mistake (or an attack), not a district.</summary>
    public const int MaxUnits = 2000;

    /// <summary>
    /// Whether an id is 1–40 letters, digits, '-', '_' or '.': no spaces (they get lost in copying) and none of the
    /// characters Azure Table keys refuse ('/', '\', '#', '?') or that need escaping in a link.
    /// </summary>
    public static bool IsValidId(string id) =>
        id.Length is > 0 and <= MaxIdLength && id.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The Swedish explanation of <see cref="IsValidId"/>, for an error message.</summary>
    public const string IdRule = "högst 40 tecken: bokstäver, siffror, bindestreck, understreck eller punkt, utan mellanslag";

    /// <summary>Whether a one-line text holds a control character (a tab, a stray NUL from a binary file…).</summary>
    public static bool HasControlCharacter(string text) => text.Any(char.IsControl);
}

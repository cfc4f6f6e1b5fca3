namespace Justera.Application.ReportCycles;

/// <summary>
/// The addresses of a report cycle's pages, as the e-mails link to them; the web layer maps these route patterns.
/// A token is the whole personal link (CycleLinks): it names its cycle, so the route needs no cycle id.
/// </summary>
public static class CycleRoutes
{
    /// <summary>A unit manager's form for one unit.</summary>
    public const string UnitForm = "/enhet/{token}";

    /// <summary>A department head's view of the department's units (approve or send back).</summary>
    public const string Department = "/avdelning/{token}";

    /// <summary>The secretary's page of one cycle.</summary>
    public const string CyclePage = "/rapportcykler/{cycleId}";

    public static Uri UnitFormLink(Uri publicBaseUrl, string token) => new(publicBaseUrl, "enhet/" + Uri.EscapeDataString(token));

    public static Uri DepartmentLink(Uri publicBaseUrl, string token) => new(publicBaseUrl, "avdelning/" + Uri.EscapeDataString(token));

    public static Uri CyclePageLink(Uri publicBaseUrl, string cycleId) => new(publicBaseUrl, "rapportcykler/" + Uri.EscapeDataString(cycleId));
}

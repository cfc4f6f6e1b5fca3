using Justera.Application.ReportCycles;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Justera.Web.Secretary;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.ReportCycles.Cycles;

/// <summary>"Rapportcykler": the administration's cycles, the newest year first, with deadline and progress.</summary>
internal static class CycleListPages
{
    public static IResult List(HttpContext context, SecretaryUser user, IReadOnlyList<CycleListItem> cycles)
    {
        var table = cycles.Count == 0
            ? H($"<p>Det finns inga rapportcykler ännu. Starta den första när enhetslistan och årets målstruktur är importerade.</p>")
            : Layout.Scrollable("Rapportcyklerna", H($"""
                <table>
                <caption class="visually-hidden">Förvaltningens rapportcykler, det senaste året först</caption>
                <thead><tr><th scope="col">Rapportcykel</th><th scope="col">Period</th><th scope="col">År</th><th scope="col">Läge</th><th scope="col">Sista dag</th><th scope="col">Enheter klara</th></tr></thead>
                <tbody>
                {cycles.Select(c => H($"""
                    <tr>
                    <th scope="row"><a href="/rapportcykler/{c.Head.CycleId}">{CycleWording.Title(c.Head.Period, c.Head.Year)}</a></th>
                    <td>{c.Head.Period}</td>
                    <td>{c.Head.Year}</td>
                    <td>{CycleWording.CyclePhase(c.Head.Phase)}</td>
                    <td>{CycleWording.Date(c.Head.Deadline)}</td>
                    <td>{c.Progress}</td>
                    </tr>
                    """))}
                </tbody>
                </table>
                """), hasFocusableContent: true);
        return SecretaryLayout.Page(context, user, "Rapportcykler", H($"""
            <h1>Rapportcykler</h1>
            <p>{user.AdministrationName}: tertialrapporter och verksamhetsberättelser, med varje enhets underlag.</p>
            <p><a class="knapp" href="/rapportcykler/ny">Ny rapportcykel</a></p>
            {table}
            """));
    }
}

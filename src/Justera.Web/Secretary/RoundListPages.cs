using Justera.Core.Swedish;
using Justera.Storage.JusteringRounds;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Secretary;

/// <summary>The secretary's start page: the administration's justering rounds, newest first.</summary>
internal static class RoundListPages
{
    public static IResult List(HttpContext context, SecretaryUser user, IReadOnlyList<RoundSummary> rounds)
    {
        var table = rounds.Count == 0
            ? H($"""<p>Det finns inga justeringsrundor ännu. Skapa den första när protokollet från förvaltningsgruppens möte är klart.</p>""")
            : Layout.Scrollable("Justeringsrundorna", H($"""
              <table>
              <caption class="visually-hidden">Förvaltningens justeringsrundor, den senast skapade först</caption>
              <thead><tr><th scope="col">Runda</th><th scope="col">Läge</th><th scope="col">Svar</th><th scope="col">Sista dag för synpunkter</th></tr></thead>
              <tbody>
              {rounds.Select(r => H($"""
                  <tr>
                  <th scope="row"><a href="/rundor/{r.RoundId}">{(r.Title.Length > 0 ? r.Title : "Justeringsrunda")}</a></th>
                  <td>{SecretaryLayout.PhaseName(r.Phase)}</td>
                  <td>{SecretaryLayout.AnsweredText(r.Answered, r.Total)}</td>
                  <td>{(r.Deadline is { } d ? SwedishFormat.DateTime(d) : "–")}</td>
                  </tr>
                  """))}
              </tbody>
              </table>
              """), hasFocusableContent: true);
        return SecretaryLayout.Page(context, user, "Justeringsrundor", H($"""
            <h1>Justeringsrundor</h1>
            <p>{user.AdministrationName}: justering av förvaltningsgruppens protokoll.</p>
            <p><a class="knapp" href="/rundor/ny">Ny justeringsrunda</a></p>
            {table}
            """));
    }
}

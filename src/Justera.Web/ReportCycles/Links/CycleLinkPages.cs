using Justera.Core.ReportCycles;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.ReportCycles.Links;

/// <summary>
/// The pages a report cycle link answers with when it cannot open what it names, as the reply page does for justering
/// links: one page that reveals nothing for every unknown link (404), "stängd" for a closed period (410), and the
/// decider's own Swedish words when a real link is used for another unit or role (403) or in the wrong phase (409).
/// </summary>
internal static class CycleLinkPages
{
    public static IResult For(CycleRefusal refusal) => refusal.Reason switch
    {
        CycleRefusalReason.Closed => Closed(refusal.Message),
        CycleRefusalReason.WrongScope => Layout.Page("Länken gäller något annat", H($"""
            <h1>Länken gäller något annat</h1>
            <p>{refusal.Message}</p>
            <p>Inget har sparats.</p>
            """), StatusCodes.Status403Forbidden),
        CycleRefusalReason.WrongPhase or CycleRefusalReason.Stale => Layout.Page("Det gick inte att spara", H($"""
            <h1>Det gick inte att spara</h1>
            <p>{refusal.Message}</p>
            <p>Inget har sparats.</p>
            """), StatusCodes.Status409Conflict),
        _ => NotValid(),
    };

    /// <summary>The same page for every unusable link, so a guess learns nothing about any cycle or unit.</summary>
    public static IResult NotValid() => Layout.Page("Länken fungerar inte", H($"""
        <h1>Länken fungerar inte</h1>
        <p>Länken är felaktig eller har tagits tillbaka. Kontrollera att du har kopierat hela länken från e-postmeddelandet. Har du fått ett nyare meddelande om rapporten, använd länken i det.</p>
        """), StatusCodes.Status404NotFound);

    public static IResult Closed(string message) => Layout.Page("Perioden är stängd", H($"""
        <h1>Perioden är stängd</h1>
        <p>{message}</p>
        <p>Kontakta förvaltningens handläggare om något behöver rättas.</p>
        """), StatusCodes.Status410Gone);

    /// <summary>A posted form that is not the page's own (unknown fields, a unit not the link's): 400, nothing read into the report.</summary>
    public static IResult BadForm(string message) => Layout.Page("Formuläret kan inte tas emot", H($"""
        <h1>Formuläret kan inte tas emot</h1>
        <p>{message}</p>
        <p>Inget har sparats. Öppna länken i e-postmeddelandet igen och fyll i formuläret där.</p>
        """), StatusCodes.Status400BadRequest);
}

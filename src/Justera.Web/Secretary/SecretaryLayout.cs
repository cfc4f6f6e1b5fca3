using Justera.Web.Hosting;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Secretary;

/// <summary>What every secretary page shares: who is signed in, the way back to the list, and signing out.</summary>
internal static class SecretaryLayout
{
    public static IResult Page(HttpContext context, SecretaryUser user, string title, Html body, int status = StatusCodes.Status200OK) =>
        Layout.Page(title, body, status, Nav(context, user));

    private static Html Nav(HttpContext context, SecretaryUser user) => H($"""
        <nav aria-label="Sekreterare">
        <p><a href="/">Justeringsrundor</a> · <a href="/rapportcykler">Rapportcykler</a> · <a href="/enheter">Enheter</a> · <a href="/malstruktur">Målstruktur</a> · Inloggad som {user.Name}, {user.AdministrationName}</p>
        <form method="post" action="/logga-ut">
        {Forms.AntiforgeryField(context)}
        <button type="submit" class="sekundar">Logga ut</button>
        </form>
        </nav>
        """);

    /// <summary>Another administration's round, or none: the same answer, so nobody learns which ids exist.</summary>
    public static IResult NotFound(HttpContext context, SecretaryUser user) => Page(context, user, "Rundan finns inte", H($"""
        <h1>Rundan finns inte</h1>
        <p>Det finns ingen sådan justeringsrunda i din förvaltning. <a href="/">Tillbaka till justeringsrundorna</a>.</p>
        """), StatusCodes.Status404NotFound);

    /// <summary>The phase of a round in the list, from the stored state's type name.</summary>
    public static string PhaseName(string storedPhase) => storedPhase switch
    {
        "Draft" => "Utkast",
        "AwaitingAnswers" => "Väntar på svar",
        "Completed" => "Justerat",
        "Sealed" => "Justerat och förseglat",
        "Cancelled" => "Avbruten",
        _ => "Okänt läge",
    };


    public static string AnsweredText(int answered, int total) => $"{answered} av {total} har svarat";
}

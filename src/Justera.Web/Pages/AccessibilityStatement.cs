using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Pages;

/// <summary>The accessibility statement Swedish law (lagen om tillgänglighet till digital offentlig service) requires.</summary>
public static class AccessibilityStatement
{
    public static Html Body { get; } = H($"""
        <h1>Tillgänglighetsredogörelse</h1>
        <p>Justera används av förvaltningens sekreterare och av justerare i förvaltningsgruppen. Vi vill att alla ska kunna använda tjänsten, oavsett funktionsförmåga.</p>
        <h2>Hur tillgänglig är tjänsten?</h2>
        <p>Sidorna är gjorda för att uppfylla WCAG 2.1 nivå AA: de går att använda med tangentbord och skärmläsare, har tydliga rubriker och etiketter, och felmeddelanden kopplas till fälten de gäller. Sidorna testas automatiskt med axe-core.</p>
        <h2>Kända brister</h2>
        <p>Protokollen är PDF-filer som sekreteraren laddar upp. Hur tillgängliga de är beror på hur de har skapats.</p>
        <h2>Kontakta oss</h2>
        <p>Om något inte fungerar för dig, kontakta sekreteraren som skickade justeringen. Du kan också anmäla till Myndigheten för digital förvaltning (Digg), som har tillsyn över lagen.</p>
        """);
}

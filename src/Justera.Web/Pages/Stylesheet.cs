namespace Justera.Web.Pages;

/// <summary>
/// The one stylesheet, served from memory: contrast at least 4.5:1, visible focus, no layout that hides content at 400 % zoom.
/// Justerare answer from phones: nothing scrolls sideways at 320 px (border-box sizing, long words broken, tables scroll
/// inside their own region), and every control and link is at least 24×24 px (WCAG 2.2, 2.5.8).
/// </summary>
public static class Stylesheet
{
    public const string Css = """
        *, *::before, *::after { box-sizing: border-box; }
        :root { font-family: system-ui, "DejaVu Sans", sans-serif; color: #1b1b1b; background: #fff; line-height: 1.5; }
        body { margin: 0 auto; max-width: 60rem; padding: 0 1rem; overflow-wrap: break-word; }
        a { color: #0b4f8a; display: inline-block; min-height: 1.5rem; min-width: 1.5rem; }
        a:focus, button:focus, input:focus, textarea:focus, select:focus { outline: 3px solid #b35c00; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
        header { display: flex; flex-wrap: wrap; column-gap: 1rem; justify-content: space-between; align-items: center; border-bottom: 2px solid #0b4f8a; }
        .brand a { font-weight: bold; font-size: 1.25rem; text-decoration: none; }
        footer { margin-top: 3rem; border-top: 1px solid #767676; }
        label { display: block; font-weight: bold; margin-top: 1rem; }
        input, textarea, select { font: inherit; padding: .4rem; border: 2px solid #555; max-width: 100%; }
        textarea { width: 100%; min-height: 8rem; }
        input[type=radio], input[type=checkbox] { width: 1.5rem; height: 1.5rem; margin: 0 .5rem 0 0; vertical-align: middle; }
        td input { width: 100%; min-width: 9rem; }
        .tabell { overflow-x: auto; max-width: 100%; position: relative; }
        button, .knapp { font: inherit; padding: .5rem 1rem; margin-top: 1rem; background: #0b4f8a; color: #fff; border: 2px solid #0b4f8a; cursor: pointer; text-decoration: none; display: inline-block; }
        button.sekundar { background: #fff; color: #0b4f8a; }
        .fel { color: #a4000f; font-weight: bold; margin: .25rem 0; }
        .felsammanfattning { border: 3px solid #a4000f; padding: 0 1rem; margin: 1rem 0; }
        .kvitto { border: 3px solid #1d6b2f; padding: 0 1rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: .4rem; border-bottom: 1px solid #767676; vertical-align: top; }
        progress { width: 100%; height: 1.25rem; }
        fieldset { border: 1px solid #767676; margin-top: 1rem; min-width: 0; }
        legend { font-weight: bold; }
        .val label { display: inline; font-weight: normal; }
        .val { margin: .5rem 0; }
        .hint { color: #4a4a4a; margin: .25rem 0; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        ol.tidslinje li { margin-bottom: .5rem; }
        code { overflow-wrap: anywhere; }
        .aterskickad { border: 3px solid #b35c00; padding: 0 1rem; margin: 1rem 0; }
        .aterskickad blockquote { margin: 0 0 1rem; padding-left: 1rem; border-left: 4px solid #b35c00; }
        fieldset.indikator, fieldset.aktivitet, fieldset.budgetrad { margin-bottom: 1rem; }
        button + button { margin-left: .5rem; }
        details { margin: 1rem 0; }
        summary { cursor: pointer; min-height: 1.5rem; }
        figure.diagram { margin: 1rem 0; }
        figure.diagram svg { display: block; max-width: 100%; height: auto; }
        .sen { color: #a4000f; }
        """;
}

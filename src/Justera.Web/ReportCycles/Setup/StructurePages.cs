using System.Collections.Immutable;
using Justera.Application.ReportCycles.Setup;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;
using Justera.Core.Swedish;
using Justera.Storage.ReportCycles.Setup;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Justera.Web.Secretary;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.ReportCycles.Setup;

/// <summary>"Målstruktur": the years with a structure, the upload and its preview, and one year's structure as a readable tree.</summary>
internal static class StructurePages
{
    public const string Imported = "malstruktur-importerad";
    public const string Unchanged = "malstruktur-oforandrad";

    public static string? DoneText(string? flash) => flash switch
    {
        Imported => "Målstrukturen är importerad.",
        Unchanged => "Filen är samma målstruktur som redan gäller för året. Ingenting ändrades.",
        _ => null,
    };

    public static IResult List(HttpContext context, SecretaryUser user, IReadOnlyList<StructureVersion> years,
        ImmutableArray<ImportError> errors = default, string? notice = null, int status = StatusCodes.Status200OK)
    {
        var body = H($"""
            <h1>Målstruktur</h1>
            {SetupForms.ErrorSummary(errors)}
            {SetupForms.Notice(notice)}
            <p>{user.AdministrationName}: årets mål, indikatorer och prioriterade aktiviteter, och vilka enheter som rapporterar på vad.</p>
            {(years.Count == 0
                ? H($"<p>Ingen målstruktur är importerad ännu.</p>")
                : Layout.Scrollable("Importerade målstrukturer", H($"""
                    <table>
                    <caption class="visually-hidden">Importerade målstrukturer, det senaste året först</caption>
                    <thead><tr><th scope="col">År</th><th scope="col">Innehåll</th><th scope="col">Importerad</th></tr></thead>
                    <tbody>{years.Select(y => H($"""<tr><th scope="row"><a href="/malstruktur/{y.Year}">Målstruktur {y.Year}</a></th><td>{y.Summary}</td><td>{SwedishFormat.DateTime(y.ImportedAt)} av {y.ImportedBy}</td></tr>"""))}</tbody>
                    </table>
                    """), hasFocusableContent: true))}
            <h2>Importera en målstruktur</h2>
            <form method="post" action="/malstruktur/forhandsgranska" enctype="multipart/form-data" novalidate>
            {Forms.AntiforgeryField(context)}
            {SetupForms.FileInput("Målstruktur (JSON)",
                $"Årets struktur som JSON, i formatet som dokumentationen beskriver; året står i filen. Högst {SwedishNumber.Format(StructureJson.MaxBytes / (1024 * 1024), 0)} MB. Du ser vad importen gör innan något sparas.",
                ".json,application/json", errors)}
            <button type="submit">Förhandsgranska</button>
            </form>
            """);
        return SecretaryLayout.Page(context, user, "Målstruktur", body, status);
    }

    public static IResult Preview(HttpContext context, SecretaryUser user, StructurePreview preview, UnitRegister register)
    {
        var structure = preview.Structure!;
        var counts = preview.Counts!;
        var body = H($"""
            <h1>Förhandsgranska målstruktur för {structure.Year}</h1>
            <h2>Vad importen gör</h2>
            <ul>
            <li>{counts.DirectionGoals} inriktningsmål, {counts.AreaGoals} mål för verksamhetsområdet och {counts.BoardGoals} nämndmål</li>
            <li>{SetupWording.Count(counts.Indicators, "indikator", "indikatorer")} och {SetupWording.Count(counts.Activities, "prioriterad aktivitet", "prioriterade aktiviteter")}</li>
            <li>Uppdrag för {SetupWording.Count(counts.Assignments, "enhet", "enheter")}, med {SetupWording.Count(counts.BudgetRows, "budgetrad", "budgetrader")}</li>
            </ul>
            {(preview.Current is { } current
                ? H($"<p>{(preview.IsCurrent ? $"Filen är samma målstruktur som redan gäller för {structure.Year}." : $"Den ersätter målstrukturen för {structure.Year} som importerades {SwedishFormat.DateTime(current.ImportedAt)} av {current.ImportedBy}. Rapportcykler som redan har startat behåller sin struktur.")}</p>")
                : H($"<p>Det finns ingen målstruktur för {structure.Year} ännu.</p>"))}
            {(preview.UnknownUnits.IsEmpty ? Html.Empty : H($"""
                <div class="felsammanfattning" role="status">
                <h2>{SetupWording.Count(preview.UnknownUnits.Length, "enhet finns inte i enhetsregistret", "enheter finns inte i enhetsregistret")}</h2>
                <p>Uppdragen nämner enheter som inte finns bland enheterna. De kan inte lämna underlag förrän de finns i registret. Importera enhetslistan med dem, eller rätta enhets-id i filen.</p>
                <ul>{preview.UnknownUnits.Select(id => H($"<li>{id}</li>"))}</ul>
                </div>
                """))}
            {(preview.IsCurrent
                ? H($"""<p><a href="/malstruktur/{structure.Year}">Visa målstrukturen för {structure.Year}</a></p>""")
                : H($"""
                    <form method="post" action="/malstruktur/importera">
                    {Forms.AntiforgeryField(context)}
                    {Forms.FormKeyField()}
                    <input type="hidden" name="year" value="{structure.Year}">
                    <input type="hidden" name="sha256" value="{preview.Sha256}">
                    <button type="submit">Importera målstrukturen för {structure.Year}</button>
                    </form>
                    <p><a href="/malstruktur">Avbryt</a> (ingenting sparas)</p>
                    """))}
            {Tree(structure, register)}
            """);
        return SecretaryLayout.Page(context, user, $"Förhandsgranska målstruktur för {structure.Year}", body);
    }

    public static IResult Year(HttpContext context, SecretaryUser user, StructureVersion version, YearStructure structure, UnitRegister register, string? done)
    {
        var body = H($"""
            <h1>Målstruktur {structure.Year}</h1>
            {SetupForms.Done(done)}
            <p>Importerad {SwedishFormat.DateTime(version.ImportedAt)} av {version.ImportedBy}: {version.Summary}.</p>
            <p><a href="/malstruktur">Alla år och import av en ny målstruktur</a> · <a href="/api/malstruktur/{structure.Year}">Hämta som JSON</a></p>
            {Tree(structure, register)}
            """);
        return SecretaryLayout.Page(context, user, $"Målstruktur {structure.Year}", body);
    }

    public static IResult NoYear(HttpContext context, SecretaryUser user, int year) => SecretaryLayout.Page(context, user, "Målstrukturen finns inte", H($"""
        <h1>Målstrukturen finns inte</h1>
        <p>Det finns ingen målstruktur för {year} i din förvaltning. <a href="/malstruktur">Importera en målstruktur</a>.</p>
        """), StatusCodes.Status404NotFound);

    /// <summary>The goals as headings (inriktningsmål, mål för verksamhetsområdet, nämndmål), each with its indicators and activities, then the units' assignments.</summary>
    private static Html Tree(YearStructure structure, UnitRegister register)
    {
        var names = register.Units.ToDictionary(u => u.Unit.Id, u => u.Unit.Name, StringComparer.OrdinalIgnoreCase);
        return H($"""
            <h2>Mål {structure.Year}</h2>
            {structure.DirectionGoals.Select(d => H($"""
                <section aria-labelledby="mal-{d.Id}">
                <h3 id="mal-{d.Id}">Inriktningsmål {d.Number}: {d.Title}</h3>
                {d.AreaGoals.Select(a => H($"""
                    <h4>Mål för verksamhetsområdet {a.Number}: {a.Title}</h4>
                    {Indicators(a.Indicators, $"{a.Number} {a.Title}")}
                    {Activities(a.Activities)}
                    {a.BoardGoals.Select(b => H($"""
                        <h5>Nämndmål: {b.Title}</h5>
                        {Indicators(b.Indicators, b.Title)}
                        {Activities(b.Activities)}
                        """))}
                    """))}
                </section>
                """))}
            <h2>Enheternas uppdrag</h2>
            {(structure.Assignments.IsEmpty
                ? H($"<p>Filen säger inte vilka enheter som rapporterar på vad.</p>")
                : Layout.Scrollable("Enheternas uppdrag", H($"""
                    <table>
                    <thead><tr><th scope="col">Enhet</th><th scope="col">Mål</th><th scope="col">Indikatorer</th><th scope="col">Aktiviteter</th><th scope="col">Budget (mnkr)</th></tr></thead>
                    <tbody>{structure.Assignments.Select(a => H($"""<tr><th scope="row">{(names.TryGetValue(a.UnitId, out var name) ? $"{name} ({a.UnitId})" : $"{a.UnitId} (finns inte i enhetsregistret)")}</th><td>{a.GoalIds.Length}</td><td>{a.IndicatorIds.Length}</td><td>{a.ActivityIds.Length}</td><td>{SwedishNumber.Format(a.Budget.Sum(r => r.Budget), 1)}</td></tr>"""))}</tbody>
                    </table>
                    """)))}
            """);
    }

    private static Html Indicators(ImmutableArray<Indicator> indicators, string goal) => indicators.IsEmpty
        ? Html.Empty
        : Layout.Scrollable($"Indikatorer för {goal}", H($"""
            <table>
            <caption>Indikatorer</caption>
            <thead><tr><th scope="col">Indikator</th><th scope="col">Enhet</th><th scope="col">Män och kvinnor</th><th scope="col">Årsmål</th><th scope="col">KF:s årsmål</th></tr></thead>
            <tbody>{indicators.Select(i => H($"<tr><th scope=\"row\">{i.Name}</th><td>{i.Unit}</td><td>{(i.SplitBySex ? "Ja" : "Nej")}</td><td>{Number(i.AnnualTarget)}</td><td>{Number(i.CouncilAnnualTarget)}</td></tr>"))}</tbody>
            </table>
            """));

    private static Html Activities(ImmutableArray<PriorityActivity> activities) => activities.IsEmpty
        ? Html.Empty
        : H($"""
            <p>Prioriterade aktiviteter:</p>
            <ul>{activities.Select(a => H($"<li>{a.Title}{(a.Starts is { } s ? $" ({SwedishFormat.ShortDate(s)}–{(a.Ends is { } e ? SwedishFormat.ShortDate(e) : "")})" : "")}</li>"))}</ul>
            """);

    /// <summary>A target with the decimals it was written with (up to four), so 4,1 stays 4,1 and 33 stays 33.</summary>
    private static string Number(decimal? value)
    {
        if (value is not { } v)
            return "–";
        var decimals = 0;
        while (decimals < 4 && decimal.Round(v, decimals) != v)
            decimals++;
        return SwedishNumber.Format(v, decimals);
    }
}

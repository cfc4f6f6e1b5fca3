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

/// <summary>"Enheter": the unit register grouped by department, the upload, and the preview that says what an import will do.</summary>
internal static class UnitPages
{
    public const string Imported = "enheter-importerade";
    public const string Unchanged = "enheter-oforandrade";

    private static readonly StringComparer Swedish = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("sv-SE"), ignoreCase: false);

    public static string? DoneText(string? flash) => flash switch
    {
        Imported => "Enheterna är importerade.",
        Unchanged => "Filen ändrade ingenting: enhetsregistret är som förut.",
        _ => null,
    };

    public static IResult List(HttpContext context, SecretaryUser user, UnitRegister register, string? done = null,
        ImmutableArray<ImportError> errors = default, string? notice = null, int status = StatusCodes.Status200OK)
    {
        var active = register.Units.Where(u => u.Active).Select(u => u.Unit).ToList();
        var inactive = register.Units.Where(u => !u.Active).OrderBy(u => u.Unit.Id, StringComparer.Ordinal).ToList();
        var departments = active.GroupBy(u => u.Department, StringComparer.Ordinal).OrderBy(g => g.Key, Swedish).ToList();
        var body = H($"""
            <h1>Enheter</h1>
            {SetupForms.ErrorSummary(errors)}
            {SetupForms.Notice(notice)}
            {SetupForms.Done(done)}
            <p>{user.AdministrationName}: enheterna som lämnar underlag i rapportcyklerna, med enhetschef och avdelningschef.</p>
            {(register.Pending is not null ? SetupForms.Notice("Den senaste importen avbröts innan den blev klar, så registret kan blanda gamla och nya uppgifter. Importera samma fil igen: det som redan är sparat skrivs inte om, och resten sparas.") : Html.Empty)}
            {(register.LastImport is { } last ? H($"<p>Senast importerad {SwedishFormat.DateTime(last.ImportedAt)} av {last.ImportedBy}: {last.Summary}</p>") : Html.Empty)}
            {UploadForm(context, errors)}
            {(active.Count == 0
                ? H($"<h2>Registret</h2><p>Det finns inga enheter ännu. Importera enhetslistan ovan.</p>")
                : H($"""
                    <h2>Registret</h2>
                    <p>{SetupWording.Count(active.Count, "enhet", "enheter")} i {SetupWording.Count(departments.Count, "avdelning", "avdelningar")}.</p>
                    {departments.Select(Department)}
                    """))}
            {(inactive.Count == 0 ? Html.Empty : H($"""
                <h2>Enheter som inte längre finns i registret</h2>
                <p>De fanns i en tidigare enhetslista men inte i den senaste. De finns kvar i tidigare rapportcykler men får inga nya underlag att lämna. Finns en enhet med i en ny fil blir den aktiv igen.</p>
                {Layout.Scrollable("Enheter som inte längre finns", H($"""
                    <table>
                    <thead><tr><th scope="col">Enhets-id</th><th scope="col">Enhet</th><th scope="col">Avdelning</th><th scope="col">Borttagen</th></tr></thead>
                    <tbody>{inactive.Select(u => H($"<tr><td>{u.Unit.Id}</td><td>{u.Unit.Name}</td><td>{u.Unit.Department}</td><td>{(u.RemovedAt is { } at ? SwedishFormat.DateTime(at) : "–")}</td></tr>"))}</tbody>
                    </table>
                    """))}
                """))}
            """);
        return SecretaryLayout.Page(context, user, "Enheter", body, status);
    }

    private static Html Department(IGrouping<string, ReportingUnit> department)
    {
        var head = department.First().DepartmentHead;
        return H($"""
            <h3>{department.Key}</h3>
            <p>Avdelningschef: {head.Name}, {head.Email}</p>
            {Layout.Scrollable(department.Key, H($"""
                <table>
                <caption class="visually-hidden">Enheterna i {department.Key}</caption>
                <thead><tr><th scope="col">Enhets-id</th><th scope="col">Enhet</th><th scope="col">Enhetschef</th><th scope="col">Enhetschefens e-post</th></tr></thead>
                <tbody>{department.OrderBy(u => u.Id, StringComparer.Ordinal).Select(u => H($"<tr><td>{u.Id}</td><th scope=\"row\">{u.Name}</th><td>{u.Manager.Name}</td><td>{u.Manager.Email}</td></tr>"))}</tbody>
                </table>
                """))}
            """);
    }

    private static Html UploadForm(HttpContext context, ImmutableArray<ImportError> errors) => H($"""
        <h2>Importera enhetslistan</h2>
        <form method="post" action="/enheter/forhandsgranska" enctype="multipart/form-data" novalidate>
        {Forms.AntiforgeryField(context)}
        {SetupForms.FileInput("Enhetslista (CSV)",
            $"En rad per enhet med kolumnerna {string.Join(", ", Enum.GetValues<UnitColumn>().Select(c => UnitsCsv.ColumnNames[c]))}. Spara från Excel som \"CSV UTF-8\". Högst {SwedishNumber.Format(UnitsCsv.MaxBytes / (1024 * 1024), 0)} MB. Du ser vad importen gör innan något sparas.",
            ".csv,text/csv", errors)}
        <button type="submit">Förhandsgranska</button>
        </form>
        """);

    /// <summary>What the import will do, and the button that does it; <paramref name="notice"/> says why the preview is shown again.</summary>
    public static IResult Preview(HttpContext context, SecretaryUser user, UnitsPreview preview, string? notice = null, int status = StatusCodes.Status200OK)
    {
        var comparison = preview.Comparison!;
        var body = H($"""
            <h1>Förhandsgranska import av enheter</h1>
            {SetupForms.Notice(notice)}
            <h2>Vad importen gör</h2>
            <p class="sammanfattning">{preview.Summary}</p>
            {(comparison.Added.IsEmpty ? Html.Empty : H($"""
                <h3>{SetupWording.Count(comparison.Added.Length, "ny enhet", "nya enheter")}</h3>
                {Layout.Scrollable("Nya enheter", H($"""
                    <table>
                    <thead><tr><th scope="col">Enhets-id</th><th scope="col">Enhet</th><th scope="col">Avdelning</th><th scope="col">Enhetschef</th><th scope="col">Avdelningschef</th></tr></thead>
                    <tbody>{comparison.Added.Select(u => H($"<tr><td>{u.Id}</td><td>{u.Name}</td><td>{u.Department}</td><td>{u.Manager.Name}, {u.Manager.Email}</td><td>{u.DepartmentHead.Name}, {u.DepartmentHead.Email}</td></tr>"))}</tbody>
                    </table>
                    """))}
                """))}
            {(comparison.Changed.IsEmpty ? Html.Empty : H($"""
                <h3>{SetupWording.Count(comparison.Changed.Length, "ändrad enhet", "ändrade enheter")}</h3>
                {Layout.Scrollable("Ändrade enheter", H($"""
                    <table>
                    <thead><tr><th scope="col">Enhet</th><th scope="col">Uppgift</th><th scope="col">Nu</th><th scope="col">Efter importen</th></tr></thead>
                    <tbody>{comparison.Changed.SelectMany(c => c.Fields.Select(f => H($"<tr><td>{c.After.Id} {c.After.Name}</td><td>{UnitsImport.Label(f)}</td><td>{SetupWording.Value(c.Before, f)}</td><td>{SetupWording.Value(c.After, f)}</td></tr>")))}</tbody>
                    </table>
                    """))}
                """))}
            {(comparison.Removed.IsEmpty ? Html.Empty : H($"""
                <h3>{comparison.Removed.Length} finns inte längre i filen</h3>
                <p>De markeras som borttagna ur registret. De finns kvar i tidigare rapportcykler men får inga nya underlag att lämna.</p>
                <ul>{comparison.Removed.Select(u => H($"<li>{u.Id} {u.Name} ({u.Department})</li>"))}</ul>
                """))}
            {(comparison.Unchanged.IsEmpty ? Html.Empty : H($"<p>{SetupWording.Count(comparison.Unchanged.Length, "enhet är oförändrad", "enheter är oförändrade")}.</p>"))}
            {(comparison.IsNoChange
                ? H($"""<p><a href="/enheter">Tillbaka till enheterna</a></p>""")
                : H($"""
                    <form method="post" action="/enheter/importera">
                    {Forms.AntiforgeryField(context)}
                    {Forms.FormKeyField()}
                    <input type="hidden" name="sha256" value="{preview.Sha256}">
                    <input type="hidden" name="revision" value="{preview.Revision}">
                    <button type="submit">Importera enheterna</button>
                    </form>
                    <p><a href="/enheter">Avbryt</a> (ingenting sparas)</p>
                    """))}
            """);
        return SecretaryLayout.Page(context, user, "Förhandsgranska import av enheter", body, status);
    }
}

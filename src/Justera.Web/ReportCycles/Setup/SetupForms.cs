using System.Collections.Immutable;
using Justera.Core.ReportCycles.Setup;
using Justera.Core.Swedish;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.ReportCycles.Setup;

/// <summary>
/// The upload field both set-up pages share: one file input, "fil", with every error of the file listed at it (each with
/// its line, as the import wrote it) and in the error summary at the top, whose links lead to the field.
/// </summary>
internal static class SetupForms
{
    public const string FileField = "fil";

    /// <summary>The uploaded file's bytes, or the errors that stop it being read (missing, empty, too large); nothing is read past <paramref name="maxBytes"/>.</summary>
    public static async Task<(byte[]? Bytes, ImmutableArray<ImportError> Errors)> ReadFileAsync(
        IFormCollection form, int maxBytes, string what, string tooLarge, CancellationToken cancellationToken)
    {
        var file = form.Files.GetFile(FileField);
        if (file is null)
            return (null, [ImportError.File($"Välj {what} att importera.")]);
        if (file.Length == 0)
            return (null, [ImportError.File("Filen är tom.")]);
        if (file.Length > maxBytes)
            return (null, [ImportError.File(tooLarge)]);
        await using var stream = file.OpenReadStream();
        var bytes = await Application.ReportCycles.Setup.SetupImports.ReadBoundedAsync(stream, maxBytes, cancellationToken);
        return bytes is null ? (null, [ImportError.File(tooLarge)]) : (bytes, []);
    }

    public static string TooLarge(int maxBytes, string rest) =>
        $"Filen är för stor: den får vara högst {SwedishNumber.Format(maxBytes / (1024m * 1024m), 0)} MB. {rest}";

    /// <summary>The error summary at the top of the page (WCAG 3.3.1): one line per error, each a link to the file field.</summary>
    public static Html ErrorSummary(ImmutableArray<ImportError> errors) => errors.IsDefaultOrEmpty
        ? Html.Empty
        : H($"""
            <div class="felsammanfattning" role="alert" tabindex="-1">
            <h2>{(errors.Length == 1 ? "Det finns 1 fel att rätta" : $"Det finns {errors.Length} fel att rätta")}</h2>
            <p>Ingenting har sparats. Rätta filen och ladda upp den igen.</p>
            <ul>{errors.Select(e => H($"""<li><a href="#{FileField}">{e.Message}</a></li>"""))}</ul>
            </div>
            """);

    /// <summary>The file field with its hint and, when the file was refused, its errors tied to it with aria-describedby.</summary>
    public static Html FileInput(string label, string hint, string accept, ImmutableArray<ImportError> errors)
    {
        var hasErrors = !errors.IsDefaultOrEmpty;
        return H($"""
            <label for="{FileField}">{label}</label>
            <p class="hint" id="{FileField}-hint">{hint}</p>
            {(hasErrors ? H($"""
                <div class="fel" id="{FileField}-fel"><span class="visually-hidden">Fel: </span>
                <ul>{errors.Select(e => H($"<li>{e.Message}</li>"))}</ul>
                </div>
                """) : Html.Empty)}
            <input type="file" id="{FileField}" name="{FileField}" accept="{accept}" aria-describedby="{FileField}-hint{(hasErrors ? $" {FileField}-fel" : "")}"{(hasErrors ? Html.Raw(" aria-invalid=\"true\"") : Html.Empty)}>
            """);
    }

    /// <summary>A notice above a page's content, for what the secretary must know before going on (not an error in the file).</summary>
    public static Html Notice(string? text) => text is null
        ? Html.Empty
        : H($"""<div class="felsammanfattning" role="alert"><p>{text}</p></div>""");

    /// <summary>A confirmation shown once after a redirect (<see cref="Flash"/>).</summary>
    public static Html Done(string? text) => text is null
        ? Html.Empty
        : H($"""<div class="kvitto" role="status"><p>{text}</p></div>""");
}

using Justera.Application.SignedProtocols;
using Justera.Core.Swedish;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Verification;

/// <summary>The public verification page: upload a signed protocol or enter its document id, and read the answer in plain Swedish.</summary>
internal static class VerificationPages
{
    public const string Title = "Kontrollera ett signerat protokoll";

    public static IResult Page(HttpContext context, VerificationResult? result = null, string? documentId = null, int status = StatusCodes.Status200OK)
    {
        var fileError = result is { Verdict: VerificationVerdict.BadInput } && documentId is null;
        var idError = result is { Verdict: VerificationVerdict.BadInput } && documentId is not null;
        var errors = new Dictionary<string, string>();
        if (fileError)
            errors["file"] = result!.Message;
        if (idError)
            errors["dokument"] = result!.Message;
        var body = H($"""
            <h1>{Title}</h1>
            <p>Här kan du kontrollera att ett protokoll som Justera har förseglat är äkta: att sigillet stämmer, att ingenting har ändrats eller lagts till efter förseglingen och att filen börjar med exakt det protokoll som justerarna godkände. Filen du laddar upp sparas inte.</p>
            {(errors.Count > 0 ? Layout.ErrorSummary(errors) : Answer(result))}
            <h2>Ladda upp protokollet</h2>
            <form method="post" action="/verifiera" enctype="multipart/form-data" novalidate>
            {Forms.AntiforgeryField(context)}
            <label for="file">Signerat protokoll (PDF)</label>
            <p class="hint" id="file-hint">Högst 25 MB.</p>
            {Layout.FieldError(errors, "file")}
            <input type="file" id="file" name="file" accept="application/pdf,.pdf"{Layout.Describe(errors, "file", "file-hint")}>
            <div><button type="submit">Kontrollera filen</button></div>
            </form>
            <h2>Eller sök på dokument-id</h2>
            <form method="get" action="/verifiera" novalidate>
            <label for="dokument">Dokument-id</label>
            <p class="hint" id="dokument-hint">Står längst ned på protokollets justeringssida, till exempel 0123456789abcdef0123456789abcdef-v1.</p>
            {Layout.FieldError(errors, "dokument")}
            <input type="text" id="dokument" name="dokument" value="{documentId ?? ""}" maxlength="100" autocomplete="off" spellcheck="false"{Layout.Describe(errors, "dokument", "dokument-hint")}>
            <div><button type="submit">Sök dokumentet</button></div>
            </form>
            <h2>Kontrollera med andra verktyg</h2>
            <p>Sigillet är en elektronisk underskrift enligt standarden PAdES. Den kan också kontrolleras i till exempel Adobe Acrobat Reader eller med verktyget pdfsig. Protokollets svar och deras tidpunkter finns även som en bifogad fil (justering-evidens.json) i PDF-filen.</p>
            """);
        return Layout.Page(Title, body, status);
    }

    public static IResult TooMany() => Layout.Page("För många kontroller", H($"""
        <h1>För många kontroller</h1>
        <p>Du har gjort många kontroller på kort tid. Vänta en minut och försök sedan igen.</p>
        <p><a href="/verifiera">Tillbaka till kontrollen av signerade protokoll</a></p>
        """), StatusCodes.Status429TooManyRequests);

    private static Html Answer(VerificationResult? result) => result switch
    {
        null => Html.Empty,
        { Verdict: VerificationVerdict.Genuine or VerificationVerdict.Recorded, Document: { } document } => H($"""
            <div class="kvitto" role="status" id="svar">
            <h2>{(result.IsGenuine ? "Protokollet är äkta" : "Dokumentet finns")}</h2>
            <p>{result.Message}</p>
            {Facts(document)}
            </div>
            """),
        _ => H($"""
            <div class="felsammanfattning" role="alert" id="svar">
            <h2>{(result.Verdict == VerificationVerdict.UnknownDocument ? "Okänt dokument" : "Protokollet är inte äkta")}</h2>
            <p>{result.Message}</p>
            {(result.ChangedDocumentId is { } id ? H($"""<p>Den förseglade delen av filen är dokument <code>{id}</code>. <a href="/verifiera?dokument={id}">Se vad som förseglades</a>.</p>""") : Html.Empty)}
            </div>
            """),
    };

    private static Html Facts(SealedDocumentFacts d) => H($"""
        <dl>
        <dt>Förvaltning</dt><dd>{d.Administration}</dd>
        <dt>Möte</dt><dd>Förvaltningsgruppen {SwedishFormat.Date(d.MeetingDate)}</dd>
        <dt>Protokollversion</dt><dd>{d.ProtocolVersion}</dd>
        <dt>Vid anteckningarna</dt><dd>{d.Secretary}</dd>
        <dt>Förseglat</dt><dd>{SwedishFormat.DateTime(d.SealedAt)}</dd>
        <dt>Dokument-id</dt><dd><code>{d.DocumentId}</code></dd>
        <dt>Det godkända protokollet</dt><dd>SHA-256 <code>{d.OriginalSha256}</code>, {d.OriginalLength} byte. Det signerade protokollet börjar med exakt dessa byte.</dd>
        <dt>Det signerade protokollets SHA-256</dt><dd><code>{d.Sha256}</code></dd>
        </dl>
        <div class="tabell" role="region" aria-label="Justerarna och deras svar" tabindex="0">
        <table>
        <caption>Justerarna och deras svar</caption>
        <thead><tr><th scope="col">Justerare</th><th scope="col">För</th><th scope="col">Svar</th><th scope="col">Tidpunkt</th><th scope="col">Bilaga</th></tr></thead>
        <tbody>
        {d.Justerare.Select(j => H($"""<tr><th scope="row">{j.Name}</th><td>{j.Organisation}</td><td>{j.Answer}</td><td>{SwedishFormat.Time(j.AnsweredAt)}</td><td>{j.AttachmentNumber}</td></tr>"""))}
        </tbody>
        </table>
        </div>
        """);
}

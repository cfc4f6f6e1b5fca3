using Justera.Core.JusteringRounds;
using Justera.Core.Swedish;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Replies;

/// <summary>What a justerare sees at their personal link: the protocol, the three answers in plain Swedish, the receipt.</summary>
internal static class ReplyPages
{
    /// <summary>The answer form; <paramref name="previous"/> is the justerare's current answer with its texts, if any.</summary>
    public static IResult Form(HttpContext context, string token, Round round, Justerare justerare, AnswerRecorded? previous,
        IReadOnlyDictionary<string, string> errors, IFormCollection? posted = null, int status = StatusCodes.Status200OK)
    {
        var kind = posted?["kind"].ToString() ?? "";
        Html Option(ReplyKind value, string label, string hint) => H($"""
            <div class="val">
            <input type="radio" id="kind-{value}" name="kind" value="{value}" aria-describedby="kind-{value}-hint"{(kind == value.ToString() ? Html.Raw(" checked") : Html.Empty)}>
            <label for="kind-{value}">{label}</label>
            <p class="hint" id="kind-{value}-hint">{hint}</p>
            </div>
            """);
        var body = H($"""
            <h1>Justering av protokoll</h1>
            {Layout.ErrorSummary(errors)}
            <p>Du svarar som <strong>{justerare.Name}</strong> för <strong>{justerare.Organisation}</strong>. Är det inte du? Svara inte, utan kontakta sekreteraren {round.Secretary.Contact}.</p>
            <dl>
            <dt>Förvaltning</dt><dd>{round.Administration.Name}</dd>
            <dt>Möte</dt><dd>Förvaltningsgruppen {SwedishFormat.Date(round.MeetingDate)}</dd>
            <dt>Protokoll</dt><dd><a href="/svar/{token}/protokoll">Öppna protokollet, version {round.Protocol.Version} (PDF)</a></dd>
            <dt>Sista dag för synpunkter</dt><dd>{SwedishFormat.DateTime(round.Deadline)}</dd>
            </dl>
            {(previous is null ? Html.Empty : H($"""<p class="kvitto">Ditt senaste svar, {SwedishFormat.DateTime(previous.At)}: {AnswerWording.Summary(previous, round.Deadline)}. Du kan ändra ditt svar tills alla har justerat.</p>"""))}
            <form method="post" action="/svar/{token}" novalidate>
            {Forms.AntiforgeryField(context)}
            {Forms.FormKeyField()}
            <fieldset id="kind"{Layout.Describe(errors, "kind")}>
            <legend>Ditt svar</legend>
            {Layout.FieldError(errors, "kind")}
            {Option(ReplyKind.NoObjection, "Inget att erinra", "Du godkänner protokollet som det är skrivet.")}
            {Option(ReplyKind.ApprovedWithDissent, "Justerar med oenighet", "Du godkänner att protokollet återger mötet rätt, men är oenig i sak under en punkt. Din oenighet skrivs ut vid ditt namn.")}
            {Option(ReplyKind.ChangesRequested, "Synpunkter – protokollet behöver ändras", "Protokollet återger inte mötet rätt. Sekreteraren ändrar det och alla får svara på den nya versionen.")}
            </fieldset>
            <label for="item">Punkt du är oenig om (vid oenighet)</label>
            <p class="hint" id="item-hint">Till exempel "§ 4 Föranmälda frågor".</p>
            {Layout.FieldError(errors, "item")}
            <input type="text" id="item" name="item" maxlength="{RoundRules.MaxItemLength}" value="{posted?["item"].ToString() ?? ""}"{Layout.Describe(errors, "item", "item-hint")}>
            <label for="text">Kommentar (vid oenighet eller synpunkter)</label>
            <p class="hint" id="text-hint">Högst {RoundRules.MaxTextLength} tecken.</p>
            {Layout.FieldError(errors, "text")}
            <textarea id="text" name="text" maxlength="{RoundRules.MaxTextLength}"{Layout.Describe(errors, "text", "text-hint")}>{posted?["text"].ToString() ?? ""}</textarea>
            <button type="submit">Skicka svar</button>
            </form>
            """);
        return Layout.Page("Justering av protokoll", body, status);
    }

    public static IResult Receipt(Round round, Justerare justerare, AnswerRecorded? answer, string? signedProtocolLink = null)
    {
        var body = answer is null
            ? H($"""<h1>Inget svar registrerat</h1><p>Vi har inget svar från dig på den här versionen av protokollet.</p>""")
            : H($"""
              <h1>Tack, ditt svar är registrerat</h1>
              <div class="kvitto" role="status">
              <p>Ditt svar: <strong>{AnswerWording.Summary(answer, round.Deadline)}</strong></p>
              <p>Registrerat {SwedishFormat.DateTime(answer.At)}{(answer.Late ? Html.Raw(", efter sista dag för synpunkter") : Html.Empty)}.</p>
              </div>
              {(signedProtocolLink is null
                  ? H($"<p>Ett kvitto har skickats till {justerare.Email}. Du kan ändra ditt svar via samma länk tills alla justerare har svarat.</p>")
                  : H($"""<p>Alla justerare har svarat, och protokollet är justerat och förseglat.</p><p><a href="{signedProtocolLink}">Hämta det signerade protokollet (PDF)</a></p>"""))}
              """);
        return Layout.Page("Svar registrerat", body);
    }

    /// <summary>The same page for every unusable link, so a guess learns nothing about any round.</summary>
    public static IResult NotValid() => Layout.Page("Länken fungerar inte", H($"""
        <h1>Länken fungerar inte</h1>
        <p>Länken är felaktig eller har tagits tillbaka. Kontrollera att du har kopierat hela länken från e-postmeddelandet. Har du fått ett nyare meddelande om justeringen, använd länken i det.</p>
        """), StatusCodes.Status404NotFound);

    public static IResult Superseded() => Layout.Page("Det finns en nyare version", H($"""
        <h1>Det finns en nyare version av protokollet</h1>
        <p>Protokollet har ändrats sedan du fick den här länken, och svar på den gamla versionen räknas inte. Använd länken i det senaste e-postmeddelandet om justeringen.</p>
        """), StatusCodes.Status410Gone);

    public static IResult Closed() => Layout.Page("Justeringen är avslutad", H($"""
        <h1>Justeringen är avslutad</h1>
        <p>Den här länken gäller inte längre, eftersom justeringen är avslutad eller avbruten. Kontakta sekreteraren om du har frågor.</p>
        """), StatusCodes.Status410Gone);
}

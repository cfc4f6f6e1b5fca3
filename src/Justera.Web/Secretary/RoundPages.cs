using System.Text.Json;
using Justera.Application.Outbox;
using Justera.Core;
using Justera.Core.JusteringRounds;
using Justera.Core.Swedish;
using Justera.Storage.JusteringRounds;
using Justera.Storage.Outbox;
using Justera.Web.Api;
using Justera.Web.Hosting;
using Justera.Web.Pages;
using Microsoft.AspNetCore.Http;
using static Justera.Web.Pages.HtmlFactory;

namespace Justera.Web.Secretary;

/// <summary>How far the round's e-mails have got; only while some are still waiting for the send rate.</summary>
internal sealed record MailProgress(int Sent, int Total, int MailsPerMinute)
{
    /// <summary>Counts the e-mails in the round's outbox rows; null when none is waiting (sent rows are deleted).</summary>
    public static MailProgress? From(IReadOnlyList<OutboxRow> rows, int mailsPerMinute)
    {
        var mails = rows
            .SelectMany(r => JsonSerializer.Deserialize<List<OutboxItem>>(r.ItemsJson, JusteraJson.Options) ?? [])
            .Where(i => i.Mail is not null)
            .ToList();
        return mails.Exists(i => i.Status == OutboxStatus.Pending)
            ? new MailProgress(mails.Count(i => i.Status == OutboxStatus.Done), mails.Count, mailsPerMinute)
            : null;
    }
}

/// <summary>
/// Everything the round page shows. After a refused action the page is shown again with
/// <paramref name="Action"/>'s form filled in as posted and the refusal's messages.
/// </summary>
internal sealed record RoundPageModel(
    StoredRound Stored,
    IReadOnlyList<StoredDecision> History,
    MailProgress? Mail,
    DateTimeOffset Now,
    string? Done = null,
    string? Action = null,
    IFormCollection? Posted = null,
    Refusal? Refusal = null);

/// <summary>The round page: where the round stands, who has answered what, what happened, and what the secretary can do now.</summary>
internal static class RoundPages
{
    // Action names: the last segment of each form's URL, the prefix of its inputs' ids (several forms on
    // the page have a "deadline"), and the one-time confirmation (Flash) shown after the redirect.
    public const string Start = "starta";
    public const string Remind = "paminn";
    public const string Extend = "forlang";
    public const string Replace = "ersattare";
    public const string OnBehalf = "svar";
    public const string Revise = "revidera";
    public const string Cancel = "avbryt";
    public const string Reseal = "forsegla";
    public const string Created = "skapad";
    public const string CreatedAndStarted = "skickad";

    private static string? Confirmation(string? done) => done switch
    {
        Created => "Rundan är sparad som utkast. Kontrollera uppgifterna och skicka den till justerarna när du är klar.",
        CreatedAndStarted => "Rundan är skapad. Justerarna får e-post med var sin personlig länk.",
        Start => "Rundan är startad. Justerarna får e-post med var sin personlig länk.",
        Remind => "Påminnelsen skickas till dem som inte har svarat.",
        Extend => "Sista dag för synpunkter är ändrad.",
        Replace => "Ersättaren är tillagd.",
        OnBehalf => "Svaret är registrerat.",
        Revise => "Den nya versionen är uppladdad och skickas till alla justerare. Tidigare svar räknas inte längre.",
        Cancel => "Rundan är avbruten.",
        Reseal => "Protokollet förseglas igen. Ladda om sidan om en stund.",
        _ => null,
    };

    public static IResult Page(HttpContext context, SecretaryUser user, RoundPageModel model, int status = StatusCodes.Status200OK)
    {
        var state = model.Stored.State;
        var round = state.RoundOrNull!;
        var view = RoundStatus.From(model.Stored, AnswerTexts.Current(round, model.History.SelectMany(d => d.Events)));
        var errors = FieldErrors(model);
        var confirmation = Confirmation(model.Done);
        var title = $"Justering: förvaltningsgruppens möte {SwedishFormat.Date(round.MeetingDate)}";

        var body = H($"""
            <h1>{title}</h1>
            {(confirmation is null ? Html.Empty : H($"""<div class="kvitto" role="status"><p>{confirmation}</p></div>"""))}
            {Layout.ErrorSummary(errors)}
            {(model.Refusal is { Fields.Count: 0 } refusal ? H($"""<div class="felsammanfattning" role="alert"><h2>Det gick inte</h2><p>{refusal.Message}</p></div>""") : Html.Empty)}
            {DeliveryFailures(round)}
            <dl>
            <dt>Läge</dt><dd>{(state is JusteringRoundState.Sealed ? "Justerat och förseglat" : view.Phase)}</dd>
            <dt>Svar</dt>
            <dd><p id="svar-lage">{SecretaryLayout.AnsweredText(view.Answered, view.Total)}</p>
            <progress aria-labelledby="svar-lage" max="{Math.Max(1, view.Total)}" value="{view.Answered}">{view.Answered} av {view.Total}</progress></dd>
            <dt>Sista dag för synpunkter</dt><dd>{SwedishFormat.DateTime(round.Deadline)}</dd>
            <dt>Justeringsdag</dt><dd>{SwedishFormat.Date(round.JusteringDate)}</dd>
            <dt>Protokoll</dt><dd>{ProtocolLink(round, round.Protocol)}</dd>
            {(round.Versions.Count > 1 ? H($"""<dt>Tidigare versioner</dt><dd><ul>{round.Versions.Take(round.Versions.Count - 1).Reverse().Select(v => H($"<li>{ProtocolLink(round, v)}</li>"))}</ul></dd>""") : Html.Empty)}
            <dt>Första bilagenummer</dt><dd>{round.FirstAttachmentNumber}</dd>
            <dt>Om någon inte svarar</dt><dd>{(round.Policy.SilenceCountsAsNoObjection ? "Inget svar före sista dag räknas som inget att erinra." : "Du får besked om vem som inte har svarat. Rundan fortsätter tills alla har godkänt.")}</dd>
            <dt>Sekreterare</dt><dd>{round.Secretary.Name} ({round.Secretary.Email})</dd>
            </dl>
            {PhaseText(state)}
            {MailProgressText(model.Mail)}
            <h2>Justerare</h2>
            {JusterareTable(view)}
            {(round.Replaced.Count == 0 ? Html.Empty : H($"""<p>Ersatta justerare: {string.Join(", ", round.Replaced.Select(j => $"{j.Name} ({j.Organisation})"))}.</p>"""))}
            {Actions(context, user, model, errors)}
            <h2>Historik</h2>
            <ol class="tidslinje">
            {HistoryWording.Entries(round, model.History).Select(e => H($"""<li><time datetime="{e.At:O}">{SwedishFormat.Time(e.At)}</time>: {e.Description}</li>"""))}
            </ol>
            """);
        return SecretaryLayout.Page(context, user, title, body, status);
    }

    private static Html ProtocolLink(Round round, ProtocolFile file) => H($"""
        <a href="/rundor/{round.Id}/protokoll/{file.Version}">Version {file.Version}: {file.FileName} (PDF, {Kilobytes(file.Length)})</a>, uppladdad {SwedishFormat.Time(file.UploadedAt)}
        """);

    private static string Kilobytes(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, bytes / 1024)} kB"
        : $"{bytes / (1024.0 * 1024.0):0.0} MB";

    private static Html DeliveryFailures(Round round) => round.DeliveryFailures.Count == 0
        ? Html.Empty
        : H($"""
            <div class="felsammanfattning" role="alert">
            <h2>E-post kunde inte levereras</h2>
            <ul>{round.DeliveryFailures.Select(f => H($"<li>E-post till {f.Recipient} kunde inte levereras ({SwedishFormat.Time(f.FailedAt)}): {f.Reason}</li>"))}</ul>
            <p>Är en adress fel, byt justeraren mot en ersättare med rätt adress. Kommer svaret på annat sätt kan du registrera det nedan.</p>
            </div>
            """);

    private static Html PhaseText(JusteringRoundState state) => state switch
    {
        JusteringRoundState.Draft => H($"<p>Rundan är ett utkast. Ingen justerare har fått e-post ännu.</p>"),
        JusteringRoundState.AwaitingAnswers { Round: { AwaitingRevision: true } r } => H($"""
            <p><strong>Protokollet behöver ändras.</strong> {string.Join(", ", r.Answers.Values.Where(a => a.Kind == ReplyKind.ChangesRequested).Select(a => r.Find(a.JusterareId)?.Name ?? "En justerare"))} har synpunkter. Ändra protokollet och ladda upp den nya versionen nedan; alla justerare får då svara på den.</p>
            """),
        JusteringRoundState.AwaitingAnswers => H($"<p>Rundan väntar på svar. Påminnelser skickas automatiskt enligt schemat.</p>"),
        JusteringRoundState.Completed { SealFailure: { } failure } c => H($"""
            <p>Alla justerare har godkänt version {c.Round.Protocol.Version} ({SwedishFormat.DateTime(c.CompletedAt)}). <strong>Protokollet är justerat</strong>, men det signerade protokollet finns inte ännu.</p>
            <div class="felsammanfattning" role="alert">
            <h2>Protokollet kunde inte förseglas</h2>
            <p>{failure.Reason}</p>
            <p>Senaste försöket: {SwedishFormat.DateTime(failure.FailedAt)}. Justera försöker igen automatiskt några gånger. Kvarstår felet behöver den som ansvarar för Justera i förvaltningen åtgärda det. Inget oförseglat protokoll har sparats som signerat.</p>
            </div>
            """),
        JusteringRoundState.Completed c => H($"""
            <div class="kvitto" role="status">
            <p>Alla justerare har godkänt version {c.Round.Protocol.Version} ({SwedishFormat.DateTime(c.CompletedAt)}).</p>
            <p><strong>Protokollet är justerat.</strong> Det signerade protokollet skapas och förseglas nu; ladda om sidan om en stund.</p>
            </div>
            """),
        JusteringRoundState.Sealed { SignedProtocol: var signed } x => H($"""
            <div class="kvitto" role="status">
            <h2>Protokollet är justerat och förseglat</h2>
            <p>Alla justerare har godkänt version {signed.Version}. Protokollet förseglades {SwedishFormat.DateTime(signed.SealedAt)} med justeringssidan och justerarnas svar som bilagor, och justerarna har fått var sin länk till det.</p>
            <p><a href="/rundor/{x.Round.Id}/signerat">Hämta det signerade protokollet (PDF)</a></p>
            <dl>
            <dt>Dokument-id</dt><dd><code>{signed.DocumentId}</code></dd>
            <dt>Kontrollsumma (SHA-256)</dt><dd><code>{signed.Sha256}</code></dd>
            </dl>
            <p>Vem som helst kan kontrollera en kopia på <a href="/verifiera?dokument={signed.DocumentId}">verifieringssidan</a>.</p>
            </div>
            """),
        JusteringRoundState.Cancelled x => H($"""
            <p><strong>Rundan avbröts {SwedishFormat.DateTime(x.CancelledAt)}.</strong> Skäl: {x.Reason}</p>
            """),
        _ => Html.Empty,
    };

    private static Html MailProgressText(MailProgress? mail) => mail is null
        ? Html.Empty
        : H($"""
            <h2>Utskick</h2>
            <p id="utskick-lage">{mail.Sent} av {mail.Total} e-postmeddelanden skickade</p>
            <progress aria-labelledby="utskick-lage" max="{mail.Total}" value="{mail.Sent}">{mail.Sent} av {mail.Total}</progress>
            <p class="hint">E-posten skickas i jämn takt, högst {mail.MailsPerMinute} meddelanden i minuten, så ett stort utskick tar några minuter. Ladda om sidan för att se hur det går.</p>
            """);

    private static Html JusterareTable(RoundStatus status) => Layout.Scrollable("Justerarna", H($"""
        <table>
        <caption class="visually-hidden">Justerarna och deras svar på version {status.ProtocolVersion}</caption>
        <thead><tr><th scope="col">Namn</th><th scope="col">Organisation</th><th scope="col">Status</th><th scope="col">Svar</th><th scope="col">När</th><th scope="col">Efter sista dag</th><th scope="col">Kanal</th></tr></thead>
        <tbody>
        {status.Justerare.Select(j => H($"""
            <tr>
            <th scope="row">{j.Name}<br><span class="hint">{j.Email}</span></th>
            <td>{j.Organisation}</td>
            <td>{j.Status}</td>
            <td>{j.Answer ?? "–"}</td>
            <td>{(j.AnsweredAt is { } at ? SwedishFormat.Time(at) : "–")}</td>
            <td>{(j.AnsweredAt is null ? "–" : j.Late ? "Ja, sent svar" : "Nej")}</td>
            <td>{(j.AnsweredAt is null ? "–" : j.Channel ?? "Personlig länk")}</td>
            </tr>
            """))}
        </tbody>
        </table>
        """));

    private static Html Actions(HttpContext context, SecretaryUser user, RoundPageModel model, IReadOnlyDictionary<string, string> errors)
    {
        var form = new ActionForms(context, model, errors);
        return model.Stored.State switch
        {
            JusteringRoundState.Draft => H($"""
                <h2>Åtgärder</h2>
                {form.Start()}
                {form.Extend()}
                {form.Replace(started: false)}
                {form.Cancel(started: false)}
                """),
            JusteringRoundState.AwaitingAnswers => H($"""
                <h2>Åtgärder</h2>
                {form.Remind()}
                {form.OnBehalf(user)}
                {form.Revise()}
                {form.Extend()}
                {form.Replace(started: true)}
                {form.Cancel(started: true)}
                """),
            JusteringRoundState.Completed { SealFailure: not null } => H($"""
                <h2>Åtgärder</h2>
                {form.Reseal()}
                """),
            JusteringRoundState.Completed or JusteringRoundState.Sealed => H($"<h2>Åtgärder</h2><p>Inga fler åtgärder behövs i rundan, eftersom alla justerare har godkänt protokollet.</p>"),
            JusteringRoundState.Cancelled => H($"<h2>Åtgärder</h2><p>Rundan är avbruten, så inget mer kan göras i den. Länkarna till justerarna gäller inte längre. Skapa en ny runda om protokollet ska justeras.</p>"),
            _ => Html.Empty,
        };
    }

    /// <summary>A refusal's field errors keyed by the ids of the posted form's inputs, so the summary's links land on them.</summary>
    private static Dictionary<string, string> FieldErrors(RoundPageModel model)
    {
        // Start has no inputs of its own; its one field error (a passed deadline) is fixed in the extend form.
        var prefix = model.Action == Start ? Extend : model.Action;
        return model.Refusal is null || prefix is null
            ? []
            : model.Refusal.Fields.GroupBy(f => f.Field).ToDictionary(g => $"{prefix}-{g.Key}", g => g.First().Message);
    }

    /// <summary>The small forms of the round page; each posts to <c>/rundor/{id}/{action}</c>.</summary>
    private sealed class ActionForms(HttpContext context, RoundPageModel model, IReadOnlyDictionary<string, string> errors)
    {
        private readonly Round _round = model.Stored.State.RoundOrNull!;

        private string Value(string action, string name, string fallback = "") =>
            model.Action == action && model.Posted is { } posted ? posted[name].ToString() : fallback;

        private Html Open(string action, string heading, Html intro, bool multipart = false) => H($"""
            <section aria-labelledby="{action}-rubrik">
            <h3 id="{action}-rubrik">{heading}</h3>
            {intro}
            <form method="post" action="/rundor/{_round.Id}/{action}"{(multipart ? Html.Raw(" enctype=\"multipart/form-data\"") : Html.Empty)} novalidate>
            {Forms.AntiforgeryField(context)}
            """);

        private static Html Close(string button, bool secondary = false) => H($"""
            <div><button type="submit"{(secondary ? Html.Raw(" class=\"sekundar\"") : Html.Empty)}>{button}</button></div>
            </form>
            </section>
            """);

        private Html Input(string action, string field, string label, string? hint, string type = "text", string fallback = "", int? maxLength = null)
        {
            var id = $"{action}-{field}";
            return H($"""
                <label for="{id}">{label}</label>
                {(hint is null ? Html.Empty : H($"""<p class="hint" id="{id}-hint">{hint}</p>"""))}
                {Layout.FieldError(errors, id)}
                <input type="{type}" id="{id}" name="{field}" value="{Value(action, field, fallback)}"{(maxLength is { } max ? H($""" maxlength="{max}" """) : Html.Empty)}{Layout.Describe(errors, id, hint is null ? null : $"{id}-hint")}>
                """);
        }

        private Html JusterareSelect(string action, string label, IEnumerable<Justerare> justerare)
        {
            var id = $"{action}-justerareId";
            var chosen = Value(action, "justerareId");
            return H($"""
                <label for="{id}">{label}</label>
                {Layout.FieldError(errors, id)}
                <select id="{id}" name="justerareId"{Layout.Describe(errors, id)}>
                <option value="">Välj justerare</option>
                {justerare.Select(j => H($"""<option value="{j.Id}"{(j.Id == chosen ? Html.Raw(" selected") : Html.Empty)}>{j.Name} ({j.Organisation})</option>"""))}
                </select>
                """);
        }

        public Html Reseal() =>
            H($"""
              {Open(RoundPages.Reseal, "Försegla igen", H($"<p>Förseglingen misslyckades och Justera har slutat försöka. När orsaken är åtgärdad, till exempel ett nytt förseglingscertifikat, kan du be Justera försegla protokollet igen.</p>"))}
              {Close("Försegla igen")}
              """);

        public Html Start() =>
            H($"""
              {Open(RoundPages.Start, "Skicka till justerarna", H($"<p>Varje justerare får e-post med en personlig länk till protokollet. Kontrollera namn och e-postadresser i tabellen först.</p>"))}
              {Close("Skicka till justerarna")}
              """);

        public Html Remind()
        {
            var missing = _round.NotAnswered.Count();
            if (missing == 0)
                return H($"""<section aria-labelledby="{Remind}-rubrik"><h3 id="{Remind}-rubrik">Påminn nu</h3><p>Alla justerare har svarat, så det finns ingen att påminna.</p></section>""");
            return H($"""
                {Open(RoundPages.Remind, "Påminn nu", H($"<p>{missing} av {_round.Justerare.Count} justerare har inte svarat. De får en påminnelse med en ny länk. Ingen får mer än en påminnelse om dagen, och påminnelser går också ut automatiskt.</p>"))}
                {Close("Påminn nu")}
                """);
        }

        public Html Extend() =>
            H($"""
              {Open(RoundPages.Extend, "Förläng sista dag", H($"<p>Nu: {SwedishFormat.DateTime(_round.Deadline)}, justeringsdag {SwedishFormat.Date(_round.JusteringDate)}.</p>"))}
              {Input(RoundPages.Extend, "deadline", "Ny sista dag för synpunkter", "Datum och klockslag i svensk tid, senare än den nuvarande.", "datetime-local")}
              {Input(RoundPages.Extend, "justeringDate", "Ny justeringsdag", "Frivilligt. Lämna tomt för att behålla justeringsdagen, eller flytta den till sista dagen om den blir senare.", "date")}
              {Close("Förläng sista dag")}
              """);

        public Html Replace(bool started) =>
            H($"""
              {Open(RoundPages.Replace, "Byt justerare (ersättare)", started
                  ? H($"<p>Ersättaren tar den valda justerarens plats och får genast en begäran om justering med en egen länk. Den ersattas länkar slutar gälla och ett eventuellt svar räknas inte.</p>")
                  : H($"<p>Ersättaren tar den valda justerarens plats i rundan.</p>"))}
              {JusterareSelect(RoundPages.Replace, "Justerare som ska ersättas", _round.Justerare)}
              {Input(RoundPages.Replace, "substitute.name", "Ersättarens namn", null, maxLength: RoundRules.MaxNameLength)}
              {Input(RoundPages.Replace, "substitute.organisation", "Ersättarens organisation", "Till exempel Kommunal eller arbetsgivaren.", maxLength: RoundRules.MaxNameLength)}
              {Input(RoundPages.Replace, "substitute.email", "Ersättarens e-postadress", null, "email", maxLength: 254)}
              {Close("Byt justerare")}
              """);

        public Html OnBehalf(SecretaryUser user)
        {
            var kindId = $"{RoundPages.OnBehalf}-kind";
            var chosen = Value(RoundPages.OnBehalf, "kind");
            Html Option(ReplyKind kind) => H($"""
                <div class="val">
                <input type="radio" id="{kindId}-{kind}" name="kind" value="{kind}"{(chosen == kind.ToString() ? Html.Raw(" checked") : Html.Empty)}>
                <label for="{kindId}-{kind}">{AnswerWording.Label(kind)}</label>
                </div>
                """);
            var textId = $"{RoundPages.OnBehalf}-text";
            return H($"""
                {Open(RoundPages.OnBehalf, "Registrera svar som kommit på annat sätt", H($"<p>Har en justerare svarat med e-post till dig, eller på annat sätt? Registrera svaret här. Det räknas som ett svar genom länken, och historiken visar att {user.Name} registrerade det.</p>"))}
                {Forms.FormKeyField()}
                {JusterareSelect(RoundPages.OnBehalf, "Justerare som har svarat", _round.Justerare)}
                <fieldset id="{kindId}"{Layout.Describe(errors, kindId)}>
                <legend>Svaret</legend>
                {Layout.FieldError(errors, kindId)}
                {Option(ReplyKind.NoObjection)}
                {Option(ReplyKind.ApprovedWithDissent)}
                {Option(ReplyKind.ChangesRequested)}
                </fieldset>
                {Input(RoundPages.OnBehalf, "item", "Punkt som justeraren är oenig om (vid oenighet)", "Till exempel \"§ 4 Föranmälda frågor\".", maxLength: RoundRules.MaxItemLength)}
                <label for="{textId}">Svarets text</label>
                <p class="hint" id="{textId}-hint">Klistra in texten i e-postmeddelandet. Högst {RoundRules.MaxTextLength} tecken.</p>
                {Layout.FieldError(errors, textId)}
                <textarea id="{textId}" name="text" maxlength="{RoundRules.MaxTextLength}" {Layout.Describe(errors, textId, $"{textId}-hint")}>{Value(RoundPages.OnBehalf, "text")}</textarea>
                {Input(RoundPages.OnBehalf, "channel", "Hur svaret kom", "Skrivs ut vid svaret, till exempel \"e-post till sekreteraren\".", fallback: "e-post till sekreteraren", maxLength: RoundRules.MaxNameLength)}
                {Close("Registrera svaret")}
                """);
        }

        public Html Revise()
        {
            var tooClose = RoundRules.TooCloseForRevision(_round.Deadline, model.Now);
            var protocolId = $"{RoundPages.Revise}-protocol";
            return H($"""
                {Open(RoundPages.Revise, "Ladda upp ny version", H($"<p>Den nya versionen skickas till alla justerare. Svar på version {_round.Protocol.Version} räknas inte längre, så alla behöver svara igen.</p>"), multipart: true)}
                <label for="{protocolId}">Ny version av protokollet (PDF)</label>
                <p class="hint" id="{protocolId}-hint">Högst 25 MB.{(model.Action == RoundPages.Revise ? " Välj filen igen: webbläsaren behåller den inte när formuläret visas på nytt." : "")}</p>
                {Layout.FieldError(errors, protocolId)}
                <input type="file" id="{protocolId}" name="protocol" accept="application/pdf,.pdf" {Layout.Describe(errors, protocolId, $"{protocolId}-hint")}>
                {Input(RoundPages.Revise, "deadline", "Ny sista dag för synpunkter", tooClose
                    ? $"Behövs: nuvarande sista dag ({SwedishFormat.DateTime(_round.Deadline)}) är mindre än två arbetsdagar bort."
                    : $"Frivilligt. Lämna tomt för att behålla {SwedishFormat.DateTime(_round.Deadline)}.", "datetime-local")}
                {Close("Ladda upp och skicka")}
                """);
        }

        public Html Cancel(bool started)
        {
            var id = $"{RoundPages.Cancel}-reason";
            return H($"""
                {Open(RoundPages.Cancel, "Avbryt rundan", started
                    ? H($"<p>Justerarna får e-post om att rundan är avbruten, med skälet, och deras länkar slutar gälla. Det går inte att ångra.</p>")
                    : H($"<p>Utkastet avbryts. Ingen justerare har fått e-post. Det går inte att ångra.</p>"))}
                <label for="{id}">Skäl</label>
                <p class="hint" id="{id}-hint">{(started ? "Skälet står i e-posten till justerarna och i historiken." : "Skälet står i historiken.")} Högst {RoundRules.MaxReasonLength} tecken.</p>
                {Layout.FieldError(errors, id)}
                <textarea id="{id}" name="reason" maxlength="{RoundRules.MaxReasonLength}" {Layout.Describe(errors, id, $"{id}-hint")}>{Value(RoundPages.Cancel, "reason")}</textarea>
                {Close("Avbryt rundan", secondary: true)}
                """);
        }
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using Justera.Core.ReportCycles;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using static Justera.Integration.Tests.ReportCycles.Links.UnitFormFlowTests;

namespace Justera.Integration.Tests.ReportCycles.Api;

/// <summary>
/// The unit and department links as JSON, as a script uses them: the tokens come from the mails maildev received, the
/// numbers are written the Swedish ways, and every bad request is an RFC 9457 problem in Swedish that never repeats the
/// token, with nothing stored and nothing sent.
/// </summary>
[Collection(ReportCyclesServers.Name)]
public sealed class UnitInputApiTests(ServersFixture servers) : IAsyncLifetime
{
    private const string MissingAnalysis = $"Skriv en analys för {NotMetLabel}: den behövs när målet inte uppfylls helt.";

    /// <summary>Writes å, ä, ö and quotes as themselves, so the messages can be looked for as a person reads them.</summary>
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private CycleScenario s = null!;

    public async Task InitializeAsync() => s = await CycleScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    /// <summary>Bredäng's input as a script sends it: numbers as Swedish texts and as JSON numbers, the unmet goal's analysis left out.</summary>
    private static Dictionary<string, object?> Input(string? notMetAnalysis = null, string goodExamples = "Utevistelsen har ökat.") => new()
    {
        ["goals"] = new object[]
        {
            new { goalId = "KF1.3", fulfilment = "Fully" },
            new { goalId = BoardGoalPartly, fulfilment = "Partly", analysis = "Analysen av förskolans mål." },
            new { goalId = BoardGoalNotMet, fulfilment = "NotMet", analysis = notMetAnalysis },
        },
        ["indicators"] = new object[]
        {
            new { indicatorId = SplitIndicator, outcome = "31,5 %", outcomeMen = 12.5, outcomeWomen = "34", fullYearForecast = 33 },
            new { indicatorId = "ind-avd-utan-leg", outcome = "1 268" },
        },
        ["activities"] = new object[]
        {
            new { activityId = "akt-fysisk-aktivitet", progress = "OnPlan" },
            new { activityId = "akt-laslyftet", progress = "PartlyOnPlan", comment = "Läslyftet startar först i höst." },
        },
        ["economy"] = new object[]
        {
            new { budgetRowId = "personal", forecast = "38,6" },
            new { budgetRowId = "lokaler", forecast = 9.2 },
            new { budgetRowId = "ovrigt", forecast = "3,1" },
            new { budgetRowId = "intakter", forecast = "\u22124,6" },
        },
        ["goodExamples"] = goodExamples,
    };

    private static StringContent Json(object body) => Raw(JsonSerializer.Serialize(body));

    private static StringContent Raw(string json, string type = "application/json") => new(json, Encoding.UTF8, type);

    private static Uri Unit(string token, string rest = "") => new($"/api/enhet/{Uri.EscapeDataString(token)}{rest}", UriKind.Relative);

    private static Uri Department(string token, string rest = "") => new($"/api/avdelning/{Uri.EscapeDataString(token)}{rest}", UriKind.Relative);

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status, params string[] tokens)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        foreach (var token in tokens)
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        if (status != HttpStatusCode.OK)
            Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string[] Errors(JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var messages) ? [.. messages.EnumerateArray().Select(m => m.GetString()!)] : [];

    [Fact]
    public async Task GivenTheRequestMailsToken_WhenAScriptSavesMarksReadyAndTheHeadApproves_ThenEachStepIsStoredAndLaterChangesAreRefused()
    {
        await s.StartAndOpenAsync();
        await s.DrainAsync();
        var unit = s.Unit(Bredang);
        var token = CycleScenario.UnitTokens(Assert.Single(await s.MailsAsync(), m => m.Subject == CycleScenario.RequestSubject(unit)))[0];
        await s.MailDev.DeleteAllAsync();
        var http = s.Host.NewBrowser();

        // The API describes itself, in Swedish, for the script's author.
        var paths = (await ReadAsync(await http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)), HttpStatusCode.OK)).GetProperty("paths");
        Assert.StartsWith("Spara underlaget som utkast", paths.GetProperty("/api/enhet/{token}").GetProperty("put").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Klarmarkera underlaget", paths.GetProperty("/api/enhet/{token}/klarmarkera").GetProperty("post").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Godkänn", paths.GetProperty("/api/avdelning/{token}/godkann").GetProperty("post").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(paths.TryGetProperty("/api/avdelning/{token}/skicka-tillbaka", out _));

        using var first = await http.GetAsync(Unit(token));
        Assert.Contains("no-store", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", first.Headers.GetValues("Referrer-Policy").Single());
        var empty = await ReadAsync(first, HttpStatusCode.OK, token);
        Assert.Equal((Bredang, "NotStarted", 0, "2026-12-09"),
            (empty.GetProperty("unitId").GetString(), empty.GetProperty("phase").GetString(), empty.GetProperty("version").GetInt32(), empty.GetProperty("deadline").GetString()));
        Assert.Contains(empty.GetProperty("goals").EnumerateArray(), g => g.GetProperty("id").GetString() == BoardGoalNotMet);
        Assert.Contains(empty.GetProperty("indicators").EnumerateArray(), i => i.GetProperty("id").GetString() == SplitIndicator && i.GetProperty("splitBySex").GetBoolean());
        Assert.Contains(empty.GetProperty("budget").EnumerateArray(), b => b.GetProperty("id").GetString() == "personal" && b.GetProperty("budget").GetDecimal() == 38.4m);

        // Spara utkast: Swedish number texts and JSON numbers alike are stored as numbers.
        var saved = await ReadAsync(await http.PutAsync(Unit(token), Json(new { basedOnVersion = 0, input = Input() })), HttpStatusCode.OK, token);
        Assert.Equal(("Draft", 1), (saved.GetProperty("phase").GetString(), saved.GetProperty("version").GetInt32()));
        var stored = (await s.Service.Store.LoadUnitAsync(CycleScenario.CycleId, Bredang)).State.ReportOrNull!;
        var outcome = stored.Input.Indicators.Single(i => i.IndicatorId == SplitIndicator);
        Assert.Equal((31.5m, 12.5m, 34m, 33m), (outcome.Outcome, outcome.OutcomeMen, outcome.OutcomeWomen, outcome.FullYearForecast));
        Assert.Equal(1268m, stored.Input.Indicators.Single(i => i.IndicatorId == "ind-avd-utan-leg").Outcome);
        Assert.Equal((-4.6m, 9.2m), (stored.Input.Economy.Single(e => e.BudgetRowId == "intakter").Forecast, stored.Input.Economy.Single(e => e.BudgetRowId == "lokaler").Forecast));
        Assert.Equal(GoalFulfilment.NotMet, stored.Input.Goals.Single(g => g.GoalId == BoardGoalNotMet).Fulfilment);

        // GET shows it, as JSON numbers and enum names.
        var shown = await ReadAsync(await http.GetAsync(Unit(token)), HttpStatusCode.OK, token);
        var input = shown.GetProperty("input");
        Assert.Contains(input.GetProperty("indicators").EnumerateArray(), i => i.GetProperty("indicatorId").GetString() == SplitIndicator && i.GetProperty("outcome").GetDecimal() == 31.5m);
        Assert.Contains(input.GetProperty("activities").EnumerateArray(), a => a.GetProperty("activityId").GetString() == "akt-laslyftet" && a.GetProperty("progress").GetString() == "PartlyOnPlan");
        Assert.Equal("Utevistelsen har ökat.", input.GetProperty("goodExamples").GetString());

        // Saving on the version before: 409 with what changed since, and nothing stored.
        var stale = await ReadAsync(await http.PutAsync(Unit(token), Json(new { basedOnVersion = 0, input = Input(goodExamples: "Något annat.") })), HttpStatusCode.Conflict, token);
        Assert.Equal("Stale", stale.GetProperty("reason").GetString());
        Assert.NotEmpty(stale.GetProperty("changed").EnumerateObject());
        Assert.Equal(1, (await s.Service.Store.LoadUnitAsync(CycleScenario.CycleId, Bredang)).State.ReportOrNull!.Version);

        // Klarmarkera without the analysis the unmet goal needs: 400 at that goal's field, nothing changed.
        var refused = await ReadAsync(await http.PostAsync(Unit(token, "/klarmarkera"), Json(new { basedOnVersion = 1, input = Input() })), HttpStatusCode.BadRequest, token);
        Assert.Equal([MissingAnalysis], Errors(refused, $"mal[{BoardGoalNotMet}].analys"));
        Assert.Equal("Uppgifterna behöver rättas. Inget har sparats.", refused.GetProperty("title").GetString());
        Assert.Equal(UnitPhase.Draft, (await s.Service.Store.LoadUnitAsync(CycleScenario.CycleId, Bredang)).State.Phase);

        var ready = await ReadAsync(await http.PostAsync(Unit(token, "/klarmarkera"),
            Json(new { basedOnVersion = 1, input = Input("Sjukfrånvaron har ökat.") })), HttpStatusCode.OK, token);
        Assert.Equal("Ready", ready.GetProperty("phase").GetString());
        var readyVersion = ready.GetProperty("version").GetInt32();

        // The department head approves through the token of the klarmarkerad mail.
        await s.DrainAsync();
        var toHead = Assert.Single(await s.MailsAsync());
        Assert.Equal(unit.DepartmentHead.Email, Assert.Single(toHead.To).Address);
        var headToken = CycleScenario.DepartmentTokens(toHead)[0];
        var review = await ReadAsync(await http.GetAsync(Department(headToken)), HttpStatusCode.OK, headToken, token);
        var listed = Assert.Single(review.GetProperty("units").EnumerateArray(), u => u.GetProperty("unitId").GetString() == Bredang);
        Assert.Equal(("Ready", readyVersion), (listed.GetProperty("phase").GetString(), listed.GetProperty("version").GetInt32()));
        var approved = await ReadAsync(await http.PostAsync(Department(headToken, "/godkann"), Json(new { unitId = Bredang, version = readyVersion })), HttpStatusCode.OK, headToken);
        Assert.Equal("Approved", Assert.Single(approved.GetProperty("units").EnumerateArray(), u => u.GetProperty("unitId").GetString() == Bredang).GetProperty("phase").GetString());
        var afterApproval = await s.Service.Store.LoadUnitAsync(CycleScenario.CycleId, Bredang);
        Assert.Equal(UnitPhase.Approved, afterApproval.State.Phase);

        // Afterwards the manager's draft is refused in Swedish, and the approved report stays as it was.
        var late = await ReadAsync(await http.PutAsync(Unit(token), Json(new { basedOnVersion = readyVersion, input = Input("Ändrat i efterhand.") })), HttpStatusCode.Conflict, token);
        Assert.EndsWith("Inget har sparats.", late.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(afterApproval.Version, (await s.Service.Store.LoadUnitAsync(CycleScenario.CycleId, Bredang)).Version);
    }

    [Fact]
    public async Task GivenHostileRequests_WhenSentToEitherLinksApi_ThenEachIsA4xxSwedishProblemWithoutTheTokenAndNothingChanges()
    {
        await s.StartAndOpenAsync();
        await s.DrainAsync();
        var mails = await s.MailsAsync();
        var token = CycleScenario.UnitTokens(Assert.Single(mails, m => m.Subject == CycleScenario.RequestSubject(s.Unit(Bredang))))[0];
        var open = s.Unit("FSK-04");
        var openToken = CycleScenario.UnitTokens(Assert.Single(mails, m => m.Subject == CycleScenario.RequestSubject(open)))[0];
        await s.MailDev.DeleteAllAsync();
        var ready = await s.Service.MarkReadyAsync(openToken, open.Id, s.CompleteInput(open.Id), 0);
        Assert.False(ready.Refused, ready.Decision.Refusal?.Message);
        await s.DrainAsync();
        var headToken = CycleScenario.DepartmentTokens(Assert.Single(await s.MailsAsync()))[0];
        var http = s.Host.NewBrowser();
        var before = await SnapshotAsync();

        async Task<JsonElement> Refused(HttpStatusCode status, Task<HttpResponseMessage> sending, params string[] texts)
        {
            using var response = await sending;
            var problem = await ReadAsync(response, status, token, headToken, openToken);
            var shown = JsonSerializer.Serialize(problem, Relaxed);
            foreach (var text in texts)
                Assert.Contains(text, shown, StringComparison.Ordinal);
            Assert.Equal(before, await SnapshotAsync());
            return problem;
        }

        // Not JSON, not a JSON object, not JSON at all by its type, and past the size limit.
        await Refused(HttpStatusCode.BadRequest, http.PutAsync(Unit(token), Raw("{ \"basedOnVersion\": 0, ")), "Innehållet är inte giltig JSON");
        await Refused(HttpStatusCode.BadRequest, http.PutAsync(Unit(token), Raw("[1, 2]")), "Innehållet är inte giltig JSON");
        await Refused(HttpStatusCode.UnsupportedMediaType, http.PutAsync(Unit(token), Raw("{}", "text/plain")), "Skicka innehållet som JSON");
        await Refused(HttpStatusCode.RequestEntityTooLarge, http.PutAsync(Unit(token),
            Json(new { basedOnVersion = 0, input = Input(goodExamples: new string('å', 300_000)) })), "Begäran är för stor");

        // Wrong types, each at its field.
        var types = await Refused(HttpStatusCode.BadRequest, http.PutAsync(Unit(token), Raw("""
            {"basedOnVersion": "0", "input": {"goals": "alla", "indicators": [{"indicatorId": "ind-avd-utan-leg", "outcome": true}], "goodExamples": 5}}
            """)));
        Assert.NotEmpty(Errors(types, "basedOnVersion"));
        Assert.Equal(["Fältet goals ska vara en lista."], Errors(types, "input.goals"));
        Assert.Contains("ska vara ett tal", Assert.Single(Errors(types, "indikator[ind-avd-utan-leg].utfall")), StringComparison.Ordinal);
        Assert.Equal(["Fältet goodExamples ska vara en text."], Errors(types, "godaExempel"));
        var enums = await Refused(HttpStatusCode.BadRequest, http.PutAsync(Unit(token), Json(new
        {
            basedOnVersion = 0,
            input = new { goals = new object[] { new { goalId = BoardGoalNotMet, fulfilment = 2 } }, activities = new object[] { new { activityId = "akt-laslyftet", progress = "klar" } } },
        })));
        Assert.Equal(["Fältet fulfilment ska vara ett av Fully, Partly, NotMet."], Errors(enums, $"mal[{BoardGoalNotMet}].maluppfyllelse"));
        Assert.Equal(["Fältet progress ska vara ett av OnPlan, PartlyOnPlan, NotOnPlan."], Errors(enums, "aktivitet[akt-laslyftet].status"));

        // Numbers past Int32, Int64 and double: the version and the figures.
        var huge = await Refused(HttpStatusCode.BadRequest, http.PutAsync(Unit(token), Raw($$$"""
            {"basedOnVersion": 99999999999999999999, "input": {"indicators": [{"indicatorId": "{{{SplitIndicator}}}", "outcome": 99999999999999999999, "fullYearForecast": 1e400}]}}
            """)));
        Assert.NotEmpty(Errors(huge, "basedOnVersion"));
        Assert.Contains("Talet är för stort", Assert.Single(Errors(huge, $"indikator[{SplitIndicator}].utfall")), StringComparison.Ordinal);
        Assert.NotEmpty(Errors(huge, $"indikator[{SplitIndicator}].prognos"));
        await Refused(HttpStatusCode.BadRequest, http.PutAsync(Unit(token), Raw("""{"basedOnVersion": -1, "input": {}}""")), "basedOnVersion");

        // Unknown fields, at the top, in input and in an item; a goal not the unit's; the same goal twice.
        var unknown = await Refused(HttpStatusCode.BadRequest, http.PutAsync(Unit(token), Raw($$$"""
            {"basedOnVersion": 0, "hemligt": 1, "input": {"extra": 1, "goals": [{"goalId": "{{{BoardGoalNotMet}}}", "vem": "x"}]}}
            """)));
        Assert.Contains("Fältet ”hemligt” finns inte här.", Assert.Single(Errors(unknown, "hemligt")), StringComparison.Ordinal);
        Assert.Contains("Fältet ”extra” finns inte i input.", Assert.Single(Errors(unknown, "input")), StringComparison.Ordinal);
        Assert.Contains("Fältet ”vem” finns inte här.", Assert.Single(Errors(unknown, "input.goals[0]")), StringComparison.Ordinal);
        var foreign = await Refused(HttpStatusCode.BadRequest, http.PutAsync(Unit(token), Raw("""
            {"basedOnVersion": 0, "input": {"goals": [{"goalId": "KF1.1"}, {"goalId": "KF1.3"}, {"goalId": "KF1.3"}], "economy": [{"budgetRowId": "../ALD-01"}]}}
            """)));
        Assert.Equal(["Ange goalId som ett id bland målen enheten rapporterar på (se GET)."], Errors(foreign, "input.goals[0]"));
        Assert.Equal(["”KF1.3” finns mer än en gång i goals."], Errors(foreign, "input.goals[2]"));
        Assert.NotEmpty(Errors(foreign, "input.economy[0]"));

        // Links of the wrong kind, unknown or tampered: the same 404 everywhere, naming nothing.
        var tampered = token[..^3] + (token[^3] == 'A' ? "B" : "A") + token[^2..];
        foreach (var path in new[] { Unit(headToken), Department(token), Unit("inte-en-lank"), Unit(tampered), Department("inte-en-lank") })
        {
            var notValid = await Refused(HttpStatusCode.NotFound, http.GetAsync(path), "Länken fungerar inte");
            Assert.DoesNotContain("Förskolorna", notValid.GetRawText(), StringComparison.Ordinal);
        }
        await Refused(HttpStatusCode.NotFound, http.PutAsync(Unit(headToken), Json(new { basedOnVersion = 0, input = Input() })), "Länken fungerar inte");
        await Refused(HttpStatusCode.NotFound, http.PostAsync(Unit(headToken, "/klarmarkera"), Json(new { basedOnVersion = 0, input = Input("x") })), "Länken fungerar inte");
        await Refused(HttpStatusCode.NotFound, http.PostAsync(Department(token, "/godkann"), Json(new { unitId = Bredang, version = 0 })), "Länken fungerar inte");

        // The department head's API: another department's unit, none, bad bodies, a stale version, a send-back without comment.
        var other = s.Units.First(u => u.Department != open.Department);
        await Refused(HttpStatusCode.Forbidden, http.PostAsync(Department(headToken, "/godkann"), Json(new { unitId = other.Id, version = 1 })),
            "Med den här länken granskar du bara avdelningens egna enheter.");
        await Refused(HttpStatusCode.Forbidden, http.PostAsync(Department(headToken, "/godkann"), Json(new { unitId = "../ALD-01'\"<x>", version = 1 })),
            "Med den här länken granskar du bara avdelningens egna enheter.");
        var badReview = await Refused(HttpStatusCode.BadRequest, http.PostAsync(Department(headToken, "/godkann"), Raw("""{"unitId": 7, "version": 1.5, "comment": "x"}""")));
        Assert.Equal(["Fältet unitId ska vara en text."], Errors(badReview, "unitId"));
        Assert.NotEmpty(Errors(badReview, "version"));
        Assert.NotEmpty(Errors(badReview, "comment"));
        await Refused(HttpStatusCode.Conflict, http.PostAsync(Department(headToken, "/godkann"), Json(new { unitId = open.Id, version = 0 })), "Inget har sparats.");
        await Refused(HttpStatusCode.BadRequest, http.PostAsync(Department(headToken, "/skicka-tillbaka"), Json(new { unitId = open.Id, version = 1, comment = "  " })),
            "Skriv vad enhetschefen behöver ändra.");

        // A closed period: 410 on both links, and still nothing stored through them.
        var closed = await s.Service.CloseAsync(CycleScenario.CycleId, confirmedMissing: true, "Hanna Sekreterare");
        Assert.False(closed.Refused, closed.Decision.Refusal?.Message);
        before = await SnapshotAsync();
        await Refused(HttpStatusCode.Gone, http.GetAsync(Unit(token)), "Perioden är stängd");
        await Refused(HttpStatusCode.Gone, http.PutAsync(Unit(token), Json(new { basedOnVersion = 0, input = Input() })), "Perioden är stängd");
        await Refused(HttpStatusCode.Gone, http.PostAsync(Department(headToken, "/godkann"), Json(new { unitId = open.Id, version = 1 })), "Perioden är stängd");
    }

    /// <summary>Every unit's stream version, the cycle's and its outbox: what a refused request must leave as it was.</summary>
    private async Task<string> SnapshotAsync()
    {
        var parts = new List<string>();
        foreach (var unit in s.Units)
            parts.Add($"{unit.Id}:{(await s.Service.Store.LoadUnitAsync(CycleScenario.CycleId, unit.Id)).Version}");
        parts.Add($"outbox:{(await s.Host.Service<Storage.Outbox.OutboxStore>().ReadCycleAsync(CycleScenario.CycleId)).Count}");
        parts.Add($"cycle:{(await s.Service.LoadCycleAsync(CycleScenario.CycleId)).Version}");
        return string.Join(' ', parts);
    }
}

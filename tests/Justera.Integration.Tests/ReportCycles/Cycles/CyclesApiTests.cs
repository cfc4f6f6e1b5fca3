using System.Net;
using System.Text;
using System.Text.Json;
using Justera.Integration.Tests.Infrastructure;

namespace Justera.Integration.Tests.ReportCycles.Cycles;

/// <summary>
/// The cycles API as a script uses it: start, overview, list, history, remind, extend, close — and every bad body
/// answered as an RFC 9457 problem in Swedish, at its field, with nothing stored and nothing sent.
/// </summary>
[Collection(CyclePagesServers.Name)]
public sealed class CyclesApiTests(ServersFixture servers)
{
    private const string Cycles = "/api/rapportcykler";

    private static string Body(string period = "\"T1\"", string year = "2026", string deadline = "\"2026-12-15\"", string threshold = "0.5", string units = "\"alla\"", string extra = "") =>
        $$"""{"period": {{period}}, "year": {{year}}, "deadline": {{deadline}}, "deviationThreshold": {{threshold}}, "units": {{units}}{{extra}}}""";

    [Fact]
    public async Task GivenAStartBody_WhenPosted_ThenTheCycleStartsAndItsOverviewListAndHistoryAreReadable()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);

        using var created = await s.PostJsonAsync(Cycles, Body(extra: ", \"formKey\": \"skript-1\""));
        var overview = await CyclePagesScenario.JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal($"{Cycles}/t1-2026", created.Headers.Location?.OriginalString);
        Assert.Equal("t1-2026", overview.GetProperty("id").GetString());
        Assert.Equal("Tertialrapport 1 2026", overview.GetProperty("name").GetString());
        Assert.Equal("T1", overview.GetProperty("period").GetString());
        Assert.Equal("2026-12-15", overview.GetProperty("deadline").GetString());
        Assert.Equal(0.5m, overview.GetProperty("deviationThreshold").GetDecimal());
        Assert.Equal(10, overview.GetProperty("total").GetInt32());
        Assert.Equal("0 av 10 enheter klara", overview.GetProperty("progress").GetString());
        Assert.Equal(["Avdelningen för förskola", "Avdelningen för individ- och familjeomsorg", "Avdelningen för äldreomsorg"],
            overview.GetProperty("departments").EnumerateArray().Select(d => d.GetProperty("department").GetString()));
        var unit = overview.GetProperty("departments")[0].GetProperty("units")[0];
        Assert.Equal("NotOpened", unit.GetProperty("phase").GetString());
        Assert.Equal("/rapportcykler/t1-2026/rapport", overview.GetProperty("report").GetString());
        Assert.Contains(overview.GetProperty("goals").EnumerateArray(), g => g.GetProperty("goalId").GetString() == "KF1.3" && g.GetProperty("missing").GetInt32() == 3);

        // The same script's retry (same form key) is the same start; another start of T1 2026 is refused.
        using (var retry = await s.PostJsonAsync(Cycles, Body(extra: ", \"formKey\": \"skript-1\"")))
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        using (var twice = await s.PostJsonAsync(Cycles, Body(deadline: "\"2026-12-16\"")))
        {
            var problem = await CyclePagesScenario.JsonAsync(twice, HttpStatusCode.Conflict);
            Assert.Equal("Det finns redan en rapportcykel för tertialrapport 1 2026. Samma period kan bara startas en gång.", problem.GetProperty("detail").GetString());
            Assert.Equal("AlreadyStarted", problem.GetProperty("reason").GetString());
        }

        // Chosen units, a threshold written the Swedish way, the date the Swedish way.
        using (var chosen = await s.PostJsonAsync(Cycles, Body(period: "\"t2\"", threshold: "\"1,25\"", deadline: "\"17 december 2026\"", units: "[\"IFO-02\", \"fsk-01\"]")))
        {
            var t2 = await CyclePagesScenario.JsonAsync(chosen, HttpStatusCode.Created);
            Assert.Equal("t2-2026", t2.GetProperty("id").GetString());
            Assert.Equal(1.25m, t2.GetProperty("deviationThreshold").GetDecimal());
            Assert.Equal("2026-12-17", t2.GetProperty("deadline").GetString());
            Assert.Equal(["FSK-01", "IFO-02"],
                t2.GetProperty("departments").EnumerateArray().SelectMany(d => d.GetProperty("units").EnumerateArray()).Select(u => u.GetProperty("id").GetString()));
        }

        using var list = await s.Secretary.GetAsync(new Uri(Cycles, UriKind.Relative));
        var cycles = await CyclePagesScenario.JsonAsync(list, HttpStatusCode.OK);
        Assert.Equal(["t2-2026", "t1-2026"], cycles.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal("0 av 2 enheter klara", cycles[0].GetProperty("progress").GetString());
        Assert.Equal("Pågår", cycles[1].GetProperty("phase").GetString());

        using var history = await s.Secretary.GetAsync(new Uri($"{Cycles}/t1-2026/historik", UriKind.Relative));
        var entries = await CyclePagesScenario.JsonAsync(history, HttpStatusCode.OK);
        Assert.Equal(1, entries.GetArrayLength());
        Assert.StartsWith($"{CyclePagesScenario.SecretaryEmail} startade tertialrapport 1 2026 för 10 enheter", entries[0].GetProperty("description").GetString(), StringComparison.Ordinal);

        // The API describes itself, in Swedish.
        using var openApi = await s.Secretary.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var document = await CyclePagesScenario.JsonAsync(openApi, HttpStatusCode.OK);
        var start = document.GetProperty("paths").GetProperty(Cycles).GetProperty("post");
        Assert.StartsWith("Starta en rapportcykel", start.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(start.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty($"{Cycles}/{{id}}/stang", out _));

        using var unknown = await s.Secretary.GetAsync(new Uri($"{Cycles}/t3-2026", UriKind.Relative));
        Assert.Equal("Rapportcykeln finns inte", (await CyclePagesScenario.JsonAsync(unknown, HttpStatusCode.NotFound)).GetProperty("title").GetString());
    }

    /// <summary>A bad start body, what it should be answered with, and the field (null: the body as a whole) and words of the answer.</summary>
    private sealed record BadStart(string What, byte[] Body, HttpStatusCode Status, string? Field, string Message, string ContentType = "application/json");

    private static BadStart Bad(string what, string body, string? field, string message, HttpStatusCode status = HttpStatusCode.BadRequest, string contentType = "application/json") =>
        new(what, Encoding.UTF8.GetBytes(body), status, field, message, contentType);

    private static IEnumerable<BadStart> BadStarts() =>
    [
        Bad("malformed JSON", "{\"period\": \"T1\",", null, "Innehållet är inte giltig JSON"),
        Bad("an array, not an object", "[1, 2]", null, "Innehållet är inte giltig JSON"),
        Bad("an empty body", "", null, "Innehållet är inte giltig JSON"),
        new("not UTF-8", [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d], HttpStatusCode.BadRequest, null, "Innehållet är inte giltig JSON"),
        Bad("JSON nested 100 deep", new string('[', 100) + new string(']', 100), null, "Innehållet är inte giltig JSON"),
        Bad("the year as text", Body(year: "\"2026\""), "year", "Året ska vara ett heltal mellan 2000 och 2100"),
        Bad("a year past Int64", Body(year: "99999999999999999999999"), "year", "Året ska vara ett heltal mellan 2000 och 2100"),
        Bad("a year with decimals", Body(year: "2026.5"), "year", "Året ska vara ett heltal mellan 2000 och 2100"),
        Bad("a year without a structure", Body(year: "2027"), "year", "Det finns ingen målstruktur för 2027. Importera årets målstruktur under Målstruktur först."),
        Bad("a threshold past decimal", Body(threshold: "1e400"), "deviationThreshold", "Gränsen för avvikelse ska vara ett tal i mnkr"),
        Bad("a threshold past Int64", Body(threshold: "99999999999999999999999999999999999"), "deviationThreshold", "Gränsen för avvikelse ska vara ett tal i mnkr"),
        Bad("a negative threshold", Body(threshold: "-1"), "deviationThreshold", "Gränsen för avvikelse ska vara mellan 0 och 1000 mnkr."),
        Bad("a deadline in year 9999", Body(deadline: "\"9999-12-31\""), "deadline", "Sista dag får ligga högst ett år fram i tiden"),
        Bad("a deadline in year 1", Body(deadline: "\"0001-01-01\""), "deadline", "Sista dag har redan passerat."),
        Bad("a deadline that does not exist", Body(deadline: "\"2026-02-30\""), "deadline", "Skriv sista dag som ÅÅÅÅ-MM-DD"),
        Bad("a deadline as a number", Body(deadline: "20261215"), "deadline", "Skriv sista dag som ÅÅÅÅ-MM-DD"),
        Bad("a deadline on a Sunday", Body(deadline: "\"2026-12-13\""), "deadline", "Sista dag måste vara en arbetsdag; 13 december 2026 är söndag."),
        Bad("an unknown period", Body(period: "\"T3\""), "period", "Perioden ”T3” finns inte. Ange T1, T2 eller VB."),
        Bad("a period as a number", Body(period: "1"), "period", "Fältet period ska vara en text."),
        Bad("a missing period", Body().Replace("\"period\": \"T1\", ", "", StringComparison.Ordinal), "period", "Ange period: T1, T2 eller VB."),
        Bad("an unknown unit", Body(units: "[\"FSK-01\", \"XYZ-99\"]"), "units[1]", "Enheten ”XYZ-99” finns inte i enhetsregistret."),
        Bad("no units", Body(units: "[]"), "units", "Välj minst en enhet, eller välj alla enheter."),
        Bad("units as other text", Body(units: "\"några\""), "units", "Ange enheterna som \"alla\" eller som en lista med enhets-id"),
        Bad("a unit as a number", Body(units: "[\"FSK-01\", 7]"), "units[1]", "Post 2 i listan är inte ett enhets-id."),
        Bad("a misspelt field", Body(extra: ", \"dedline\": \"2026-12-16\""), "dedline", "Fältet ”dedline” finns inte här."),
        Bad("a form key of 10 000 characters", Body(extra: $", \"formKey\": \"{new string('k', 10_000)}\""), "formKey", "Fältet formKey får vara högst 100 tecken."),
        Bad("text instead of JSON", Body(), null, "Fel innehållstyp", HttpStatusCode.UnsupportedMediaType, "text/plain"),
        Bad("a body of 300 kB", Body(extra: $", \"formKey\": \"{new string('k', 300 * 1024)}\""), null, "Begäran är för stor", HttpStatusCode.RequestEntityTooLarge),
    ];

    [Fact]
    public async Task GivenABadStartBody_WhenPosted_ThenItIsAProblemInSwedishAtItsFieldAndNothingIsStoredOrSent()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);
        foreach (var bad in BadStarts())
        {
            using var content = new ByteArrayContent(bad.Body);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(bad.ContentType);
            using var response = await s.Secretary.PostAsync(new Uri(Cycles, UriKind.Relative), content);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == bad.Status, $"{bad.What}: answered {(int)response.StatusCode}, expected {(int)bad.Status}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(text);
            var problem = json.RootElement;
            if (bad.Field is null)
            {
                var words = problem.GetProperty("title").GetString() + " " + problem.GetProperty("detail").GetString();
                Assert.True(words.Contains(bad.Message, StringComparison.Ordinal), $"{bad.What}: {text}");
                // A wrong content type is refused by routing, before any handler runs, in the API's general Swedish words.
                if (bad.Status != HttpStatusCode.UnsupportedMediaType)
                    Assert.Contains("Inget har sparats.", words, StringComparison.Ordinal);
            }
            else
            {
                var messages = problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(bad.Field, out var at) ? at : default;
                Assert.True(messages.ValueKind == JsonValueKind.Array, $"{bad.What}: no error at {bad.Field}: {text}");
                Assert.True(messages.EnumerateArray().Any(m => m.GetString()!.Contains(bad.Message, StringComparison.Ordinal)), $"{bad.What}: {text}");
                Assert.Equal("Uppgifterna behöver rättas. Inget har sparats.", problem.GetProperty("title").GetString());
            }
        }
        await s.AssertNoCycleAsync();
        Assert.Empty(await s.MailsAsync());
    }

    [Fact]
    public async Task GivenAnOpenCycle_WhenAScriptRemindsExtendsAndCloses_ThenEachIsDoneAndEveryBadRequestIsRefusedInSwedish()
    {
        await using var s = await CyclePagesScenario.StartAsync(servers);
        using (var created = await s.PostJsonAsync(Cycles, Body()))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cycle = $"{Cycles}/t1-2026";

        // Before the units are opened there is nobody to remind.
        using (var early = await s.Secretary.PostAsync(new Uri($"{cycle}/paminn", UriKind.Relative), null))
            Assert.Equal("Det finns ingen att påminna just nu: alla enheter är klara eller har redan fått en påminnelse i dag.",
                (await CyclePagesScenario.JsonAsync(early, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        await s.OpenAndDrainAsync();
        await s.MailDev.DeleteAllAsync();

        // No body at all: every unit still with its manager is reminded, one mail per manager (Åsa Lindholm's two units in one).
        using (var remind = await s.Secretary.PostAsync(new Uri($"{cycle}/paminn", UriKind.Relative), null))
            await CyclePagesScenario.JsonAsync(remind, HttpStatusCode.OK);
        await s.DrainAsync();
        var reminders = await s.MailsAsync();
        Assert.Equal(s.Units.Select(u => u.Manager.Email).Distinct().Order(), reminders.Select(m => m.To.Single().Address).Order());
        using (var again = await s.PostJsonAsync($"{cycle}/paminn", "{\"unitId\": \"FSK-03\"}"))
            Assert.Equal("Jonas Ekström har redan fått en påminnelse i dag. Nästa kan skickas i morgon.",
                (await CyclePagesScenario.JsonAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString());

        foreach (var (body, field, message) in new[]
        {
            ("{\"unitId\": \"NOPE-1\", \"deadline\": \"2026-12-18\"}", "unitId", "Enheten ingår inte i rapportcykeln."),
            ("{\"deadline\": \"2026-12-19\"}", "deadline", "Sista dag måste vara en arbetsdag; 19 december 2026 är lördag."),
            ("{\"deadline\": \"2206-12-18\"}", "deadline", "Sista dag får ligga högst ett år fram i tiden"),
            ("{\"deadline\": \"2026-12-14\"}", "deadline", "Den nya sista dagen måste vara senare än den nuvarande, 15 december 2026."),
            ("{\"deadline\": 18}", "deadline", "Skriv ny sista dag som ÅÅÅÅ-MM-DD"),
            ("{\"unitId\": 5, \"deadline\": \"2026-12-18\"}", "unitId", "Fältet unitId ska vara en text."),
        })
        {
            using var refused = await s.PostJsonAsync($"{cycle}/forlang", body);
            var problem = await CyclePagesScenario.JsonAsync(refused, HttpStatusCode.BadRequest);
            Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        }
        using (var extend = await s.PostJsonAsync($"{cycle}/forlang", "{\"deadline\": \"2026-12-18\"}"))
            Assert.Equal("2026-12-18", (await CyclePagesScenario.JsonAsync(extend, HttpStatusCode.OK)).GetProperty("deadline").GetString());
        using (var one = await s.PostJsonAsync($"{cycle}/forlang", "{\"unitId\": \"ALD-03\", \"deadline\": \"2026-12-21\"}"))
        {
            var units = (await CyclePagesScenario.JsonAsync(one, HttpStatusCode.OK)).GetProperty("departments").EnumerateArray()
                .SelectMany(d => d.GetProperty("units").EnumerateArray()).ToList();
            Assert.Equal("2026-12-21", units.Single(u => u.GetProperty("id").GetString() == "ALD-03").GetProperty("deadline").GetString());
            Assert.Equal("2026-12-18", units.Single(u => u.GetProperty("id").GetString() == "ALD-02").GetProperty("deadline").GetString());
        }

        using (var unconfirmed = await s.PostJsonAsync($"{cycle}/stang", "{}"))
        {
            var problem = await CyclePagesScenario.JsonAsync(unconfirmed, HttpStatusCode.Conflict);
            Assert.Equal("ConfirmationRequired", problem.GetProperty("reason").GetString());
            Assert.StartsWith("10 av 10 enheter är inte godkända:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        using (var wrongType = await s.PostJsonAsync($"{cycle}/stang", "{\"confirmMissing\": \"ja\"}"))
            Assert.Equal("Fältet confirmMissing ska vara true eller false.",
                (await CyclePagesScenario.JsonAsync(wrongType, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("confirmMissing")[0].GetString());
        Assert.Equal("Pågår", await PhaseAsync(s, cycle));

        using (var close = await s.PostJsonAsync($"{cycle}/stang", "{\"confirmMissing\": true}"))
        {
            var closed = await CyclePagesScenario.JsonAsync(close, HttpStatusCode.OK);
            Assert.True(closed.GetProperty("closed").GetBoolean());
            Assert.Equal(10, closed.GetProperty("missingUnitIds").GetArrayLength());
            Assert.Equal(CyclePagesScenario.SecretaryEmail, closed.GetProperty("closedBy").GetString());
        }
        using var history = await s.Secretary.GetAsync(new Uri($"{cycle}/historik", UriKind.Relative));
        var descriptions = (await CyclePagesScenario.JsonAsync(history, HttpStatusCode.OK)).EnumerateArray().Select(e => e.GetProperty("description").GetString()).ToList();
        Assert.Contains("Sista dag för alla enheter flyttades till 18 december 2026.", descriptions);
        Assert.Contains("Sista dag för Aktivitetscenter för äldre flyttades till 21 december 2026.", descriptions);
        Assert.Contains(descriptions, d => d!.StartsWith($"{CyclePagesScenario.SecretaryEmail} stängde perioden utan 10 enheter", StringComparison.Ordinal));
    }

    private static async Task<string?> PhaseAsync(CyclePagesScenario s, string cycle)
    {
        using var response = await s.Secretary.GetAsync(new Uri(cycle, UriKind.Relative));
        return (await CyclePagesScenario.JsonAsync(response, HttpStatusCode.OK)).GetProperty("phase").GetString();
    }
}

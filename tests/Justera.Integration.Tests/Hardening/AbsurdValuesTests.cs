using System.Net;
using System.Text.Json;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Justera.Integration.Tests.JusteringRounds;

namespace Justera.Integration.Tests.Hardening;

/// <summary>
/// Values that parse but make no sense — dates in year 1 or 9999, a deadline before the meeting or years ahead, nulls in
/// the roster, overlong names — are refused with a Swedish message on their field wherever they enter (create, extend,
/// revise; API and pages), and nothing is stored or sent. The test host's clock stands at Tuesday 8 December 2026.
/// </summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class AbsurdValuesTests(ServersFixture servers) : IAsyncLifetime
{
    private RoundScenario s = null!;

    public async Task InitializeAsync() => s = await RoundScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenAbsurdValues_WhenARoundIsCreatedAndStarted_ThenEachIsRefusedOnItsFieldAndNothingIsStoredOrSent()
    {
        var people = s.People(2);
        var valid = new RoundRequest { Protocol = ProtocolFiles.Sample, Roster = RoundScenario.RosterJson(people) };
        var longName = new string('Å', 201);
        (string Name, RoundRequest Request, string Field)[] cases =
        [
            ("deadline 0001-01-01T00:30", valid with { Deadline = "0001-01-01T00:30" }, "deadline"),
            ("deadline 0001-01-01 (date only)", valid with { Deadline = "0001-01-01" }, "deadline"),
            ("deadline 9999-12-31T23:59", valid with { Deadline = "9999-12-31T23:59" }, "deadline"),
            ("deadline seven months ahead", valid with { Deadline = "2027-07-09T16:00" }, "deadline"),
            ("deadline before the meeting", valid with { MeetingDate = "2026-12-20", Deadline = "2026-12-15T16:00" }, "deadline"),
            ("meeting 9999-12-31", valid with { MeetingDate = "9999-12-31" }, "meetingDate"),
            ("meeting 0001-01-01", valid with { MeetingDate = "0001-01-01" }, "meetingDate"),
            ("meeting a year ago", valid with { MeetingDate = "2025-12-01" }, "meetingDate"),
            ("meeting two months ahead", valid with { MeetingDate = "2027-02-08", Deadline = "2027-02-10T16:00" }, "meetingDate"),
            ("justering day 9999-12-31", valid with { JusteringDate = "9999-12-31" }, "justeringDate"),
            ("roster [null]", valid with { Roster = "[null]" }, "justerare[0]"),
            ("a null among justerare", valid with { Roster = $"[{RoundScenario.RosterJson(people)[1..^1]},null]" }, "justerare[2]"),
            ("roster as an object", valid with { Roster = """{"name":"Karin"}""" }, "roster"),
            ("a name that is a number", valid with { Roster = """[{"name":5,"organisation":"Vision","email":"a@example.org"}]""" }, "roster"),
            ("a name of 201 characters", valid with { Roster = RoundScenario.RosterJson([people[0] with { Name = longName }]) }, "justerare[0].name"),
            ("an e-mail of 300 characters", valid with { Roster = RoundScenario.RosterJson([people[0] with { Email = new string('a', 288) + "@example.org" }]) }, "justerare[0].email"),
        ];
        var before = await Refusals.SnapshotAsync(s);
        var failures = new List<string?>();
        foreach (var (name, request, field) in cases)
        {
            using var response = await s.PostRoundAsync(request);
            failures.Add(await Refusals.CheckAsync(response, name, page: false, status: 400) ?? await FieldErrorAsync(response, name, field));
        }

        Refusals.AssertNone(failures);
        Assert.Equal(before, await Refusals.SnapshotAsync(s));
    }

    [Fact]
    public async Task GivenAbsurdDeadlines_WhenExtendedOrRevisedThroughTheApiAndThePages_ThenEachIsRefusedOnItsFieldAndNothingIsStoredOrSent()
    {
        var id = await s.StartRoundAsync(s.People(2));
        await s.DrainOutboxAsync(id);
        string[] localDeadlines = ["0001-01-01T00:30", "9999-12-31T23:59", "2027-07-09T16:00", "2026-12-01T16:00"];
        string[] apiDeadlines = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59+14:00", "2027-07-09T16:00:00+01:00"];
        var before = await Refusals.SnapshotAsync(s, id);
        var failures = new List<string?>();

        foreach (var deadline in apiDeadlines)
        {
            using var response = await s.Api.PostAsync(new Uri($"api/rundor/{id}/forlang", UriKind.Relative), Refusals.Json(JsonSerializer.Serialize(new { deadline })));
            failures.Add(await Refusals.CheckAsync(response, $"API extend to {deadline}", page: false, status: 400) ?? await FieldErrorAsync(response, $"API extend to {deadline}", "deadline"));
        }
        using (var response = await s.Api.PostAsync(new Uri($"api/rundor/{id}/forlang", UriKind.Relative),
            Refusals.Json("""{"deadline":"2026-12-20T16:00:00+01:00","justeringDate":"9999-12-31"}""")))
            failures.Add(await Refusals.CheckAsync(response, "API extend with justering day 9999", page: false, status: 400) ?? await FieldErrorAsync(response, "API extend with justering day 9999", "justeringDate"));
        foreach (var deadline in localDeadlines)
        {
            using var revise = new MultipartFormDataContent { { new ByteArrayContent(ProtocolFiles.Sample), "protocol", "ny.pdf" }, { new StringContent(deadline), "deadline" } };
            using var response = await s.Api.PostAsync(new Uri($"api/rundor/{id}/revidera", UriKind.Relative), revise);
            failures.Add(await Refusals.CheckAsync(response, $"API revise to {deadline}", page: false, status: 400) ?? await FieldErrorAsync(response, $"API revise to {deadline}", "deadline"));

            using var extend = await PostRoundPageFormAsync(id, "forlang", [KeyValuePair.Create("deadline", deadline)]);
            var page = await HtmlPage.ReadAsync(extend);
            failures.Add(await Refusals.CheckAsync(extend, $"page extend to {deadline}", page: true, status: 400)
                ?? (page.Html.Contains("id=\"forlang-deadline-fel\"", StringComparison.Ordinal) ? null : $"page extend to {deadline}: no message on the deadline field"));
        }

        Refusals.AssertNone(failures);
        Assert.Equal(before, await Refusals.SnapshotAsync(s, id));
    }

    /// <summary>Posts one of the round page's forms as the browser would: its anti-forgery token and the given fields.</summary>
    private async Task<HttpResponseMessage> PostRoundPageFormAsync(string id, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var get = await s.Api.GetAsync(new Uri($"rundor/{id}", UriKind.Relative));
        var form = (await HtmlPage.ReadAsync(get)).Forms.Single(f => f.Action.EndsWith($"/{action}", StringComparison.Ordinal));
        using var content = new FormUrlEncodedContent([.. form.Hidden, .. fields]);
        return await s.Api.PostAsync(new Uri(form.Action, UriKind.Relative), content);
    }

    private static async Task<string?> FieldErrorAsync(HttpResponseMessage response, string name, string field)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _)
            ? null
            : $"{name}: no error on \"{field}\": {problem.RootElement}";
    }

    [Fact]
    public async Task GivenTheBoundsThemselves_WhenARoundIsCreated_ThenTheyAreAccepted()
    {
        var people = s.People(1);
        // 90 days back and six months ahead, to the minute, from Tuesday 8 December 2026 09:30 Stockholm time.
        using var response = await s.PostRoundAsync(new RoundRequest
        {
            Protocol = ProtocolFiles.Sample,
            Roster = RoundScenario.RosterJson(people),
            MeetingDate = "2026-09-09",
            Deadline = "2027-06-08T09:30",
            Start = false,
        });

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}

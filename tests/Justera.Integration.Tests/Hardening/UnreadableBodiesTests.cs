using System.Net.Http.Headers;
using System.Text;
using Justera.Integration.Tests.Infrastructure;
using Justera.Integration.Tests.JusteringRounds;

namespace Justera.Integration.Tests.Hardening;

/// <summary>
/// Bodies the framework cannot read — the wrong content type, none, cut off, over the form limits, too large, JSON that
/// does not bind — sent to every endpoint that reads a form or JSON, API and pages alike: each is a 4xx in Swedish that
/// names no exception, and nothing is stored or sent.
/// </summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class UnreadableBodiesTests(ServersFixture servers) : IAsyncLifetime
{
    private RoundScenario s = null!;
    private string roundId = null!;
    private Uri link = null!;

    public async Task InitializeAsync()
    {
        s = await RoundScenario.StartAsync(servers);
        var people = s.People(2);
        roundId = await s.StartRoundAsync(people);
        link = s.LinkIn(await s.WaitForMailAsync(people[0].Email, RoundScenario.BaseSubject));
        await s.DrainOutboxAsync(roundId);
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    private static IEnumerable<(string Name, Func<HttpContent?> Body)> UnreadableForms() =>
    [
        ("a JSON body", () => Refusals.Json("""{"roster":[],"start":true}""")),
        ("no body", () => null),
        ("a text/plain body", () => Refusals.Raw("start=true", "text/plain")),
        ("a cut-off multipart body", () => Refusals.Raw("--XX\r\nContent-Disposition: form-data; name=\"start\"\r\n\r\ntr", "multipart/form-data; boundary=XX")),
        ("multipart without a boundary", () => Refusals.Raw("start=true", "multipart/form-data")),
        ("multipart part headers over 16 KB", () => Refusals.Raw(
            $"--XX\r\nContent-Disposition: form-data; name=\"start\"\r\nX-Fyll: {new string('x', 20_000)}\r\n\r\ntrue\r\n--XX--\r\n", "multipart/form-data; boundary=XX")),
        ("1,025 form fields", () => new FormUrlEncodedContent(Enumerable.Range(0, 1025).Select(i => KeyValuePair.Create($"f{i}", "1")))),
        ("a form key over the limit", () => new FormUrlEncodedContent([KeyValuePair.Create(new string('k', 5_000), "1")])),
        ("a form value over the limit", () => new FormUrlEncodedContent([KeyValuePair.Create("roster", new string('v', 300_000))])),
    ];

    private IEnumerable<string> FormEndpoints() =>
    [
        "api/rundor", $"api/rundor/{roundId}/revidera", "api/verifiera",
        "rundor/ny", $"rundor/{roundId}/forlang", $"rundor/{roundId}/revidera", $"rundor/{roundId}/avbryt", "verifiera", "logga-in", link.AbsolutePath.TrimStart('/'),
    ];

    [Fact]
    public async Task GivenBodiesNoFormCanBeReadFrom_WhenPostedToEveryFormEndpoint_ThenEachIsA4xxInSwedishAndNothingIsStoredOrSent()
    {
        var before = await Refusals.SnapshotAsync(s, roundId);
        var failures = new List<string?>();
        foreach (var endpoint in FormEndpoints())
        {
            foreach (var (name, body) in UnreadableForms())
            {
                using var content = body();
                using var response = await s.Api.PostAsync(new Uri(endpoint, UriKind.Relative), content);
                failures.Add(await Refusals.CheckAsync(response, $"{name} to /{endpoint}", page: !endpoint.StartsWith("api/", StringComparison.Ordinal)));
            }
        }

        Refusals.AssertNone(failures);
        Assert.Equal(before, await Refusals.SnapshotAsync(s, roundId));
    }

    [Fact]
    public async Task GivenJsonThatDoesNotBind_WhenPostedToEveryJsonEndpoint_ThenEachIsA4xxProblemInSwedishAndNothingIsStoredOrSent()
    {
        (string Name, Func<HttpContent?> Body)[] bodies =
        [
            ("no body", () => null),
            ("an empty JSON body", () => Refusals.Json("")),
            ("cut-off JSON", () => Refusals.Json("""{"reason":""")),
            ("a JSON array", () => Refusals.Json("[1,2]")),
            ("a JSON string", () => Refusals.Json("\"avbryt\"")),
            ("JSON null", () => Refusals.Json("null")),
            ("nesting 200 deep", () => Refusals.Json(new string('[', 200) + new string(']', 200))),
            ("every field of the wrong type", () => Refusals.Json("""{"reason":5,"deadline":true,"justeringDate":[],"kind":{},"justerareId":1,"name":[],"email":{}}""")),
            ("JSON as text/plain", () => Refusals.Raw("""{"reason":"x"}""", "text/plain")),
            ("a form instead of JSON", () => new FormUrlEncodedContent([KeyValuePair.Create("reason", "x")])),
        ];
        var before = await Refusals.SnapshotAsync(s, roundId);
        var failures = new List<string?>();
        foreach (var action in new[] { "avbryt", "forlang", "svar", "ersattare" })
        {
            foreach (var (name, body) in bodies)
            {
                using var content = body();
                using var response = await s.Api.PostAsync(new Uri($"api/rundor/{roundId}/{action}", UriKind.Relative), content);
                failures.Add(await Refusals.CheckAsync(response, $"{name} to /api/rundor/{{id}}/{action}", page: false));
            }
        }

        Refusals.AssertNone(failures);
        Assert.Equal(before, await Refusals.SnapshotAsync(s, roundId));
    }

    [Fact]
    public async Task GivenAnUploadOver64MB_WhenPostedToTheApiThePageAndTheVerification_Then413InSwedishWithoutTheBodyBeingRead()
    {
        var before = await Refusals.SnapshotAsync(s, roundId);
        var failures = new List<string?>();
        foreach (var endpoint in new[] { "api/rundor", "rundor/ny", $"api/rundor/{roundId}/revidera", "api/verifiera", "verifiera" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, UriKind.Relative))
            {
                Content = new ZeroContent(70L * 1024 * 1024, "multipart/form-data; boundary=XX"),
            };
            // The server answers before the body is sent, as a browser's upload would be refused.
            request.Headers.ExpectContinue = true;
            using var response = await s.Api.SendAsync(request);
            failures.Add(await Refusals.CheckAsync(response, $"70 MB to /{endpoint}", page: !endpoint.StartsWith("api/", StringComparison.Ordinal), status: 413));
        }

        Refusals.AssertNone(failures);
        Assert.Equal(before, await Refusals.SnapshotAsync(s, roundId));
    }

    [Fact]
    public async Task GivenAnUnknownAddressOrMethodOrNoSignIn_WhenTheApiIsCalled_ThenTheProblemIsInSwedish()
    {
        using var anonymous = s.Host.NewBrowser();
        anonymous.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var unknown = await s.Api.GetAsync(new Uri("api/finns-inte", UriKind.Relative));
        using var method = await s.Api.DeleteAsync(new Uri($"api/rundor/{roundId}", UriKind.Relative));
        using var noSignIn = await anonymous.GetAsync(new Uri("api/rundor", UriKind.Relative));
        using var badHeaders = new HttpRequestMessage(HttpMethod.Get, new Uri("api/rundor", UriKind.Relative));
        badHeaders.Headers.Add("X-Justera-Secretary", "inte-en-adress");
        using var refusedHeaders = await anonymous.SendAsync(badHeaders);

        Refusals.AssertNone(
        [
            await Refusals.CheckAsync(unknown, "unknown address", page: false, status: 404),
            await Refusals.CheckAsync(method, "DELETE on a round", page: false, status: 405),
            await Refusals.CheckAsync(noSignIn, "no sign-in", page: false, status: 401),
            await Refusals.CheckAsync(refusedHeaders, "a secretary header that is no address", page: false, status: 401),
        ]);
        Assert.Contains("X-Justera-Administration", Encoding.UTF8.GetString(await refusedHeaders.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }
}

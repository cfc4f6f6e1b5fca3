using System.Net;
using System.Text.Json;
using Justera.Integration.Tests.Infrastructure;
using Justera.Integration.Tests.JusteringRounds;

namespace Justera.Integration.Tests.Hardening;

/// <summary>
/// The API takes an answer's kind by name, as its OpenAPI document says, and refuses numbers with a field message; a
/// yes/no field takes the usual spellings and refuses the rest instead of silently reading them as no.
/// </summary>
[Collection(JusteringRoundsServers.Name)]
public sealed class ApiEnumsAndFlagsTests(ServersFixture servers) : IAsyncLifetime
{
    private RoundScenario s = null!;

    public async Task InitializeAsync() => s = await RoundScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenAnAnswerKindByName_WhenRecordedThroughTheApi_ThenItIsRecordedAndNumbersAndUnknownNamesAreRefused()
    {
        var people = s.People(3);
        var id = await s.StartRoundAsync(people);
        var status = await s.StatusAsync(id);
        string JusterareId(int i) => RoundScenario.Line(status, people[i]).GetProperty("id").GetString()!;

        await s.PostJsonAsync($"api/rundor/{id}/svar", new { justerareId = JusterareId(0), kind = "NoObjection" });
        await s.PostJsonAsync($"api/rundor/{id}/svar", new { justerareId = JusterareId(1), kind = "changesRequested", text = "§ 3 ska ändras." });

        var after = await s.StatusAsync(id);
        Assert.Equal("Inget att erinra", RoundScenario.Line(after, people[0]).GetProperty("status").GetString());
        Assert.StartsWith("Synpunkter", RoundScenario.Line(after, people[1]).GetProperty("status").GetString(), StringComparison.Ordinal);

        var before = await Refusals.SnapshotAsync(s, id);
        var failures = new List<string?>();
        foreach (var kind in new object[] { 0, 2, 7, "7", "Maybe", "" })
        {
            using var response = await s.Api.PostAsync(new Uri($"api/rundor/{id}/svar", UriKind.Relative),
                Refusals.Json(JsonSerializer.Serialize(new { justerareId = JusterareId(2), kind })));
            var body = await response.Content.ReadAsStringAsync();
            failures.Add(await Refusals.CheckAsync(response, $"kind {JsonSerializer.Serialize(kind)}", page: false, status: 400)
                ?? (body.Contains("\"kind\"", StringComparison.Ordinal) ? null : $"kind {kind}: no message on the kind field: {body}"));
        }
        Refusals.AssertNone(failures);
        Assert.Equal(before, await Refusals.SnapshotAsync(s, id));
    }

    [Fact]
    public async Task GivenTheOpenApiDocument_WhenRead_ThenTheAnswerKindIsAStringEnumOfItsNames()
    {
        var document = await s.GetJsonAsync("openapi/v1.json");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        var kind = schemas.EnumerateObject().First(p => p.Name.Contains("ReplyKind", StringComparison.Ordinal)).Value;
        // The names are the schema; a type, when the generator writes one, says string.
        Assert.True(!kind.TryGetProperty("type", out var type) || type.GetString() == "string", kind.ToString());
        Assert.Equal(["NoObjection", "ApprovedWithDissent", "ChangesRequested"], kind.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("True", true)]
    [InlineData("YES", true)]
    [InlineData("ja", true)]
    [InlineData("On", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("Nej", false)]
    [InlineData("no", false)]
    [InlineData("OFF", false)]
    [InlineData("0", false)]
    public async Task GivenAUsualSpellingOfStart_WhenARoundIsCreated_ThenItStartsOrStaysADraft(string start, bool started)
    {
        using var response = await PostWithStartAsync(start);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(started ? "Väntar på svar" : "Utkast", json.RootElement.GetProperty("phase").GetString());
    }

    [Fact]
    public async Task GivenAnUnknownSpellingOfAFlag_WhenARoundIsCreated_ThenItIsRefusedOnThatFieldAndNothingIsStoredOrSent()
    {
        var before = await Refusals.SnapshotAsync(s);
        var failures = new List<string?>();
        foreach (var (field, value) in new[] { ("start", "yes please"), ("start", "2"), ("start", "sant"), ("silenceCountsAsNoObjection", "kanske") })
        {
            using var response = await PostWithStartAsync(field == "start" ? value : "true", field == "start" ? null : (field, value));
            var body = await response.Content.ReadAsStringAsync();
            failures.Add(await Refusals.CheckAsync(response, $"{field}={value}", page: false, status: 400)
                ?? (body.Contains($"\"{field}\"", StringComparison.Ordinal) ? null : $"{field}={value}: no message on the field: {body}"));
        }

        Refusals.AssertNone(failures);
        Assert.Equal(before, await Refusals.SnapshotAsync(s));
    }

    private async Task<HttpResponseMessage> PostWithStartAsync(string start, (string Field, string Value)? extra = null)
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(ProtocolFiles.Sample), "protocol", "fg-protokoll.pdf" },
            { new StringContent(RoundScenario.RosterJson(s.People(1))), "roster" },
            { new StringContent("2026-12-03"), "meetingDate" },
            { new StringContent(RoundScenario.DefaultDeadline), "deadline" },
            { new StringContent(start), "start" },
        };
        if (extra is { } e)
            form.Add(new StringContent(e.Value), e.Field);
        return await s.Api.PostAsync(new Uri("api/rundor", UriKind.Relative), form);
    }
}

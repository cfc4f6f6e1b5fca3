using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Justera.Application.JusteringRounds;
using Justera.Integration.Tests.Infrastructure;
using Justera.Integration.Tests.JusteringRounds;

namespace Justera.Integration.Tests.ReportCycles.Reports;

/// <summary>
/// The hand-over to justering: from the report page the secretary opens the new-round form pre-filled for the FG
/// meeting, creates the round, and the report page then follows that round.
/// </summary>
[Collection(ReportCyclesServers.Name)]
public sealed class HandOverTests(ServersFixture servers) : IAsyncLifetime
{
    private ReportScenario s = null!;

    public async Task InitializeAsync() => s = await ReportScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenACompiledReport_WhenTheSecretaryStartsTheJusteringFromTheReportPage_ThenTheFormIsPrefilledTheRoundIsLinkedAndTheReportPageShowsIt()
    {
        await s.StartCycleAsync();
        await s.ApproveAsync("FSK-03");
        await s.CloseAsync();
        await s.WaitForAsync(r => ReportScenario.Versions(r) == 1, "version 1 stored");

        var report = await s.PageAsync($"/rapportcykler/{ReportScenario.Id}/rapport");
        var handOver = Assert.Single(report.Forms, f => f.Action == "/rundor/ny");
        Assert.Equal("get", handOver.Method);
        Assert.Equal(ReportScenario.Id, handOver.Hidden["cykel"]);

        // The browser submits the GET form with the meeting's date filled in.
        var form = await s.PageAsync($"/rundor/ny?cykel={ReportScenario.Id}&mote=2026-12-10");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("Justeringen gäller protokollet från förvaltningsgruppens möte där tertialrapport 1 2026 behandlades.", form.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-12-10\"", form.Html, StringComparison.Ordinal);
        var create = Assert.Single(form.Forms, f => f.Action == "/rundor/ny" && f.Method == "post");
        Assert.Equal(ReportScenario.Id, create.Hidden["cykel"]);

        // A form whose cycle does not exist (or was tampered with) creates no round.
        var rounds = s.Cycle.Host.Service<JusteringRoundService>();
        using (var tampered = await s.Secretary.PostAsync(new Uri("rundor/ny", UriKind.Relative), RoundForm(create.Hidden, cycle: "t2-2026")))
        {
            Assert.Equal(HttpStatusCode.Conflict, tampered.StatusCode);
            Assert.Contains("Rapportcykeln som rundan skulle kopplas till finns inte", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Empty(await rounds.ListAsync(Justera.Web.Hosting.SecretaryUser.AdministrationIdFor(ReportScenario.Administration)));

        using var created = await s.Secretary.PostAsync(new Uri("rundor/ny", UriKind.Relative), RoundForm(create.Hidden));
        Assert.True(created.StatusCode == HttpStatusCode.SeeOther, $"Creating the round answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        var roundId = created.Headers.Location!.OriginalString["/rundor/".Length..];
        Assert.Equal(roundId, (await s.Cycle.Service.LoadCycleAsync(ReportScenario.Id)).State.CycleOrNull!.JusteringRoundId);

        var linked = await s.PageAsync($"/rapportcykler/{ReportScenario.Id}/rapport");
        Assert.Contains("Rapporten lämnades till justeringen av protokollet från förvaltningsgruppens möte torsdagen den 10 december 2026.", linked.Text, StringComparison.Ordinal);
        Assert.Contains("Läge Väntar på svar", linked.Text, StringComparison.Ordinal);
        Assert.Contains("Svar hittills 0 av 2 har svarat", linked.Text, StringComparison.Ordinal);
        Assert.Contains("Förseglat Nej, inte ännu.", linked.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/rundor/{roundId}\"", linked.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Starta justering av FG-protokollet", linked.Text, StringComparison.Ordinal);

        var status = await s.ReportAsync();
        var round = status.GetProperty("justeringRound");
        Assert.Equal(roundId, round.GetProperty("roundId").GetString());
        Assert.Equal("AwaitingAnswers", round.GetProperty("phase").GetString());
        Assert.Equal(0, round.GetProperty("answered").GetInt32());
        Assert.Equal(2, round.GetProperty("justerare").GetInt32());
        Assert.False(round.GetProperty("sealed").GetBoolean());

        // Another administration's secretary sees no round through the cycle's link.
        using var other = s.Cycle.Host.NewSecretaryClient("annan@example.org", "Annan stadsdel");
        using var theirs = await other.GetAsync(new Uri($"api/rapportcykler/{ReportScenario.Id}/rapport", UriKind.Relative));
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await theirs.Content.ReadAsStringAsync()).RootElement.GetProperty("justeringRound").ValueKind);
    }

    /// <summary>The create form as the browser posts it: its hidden fields, the protocol, the dates and two justerare.</summary>
    private static MultipartFormDataContent RoundForm(IReadOnlyDictionary<string, string> hidden, string? cycle = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in hidden)
            form.Add(new StringContent(name == "cykel" && cycle is not null ? cycle : value), name);
        var file = new ByteArrayContent(ProtocolFiles.Sample);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "protocol", "fg-protokoll-2026-12-10.pdf");
        form.Add(new StringContent("2026-12-10"), "meetingDate");
        form.Add(new StringContent("2026-12-15T16:00"), "deadline");
        form.Add(new StringContent("Karin Exempel"), "justerare[0].name");
        form.Add(new StringContent("Kommunal"), "justerare[0].organisation");
        form.Add(new StringContent("karin.exempel@example.org"), "justerare[0].email");
        form.Add(new StringContent("Per Exempel"), "justerare[1].name");
        form.Add(new StringContent("arbetsgivaren"), "justerare[1].organisation");
        form.Add(new StringContent("per.exempel@example.org"), "justerare[1].email");
        form.Add(new StringContent("on"), "start");
        return form;
    }
}

using System.Net;
using System.Text.Json;
using Justera.Application.Workflows;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Microsoft.DurableTask.Client;

namespace Justera.Integration.Tests.ReportCycles.Reports;

/// <summary>
/// What the report page says while a version is compiled and when compiling fails: "pågår" from the state alone
/// (a host without its engine never compiles, so the page can be read in that state), a Swedish failure that leaves
/// the orchestration alive, and a later "Sammanställ" that succeeds once the cause is mended.
/// </summary>
[Collection(ReportCyclesServers.Name)]
public sealed class CompileProgressTests(ServersFixture servers)
{
    [Fact]
    public async Task GivenAClosedCycleWhoseVersionIsNotCompiledYet_WhenTheSecretaryLooks_ThenThePageSaysItIsRunningReloadsItselfAndRefusesASecondRequest()
    {
        // No engine: the close asks for version 1, and nothing compiles it.
        await using var cycle = await CycleScenario.StartAsync(servers);
        await cycle.StartAndOpenAsync();
        var closed = await cycle.Service.CloseAsync(CycleScenario.CycleId, confirmedMissing: true, CycleScenario.Secretary.Name);
        Assert.False(closed.Refused, closed.Decision.Refusal?.Message);
        using var secretary = cycle.Host.NewSecretaryClient(CycleScenario.Secretary.Email, ReportScenario.Administration);

        using var response = await secretary.GetAsync(new Uri($"rapportcykler/{CycleScenario.CycleId}/rapport", UriKind.Relative));
        var page = await HtmlPage.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Sammanställning pågår (version 1 begärd)", page.Text, StringComparison.Ordinal);
        Assert.Contains("aria-live=\"polite\"", page.Html, StringComparison.Ordinal);
        Assert.Equal("5", page.Headers["Refresh"]);
        Assert.Contains("Ingen version är sammanställd ännu.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sammanställ en ny version", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Starta justering av FG-protokollet", page.Text, StringComparison.Ordinal);

        // A double click asks once: while version 1 is pending a second request is refused, in Swedish.
        using var again = await secretary.PostAsync(new Uri($"api/rapportcykler/{CycleScenario.CycleId}/sammanstall", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Version 1 av rapporten sammanställs redan", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var status = await secretary.GetAsync(new Uri($"api/rapportcykler/{CycleScenario.CycleId}/rapport", UriKind.Relative));
        var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, json.GetProperty("pending").GetInt32());
        Assert.Equal(1, json.GetProperty("compilationsRequested").GetInt32());
    }

    [Fact]
    public async Task GivenAVersionAskedForWhereNoEngineHeardIt_WhenRecoveryRunsOnAnInstanceWithTheEngine_ThenTheVersionIsCompiled()
    {
        // The close is decided on an instance without the engine: the signal to the cycle's orchestration is lost, and
        // a closed cycle has no mail left in its outbox to be found by. Its wake-up (due at once while a version is
        // pending) is what recovery finds.
        await using var cycle = await CycleScenario.StartAsync(servers);
        await cycle.StartAndOpenAsync();
        var closed = await cycle.Service.CloseAsync(CycleScenario.CycleId, confirmedMissing: true, CycleScenario.Secretary.Name);
        Assert.False(closed.Refused, closed.Decision.Refusal?.Message);
        Assert.NotNull(closed.Cycle.NextWakeUp);

        await using var engine = await cycle.Host.StartSecondInstanceAsync(backgroundLoops: true);
        cycle.Host.Clock.Advance(WorkflowRecovery.DefaultGrace + TimeSpan.FromMinutes(1));
        await engine.WakeDueRoundsAsync();
        await Eventually.TrueAsync(async () => (await cycle.Service.LoadCycleAsync(CycleScenario.CycleId)).State.CycleOrNull!.Compilations.Count == 1,
            ReportScenario.Patience, "Version 1 was not compiled after recovery woke the cycle.");
        var compiled = await cycle.Service.LoadCycleAsync(CycleScenario.CycleId);
        Assert.Null(compiled.NextWakeUp);
    }

    [Fact]
    public async Task GivenTheChartsFontMissing_WhenTheCycleCloses_ThenTheFailureIsShownInSwedishAndAfterTheFixSammanstallCompilesTheNextVersion()
    {
        var fontFolder = Path.Combine(Path.GetTempPath(), "justera-tests", $"font-{Guid.NewGuid():N}");
        var font = Path.Combine(fontFolder, "DejaVuSans.ttf");
        try
        {
            await using var s = await ReportScenario.StartAsync(servers, new Dictionary<string, string?> { ["Justera:ReportChartFontPath"] = font });
            await s.StartCycleAsync();
            await s.ApproveAsync("FSK-03");
            await s.CloseAsync();

            var failed = await s.WaitForAsync(r => r.GetProperty("failure").ValueKind == JsonValueKind.Object, "version 1 failed");
            Assert.Equal(1, failed.GetProperty("failure").GetProperty("number").GetInt32());
            Assert.Contains("Typsnittet som rapportens diagram ritas med (DejaVuSans.ttf) saknas på servern", failed.GetProperty("failure").GetProperty("reason").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, ReportScenario.Versions(failed));
            Assert.Equal(JsonValueKind.Null, failed.GetProperty("pending").ValueKind);
            Assert.Empty(await s.Cycle.Host.Service<Storage.ReportCycles.CycleReportBlobs>().ListAsync(ReportScenario.Id));

            var page = await s.PageAsync($"/rapportcykler/{ReportScenario.Id}/rapport");
            Assert.Contains("Sammanställningen misslyckades", page.Text, StringComparison.Ordinal);
            Assert.Contains("Version 1 kunde inte sammanställas", page.Text, StringComparison.Ordinal);
            Assert.False(page.Headers.ContainsKey("Refresh"), "A failed compilation is not running: the page must not reload itself.");
            var mail = (await s.MailsAsync(m => m.Subject.StartsWith("Sammanställningen misslyckades", StringComparison.Ordinal), 1)).Single();
            Assert.Equal(CycleScenario.Secretary.Email, mail.To[0].Address);

            // The orchestration was not killed by the failure: it ended normally (or still runs), never "Failed".
            var instance = await s.Cycle.Host.Service<DurableTaskClient>().GetInstanceAsync(CycleWorkflows.InstanceId(ReportScenario.Id));
            Assert.NotEqual(OrchestrationRuntimeStatus.Failed, instance?.RuntimeStatus);

            // The font is installed; the secretary presses "Sammanställ" on the page.
            Directory.CreateDirectory(fontFolder);
            File.Copy("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", font);
            var form = Assert.Single(page.Forms, f => f.Action.EndsWith("/rapport/sammanstall", StringComparison.Ordinal));
            using (var posted = await s.Secretary.PostAsync(new Uri(form.Action.TrimStart('/'), UriKind.Relative), new FormUrlEncodedContent(form.Hidden)))
            {
                Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
                Assert.Equal($"/rapportcykler/{ReportScenario.Id}/rapport", posted.Headers.Location?.OriginalString);
            }
            var compiled = await s.WaitForAsync(r => ReportScenario.Versions(r) == 1, "version 2 stored");
            Assert.Equal(2, compiled.GetProperty("versions")[0].GetProperty("number").GetInt32());
            Assert.Equal(JsonValueKind.Null, compiled.GetProperty("failure").ValueKind);
            var after = await s.PageAsync($"/rapportcykler/{ReportScenario.Id}/rapport");
            Assert.DoesNotContain("Sammanställningen misslyckades", after.Text, StringComparison.Ordinal);
            Assert.Contains("Word, version 2", after.Text, StringComparison.Ordinal);
        }
        finally
        {
            TempFolders.DeleteQuietly(fontFolder);
        }
    }
}

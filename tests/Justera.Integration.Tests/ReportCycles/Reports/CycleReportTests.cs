using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Justera.Application.Workflows;
using Justera.Storage.ReportCycles;
using Microsoft.DurableTask.Client;

namespace Justera.Integration.Tests.ReportCycles.Reports;

/// <summary>
/// The compiled report end to end with the engine on: closing the period compiles version 1 in the cycle's
/// orchestration, the secretary downloads Word and Excel (read back by LibreOffice), asks for version 2, and the
/// first stays as it was; the blobs are write-once; hostile requests get Swedish problems.
/// </summary>
[Collection(ReportCyclesServers.Name)]
public sealed class CycleReportTests(Infrastructure.ServersFixture servers) : IAsyncLifetime
{
    private ReportScenario s = null!;

    public async Task InitializeAsync() => s = await ReportScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task GivenTwoApprovedUnits_WhenTheCycleCloses_ThenTheOrchestrationCompilesVersionOneAndASecondRequestAddsVersionTwoLeavingOneUnchanged()
    {
        await s.StartCycleAsync();
        await s.ApproveAsync("FSK-03", "IFO-01");

        // Open: "Sammanställ" is refused with the reason, and nothing is requested.
        using (var open = await s.Secretary.PostAsync(new Uri($"api/rapportcykler/{ReportScenario.Id}/sammanstall", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, open.StatusCode);
            Assert.Equal("application/problem+json", open.Content.Headers.ContentType?.MediaType);
            Assert.Contains("sammanställs först när perioden är stängd", await open.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(0, (await s.ReportAsync()).GetProperty("compilationsRequested").GetInt32());

        await s.CloseAsync();
        var first = await s.WaitForAsync(r => ReportScenario.Versions(r) == 1, "version 1 stored");
        Assert.True(first.GetProperty("closed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("pending").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("failure").ValueKind);
        var v1 = first.GetProperty("versions")[0];
        Assert.Equal(1, v1.GetProperty("number").GetInt32());
        Assert.Equal($"/api/rapportcykler/{ReportScenario.Id}/rapport/1/docx", v1.GetProperty("docx").GetString());

        var (docx, docxResponse) = await s.DownloadAsync(1, "docx");
        var (xlsx, xlsxResponse) = await s.DownloadAsync(1, "xlsx");
        Assert.Equal(HttpStatusCode.OK, docxResponse.StatusCode);
        Assert.Equal(CycleReportBlobs.DocxContentType, docxResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"tertialrapport-t1-2026-v1.docx\"", docxResponse.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(CycleReportBlobs.XlsxContentType, xlsxResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"tertialrapport-t1-2026-v1.xlsx\"", xlsxResponse.Content.Headers.ContentDisposition?.ToString());

        var (docText, xlsText) = OfficeText.Read(docx, xlsx);
        var preschools = s.Cycle.Unit("FSK-03");
        var welfare = s.Cycle.Unit("IFO-01");
        Assert.Contains("Tertialrapport 1 2026", docText, StringComparison.Ordinal);
        Assert.Contains(ReportScenario.Analysis(preschools), docText, StringComparison.Ordinal);
        Assert.Contains(ReportScenario.Analysis(welfare), docText, StringComparison.Ordinal);
        // Three preschool units report on KF1.3; only FSK-03 was approved, and it assessed the goal as fully met.
        Assert.Contains("En av tre enheter bedömer att målet uppfylls helt. Två enheter har inte lämnat någon bedömning.", docText, StringComparison.Ordinal);
        Assert.Contains("Rapporten bygger på godkänt underlag från två av tio enheter.", docText, StringComparison.Ordinal);
        // The units closed without approval are listed as missing.
        Assert.Contains(s.Cycle.Unit("ALD-02").Name, docText, StringComparison.Ordinal);
        Assert.Contains(preschools.Name, xlsText, StringComparison.Ordinal);
        Assert.Contains(welfare.Name, xlsText, StringComparison.Ordinal);

        // The page lists the version with both downloads, and offers a new compile and the hand-over.
        var page = await s.PageAsync($"/rapportcykler/{ReportScenario.Id}/rapport");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Rapport: Tertialrapport 1 2026", page.Heading);
        Assert.Contains("Word, version 1", page.Text, StringComparison.Ordinal);
        Assert.Contains("Excel, version 1", page.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"/rapportcykler/{ReportScenario.Id}/rapport/1/docx\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("Sammanställ en ny version", page.Text, StringComparison.Ordinal);
        Assert.Contains("Starta justering av FG-protokollet", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sammanställning pågår", page.Text, StringComparison.Ordinal);

        // The orchestration of a compiled, closed cycle ends; asking for version 2 must bring it back.
        var client = s.Cycle.Host.Service<DurableTaskClient>();
        await Infrastructure.Eventually.TrueAsync(async () =>
            (await client.GetInstanceAsync(CycleWorkflows.InstanceId(ReportScenario.Id)))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            ReportScenario.Patience, "The closed, compiled cycle's orchestration did not end.");
        using (var again = await s.Secretary.PostAsync(new Uri($"api/rapportcykler/{ReportScenario.Id}/sammanstall", UriKind.Relative), null))
        {
            var body = await again.Content.ReadAsStringAsync();
            Assert.True(again.StatusCode == HttpStatusCode.Accepted, body);
            Assert.Equal(2, JsonDocument.Parse(body).RootElement.GetProperty("compilationsRequested").GetInt32());
        }
        var second = await s.WaitForAsync(r => ReportScenario.Versions(r) == 2, "version 2 stored");
        Assert.Equal([2, 1], second.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()).Order().Reverse());
        var (docxAgain, _) = await s.DownloadAsync(1, "docx");
        var (xlsxAgain, _) = await s.DownloadAsync(1, "xlsx");
        Assert.Equal(SHA256.HashData(docx), SHA256.HashData(docxAgain));
        Assert.Equal(SHA256.HashData(xlsx), SHA256.HashData(xlsxAgain));
        var (docx2, v2Response) = await s.DownloadAsync(2, "docx");
        Assert.Equal("attachment; filename=\"tertialrapport-t1-2026-v2.docx\"", v2Response.Content.Headers.ContentDisposition?.ToString());
        Assert.Contains(ReportScenario.Analysis(preschools), OfficeText.Read(docx2, xlsx).Docx, StringComparison.Ordinal);

        var blobs = s.Cycle.Host.Service<CycleReportBlobs>();
        Assert.Equal(
            [CycleReportBlobs.DocxName(ReportScenario.Id, 1), CycleReportBlobs.XlsxName(ReportScenario.Id, 1),
             CycleReportBlobs.DocxName(ReportScenario.Id, 2), CycleReportBlobs.XlsxName(ReportScenario.Id, 2)],
            (await blobs.ListAsync(ReportScenario.Id)).Order(StringComparer.Ordinal));
        // Write-once: another file under version 1's name is refused, and version 1 stays as downloaded.
        Assert.False(await blobs.TryStoreAsync(CycleReportBlobs.DocxName(ReportScenario.Id, 1), BinaryData.FromString("inte en rapport"), CycleReportBlobs.DocxContentType));
        Assert.Equal(SHA256.HashData(docx), SHA256.HashData((await blobs.ReadAsync(CycleReportBlobs.DocxName(ReportScenario.Id, 1)))!.ToArray()));
        docxResponse.Dispose();
        xlsxResponse.Dispose();
        v2Response.Dispose();
    }

    [Fact]
    public async Task GivenHostileRequests_ThenEachGetsASwedishAnswerAndNothingIsServedOrRequested()
    {
        await s.StartCycleAsync();
        await s.ApproveAsync("FSK-03");
        await s.CloseAsync();
        await s.WaitForAsync(r => ReportScenario.Versions(r) == 1, "version 1 stored");

        foreach (var path in new[]
        {
            $"api/rapportcykler/{ReportScenario.Id}/rapport/2/docx",
            $"api/rapportcykler/{ReportScenario.Id}/rapport/0/docx",
            $"api/rapportcykler/{ReportScenario.Id}/rapport/-1/docx",
            $"api/rapportcykler/{ReportScenario.Id}/rapport/1.0/docx",
            $"api/rapportcykler/{ReportScenario.Id}/rapport/1/pdf",
            $"api/rapportcykler/{ReportScenario.Id}/rapport/1%2F..%2F..%2Fcyclestructures/docx",
            $"api/rapportcykler/{ReportScenario.Id}/rapport/..%2F1/docx",
            $"api/rapportcykler/{ReportScenario.Id}/rapport/%31%20/docx",
            $"api/rapportcykler/{ReportScenario.Id}/rapport/99999999999999999999/xlsx",
            "api/rapportcykler/t1-2025/rapport/1/docx",
            "api/rapportcykler/..%2Ft1-2026/rapport/1/docx",
        })
        {
            using var response = await s.Secretary.GetAsync(new Uri(path, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Matches("(Versionen|Rapportcykeln) finns inte", body);
            Assert.Null(response.Content.Headers.ContentDisposition);
        }

        var page = await s.PageAsync($"/rapportcykler/{ReportScenario.Id}/rapport/7/docx");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Rapportcykeln finns inte", page.Heading);
        var unknown = await s.PageAsync("/rapportcykler/t2-2026/rapport");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        using (var compileUnknown = await s.Secretary.PostAsync(new Uri("api/rapportcykler/vb-2026/sammanstall", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.NotFound, compileUnknown.StatusCode);
            Assert.Contains("Rapportcykeln finns inte", await compileUnknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Without a secretary's sign-in neither the page nor a file is served.
        using var stranger = s.Cycle.Host.NewBrowser();
        using var anonymous = await stranger.GetAsync(new Uri($"api/rapportcykler/{ReportScenario.Id}/rapport/1/docx", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(1, (await s.ReportAsync()).GetProperty("compilationsRequested").GetInt32());
    }
}

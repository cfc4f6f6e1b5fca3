using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Justera.Application.ReportCycles;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Justera.Storage.Outbox;
using Justera.Storage.ReportCycles;

namespace Justera.Integration.Tests.ReportCycles.Cycles;

/// <summary>The cycle page tests share one Azurite and one maildev of their own; xunit runs a collection's tests one after another.</summary>
[CollectionDefinition(Name)]
public sealed class CyclePagesServers : ICollectionFixture<ServersFixture>
{
    public const string Name = "report-cycle-pages";
}

/// <summary>
/// A Justera host with its own table prefix and a signed-in secretary whose administration has imported the sample
/// units and the sample structure for 2026 (through the set-up API, as a script would). The secretary uses the cycle
/// pages as a browser does (the forms' own hidden fields, antiforgery included) and the cycles API as a script does.
/// </summary>
public sealed class CyclePagesScenario : IAsyncDisposable
{
    public const string Administration = "Skärholmens stadsdelsförvaltning";
    public const string SecretaryEmail = "sara.sekreterare@example.org";

    /// <summary>A Tuesday a week after the host's start (Tuesday 8 December 2026): a working day.</summary>
    public const string Deadline = "2026-12-15";

    public static string CycleId => ReportCycleIds.For(ReportPeriod.T1, 2026);

    private CyclePagesScenario(ServersFixture servers, JusteraTestHost host, YearStructure structure, IReadOnlyList<ReportingUnit> units)
    {
        Servers = servers;
        Host = host;
        Structure = structure;
        Units = units;
        Secretary = host.NewSecretaryClient(SecretaryEmail, Uri.EscapeDataString(Administration));
    }

    public ServersFixture Servers { get; }

    public JusteraTestHost Host { get; }

    public MailDevServer MailDev => Servers.MailDev;

    /// <summary>The sample structure with its year moved to 2026, as imported.</summary>
    public YearStructure Structure { get; }

    public IReadOnlyList<ReportingUnit> Units { get; }

    /// <summary>The secretary: development sign-in headers, cookies kept (antiforgery), redirects not followed.</summary>
    public HttpClient Secretary { get; }

    public ReportCycleService Service => Host.Service<ReportCycleService>();

    public static async Task<CyclePagesScenario> StartAsync(ServersFixture servers, bool backgroundLoops = false, bool importSetup = true)
    {
        ArgumentNullException.ThrowIfNull(servers);
        await servers.MailDev.DeleteAllAsync();
        var host = await JusteraTestHost.StartAsync(new JusteraTestHostOptions
        {
            StorageConnectionString = servers.Azurite.ConnectionString,
            SmtpPort = servers.MailDev.SmtpPort,
            BackgroundLoops = backgroundLoops,
        });
        var units = UnitsCsv.Read(Sample("enheter.csv"));
        var structure = StructureJson.Read(Encoding.UTF8.GetBytes(StructureText(2026)));
        Assert.True(structure.Succeeded, string.Join("; ", structure.Errors));
        var scenario = new CyclePagesScenario(servers, host, structure.Value!, units.Value!);
        if (importSetup)
            await scenario.ImportSetupAsync();
        return scenario;
    }

    public static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "report-cycle", name));

    /// <summary>The sample structure file for <paramref name="year"/>: the 2021 sample with its year changed.</summary>
    public static string StructureText(int year) =>
        Encoding.UTF8.GetString(Sample("struktur-2021.json")).Replace("\"year\": 2021", $"\"year\": {year}", StringComparison.Ordinal);

    /// <summary>Imports the sample units and the structure for 2026 through the set-up API.</summary>
    public async Task ImportSetupAsync(HttpClient? client = null)
    {
        using (var units = await PutAsync("/api/enheter", Sample("enheter.csv"), "text/csv", client))
            Assert.Equal(HttpStatusCode.OK, units.StatusCode);
        using var structure = await PutAsync("/api/malstruktur/2026", Encoding.UTF8.GetBytes(StructureText(2026)), "application/json", client);
        Assert.Equal(HttpStatusCode.OK, structure.StatusCode);
    }

    public ReportingUnit Unit(string id) => Units.Single(u => u.Id == id);

    public async Task<HttpResponseMessage> PutAsync(string path, byte[] body, string contentType, HttpClient? client = null)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await (client ?? Secretary).PutAsync(new Uri(path, UriKind.Relative), content);
    }

    public async Task<HtmlPage> GetPageAsync(string path, HttpClient? client = null)
    {
        using var response = await (client ?? Secretary).GetAsync(new Uri(path, UriKind.Relative));
        return await HtmlPage.ReadAsync(response);
    }

    /// <summary>
    /// Opens <paramref name="page"/>, fills in its form that posts to <paramref name="action"/> with <paramref name="fields"/>
    /// besides the form's own hidden fields (antiforgery, form key), and sends it as a browser would.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, string action, IEnumerable<KeyValuePair<string, string>> fields, bool withAntiforgery = true)
    {
        var form = (await GetPageAsync(page)).Forms.Single(f => f.Action == action);
        var all = form.Hidden.Where(h => withAntiforgery || !h.Key.StartsWith("__RequestVerificationToken", StringComparison.Ordinal)).ToList();
        all.AddRange(fields);
        using var content = new FormUrlEncodedContent(all);
        return await Secretary.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>The start form's fields for T1 2026 with every unit; <paramref name="changes"/> replace or add fields (an empty value drops one).</summary>
    public static List<KeyValuePair<string, string>> StartFields(params (string Name, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["period"] = "T1",
            ["year"] = "2026",
            ["deadline"] = Deadline,
            ["deviationThreshold"] = "0,5",
            ["unitSelection"] = "alla",
        };
        foreach (var (name, value) in changes)
        {
            if (value.Length == 0)
                fields.Remove(name);
            else
                fields[name] = value;
        }
        return [.. fields];
    }

    public Task<HttpResponseMessage> StartFromPageAsync(IEnumerable<KeyValuePair<string, string>> fields, bool withAntiforgery = true) =>
        SubmitAsync("/rapportcykler/ny", "/rapportcykler/ny", fields, withAntiforgery);

    /// <summary>Starts T1 2026 from the page with every unit, and checks that the page sent the secretary to the dashboard.</summary>
    public async Task StartFromPageAsync()
    {
        using var response = await StartFromPageAsync(StartFields());
        Assert.True(response.StatusCode == HttpStatusCode.SeeOther, $"The start answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal($"/rapportcykler/{CycleId}", response.Headers.Location?.OriginalString);
    }

    /// <summary>Opens every unit (what the orchestration does when the engine runs) and sends the requests.</summary>
    public async Task OpenAndDrainAsync()
    {
        OpenUnitsResult result;
        do
        {
            result = await Service.OpenUnitsAsync(CycleId, 50);
        }
        while (result.Remaining > 0);
        await DrainAsync();
    }

    /// <summary>Empties the cycle's outbox with the host's dispatcher.</summary>
    public async Task DrainAsync()
    {
        var outbox = Host.Service<OutboxStore>();
        await Eventually.TrueAsync(async () =>
        {
            if ((await outbox.ReadCycleAsync(CycleId)).Count == 0)
                return true;
            await Host.DispatchOnceAsync();
            return false;
        }, CycleScenario.MailTimeout, "The cycle's outbox was not emptied in time.");
    }

    public async Task<IReadOnlyList<ReceivedMail>> MailsAsync()
    {
        await MailDev.FenceAsync("staket@example.org", CycleScenario.MailTimeout);
        return [.. (await MailDev.GetMailsAsync()).Where(m => m.Subject != "Staket")];
    }

    /// <summary>The unit-form link of <paramref name="unit"/>'s request mail.</summary>
    public async Task<string> UnitTokenAsync(ReportingUnit unit) =>
        CycleScenario.UnitTokens(Assert.Single(await MailsAsync(), m => m.Subject == CycleScenario.RequestSubject(unit)))[0];

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string path, string json, string contentType = "application/json", HttpClient? client = null)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await (client ?? Secretary).PostAsync(new Uri(path, UriKind.Relative), content);
    }

    /// <summary>Nothing of a refused start is stored: no row in any cycle's partition, no cycle in the administration's list, no mail queued.</summary>
    public async Task AssertNoCycleAsync()
    {
        await foreach (var row in Host.Service<CycleTables>().Cycles.QueryAsync<TableEntity>(maxPerPage: 1))
            Assert.Fail($"A cycle row was stored: {row.PartitionKey}/{row.RowKey}");
        await foreach (var row in Host.Service<CycleTables>().Index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ge {"cyc_"} and PartitionKey lt {"cyc`"}")))
            Assert.Fail($"A cycle was listed: {row.PartitionKey}/{row.RowKey}");
        Assert.Empty(await Host.Service<OutboxStore>().ReadCycleAsync(CycleId));
        using var list = await Secretary.GetAsync(new Uri("/api/rapportcykler", UriKind.Relative));
        Assert.Equal(0, (await JsonAsync(list, HttpStatusCode.OK)).GetArrayLength());
    }

    /// <summary>A complete input for the unit where every goal gets <paramref name="assess"/>'s assessment (by the goal's position).</summary>
    public UnitInput Input(string unitId, Func<int, GoalFulfilment?> assess)
    {
        var a = Structure.Assignments.Single(x => x.UnitId == unitId);
        return new UnitInput(
            [.. a.GoalIds.Select((g, i) => new GoalAssessment(g, assess(i), "Analys av målet för enheten."))],
            [],
            [.. a.ActivityIds.Select(id => new ActivityStatus(id, ActivityProgress.OnPlan, ""))],
            [.. a.Budget.Select(b => new EconomyForecast(b.Id, b.Budget, ""))],
            "",
            "");
    }

    public ImmutableArray<string> GoalIdsOf(string unitId) => Structure.Assignments.Single(x => x.UnitId == unitId).GoalIds;

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

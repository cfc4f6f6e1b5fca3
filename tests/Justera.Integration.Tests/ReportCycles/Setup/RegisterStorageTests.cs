using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Justera.Core.ReportCycles;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Justera.Storage.ReportCycles.Setup;

namespace Justera.Integration.Tests.ReportCycles.Setup;

/// <summary>The register's storage shape on real Table storage: 2,000 units in one query, imports in batches of 100, and an import that breaks off halfway finished by running it again.</summary>
[Collection(SetupServers.Name)]
public sealed class RegisterStorageTests(ServersFixture servers) : IAsyncLifetime
{
    private SetupScenario s = null!;

    public async Task InitializeAsync() => s = await SetupScenario.StartAsync(servers);

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task Given2000Units_WhenImportedAndRead_ThenTheImportIs21TransactionsAndTheReadOneQuery()
    {
        var (store, requests) = CountingStore();
        var csv = UnitsCsv(2000);

        using (var put = await s.PutAsync("api/enheter", csv, "text/csv"))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var register = await store.ReadAsync(SetupScenario.AdministrationId);

        Assert.Equal(2000, register.Units.Count);
        Assert.Equal(1, register.Revision);
        Assert.Null(register.Pending);
        // One query: 2,001 rows (the head and the units) in pages of at most 1,000, the service's most.
        Assert.Equal(["GET", "GET", "GET"], requests.Select(r => r.Method));
        Assert.All(requests, r => Assert.Contains("RowKey%20ge%20%27register%27", r.Query, StringComparison.Ordinal));

        // The same import through a counting client: the head's claim, then 2,000 rows and the head in 21 transactions.
        requests.Clear();
        var changed = register.Units.Select(u => u.Unit with { Name = u.Unit.Name + " (ny)" }).ToList();
        Assert.True(await store.TryCommitAsync(register, Update(changed, [])));
        Assert.Equal(1, requests.Count(r => r.Method != "GET" && !r.Path.EndsWith("$batch", StringComparison.Ordinal)));
        Assert.Equal(21, requests.Count(r => r.Path.EndsWith("$batch", StringComparison.Ordinal)));
        Assert.All((await store.ReadAsync(SetupScenario.AdministrationId)).Units, u => Assert.EndsWith(" (ny)", u.Unit.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenAnImportThatFailsInItsThirdBatch_WhenTheSameFileIsImportedAgain_ThenItFinishesWithEveryUnitOnceAndThePageStopsWarning()
    {
        var store = s.Host.Service<UnitRegisterStore>();
        var csv = UnitsCsv(250);
        var units = Justera.Core.ReportCycles.Setup.UnitsCsv.Read(csv).Value!;
        // A row the service refuses (a property over 64 KiB) in the third batch: the first two batches are written, then the import stops.
        var poisoned = units.Select((u, i) => i == 220 ? u with { Name = new string('x', 40_000) } : u).ToList();

        var empty = await store.ReadAsync(SetupScenario.AdministrationId);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(csv));
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => store.TryCommitAsync(empty, Update(poisoned, [], sha)));

        var broken = await store.ReadAsync(SetupScenario.AdministrationId);
        Assert.Equal(200, broken.Units.Count);
        Assert.Equal(0, broken.Revision);
        Assert.NotNull(broken.Pending);
        var warning = await s.GetPageAsync("enheter");
        Assert.Contains("Den senaste importen avbröts innan den blev klar", warning.Text, StringComparison.Ordinal);
        var api = await s.GetJsonAsync("api/enheter");
        Assert.True(api.GetProperty("incompleteImport").GetBoolean());

        // The secretary imports the (right) file again: the 200 written rows are unchanged, the other 50 are added.
        var preview = await s.UploadUnitsAsync(csv);
        Assert.Contains("Vad importen gör 50 nya enheter, 200 oförändrade.", preview.Text, StringComparison.Ordinal);
        using var confirmed = await s.ConfirmAsync(preview, "/enheter/importera");
        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);

        var done = await store.ReadAsync(SetupScenario.AdministrationId);
        Assert.Equal(250, done.Units.Count);
        Assert.Equal(250, done.Units.Select(u => u.Unit.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(done.Units, u => Assert.True(u.Active));
        Assert.Null(done.Pending);
        Assert.Equal(1, done.Revision);
        Assert.DoesNotContain("avbröts", (await s.GetPageAsync("enheter")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTwoImportsFromTheSameRead_WhenBothCommit_ThenTheSecondIsRefusedBeforeWritingAnything()
    {
        var store = s.Host.Service<UnitRegisterStore>();
        var units = Justera.Core.ReportCycles.Setup.UnitsCsv.Read(UnitsCsv(3)).Value!;
        var read = await store.ReadAsync(SetupScenario.AdministrationId);

        Assert.True(await store.TryCommitAsync(read, Update(units, [])));
        Assert.False(await store.TryCommitAsync(read, Update([units[0] with { Name = "Skulle inte sparas" }], [])));

        var register = await store.ReadAsync(SetupScenario.AdministrationId);
        Assert.Equal(1, register.Revision);
        Assert.DoesNotContain(register.Units, u => u.Unit.Name == "Skulle inte sparas");
    }

    private static RegisterUpdate Update(IReadOnlyList<ReportingUnit> write, IReadOnlyList<string> deactivate, string? sha256 = null) =>
        new(write, deactivate, new RegisterImport(sha256 ?? new string('a', 64), "Test", JusteraTestHostOptions.DefaultStart, "test"), Guid.NewGuid().ToString("N"));

    /// <summary>A units file of <paramref name="count"/> units in ten departments.</summary>
    private static byte[] UnitsCsv(int count)
    {
        var text = new StringBuilder("Enhets-id;Enhet;Avdelning;Enhetschef;Enhetschefens e-post;Avdelningschef;Avdelningschefens e-post\n");
        for (var i = 1; i <= count; i++)
        {
            var d = i % 10;
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"E-{i:D4};Enhet {i};Avdelning {d};Enhetschef {i};chef{i}@example.org;Avdelningschef {d};avdchef{d}@example.org\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A store on the host's tables through a client that records every request it sends.</summary>
    private (UnitRegisterStore Store, List<(string Method, string Path, string Query)> Requests) CountingStore()
    {
        var requests = new List<(string, string, string)>();
        var options = new TableClientOptions();
        options.AddPolicy(new Recorder(requests), HttpPipelinePosition.PerCall);
        var tables = new SetupTables(new TableServiceClient(servers.Azurite.ConnectionString, options),
            new BlobServiceClient(servers.Azurite.ConnectionString), s.Host.Prefix);
        return (new UnitRegisterStore(tables), requests);
    }

    private sealed class Recorder(List<(string Method, string Path, string Query)> requests) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            lock (requests)
                requests.Add((message.Request.Method.Method, message.Request.Uri.Path, message.Request.Uri.Query));
        }
    }
}

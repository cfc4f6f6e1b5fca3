using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Justera.Storage.ReportCycles.Setup;

namespace Justera.Integration.Tests.ReportCycles.Setup;

/// <summary>The set-up tests share one Azurite and maildev of their own; xunit runs a collection's tests one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SetupServers : ICollectionFixture<ServersFixture>
{
    public const string Name = "report-cycle-setup";
}

/// <summary>
/// A Justera host with its own table prefix and a secretary of one administration: the set-up pages as a browser uses
/// them (the forms' own hidden fields, antiforgery included) and the JSON API as a script does.
/// </summary>
public sealed class SetupScenario : IAsyncDisposable
{
    public const string Administration = "Skärholmens stadsdelsförvaltning";

    private SetupScenario(JusteraTestHost host)
    {
        Host = host;
        Secretary = host.NewSecretaryClient("sara.sekreterare@example.org", Uri.EscapeDataString(Administration));
    }

    public JusteraTestHost Host { get; }

    /// <summary>The secretary: development sign-in headers, cookies kept, redirects not followed.</summary>
    public HttpClient Secretary { get; }

    /// <summary>The administration's id as the sign-in derives it, which keys its partition.</summary>
    public static string AdministrationId => "skarholmens-stadsdelsforvaltning";

    public static async Task<SetupScenario> StartAsync(ServersFixture servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var host = await JusteraTestHost.StartAsync(new JusteraTestHostOptions
        {
            StorageConnectionString = servers.Azurite.ConnectionString,
            SmtpPort = servers.MailDev.SmtpPort,
            BackgroundLoops = false,
        });
        return new SetupScenario(host);
    }

    public static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.Root, "samples", "report-cycle", name));

    public static byte[] SampleUnits => Sample("enheter.csv");

    public static byte[] SampleStructure => Sample("struktur-2021.json");

    /// <summary>The sample units file as text, without its BOM, for tests that change a line.</summary>
    public static string SampleUnitsText => Encoding.UTF8.GetString(SampleUnits).TrimStart('\uFEFF');

    public async Task<HtmlPage> GetPageAsync(string path, HttpClient? client = null)
    {
        using var response = await (client ?? Secretary).GetAsync(new Uri(path, UriKind.Relative));
        return await HtmlPage.ReadAsync(response);
    }

    /// <summary>Opens <paramref name="page"/> and uploads a file through its form posting to <paramref name="action"/>, as a browser would.</summary>
    public async Task<HtmlPage> UploadAsync(string page, string action, byte[] file, string fileName, string contentType)
    {
        var form = (await GetPageAsync(page)).Forms.Single(f => f.Action == action);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in form.Hidden)
            content.Add(new StringContent(value), name);
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(part, "fil", fileName);
        using var response = await Secretary.PostAsync(new Uri(action, UriKind.Relative), content);
        return await HtmlPage.ReadAsync(response);
    }

    public Task<HtmlPage> UploadUnitsAsync(byte[] csv) => UploadAsync("enheter", "/enheter/forhandsgranska", csv, "enheter.csv", "text/csv");

    public Task<HtmlPage> UploadStructureAsync(byte[] json) => UploadAsync("malstruktur", "/malstruktur/forhandsgranska", json, "struktur.json", "application/json");

    /// <summary>Presses the preview's confirm button: posts its form's hidden fields, as they are.</summary>
    public async Task<HttpResponseMessage> ConfirmAsync(HtmlPage preview, string action)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var form = preview.Forms.Single(f => f.Action == action);
        using var content = new FormUrlEncodedContent(form.Hidden);
        return await Secretary.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    public async Task<HttpResponseMessage> PutAsync(string path, byte[] body, string contentType, HttpClient? client = null)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return await (client ?? Secretary).PutAsync(new Uri(path, UriKind.Relative), content);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Secretary.GetAsync(new Uri(path, UriKind.Relative));
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Every row of the administration's set-up partition (that <paramref name="where"/> keeps).</summary>
    public async Task<IReadOnlyList<TableEntity>> RowsAsync(Func<TableEntity, bool>? where = null)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Host.Service<SetupTables>().Setup.QueryAsync<TableEntity>(e => e.PartitionKey == AdministrationId))
            rows.Add(row);
        return [.. rows.Where(where ?? (_ => true))];
    }

    public async Task<IReadOnlyList<string>> BlobsAsync()
    {
        var names = new List<string>();
        await foreach (var blob in Host.Service<SetupTables>().Files.GetBlobsAsync())
            names.Add(blob.Name);
        return names;
    }

    /// <summary>Nothing of a refused file is stored: no table row and no file in any administration's part.</summary>
    public async Task AssertNothingStoredAsync()
    {
        await foreach (var row in Host.Service<SetupTables>().Setup.QueryAsync<TableEntity>(maxPerPage: 1))
            Assert.Fail($"A set-up row was stored: {row.PartitionKey}/{row.RowKey}");
        Assert.Empty(await BlobsAsync());
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}

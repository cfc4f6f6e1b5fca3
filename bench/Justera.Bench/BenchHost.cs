using System.Net;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Justera.Integration.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Justera.Bench;

/// <summary>Counts every request the storage clients send, retries included.</summary>
internal sealed class RequestCounter : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}

/// <summary>Azurite, maildev and the local host in this process, on free ports, as a bench run owns them.</summary>
internal sealed partial class BenchHost : IAsyncDisposable
{
    private const string Secretary = "sekreterare@example.org";
    private const string AdministrationName = "Exempelby stadsdelsförvaltning";

    public required AzuriteServer Azurite { get; init; }

    public required MailDevServer MailDev { get; init; }

    public required WebApplication App { get; init; }

    public required Uri BaseAddress { get; init; }

    public required RequestCounter Requests { get; init; }

    /// <param name="storage">The connection string the host uses, when not Azurite's own (e.g. through a counting proxy in front of it).</param>
    public static async Task<BenchHost> StartAsync(bool backgroundLoops, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null,
        Func<AzuriteServer, string>? storage = null)
    {
        var azurite = await AzuriteServer.StartInMemoryAsync();
        var connection = storage?.Invoke(azurite) ?? azurite.ConnectionString;
        var mailDev = await MailDevServer.StartNewAsync();
        var port = FreePort.Get();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var requests = new RequestCounter();
        var configuration = new Dictionary<string, string?>
        {
            ["Justera:BackgroundLoops"] = backgroundLoops.ToString(),
            ["Storage:ConnectionString"] = connection,
            ["Storage:Prefix"] = "bench",
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = mailDev.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:FromAddress"] = "justera@example.org",
            ["Justera:PublicBaseUrl"] = baseAddress.ToString(),
            ["Justera:MailsPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        // All of it as arguments, as the test host passes them: LocalHost.Build reads some (the engine, the development
        // clock offset) before `configure` runs, and would not see them added there.
        string[] arguments = ["--environment", "Development",
            .. configuration.Where(c => c.Value is not null).Select(c => $"--{c.Key}={c.Value}")];
        var app = Justera.LocalHost.LocalHost.Build(arguments, b =>
        {
            b.WebHost.UseUrls(baseAddress.ToString());
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            var tableOptions = new TableClientOptions();
            tableOptions.AddPolicy(requests, HttpPipelinePosition.PerRetry);
            var blobOptions = new BlobClientOptions();
            blobOptions.AddPolicy(requests, HttpPipelinePosition.PerRetry);
            b.Services.AddSingleton(new TableServiceClient(connection, tableOptions));
            b.Services.AddSingleton(new BlobServiceClient(connection, blobOptions));
            services?.Invoke(b.Services);
        });
        await Justera.LocalHost.LocalHost.StartJusteraAsync(app);
        return new BenchHost { Azurite = azurite, MailDev = mailDev, App = app, BaseAddress = baseAddress, Requests = requests };
    }

    public HttpClient Client(CookieContainer? cookies = null) => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = cookies ?? new CookieContainer(),
        UseCookies = true,
        MaxConnectionsPerServer = 256,
    })
    { BaseAddress = BaseAddress };

    /// <summary>Creates and starts a round through the API, as a script would; returns its id.</summary>
    public static async Task<string> CreateRoundAsync(HttpClient client, int justerare, string tag, DateTimeOffset? deadline = null)
    {
        using var form = new MultipartFormDataContent();
        var pdf = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Root, "samples", "fg-protokoll-exempel.pdf"));
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new("application/pdf");
        form.Add(file, "protocol", "protokoll.pdf");
        var roster = string.Join(",", Enumerable.Range(1, justerare).Select(i =>
            $$"""{"name":"Justerare {{i}}","organisation":"{{(i == 1 ? "arbetsgivaren" : "Kommunal")}}","email":"j{{i}}.{{tag}}@example.org"}"""));
        form.Add(new StringContent($"[{roster}]"), "roster");
        // Relative to the deadline (or today): the meeting must be within the last 90 days (README, the API's bounds).
        form.Add(new StringContent((deadline ?? DateTimeOffset.UtcNow).AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "meetingDate");
        form.Add(new StringContent(deadline is { } d
            ? Justera.Core.Calendar.StockholmTime.ToStockholm(d).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            : DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd'T'16:00", System.Globalization.CultureInfo.InvariantCulture)), "deadline");
        form.Add(new StringContent("true"), "start");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/rundor") { Content = form };
        request.Headers.Add("X-Justera-Secretary", Secretary);
        request.Headers.Add("X-Justera-Administration", Uri.EscapeDataString(AdministrationName));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Create failed: {(int)response.StatusCode} {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The personal links of a round's request mails, read from its outbox before any dispatch.</summary>
    public async Task<IReadOnlyList<string>> LinksInOutboxAsync(string roundId)
    {
        var store = App.Services.GetRequiredService<Justera.Storage.Outbox.OutboxStore>();
        var rows = await store.ReadAsync(roundId);
        return [.. rows.SelectMany(r => LinkPattern().Matches(r.ItemsJson).Select(m => m.Groups[1].Value)).Distinct()];
    }

    /// <summary>A personal link's token, as it stands in an e-mail or an outbox row.</summary>
    [GeneratedRegex(@"/svar/([0-9a-f]{32}\.[A-Za-z0-9_-]{43})")]
    public static partial Regex LinkPattern();

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]+)">""")]
    private static partial Regex HiddenField();

    /// <summary>Reads the anti-forgery field of a reply page; one pair serves every later POST of this client.</summary>
    public static async Task<KeyValuePair<string, string>> AntiforgeryAsync(HttpClient client, string token)
    {
        var page = await client.GetStringAsync($"svar/{token}");
        var field = HiddenField().Matches(page).First(m => m.Groups[1].Value != "formKey");
        return KeyValuePair.Create(field.Groups[1].Value, WebUtility.HtmlDecode(field.Groups[2].Value));
    }

    public static async Task<HttpStatusCode> AnswerAsync(HttpClient client, string token, KeyValuePair<string, string> antiforgery)
    {
        using var content = new FormUrlEncodedContent(
        [
            antiforgery,
            KeyValuePair.Create("formKey", Guid.NewGuid().ToString("N")),
            KeyValuePair.Create("kind", "ChangesRequested"),
            KeyValuePair.Create("text", "Mätning: § 3 behöver en rättelse."),
        ]);
        using var response = await client.PostAsync($"svar/{token}", content);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await MailDev.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}

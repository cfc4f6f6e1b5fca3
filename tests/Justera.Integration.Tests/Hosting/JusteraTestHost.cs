using System.Net;
using System.Net.Http.Headers;
using Justera.Application.JusteringRounds;
using Justera.Application.Outbox;
using Justera.Application.Workflows;
using Justera.Storage.Outbox;
using Justera.Integration.Tests.Infrastructure;
using Justera.LocalHost;
using Justera.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using JusteraLocalHost = Justera.LocalHost.LocalHost;

namespace Justera.Integration.Tests.Hosting;

/// <summary>How to start a <see cref="JusteraTestHost"/>.</summary>
public sealed record JusteraTestHostOptions
{
    /// <summary>A working Tuesday, 09:30 in Stockholm (08:30 UTC): inside office hours, far from any holiday.</summary>
    public static DateTimeOffset DefaultStart { get; } = new(2026, 12, 8, 8, 30, 0, TimeSpan.Zero);

    public required string StorageConnectionString { get; init; }

    public required int SmtpPort { get; init; }

    /// <summary>Table and container prefix: letters and digits, starting with a letter. Unique unless set.</summary>
    public string Prefix { get; init; } = JusteraTestHost.NewPrefix();

    /// <summary>Whether the local host's dispatcher and timer loops run. Off: the test drives them with <see cref="JusteraTestHost.DispatchOnceAsync"/> and <see cref="JusteraTestHost.WakeDueRoundsAsync"/>.</summary>
    public bool BackgroundLoops { get; init; } = true;

    /// <summary>The clock of the world the host lives in; a new one at <see cref="DefaultStart"/> unless given.</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>Justera:DataFolder, the installation's local files; every instance of one installation shares it. A new temp folder unless given.</summary>
    public string? DataFolder { get; init; }

    /// <summary>Further configuration, applied last.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// The real Justera local host (<see cref="JusteraLocalHost.Build"/>), in-process on a free 127.0.0.1 port, with its
/// own table prefix, the test's SMTP server and a <see cref="FakeTimeProvider"/> instead of the system clock.
/// </summary>
public sealed class JusteraTestHost : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private readonly List<HttpClient> clients = [];
    private readonly bool ownsDataFolder;
    private int disposed;

    private JusteraTestHost(WebApplication app, Uri baseAddress, JusteraTestHostOptions options, FakeTimeProvider clock, string dataFolder, bool ownsDataFolder)
    {
        App = app;
        BaseAddress = baseAddress;
        Options = options;
        Clock = clock;
        DataFolder = dataFolder;
        this.ownsDataFolder = ownsDataFolder;
        Http = NewBrowser();
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Where the host listens, e.g. http://127.0.0.1:41234/; also its Justera:PublicBaseUrl.</summary>
    public Uri BaseAddress { get; }

    public JusteraTestHostOptions Options { get; }

    /// <summary>A browser-like client for this host (see <see cref="NewBrowser"/>); make more for more people.</summary>
    public HttpClient Http { get; }

    public FakeTimeProvider Clock { get; }

    public string Prefix => Options.Prefix;

    public string DataFolder { get; }

    /// <summary>A table prefix nobody else uses: a letter, then letters and digits.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<JusteraTestHost> StartAsync(JusteraTestHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = options.Clock ?? new FakeTimeProvider(JusteraTestHostOptions.DefaultStart);
        var ownsDataFolder = options.DataFolder is null;
        var dataFolder = options.DataFolder ?? Path.Combine(Path.GetTempPath(), "justera-tests", $"host-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataFolder);

        // A port chosen now can be taken before Kestrel binds it; then try another.
        for (var attempt = 1; ; attempt++)
        {
            var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Get()}/");
            var app = Build(options, clock, baseAddress, dataFolder);
            try
            {
                await app.StartJusteraAsync(cancellationToken);
                return new JusteraTestHost(app, baseAddress, options with { Clock = clock, DataFolder = dataFolder }, clock, dataFolder, ownsDataFolder);
            }
            catch (IOException) when (attempt < 3)
            {
                await app.DisposeAsync();
            }
            catch
            {
                await app.DisposeAsync();
                if (ownsDataFolder)
                    TempFolders.DeleteQuietly(dataFolder);
                throw;
            }
        }
    }

    /// <summary>
    /// A second, independent instance of the same installation: its own DI container, dispatcher, timer and
    /// port, sharing only what every instance of one installation shares — the storage account and prefix (which
    /// also hold the Data Protection keys), the SMTP server, the data folder, and the (fake) time of the world.
    /// </summary>
    public Task<JusteraTestHost> StartSecondInstanceAsync(bool backgroundLoops = true, CancellationToken cancellationToken = default) =>
        StartAsync(Options with { BackgroundLoops = backgroundLoops, Clock = Clock, DataFolder = DataFolder }, cancellationToken);

    private static WebApplication Build(JusteraTestHostOptions options, FakeTimeProvider clock, Uri baseAddress, string dataFolder) =>
        // Environment and loops are read before the configure callback runs, so they go on the command line.
        JusteraLocalHost.Build(["--environment", "Development", $"--Justera:BackgroundLoops={options.BackgroundLoops}"], builder =>
        {
            builder.WebHost.UseUrls(baseAddress.GetLeftPart(UriPartial.Authority));
            var settings = new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = options.StorageConnectionString,
                ["Storage:Prefix"] = options.Prefix,
                ["Smtp:Host"] = "127.0.0.1",
                ["Smtp:Port"] = options.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Smtp:FromAddress"] = "justera@example.org",
                ["Smtp:FromName"] = "Justera",
                ["Smtp:TimeoutSeconds"] = "10",
                ["Justera:PublicBaseUrl"] = baseAddress.AbsoluteUri,
                ["Justera:DevelopmentSignIn"] = "true",
                ["Justera:DataFolder"] = dataFolder,
                ["Justera:TimerInterval"] = "00:00:00.5",
                ["Justera:MessageIdDomain"] = "justera.example.org",
                // Tests send a few dozen mails a minute; the production rate (30) would make them wait.
                ["Justera:MailsPerMinute"] = "6000",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Error",
                // The engine's partition leases and queue polls log at Warning when a test host stops mid-lease.
                ["Logging:LogLevel:DurableTask"] = "Error",
                ["Logging:LogLevel:Microsoft.DurableTask"] = "Error",
            };
            foreach (var (key, value) in options.Settings)
                settings[key] = value;
            if (Environment.GetEnvironmentVariable("JUSTERA_TEST_LOG") is { Length: > 0 } log)
            {
                settings["Logging:LogLevel:Default"] = "Information";
                settings["Logging:LogLevel:DurableTask"] = "Information";
                settings["Logging:LogLevel:Microsoft.DurableTask"] = "Information";
                builder.Logging.AddProvider(new FileLog(log));
            }
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<TimeProvider>(clock);
        });

    /// <summary>A browser: cookies kept (antiforgery), redirects not followed, so the test sees each 303.</summary>
    public HttpClient NewBrowser()
    {
        var client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
        })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        lock (clients)
            clients.Add(client);
        return client;
    }

    /// <summary>A script of a secretary: the development sign-in headers on every request.</summary>
    public HttpClient NewSecretaryClient(string email, string administration)
    {
        var client = NewBrowser();
        client.DefaultRequestHeaders.Add(DevelopmentSignIn.SecretaryHeader, email);
        client.DefaultRequestHeaders.Add(DevelopmentSignIn.AdministrationHeader, administration);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>One pass of this instance's dispatcher over every round with outbox work.</summary>
    public Task<int> DispatchOnceAsync(CancellationToken cancellationToken = default) =>
        Service<OutboxDispatcher>().DispatchOnceAsync(cancellationToken);

    /// <summary>
    /// Wakes every round whose wake-up is due at the fake clock's now. With the engine running this is what the
    /// recovery timer does, with no grace: the test moved the clock, and durable timers run on real time, so the
    /// round's orchestration is told to run its decision (and started if missing). Without the engine the decision
    /// runs here, as the activity would run it.
    /// </summary>
    public Task<int> WakeDueRoundsAsync(CancellationToken cancellationToken = default) =>
        Options.BackgroundLoops
            ? Service<WorkflowRecovery>().RecoverAsync(Service<DurableTaskClient>(), TimeSpan.Zero, cancellationToken)
            : Service<JusteringRoundService>().WakeDueRoundsAsync(cancellationToken);

    /// <summary>What the engine and the outboxes say, for a test's failure message: each round's orchestration and its outbox rows.</summary>
    public async Task<string> DescribeWorkflowsAsync()
    {
        var text = new System.Text.StringBuilder();
        var store = Service<Justera.Storage.JusteringRounds.RoundStore>();
        foreach (var (roundId, due) in await store.DueWakeUpsAsync(DateTimeOffset.MaxValue))
        {
            var round = await store.LoadAsync(roundId);
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"wake-up row {due:O} for {roundId}; the round wakes at {round.NextWakeUp:O} ({round.State.GetType().Name}, version {round.Version}); now {Clock.GetUtcNow():O}\n");
        }
        foreach (var mark in await Service<OutboxStore>().RoundsWithWorkAsync())
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"round {mark.RoundId} marked {mark.MarkedAt:O}\n");
            foreach (var row in await Service<OutboxStore>().ReadAsync(mark.RoundId))
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  outbox {row.RowKey} lease {row.LeaseUntil:O}: {row.ItemsJson[..Math.Min(600, row.ItemsJson.Length)]}\n");
            if (Options.BackgroundLoops)
            {
                var instance = await Service<DurableTaskClient>().GetInstanceAsync(RoundWorkflows.InstanceId(mark.RoundId), getInputsAndOutputs: true);
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  orchestration: {instance?.RuntimeStatus.ToString() ?? "missing"}, updated {instance?.LastUpdatedAt:O}, failure {instance?.FailureDetails?.ErrorMessage}\n");
            }
        }
        return text.ToString();
    }

    /// <summary>Whether the app maps a route whose pattern is <paramref name="pattern"/> (for endpoints others are still adding).</summary>
    public bool HasRoute(string pattern) =>
        ((IEndpointRouteBuilder)App).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Any(e => string.Equals(e.RoutePattern.RawText?.TrimEnd('/'), pattern.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    /// <summary>Stops the host (waiting for its background loops to end), so nothing it does can still be under way.</summary>
    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        await App.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
            return;
        lock (clients)
        {
            foreach (var client in clients)
                client.Dispose();
            clients.Clear();
        }
        try
        {
            await StopAsync();
        }
        finally
        {
            await App.DisposeAsync();
            if (ownsDataFolder)
                TempFolders.DeleteQuietly(DataFolder);
        }
    }
}

using Justera.Integration.Tests.Hosting;
using Justera.Integration.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Justera.Browser.Tests;

/// <summary>Debian's Chromium, which Playwright drives here (it cannot download its own browsers: TRAPS.md).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Headless, and without the background connections the closed network refuses.</summary>
    public static IReadOnlyList<string> Args { get; } =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static string MissingReason =>
        $"SKIPPED: {ExecutablePath} was not found. The browser tests drive Debian's Chromium (apt-get install chromium); " +
        "'playwright install' cannot download browsers here.";
}

/// <summary>A fact that needs Chromium: skipped, with the reason printed, when <see cref="Chromium.ExecutablePath"/> is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.IsInstalled)
            Skip = Chromium.MissingReason;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserWorld : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// One Azurite, one maildev, the real Justera local host in-process (<see cref="JusteraTestHost"/>) and one headless
/// Chromium, shared by the browser tests (xunit runs the collection's tests one after another). Every test uses
/// its own administration and its own e-mail addresses, so the tests do not see each other's rounds or mail.
/// </summary>
public sealed class BrowserFixture(IMessageSink diagnostics) : IAsyncLifetime
{
    /// <summary>How long a page action or web assertion may wait (Playwright auto-waits up to this).</summary>
    public const float ActionTimeoutMs = 10_000;

    public static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(20);

    private ServersFixture? servers;
    private JusteraTestHost? host;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public JusteraTestHost Host => host ?? throw NotStarted();

    public MailDevServer MailDev => (servers ?? throw NotStarted()).MailDev;

    public IBrowser Browser => browser ?? throw NotStarted();

    public async Task InitializeAsync()
    {
        if (!Chromium.IsInstalled)
        {
            // Every test is a ChromiumFact and is skipped with this reason; start nothing. The reason goes to the
            // run's output at every verbosity (xunit.runner.json turns diagnostic messages on).
            diagnostics.OnMessage(new Xunit.Sdk.DiagnosticMessage(Chromium.MissingReason));
            return;
        }

        Assertions.SetDefaultExpectTimeout(ActionTimeoutMs);
        servers = new ServersFixture();
        var startServers = servers.InitializeAsync();
        var startBrowser = LaunchAsync();
        try
        {
            await Task.WhenAll(startServers, startBrowser);
            host = await JusteraTestHost.StartAsync(new JusteraTestHostOptions
            {
                StorageConnectionString = servers.Azurite.ConnectionString,
                SmtpPort = servers.MailDev.SmtpPort,
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task LaunchAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Args,
            Timeout = 30_000,
        });
    }

    /// <summary>A fresh browser profile (no cookies), as another person's computer would be.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.AbsoluteUri,
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
        });
        context.SetDefaultTimeout(ActionTimeoutMs);
        context.SetDefaultNavigationTimeout(ActionTimeoutMs);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
            await browser.CloseAsync();
        playwright?.Dispose();
        if (host is not null)
            await host.DisposeAsync();
        if (servers is not null)
            await servers.DisposeAsync();
        browser = null;
        playwright = null;
        host = null;
        servers = null;
    }

    private static InvalidOperationException NotStarted() =>
        new("The browser fixture did not start (is Chromium installed?).");
}

using System.Globalization;
using System.Text.Json;

namespace Justera.Integration.Tests.Infrastructure;

/// <summary>
/// A private maildev (SMTP server with a web inbox) on free loopback ports, plus a small client
/// for its REST API. <see cref="StopAsync"/> and <see cref="StartAsync"/> take the SMTP server
/// down and up for real, on the same ports.
/// </summary>
public sealed class MailDevServer : IAsyncDisposable
{
    // Generous: on a machine shared by several test runs Azurite and maildev have taken more than 30 s to listen.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly string rootFolder;
    private readonly HttpClient http;
    private NodeServerProcess? process;
    private int disposed;

    private MailDevServer(string rootFolder, int smtpPort, int webPort)
    {
        this.rootFolder = rootFolder;
        SmtpPort = smtpPort;
        WebPort = webPort;
        WebUri = new Uri($"http://127.0.0.1:{webPort}/");

        // Loopback only: a proxy configured in the environment must never see these requests.
        http = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = WebUri,
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public string SmtpHost { get; } = "127.0.0.1";

    public int SmtpPort { get; }

    public int WebPort { get; }

    /// <summary>The web inbox; the REST API lives under <c>api/</c>.</summary>
    public Uri WebUri { get; }

    /// <summary>
    /// maildev's --mail-directory. Each instance needs its own: without it maildev uses the shared
    /// $TMPDIR/maildev, and DELETE /api/email/all empties that whole folder for every instance.
    /// Because it is set, mails received before <see cref="StopAsync"/> are back after <see cref="StartAsync"/>.
    /// </summary>
    public string MailFolder => Path.Combine(rootFolder, "mail");

    public bool IsRunning => process is { HasExited: false };

    /// <summary>Starts a new maildev on free ports; returns once SMTP and the REST API answer.</summary>
    public static async Task<MailDevServer> StartNewAsync(CancellationToken cancellationToken = default)
    {
        // See AzuriteServer.StartAsync: a port can be taken between choosing and binding it.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePort.Get(2);
            var root = Path.Combine(Path.GetTempPath(), "justera-tests", $"maildev-{Guid.NewGuid():N}");
            var server = new MailDevServer(root, ports[0], ports[1]);
            try
            {
                await server.StartAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException e) when (attempt < attempts && e.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>(Re)starts the process on this instance's ports; does nothing if it is running.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (IsRunning)
            {
                return;
            }

            Directory.CreateDirectory(MailFolder);
            string[] arguments =
            [
                "--smtp", SmtpPort.ToString(CultureInfo.InvariantCulture),
                "--ip", SmtpHost,
                "--web", WebPort.ToString(CultureInfo.InvariantCulture),
                // The web inbox binds to 0.0.0.0 unless told otherwise.
                "--web-ip", "127.0.0.1",
                "--mail-directory", MailFolder,
                "--silent",
            ];
            var started = NodeServerProcess.Start("maildev", "maildev", arguments, rootFolder);
            try
            {
                await started.WaitForPortsAsync([SmtpPort, WebPort], StartTimeout, cancellationToken);
                using var health = await http.GetAsync(new Uri("api/healthz", UriKind.Relative), cancellationToken);
                health.EnsureSuccessStatusCode();
            }
            catch
            {
                started.Dispose();
                throw;
            }

            process = started;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops maildev for real: afterwards SMTP connections to <see cref="SmtpPort"/> are refused.</summary>
    public async Task StopAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (process is not null)
            {
                await process.StopGracefullyAsync(StopTimeout);
                process = null;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>All mails in the inbox, oldest first (GET /api/email, which does not mark them read).</summary>
    public async Task<IReadOnlyList<ReceivedMail>> GetMailsAsync(CancellationToken cancellationToken = default)
    {
        await using var body = await http.GetStreamAsync(new Uri("api/email", UriKind.Relative), cancellationToken);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return json.RootElement.EnumerateArray().Select(ReceivedMail.FromJson).ToArray();
    }

    /// <summary>
    /// Polls the inbox every 100 ms until a mail matches; throws a <see cref="TimeoutException"/>
    /// listing everything that did arrive, which is what one needs to see when a test fails here.
    /// </summary>
    public async Task<ReceivedMail> WaitForMailAsync(Func<ReceivedMail, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var mails = await GetMailsAsync(cancellationToken);
            var found = mails.FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow >= deadline)
            {
                var received = mails.Count == 0
                    ? "The inbox is empty."
                    : $"The inbox has {mails.Count} mail(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", mails);
                throw new TimeoutException($"No matching mail arrived at maildev within {timeout.TotalSeconds:0.#} s. {received}");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Empties the inbox (DELETE /api/email/all).</summary>
    /// <summary>
    /// Sends a mail of our own to <paramref name="address"/> and waits for it: maildev shows a mail a moment after
    /// accepting it over SMTP, so once this one is visible the ones accepted before it are too.
    /// </summary>
    public async Task FenceAsync(string address, TimeSpan timeout)
    {
        var message = new MimeKit.MimeMessage
        {
            Subject = "Staket",
            MessageId = $"{Guid.NewGuid():N}@justera.test",
            Body = new MimeKit.TextPart("plain") { Text = "Staket" },
        };
        message.From.Add(new MimeKit.MailboxAddress("Test", "test@example.org"));
        message.To.Add(new MimeKit.MailboxAddress("Staket", address));
        using (var smtp = new MailKit.Net.Smtp.SmtpClient())
        {
            await smtp.ConnectAsync(SmtpHost, SmtpPort, MailKit.Security.SecureSocketOptions.None);
            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(quit: true);
        }
        await WaitForMailAsync(m => m.MessageId == $"<{message.MessageId}>", timeout);
    }

    public async Task DeleteAllAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync(new Uri("api/email/all", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Kills the process tree at once and deletes the mail folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await gate.WaitAsync();
        try
        {
            process?.Dispose();
            process = null;
        }
        finally
        {
            gate.Release();
        }

        gate.Dispose();
        http.Dispose();
        TempFolders.DeleteQuietly(rootFolder);
    }
}

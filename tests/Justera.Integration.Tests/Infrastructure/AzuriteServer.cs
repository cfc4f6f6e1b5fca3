namespace Justera.Integration.Tests.Infrastructure;

/// <summary>
/// A private Azurite (Azure Storage emulator) on free loopback ports with its own data folder.
/// <see cref="StopAsync"/> really stops the process, so tests can observe "storage is down";
/// <see cref="RestartAsync"/> brings it back on the same ports with the same data.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>The emulator's fixed, publicly documented development account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>
    /// The well-known devstoreaccount1 key, as compiled into Azurite 3.37.0
    /// (node_modules/azurite/dist/src/common/utils/constants.js).
    /// </summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // Generous: on a machine shared by several test runs Azurite and maildev have taken more than 30 s to listen.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    // Azurite's SIGTERM shutdown takes about 2 s here; it must finish to persist recent writes.
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly string rootFolder;
    private bool inMemory;
    private NodeServerProcess? process;
    private int disposed;

    private AzuriteServer(string rootFolder, int blobPort, int queuePort, int tablePort)
    {
        this.rootFolder = rootFolder;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>Where Azurite keeps its databases and blobs; survives <see cref="RestartAsync"/>.</summary>
    public string DataFolder => Path.Combine(rootFolder, "data");

    public Uri BlobEndpoint => Endpoint(BlobPort);

    public Uri QueueEndpoint => Endpoint(QueuePort);

    public Uri TableEndpoint => Endpoint(TablePort);

    public bool IsRunning => process is { HasExited: false };

    /// <summary>
    /// A complete connection string with explicit endpoints. "UseDevelopmentStorage=true" would
    /// point at the default ports 10000-10002, which ./run may be using at the same time.
    /// </summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>Starts a new Azurite on free ports; returns once blob, queue and table ports accept connections.</summary>
    public static Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default) => StartAsync(inMemory: false, cancellationToken);

    /// <summary>
    /// An Azurite that keeps nothing on disk, for benchmarks: the file-backed one serialises its whole
    /// database every few seconds, which stalls every request meanwhile and would be measured as ours.
    /// </summary>
    public static Task<AzuriteServer> StartInMemoryAsync(CancellationToken cancellationToken = default) => StartAsync(inMemory: true, cancellationToken);

    private static async Task<AzuriteServer> StartAsync(bool inMemory, CancellationToken cancellationToken)
    {
        // Another process can grab a port between FreePort.Get and Azurite binding it;
        // then Azurite exits with EADDRINUSE and a fresh set of ports is tried.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var ports = FreePort.Get(3);
            var root = Path.Combine(Path.GetTempPath(), "justera-tests", $"azurite-{Guid.NewGuid():N}");
            var server = new AzuriteServer(root, ports[0], ports[1], ports[2]) { inMemory = inMemory };
            try
            {
                await server.StartProcessAsync(cancellationToken);
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

    /// <summary>
    /// Stops Azurite for real: afterwards nothing listens on its ports. It shuts down cleanly
    /// so that everything written so far is on disk for <see cref="RestartAsync"/>.
    /// </summary>
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

    /// <summary>
    /// Stops Azurite if it is running, then starts it again on the same ports with the same data
    /// folder. Also use this to bring it back after <see cref="StopAsync"/>.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await StartProcessAsync(cancellationToken);
    }

    /// <summary>Kills the process tree at once and deletes the data folder.</summary>
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
        TempFolders.DeleteQuietly(rootFolder);
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (IsRunning)
            {
                return;
            }

            Directory.CreateDirectory(DataFolder);
            string[] arguments =
            [
                "--silent",
                // Azure.Storage.Blobs 12.30.1 sends a newer x-ms-version than Azurite 3.37.0 knows.
                "--skipApiVersionCheck",
                "--loose",
                // Tests have no internet access and must not phone home.
                "--disableTelemetry",
                .. (inMemory ? (string[])["--inMemoryPersistence"] : ["--location", DataFolder]),
                "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ];
            var started = NodeServerProcess.Start("Azurite", "azurite", arguments, rootFolder);
            try
            {
                await started.WaitForPortsAsync([BlobPort, QueuePort, TablePort], StartTimeout, cancellationToken);
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

    private static Uri Endpoint(int port) => new($"http://127.0.0.1:{port}/{AccountName}");
}

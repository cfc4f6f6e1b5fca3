using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Justera.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Options;

namespace Justera.LocalHost.Durable;

/// <summary>
/// The Durable Task engine, in-process: the backend Durable Functions uses in Azure
/// (<see cref="AzureStorageOrchestrationService"/>, here on Azurite) behind the Durable Task SDK's gRPC sidecar,
/// which the worker and client of this process reach over a Unix socket of their own. Orchestrations, timers and
/// events live in storage, so a restart of the process loses no pending reminder or mail.
/// </summary>
/// <remarks>
/// The sidecar accepts one worker stream at a time, so each process runs one engine and one worker; several
/// processes on the same task hub share its partitions through leases, as Function app instances do in Azure.
/// </remarks>
public sealed partial class LocalDurableEngine : IHostedService, IAsyncDisposable
{
    private readonly LocalDurableChannel _channel;
    private readonly IOptions<StorageOptions> _storage;
    private readonly IOptions<LocalDurableOptions> _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<LocalDurableEngine> _logger;
    private AzureStorageOrchestrationService? _service;
    private OnceStartedService? _guarded;
    private WebApplication? _sidecar;

    public LocalDurableEngine(LocalDurableChannel channel, IOptions<StorageOptions> storage, IOptions<LocalDurableOptions> options, ILoggerFactory loggers)
    {
        _channel = channel;
        _storage = storage;
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger<LocalDurableEngine>();
    }

    /// <summary>The task hub's name: the storage prefix's, so every installation (and every test) has its own queues and tables.</summary>
    public static string TaskHubName(string storagePrefix) => $"{storagePrefix}hub";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var storage = _storage.Value;
        var options = _options.Value;
        var taskHub = TaskHubName(storage.Prefix);
        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(storage.ConnectionString),
            TaskHubName = taskHub,
            // One process, one worker: its own id, so two hosts in one process (tests) or on one machine never share leases.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}",
            PartitionCount = options.PartitionCount,
            // Reminders and receipts within a few seconds: the queues are polled at most this far apart when idle.
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            // The sidecar never renews a message it is working on, and a process killed mid-turn leaves its messages
            // invisible this long; activities are kept well under it (RoundActivities.OutboxBudget).
            ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
            LeaseInterval = options.LeaseInterval,
            LeaseRenewInterval = options.LeaseRenewInterval,
            LeaseAcquireInterval = options.LeaseAcquireInterval,
            LoggerFactory = _loggers,
        });
        // The sidecar never creates the task hub itself (TRAPS.md): queues, tables and lease blobs, if missing.
        await _service.CreateIfNotExistsAsync();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
            k.ListenUnixSocket(_channel.SocketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(_loggers);
        builder.Services.AddRouting();
        builder.Services.AddGrpc();
        _guarded = new OnceStartedService(_service, _logger);
        builder.Services.AddSingleton<IOrchestrationService>(_guarded);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(_service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        _sidecar = builder.Build();
        _sidecar.MapGrpcService<TaskHubGrpcServer>();
        await _sidecar.StartAsync(cancellationToken);
        LogStarted(taskHub);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_sidecar is not null)
        {
            await _sidecar.StopAsync(cancellationToken);
            await _sidecar.DisposeAsync();
            _sidecar = null;
        }
        if (_guarded is not null)
        {
            // Gives the partition leases back at once, so another process (or this one restarted) takes over without
            // waiting for them to expire; the sidecar's own stop, running beside this one, then does nothing.
            await _guarded.StopAsync(isForced: true);
            _guarded = null;
            _service = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _channel.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable Task engine started on task hub {TaskHub}")]
    private partial void LogStarted(string taskHub);
}

/// <summary>The gRPC channel to this process's sidecar: a Unix socket, so it needs no port and is reachable from nowhere else.</summary>
public sealed class LocalDurableChannel : IDisposable
{
    public LocalDurableChannel()
    {
        // Unix socket paths are limited to about 100 bytes, so the temp folder and a short name.
        SocketPath = Path.Combine(Path.GetTempPath(), $"justera-dt-{Guid.NewGuid():N}"[..24] + ".sock");
        Channel = GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    try
                    {
                        await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            },
        });
    }

    public string SocketPath { get; }

    public GrpcChannel Channel { get; }

    public void Dispose()
    {
        Channel.Dispose();
        try
        {
            File.Delete(SocketPath);
        }
        catch (IOException)
        {
            // Left behind in the temp folder; a new one gets a new name.
        }
    }
}

/// <summary>How the local host's Durable Task engine runs; bound from "Justera:Durable".</summary>
public sealed class LocalDurableOptions
{
    /// <summary>Control queues of the task hub; one is plenty for one administration's workflows on one machine.</summary>
    public int PartitionCount { get; set; } = 1;

    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a message being worked on stays hidden from other workers (5 minutes by default in the backend).</summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a process that died keeps its partitions before another takes them over.</summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The worker's open stream holds shutdown for this long at most (TRAPS.md: 30 s by default).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

using System.Net;
using System.Net.Sockets;
using Justera.Application.Workflows;
using Justera.Functions.Http;
using Justera.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;

namespace Justera.Functions.Tests.Http;

/// <summary>
/// The worker's side of the ASP.NET Core integration, as the extension's ConfigureAspNetCoreIntegration builds it
/// — routing to the one catch-all function endpoint, then the function with its bound <c>[DurableClient]</c>,
/// whose returned IResult the proxying middleware executes — on an in-memory server, with the Functions app's own
/// service wiring (<see cref="FunctionsServices.AddJusteraFunctions"/>). Unless a test gives storage, it points at
/// a closed port: what needs it answers 503. The Data Protection keys live in memory instead of Blob storage.
/// </summary>
public sealed class WorkerHttpHost : IAsyncDisposable
{
    private const string WellKnownAzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly IHost host;

    private WorkerHttpHost(IHost host, Mock<DurableTaskClient> client)
    {
        this.host = host;
        Client = client;
        Server = host.GetTestServer();
        Server.BaseAddress = new Uri("https://justera.test/");
    }

    public TestServer Server { get; }

    public IServiceProvider Services => host.Services;

    /// <summary>The client the <c>[DurableClient]</c> binding hands every invocation.</summary>
    public Mock<DurableTaskClient> Client { get; }

    /// <summary>How many times the catch-all function ran.</summary>
    public int Invocations { get; private set; }

    public HttpClient CreateClient() => Server.CreateClient();

    /// <summary>A Durable client that knows no instance and accepts every start, as a fresh task hub would.</summary>
    public static Mock<DurableTaskClient> EmptyTaskHub()
    {
        var client = new Mock<DurableTaskClient>(MockBehavior.Loose, "test");
        client.Setup(c => c.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((OrchestrationMetadata?)null);
        client.Setup(c => c.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? o, CancellationToken _) => o?.InstanceId ?? "started");
        return client;
    }

    public static async Task<WorkerHttpHost> StartAsync(
        string environment,
        IEnumerable<KeyValuePair<string, string?>>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var client = EmptyTaskHub();
        WorkerHttpHost? self = null;
        var closedPort = ClosedPort();
        var host = await new HostBuilder()
            .UseEnvironment(environment)
            .ConfigureAppConfiguration(c => c
                .AddInMemoryCollection([new("Storage:ConnectionString",
                    $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={WellKnownAzuriteKey};" +
                    $"BlobEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1")])
                .AddInMemoryCollection(settings ?? []))
            .ConfigureServices((context, collection) =>
            {
                collection.AddJusteraFunctions(context.Configuration, context.HostingEnvironment);
                collection.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
                services?.Invoke(collection);
            })
            .ConfigureWebHost(web => web.UseTestServer().Configure(app =>
            {
                app.UseRouting();
                app.UseEndpoints(endpoints => endpoints.Map("/{*path}", async context =>
                {
                    self!.Invocations++;
                    var function = new WebFunction(context.RequestServices.GetRequiredService<JusteraRequestPipeline>(), context.RequestServices.GetRequiredService<WorkflowClients>());
                    var result = await function.RunAsync(context.Request, client.Object);
                    await result.ExecuteAsync(context);
                }));
            }))
            .StartAsync();
        self = new WorkerHttpHost(host, client);
        return self;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;
using Justera.Functions.Http;
using Justera.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Justera.Functions.Tests.Http;

/// <summary>
/// The worker's side of the ASP.NET Core integration, as the extension's ConfigureAspNetCoreIntegration builds
/// it — routing to the one catch-all function endpoint, then the function, whose returned IResult the
/// proxying middleware executes — on an in-memory server, with the Functions app's own service wiring
/// (<see cref="FunctionsServices.AddJusteraFunctions"/>). Storage points at a closed port: nothing here
/// needs it, and what does answers 503. The Data Protection keys live in memory instead of Blob storage.
/// </summary>
public sealed class WorkerHttpHost : IAsyncDisposable
{
    public const string WellKnownAzuriteKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly IHost host;

    private WorkerHttpHost(IHost host)
    {
        this.host = host;
        Server = host.GetTestServer();
        Server.BaseAddress = new Uri("https://justera.test/");
    }

    public TestServer Server { get; }

    public IServiceProvider Services => host.Services;

    /// <summary>How many times the catch-all function ran.</summary>
    public int Invocations { get; private set; }

    public HttpClient CreateClient() => Server.CreateClient();

    public static async Task<WorkerHttpHost> StartAsync(string environment, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        WorkerHttpHost? self = null;
        var closedPort = ClosedPort();
        var host = await new HostBuilder()
            .UseEnvironment(environment)
            .ConfigureAppConfiguration(c => c
                .AddInMemoryCollection([new("Storage:ConnectionString",
                    $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={WellKnownAzuriteKey};" +
                    $"BlobEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1")])
                .AddInMemoryCollection(settings ?? []))
            .ConfigureServices((context, services) =>
            {
                services.AddJusteraFunctions(context.Configuration, context.HostingEnvironment);
                services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
            })
            .ConfigureWebHost(web => web.UseTestServer().Configure(app =>
            {
                app.UseRouting();
                app.UseEndpoints(endpoints => endpoints.Map("/{*path}", async context =>
                {
                    self!.Invocations++;
                    var function = new WebFunction(context.RequestServices.GetRequiredService<JusteraRequestPipeline>());
                    var result = await function.RunAsync(context.Request);
                    await result.ExecuteAsync(context);
                }));
            }))
            .StartAsync();
        self = new WorkerHttpHost(host);
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

using Justera.LocalHost.Durable;
using Justera.Web.Hosting;

namespace Justera.LocalHost;

/// <summary>
/// The local runtime `./run` starts: the web side, and the same Durable orchestrations the Functions app runs in
/// Azure, on the Durable Task engine in-process with the Azure Storage backend (Azurite locally).
/// Tests build it in-process with their own storage, mail server and clock.
/// </summary>
public static class LocalHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var developmentSignIn = builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>("Justera:DevelopmentSignIn");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = JusteraWeb.MaxUploadBytes);
        builder.Services.AddJustera(builder.Configuration);
        builder.Services.AddJusteraWeb(developmentSignIn);
        // Read before the container is built: without the engine, tools and some tests drive the outbox and timer by hand.
        if (builder.Configuration.GetValue("Justera:BackgroundLoops", defaultValue: true))
            builder.Services.AddLocalWorkflows(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseJusteraWeb(developmentSignIn);
        return app;
    }

    /// <summary>Creates tables and containers, then starts listening.</summary>
    public static async Task StartJusteraAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await app.Services.EnsureStorageAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
    }
}

using Justera.Web.Hosting;

namespace Justera.LocalHost;

/// <summary>
/// The local runtime `./run` starts: the web side plus two background loops that play the part Durable
/// Functions plays in Azure — a dispatcher that drains outboxes and a timer that wakes due rounds.
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
        builder.Services.AddHostedService<DispatcherLoop>();
        builder.Services.AddHostedService<TimerLoop>();
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

using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Justera.Application;
using Justera.Application.JusteringRounds;
using Justera.Application.Outbox;
using Justera.Application.SignedProtocols;
using Justera.Application.Workflows;
using Justera.Mail;
using Justera.Storage;
using Justera.Storage.JusteringRounds;
using Justera.Storage.Outbox;
using Justera.Storage.Protocols;
using Justera.Storage.SignedProtocols;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Justera.Web.Hosting;

/// <summary>Wires Justera's core, storage and mail for any host: the local ASP.NET Core host and the Functions app alike.</summary>
public static class JusteraServices
{
    public static IServiceCollection AddJustera(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JusteraOptions>(configuration.GetSection("Justera"));
        services.Configure<StorageOptions>(configuration.GetSection("Storage"));
        services.Configure<SmtpOptions>(configuration.GetSection("Smtp"));
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new TableServiceClient(o.ConnectionString, new TableClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10), Mode = RetryMode.Exponential } });
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new BlobServiceClient(o.ConnectionString, new BlobClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(30) } });
        });
        services.AddSingleton(sp => new RoundTables(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix));
        services.AddSingleton(sp => new ProtocolBlobs(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix));
        services.AddSingleton<RoundStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<EffectRenderer>();
        services.AddJusteraWorkflows();
        services.AddSingleton<JusteringRoundService>();
        services.AddSingleton<OutboxDispatcher>();
        services.Configure<SealingOptions>(configuration.GetSection("Sealing"));
        services.AddSingleton(sp => new SignedProtocolBlobs(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix));
        services.AddSingleton<SealedIndex>();
        services.AddSingleton<SealCertificates>();
        services.AddSingleton<ProtocolSealing>();
        services.AddSingleton<IProtocolSealer>(sp => sp.GetRequiredService<ProtocolSealing>());
        services.AddSingleton<Application.SignedProtocols.Verification>();
        services.AddSingleton<IMailSender>(sp => new SmtpMailSender(sp.GetRequiredService<IOptions<SmtpOptions>>().Value));
        return services;
    }

    /// <summary>Creates the tables and containers if they are missing; safe to run at every start.</summary>
    public static async Task EnsureStorageAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<RoundTables>().CreateIfMissingAsync(cancellationToken);
        await services.GetRequiredService<ProtocolBlobs>().CreateIfMissingAsync(cancellationToken);
        await services.GetRequiredService<SignedProtocolBlobs>().CreateIfMissingAsync(cancellationToken);
    }
}

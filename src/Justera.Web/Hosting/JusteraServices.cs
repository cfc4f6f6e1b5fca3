using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Justera.Application;
using Justera.Application.JusteringRounds;
using Justera.Application.Outbox;
using Justera.Application.ReportCycles;
using Justera.Application.ReportCycles.Setup;
using Justera.Application.SignedProtocols;
using Justera.Application.Workflows;
using Justera.Mail;
using Justera.Storage;
using Justera.Storage.JusteringRounds;
using Justera.Storage.Outbox;
using Justera.Storage.Protocols;
using Justera.Storage.ReportCycles;
using Justera.Storage.ReportCycles.Setup;
using Justera.Storage.SignedProtocols;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
            var options = new TableClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(10), Mode = RetryMode.Exponential } };
            return o.UsesEndpoints
                ? new TableServiceClient(o.TableServiceUri, sp.GetRequiredService<StorageCredential>().Value, options)
                : new TableServiceClient(o.ConnectionString, options);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var options = new BlobClientOptions { Retry = { MaxRetries = 2, NetworkTimeout = TimeSpan.FromSeconds(30) } };
            return o.UsesEndpoints
                ? new BlobServiceClient(o.BlobServiceUri, sp.GetRequiredService<StorageCredential>().Value, options)
                : new BlobServiceClient(o.ConnectionString, options);
        });
        services.AddSingleton(sp => new StorageCredential(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ClientId));
        services.AddSingleton(sp => new RoundTables(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix));
        services.AddSingleton(sp => new ProtocolBlobs(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix));
        services.AddSingleton<RoundStore>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<EffectRenderer>();
        services.AddJusteraWorkflows();
        services.AddSingleton<JusteringRoundService>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton(sp => new CycleTables(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<BlobServiceClient>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix));
        services.AddSingleton<CycleStore>();
        services.AddSingleton<CycleEffectRenderer>();
        services.TryAddSingleton<ICycleWorkflows, NoCycleWorkflows>();
        services.AddSingleton<ReportCycleService>();
        services.AddSingleton(sp => new CycleReportBlobs(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix));
        services.AddSingleton<CycleReports>();
        services.Configure<SealingOptions>(configuration.GetSection("Sealing"));
        services.AddSingleton(sp => new SignedProtocolBlobs(sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix));
        services.AddSingleton<SealedIndex>();
        services.AddSingleton<SealCertificates>();
        services.AddSingleton<ProtocolSealing>();
        services.AddSingleton<IProtocolSealer>(sp => sp.GetRequiredService<ProtocolSealing>());
        services.AddSingleton<Application.SignedProtocols.Verification>();
        services.AddSingleton(sp => new SetupTables(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<BlobServiceClient>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix));
        services.AddSingleton<UnitRegisterStore>();
        services.AddSingleton<UnitFiles>();
        services.AddSingleton<YearStructureStore>();
        services.AddSingleton<SetupImports>();
        services.AddSingleton<IMailSender>(sp => new SmtpMailSender(sp.GetRequiredService<IOptions<SmtpOptions>>().Value));
        return services;
    }

    /// <summary>Creates the tables and containers if they are missing; safe to run at every start.</summary>
    public static async Task EnsureStorageAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<RoundTables>().CreateIfMissingAsync(cancellationToken);
        await services.GetRequiredService<CycleTables>().CreateIfMissingAsync(cancellationToken);
        await services.GetRequiredService<ProtocolBlobs>().CreateIfMissingAsync(cancellationToken);
        await services.GetRequiredService<SignedProtocolBlobs>().CreateIfMissingAsync(cancellationToken);
        await services.GetRequiredService<SetupTables>().CreateIfMissingAsync(cancellationToken);
        await services.GetRequiredService<CycleReportBlobs>().CreateIfMissingAsync(cancellationToken);
    }
}

/// <summary>
/// The one Entra credential both storage clients share (its token cache with them) when the account is
/// reached by endpoint: the managed identity in Azure, a developer's Azure CLI or IDE sign-in elsewhere.
/// </summary>
public sealed class StorageCredential(string? managedIdentityClientId)
{
    public TokenCredential Value { get; } = new DefaultAzureCredential(new DefaultAzureCredentialOptions
    {
        ManagedIdentityClientId = string.IsNullOrWhiteSpace(managedIdentityClientId) ? null : managedIdentityClientId,
    });
}

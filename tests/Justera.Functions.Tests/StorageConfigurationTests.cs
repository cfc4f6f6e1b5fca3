using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Justera.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Justera.Functions.Tests;

/// <summary>Storage is reached either by connection string or, in Azure, by endpoint with the managed identity.</summary>
public sealed class StorageConfigurationTests
{
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddJustera(configuration).BuildServiceProvider();
    }

    [Fact]
    public void WithEndpoints_TheClientsUseThem_AndNoConnectionString()
    {
        using var services = Services(
            ("Storage:TableServiceUri", "https://stjustera.table.core.windows.net/"),
            ("Storage:BlobServiceUri", "https://stjustera.blob.core.windows.net/"),
            ("Storage:ClientId", "00000000-0000-0000-0000-000000000001"));

        Assert.Equal(new Uri("https://stjustera.table.core.windows.net/"), services.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://stjustera.blob.core.windows.net/"), services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.False(services.GetRequiredService<BlobServiceClient>().CanGenerateAccountSasUri, "no account key: the identity signs in");
    }

    [Fact]
    public void WithoutEndpoints_TheConnectionStringIsUsed()
    {
        using var services = Services(("Storage:ConnectionString", "UseDevelopmentStorage=true"));

        Assert.Equal("devstoreaccount1", services.GetRequiredService<BlobServiceClient>().AccountName);
        Assert.True(services.GetRequiredService<BlobServiceClient>().CanGenerateAccountSasUri);
    }

    [Fact]
    public void WithOnlyOneEndpoint_StartingFailsWithWhatToSet()
    {
        using var services = Services(("Storage:TableServiceUri", "https://stjustera.table.core.windows.net/"));

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<TableServiceClient>());
        Assert.Contains("Storage:BlobServiceUri", error.Message, StringComparison.Ordinal);
    }
}

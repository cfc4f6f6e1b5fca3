using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Justera.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Justera.Web.Hosting;

/// <summary>
/// The Data Protection key ring (anti-forgery tokens, sign-in cookies) in Blob storage, so every host
/// instance reads and writes the same keys. The Azure key-ring packages are not in the package source
/// this project builds from (TRAPS.md); in Azure the keys are additionally wrapped with Key Vault.
/// </summary>
public sealed class BlobKeyRing(BlobContainerClient container) : IXmlRepository
{
    private bool _created;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureContainer();
        return [.. container.GetBlobs().Select(b => XElement.Parse(container.GetBlobClient(b.Name).DownloadContent().Value.Content.ToString()))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureContainer();
        var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        try
        {
            container.GetBlobClient($"{friendlyName}.xml").Upload(BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting)), options);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another instance stored a key of that name at the same moment; keys are never replaced.
        }
    }

    private void EnsureContainer()
    {
        if (_created)
            return;
        container.CreateIfNotExists();
        _created = true;
    }

    public static IServiceCollection AddBlobKeyRing(IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("Justera");
        services.AddOptions<KeyManagementOptions>().Configure<BlobServiceClient, IOptions<StorageOptions>>((o, blobs, storage) =>
            o.XmlRepository = new BlobKeyRing(blobs.GetBlobContainerClient(storage.Value.Prefix + "keys")));
        return services;
    }
}

using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Justera.Storage.Protocols;

/// <summary>Protocol PDFs in Blob storage, named by their SHA-256 and written once: a second write never replaces the first.</summary>
public sealed class ProtocolBlobs(BlobServiceClient service, string prefix)
{
    public BlobContainerClient Container { get; } = service.GetBlobContainerClient(prefix + "protocols");

    public Task CreateIfMissingAsync(CancellationToken cancellationToken = default) =>
        Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public static string NameFor(string sha256) => $"{sha256}.pdf";

    /// <summary>Stores the file unless a blob of that name exists; the name is the content hash, so an existing blob is the same file.</summary>
    public async Task<string> StoreAsync(string sha256, BinaryData content, CancellationToken cancellationToken = default)
    {
        var name = NameFor(sha256);
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" },
        };
        try
        {
            await StorageGuard.GuardAsync(() => Container.GetBlobClient(name).UploadAsync(content, options, cancellationToken));
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Already stored: same name, same content.
        }
        return name;
    }

    public async Task<BinaryData?> ReadAsync(string blobName, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await StorageGuard.GuardAsync(() => Container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken));
            return result.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}

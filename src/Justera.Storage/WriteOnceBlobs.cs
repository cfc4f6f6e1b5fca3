using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Justera.Storage;

/// <summary>
/// Writing and reading blobs that are never replaced: every upload carries If-None-Match: *, so a second
/// write of a name fails and the first file stands. Azurite implements no immutability policy (#2648), so
/// this condition is the guarantee locally; in Azure the containers' WORM policy adds to it.
/// </summary>
internal static class WriteOnceBlobs
{
    /// <summary>Stores the content unless a blob of that name exists; false when one did (it stays as it was).</summary>
    public static async Task<bool> TryStoreAsync(BlobContainerClient container, string name, BinaryData content, string contentType, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        };
        try
        {
            await StorageGuard.GuardAsync(() => container.GetBlobClient(name).UploadAsync(content, options, cancellationToken));
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The blob's content, or null when there is no such blob.</summary>
    public static async Task<BinaryData?> ReadAsync(BlobContainerClient container, string name, CancellationToken cancellationToken)
    {
        try
        {
            var result = await StorageGuard.GuardAsync(() => container.GetBlobClient(name).DownloadContentAsync(cancellationToken));
            return result.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}

using Azure.Storage.Blobs;

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
        await WriteOnceBlobs.TryStoreAsync(Container, name, content, "application/pdf", cancellationToken);
        return name;
    }

    public Task<BinaryData?> ReadAsync(string blobName, CancellationToken cancellationToken = default) =>
        WriteOnceBlobs.ReadAsync(Container, blobName, cancellationToken);
}

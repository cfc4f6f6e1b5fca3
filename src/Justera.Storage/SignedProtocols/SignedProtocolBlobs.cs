using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Justera.Storage.SignedProtocols;

/// <summary>
/// Sealed protocols in Blob storage, <c>{documentId}.pdf</c> with <c>{documentId}.evidens.json</c> beside it, written
/// once: a second write never replaces the first (If-None-Match: *), so when the seal effect runs twice at once the
/// first stored file stands and both runs record that one.
/// </summary>
public sealed class SignedProtocolBlobs(BlobServiceClient service, string prefix)
{
    public BlobContainerClient Container { get; } = service.GetBlobContainerClient(prefix + "signed");

    public Task CreateIfMissingAsync(CancellationToken cancellationToken = default) =>
        Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    public static string NameFor(string documentId) => $"{documentId}.pdf";

    public static string EvidenceNameFor(string documentId) => $"{documentId}.evidens.json";

    /// <summary>Stores the sealed file unless one of that name exists; false when another file was there first (that one stands).</summary>
    public Task<bool> TryStoreAsync(string documentId, BinaryData sealedPdf, CancellationToken cancellationToken = default) =>
        TryStoreAsync(NameFor(documentId), sealedPdf, "application/pdf", cancellationToken);

    /// <summary>Stores the evidence beside the sealed file; an existing one stays (the evidence of a round's version is always the same).</summary>
    public Task StoreEvidenceOnceAsync(string documentId, BinaryData evidenceJson, CancellationToken cancellationToken = default) =>
        TryStoreAsync(EvidenceNameFor(documentId), evidenceJson, "application/json", cancellationToken);

    public Task<BinaryData?> ReadAsync(string blobName, CancellationToken cancellationToken = default) =>
        WriteOnceBlobs.ReadAsync(Container, blobName, cancellationToken);

    /// <summary>The names of every blob in the container (for tests and support: there is never more than one file per document id).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string? namePrefix = null, CancellationToken cancellationToken = default) =>
        await StorageGuard.GuardAsync(async () =>
        {
            var names = new List<string>();
            await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, namePrefix, cancellationToken))
                names.Add(blob.Name);
            return names;
        });

    private Task<bool> TryStoreAsync(string name, BinaryData content, string contentType, CancellationToken cancellationToken) =>
        WriteOnceBlobs.TryStoreAsync(Container, name, content, contentType, cancellationToken);
}

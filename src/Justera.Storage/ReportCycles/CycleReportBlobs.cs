using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Justera.Storage.ReportCycles;

/// <summary>
/// The compiled reports of report cycles in Blob storage, container <c>{prefix}cyclereports</c>, written once: version n
/// of a cycle's report is <c>{cycleId}/v{n:D3}/{file name}</c> for the .docx and the .xlsx. The names depend only on the
/// cycle and the version, so a compile activity that runs again finds what its earlier attempt wrote; a second write of
/// a name is refused (If-None-Match: *) and the first file stands.
/// </summary>
public sealed class CycleReportBlobs(BlobServiceClient service, string prefix)
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public BlobContainerClient Container { get; } = service.GetBlobContainerClient(prefix + "cyclereports");

    public Task CreateIfMissingAsync(CancellationToken cancellationToken = default) =>
        Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>"tertialrapport-t1-2026-v2", "verksamhetsberattelse-2026-v1": the file's name without extension, ASCII only, the same in storage and in a download.</summary>
    public static string FileStem(string cycleId, int number)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cycleId);
        // "vb-2026" is the year's verksamhetsberättelse: the period is in the word, not beside it.
        return cycleId.StartsWith("vb-", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"verksamhetsberattelse-{cycleId[3..]}-v{number}")
            : string.Create(CultureInfo.InvariantCulture, $"tertialrapport-{cycleId}-v{number}");
    }

    public static string DocxName(string cycleId, int number) => Folder(cycleId, number) + FileStem(cycleId, number) + ".docx";

    public static string XlsxName(string cycleId, int number) => Folder(cycleId, number) + FileStem(cycleId, number) + ".xlsx";

    private static string Folder(string cycleId, int number) => string.Create(CultureInfo.InvariantCulture, $"{cycleId}/v{number:D3}/");

    /// <summary>Stores the file unless a blob of that name exists; false when one did (it stays as it was).</summary>
    public Task<bool> TryStoreAsync(string name, BinaryData content, string contentType, CancellationToken cancellationToken = default) =>
        WriteOnceBlobs.TryStoreAsync(Container, name, content, contentType, cancellationToken);

    public async Task<bool> ExistsAsync(string name, CancellationToken cancellationToken = default) =>
        (await StorageGuard.GuardAsync(() => Container.GetBlobClient(name).ExistsAsync(cancellationToken))).Value;

    public Task<BinaryData?> ReadAsync(string name, CancellationToken cancellationToken = default) =>
        WriteOnceBlobs.ReadAsync(Container, name, cancellationToken);

    /// <summary>The file as a stream to copy to a response, with its length; null when there is no such blob.</summary>
    public async Task<(Stream Content, long Length)?> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await StorageGuard.GuardAsync(() => Container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken));
            return (result.Value.Content, result.Value.Details.ContentLength);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The names of the blobs under a cycle (tests and support: there are never more than two per version).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string cycleId, CancellationToken cancellationToken = default) =>
        await StorageGuard.GuardAsync(async () =>
        {
            var names = new List<string>();
            await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, cycleId + "/", cancellationToken))
                names.Add(blob.Name);
            return names;
        });
}

namespace Justera.Documents.Limits;

/// <summary>How much one file may cost to read: the bounds that keep a small hostile upload from taking seconds of CPU or hundreds of MB.</summary>
/// <remarks>
/// Every figure is far above what a real protocol needs (a 100-page Word protocol decodes to a few MB) and far
/// below what hurts the service. bench/ measures what a file at each bound costs; tests only check that a bound refuses.
/// </remarks>
internal sealed record PdfLimits
{
    public static PdfLimits Default { get; } = new();

    /// <summary>Decoded bytes one stream may expand to (a compression bomb is refused here, before anything keeps it).</summary>
    public long MaxDecodedBytesPerStream { get; init; } = 16L * 1024 * 1024;

    /// <summary>Decoded bytes of all streams of one file together.</summary>
    public long MaxDecodedBytesTotal { get; init; } = 64L * 1024 * 1024;

    /// <summary>Decoded page content (content streams and the form XObjects pages use) that text extraction may parse, over all pages; a stream shared by many pages counts once per page.</summary>
    /// <remarks>PdfPig needs about 0.65 s and 80–120 MB of allocations per MB of drawing operators (bench/ "hostile"), so this is what bounds its time and memory; a text page of a protocol is about 3 KB.</remarks>
    public long MaxPageContentBytes { get; init; } = 512L * 1024;

    /// <summary>Objects one file may hold, in its cross-reference data and its object streams together.</summary>
    public int MaxObjects { get; init; } = 100_000;

    /// <summary>How deeply arrays and dictionaries may nest; PDF readers are recursive, and the spec's own readers stop far sooner.</summary>
    public int MaxDepth { get; init; } = 100;

    /// <summary>CPU time one file may take to check, whatever else bounds it (the checking thread's own, see <see cref="ThreadCpuClock"/>).</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromSeconds(3);
}

/// <summary>Which bound a file hit.</summary>
internal enum PdfLimit
{
    DecodedBytes,
    Objects,
    Depth,
    PageContent,
    Time,
}

/// <summary>A file hit one of <see cref="PdfLimits"/>; reading it stops at once.</summary>
internal sealed class PdfLimitException(PdfLimit limit, string message) : Exception(message)
{
    public PdfLimit Limit { get; } = limit;
}

/// <summary>What one file has used of its <see cref="PdfLimits"/> so far: decoded bytes, page content and time.</summary>
internal sealed class PdfBudget(PdfLimits limits, CancellationToken cancellationToken = default)
{
    private readonly TimeSpan started = ThreadCpuClock.Now();
    private long decoded;
    private long pageContent;

    public PdfLimits Limits { get; } = limits;

    /// <summary>Counts <paramref name="bytes"/> more decoded bytes of a stream that has now produced <paramref name="streamTotal"/>.</summary>
    public void ChargeDecoded(long bytes, long streamTotal)
    {
        decoded += bytes;
        if (streamTotal > Limits.MaxDecodedBytesPerStream)
            throw new PdfLimitException(PdfLimit.DecodedBytes, $"a stream decodes to more than {Limits.MaxDecodedBytesPerStream} bytes");
        if (decoded > Limits.MaxDecodedBytesTotal)
            throw new PdfLimitException(PdfLimit.DecodedBytes, $"the streams decode to more than {Limits.MaxDecodedBytesTotal} bytes together");
        CheckTime();
    }

    public void ChargePageContent(long bytes)
    {
        pageContent += bytes;
        if (pageContent > Limits.MaxPageContentBytes)
            throw new PdfLimitException(PdfLimit.PageContent, $"the pages' content is more than {Limits.MaxPageContentBytes} bytes");
    }

    public void CheckObjectCount(long count)
    {
        if (count > Limits.MaxObjects)
            throw new PdfLimitException(PdfLimit.Objects, $"more than {Limits.MaxObjects} objects");
    }

    public void CheckDepth(int depth)
    {
        if (depth > Limits.MaxDepth)
            throw new PdfLimitException(PdfLimit.Depth, $"arrays or dictionaries nested more than {Limits.MaxDepth} deep");
    }

    /// <summary>Stops when the caller gave up (an OperationCanceledException) or the file has had its time (a <see cref="PdfLimitException"/>).</summary>
    public void CheckTime()
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (ThreadCpuClock.Now() - started > Limits.MaxTime)
            throw new PdfLimitException(PdfLimit.Time, $"checking took more than {Limits.MaxTime.TotalSeconds} s");
    }
}

using Azure;
using Justera.Application.JusteringRounds;
using Justera.Core.Calendar;
using Justera.Core.JusteringRounds;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Compilation;
using Justera.Documents.Reports;
using Justera.Storage;
using Justera.Storage.ReportCycles;
using Microsoft.Extensions.Options;

namespace Justera.Application.ReportCycles;

/// <summary>The two files of a compiled version.</summary>
public enum ReportFormat
{
    /// <summary>The Word document the administration edits on.</summary>
    Docx,

    /// <summary>The Excel workbook: indicators, economy, status.</summary>
    Xlsx,
}

/// <summary>What the compile activity did with a version: stored it, recorded why it failed, or found it no longer wanted.</summary>
public enum CompileResult
{
    Stored,
    Failed,
    NotPending,
}

/// <summary>The justering round a closed cycle was handed over to, as its report page shows it.</summary>
public sealed record LinkedRound(string RoundId, JusteringRoundState State);

/// <summary>The report page's model: the cycle, the versions compiled so far, what is pending or failed, and the linked round.</summary>
public sealed record CycleReportView(ReportCycleState State, int? Pending, LinkedRound? Round)
{
    public ReportCycle Cycle => State.CycleOrNull!;

    public bool Closed => State is ReportCycleState.Closed;

    public IReadOnlyList<CompiledReportVersion> Versions => Cycle.Compilations;

    /// <summary>The latest failure, unless a later version was asked for since (it is then the one pending).</summary>
    public CompilationFailure? Failure => Cycle.CompilationFailure is { } f && f.Number == Cycle.CompilationsRequested ? f : null;
}

/// <summary>A stored file of a compiled version, ready to be copied to a response.</summary>
public sealed record ReportFile(Stream Content, long Length, string FileName, string ContentType);

/// <summary>
/// The compiled report of a closed cycle: compiling a version (the orchestration's activity — never a request thread),
/// asking for another, the versions and their files, and the hand-over to the justering round of the FG protocol.
/// </summary>
public sealed class CycleReports(
    ReportCycleService cycles,
    CycleReportBlobs blobs,
    JusteringRoundService rounds,
    ICycleWorkflows workflows,
    IOptions<JusteraOptions> options)
{
    /// <summary>How the Word writer draws; the chart's font path can be set ("Justera:ReportChartFontPath") where the Debian font is elsewhere.</summary>
    private ReportDocxOptions DocxOptions => string.IsNullOrWhiteSpace(options.Value.ReportChartFontPath)
        ? new ReportDocxOptions()
        : new ReportDocxOptions { ChartFontPath = options.Value.ReportChartFontPath };

    /// <summary>
    /// Compiles version <paramref name="number"/> if the cycle still wants it: reads the cycle, its units' approved inputs
    /// and the year structure, writes the .docx and .xlsx write-once, and records the version. Idempotent: the blob
    /// names depend only on the cycle and the version, so a second run finds the files of the first and records those.
    /// A failure that another attempt will not mend is recorded with a Swedish reason; storage trouble goes through, so
    /// the orchestration's retry policy applies.
    /// </summary>
    public async Task<CompileResult> CompileAsync(string cycleId, int number, CancellationToken cancellationToken = default)
    {
        var stored = await cycles.LoadCycleAsync(cycleId, cancellationToken);
        if (ReportCycleService.PendingCompilation(stored.State) != number || stored.State is not ReportCycleState.Closed closed)
            return CompileResult.NotPending;
        var docxName = CycleReportBlobs.DocxName(cycleId, number);
        var xlsxName = CycleReportBlobs.XlsxName(cycleId, number);
        try
        {
            var haveDocx = await blobs.ExistsAsync(docxName, cancellationToken);
            var haveXlsx = await blobs.ExistsAsync(xlsxName, cancellationToken);
            if (!haveDocx || !haveXlsx)
            {
                var report = await CompileReportAsync(closed, cancellationToken);
                // Each file is whole before it is stored: a crash between the two leaves one, and the next attempt writes the other.
                if (!haveDocx)
                    await blobs.TryStoreAsync(docxName, Write(s => ReportDocx.Write(report, s, DocxOptions)), CycleReportBlobs.DocxContentType, cancellationToken);
                if (!haveXlsx)
                    await blobs.TryStoreAsync(xlsxName, Write(s => ReportXlsx.Write(report, s)), CycleReportBlobs.XlsxContentType, cancellationToken);
            }
            var recorded = await cycles.HandleCycleAsync(cycleId, _ => new RecordCompilation(number, docxName, xlsxName, cycles.Time.GetUtcNow()), cancellationToken);
            return recorded.Refused ? CompileResult.NotPending : CompileResult.Stored;
        }
        catch (Exception e) when (!IsTransient(e))
        {
            await cycles.HandleCycleAsync(cycleId, _ => new ReportCompilationFailure(number, Reason(e), cycles.Time.GetUtcNow()), cancellationToken);
            return CompileResult.Failed;
        }
    }

    /// <summary>
    /// "Sammanställ": asks for a new version of a closed cycle's report and wakes its orchestration, which compiles it.
    /// Refused while a version is still being compiled (a double click asks once) and while the cycle is open.
    /// </summary>
    public async Task<CycleOutcome> RequestCompilationAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        var stored = await cycles.LoadCycleAsync(cycleId, cancellationToken);
        if (ReportCycleService.PendingCompilation(stored.State) is { } pending)
        {
            return new CycleOutcome(stored, CycleDecision.Refuse(CycleRefusalReason.WrongPhase,
                $"Version {pending} av rapporten sammanställs redan. Vänta tills den är klar innan du begär en ny."));
        }
        var outcome = await cycles.HandleCycleAsync(cycleId, _ => new RequestCompilation(cycles.Time.GetUtcNow()), cancellationToken);
        // The request leaves no mail, so the service raises no signal; and the orchestration of a compiled cycle has ended.
        if (!outcome.Refused && outcome.Decision.Events.Count > 0)
            await workflows.WakeAsync(cycleId, cancellationToken: cancellationToken);
        return outcome;
    }

    /// <summary>The report page's and API's model, or null when there is no such cycle.</summary>
    public async Task<CycleReportView?> ViewAsync(string cycleId, CancellationToken cancellationToken = default)
    {
        var stored = await cycles.LoadCycleAsync(cycleId, cancellationToken);
        if (stored.State.CycleOrNull is not { } cycle)
            return null;
        LinkedRound? round = null;
        if (cycle.JusteringRoundId is { } roundId)
            round = new LinkedRound(roundId, (await rounds.LoadAsync(roundId, cancellationToken)).State);
        var pending = ReportCycleService.PendingCompilation(stored.State);
        // Whoever looks at a pending version (the page while it says "pågår", a script polling the API) also starts
        // the orchestration if it is not running: a request raised while the last turn was ending is otherwise lost
        // until recovery's grace has passed. A running orchestration is left alone; nothing in the cycle changes.
        if (pending is not null)
            await EnsureCompilingAsync(cycleId, cancellationToken);
        return new CycleReportView(stored.State, pending, round);
    }

    /// <summary>
    /// Starts the cycle's orchestration if it is not running, so a pending version is compiled even when the request's
    /// own signal was lost (the page that shows "pågår" calls this; it changes nothing in the cycle).
    /// </summary>
    public Task EnsureCompilingAsync(string cycleId, CancellationToken cancellationToken = default) =>
        workflows.WakeAsync(cycleId, onlyIfStopped: true, cancellationToken);

    /// <summary>A stored version's file, or null when the cycle has no such version (or its blob is missing).</summary>
    public async Task<ReportFile?> OpenAsync(string cycleId, int number, ReportFormat format, CancellationToken cancellationToken = default)
    {
        var stored = await cycles.LoadCycleAsync(cycleId, cancellationToken);
        // Only names the cycle recorded are opened: a version number is looked up, never turned into a path.
        if (stored.State.CycleOrNull?.Compilations.Find(v => v.Number == number) is not { } version)
            return null;
        var (name, type, extension) = format == ReportFormat.Docx
            ? (version.DocxBlobName, CycleReportBlobs.DocxContentType, ".docx")
            : (version.XlsxBlobName, CycleReportBlobs.XlsxContentType, ".xlsx");
        return await blobs.OpenReadAsync(name, cancellationToken) is { } file
            ? new ReportFile(file.Content, file.Length, CycleReportBlobs.FileStem(cycleId, number) + extension, type)
            : null;
    }

    /// <summary>The hand-over: records the justering round started for the FG meeting's protocol on the cycle.</summary>
    public Task<CycleOutcome> LinkRoundAsync(string cycleId, string roundId, CancellationToken cancellationToken = default) =>
        cycles.HandleCycleAsync(cycleId, _ => new LinkJusteringRound(roundId, cycles.Time.GetUtcNow()), cancellationToken);

    private async Task<CompiledReport> CompileReportAsync(ReportCycleState.Closed closed, CancellationToken cancellationToken)
    {
        var cycle = closed.Cycle;
        YearStructure structure;
        try
        {
            structure = await cycles.StructureAsync(cycle.StructureHash, cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new CompilationException("Årets målstruktur som perioden startades med saknas i lagringen. Rapporten kan inte sammanställas utan den.", e);
        }
        var unitIds = cycle.Units.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        // Only approved reports are compiled; the rest are listed as missing (CycleClosed named them).
        var approved = (await cycles.Store.ReadUnitsAsync(cycle.Id, cancellationToken: cancellationToken))
            .Where(u => u.State is UnitReportState.Approved && unitIds.Contains(u.UnitId))
            .ToDictionary(u => u.UnitId, u => u.State.ReportOrNull!.Input, StringComparer.Ordinal);
        return ReportCompiler.Compile(new CompileSource(
            options.Value.AdministrationName,
            cycle.Period,
            StockholmTime.LocalDate(cycles.Time.GetUtcNow()),
            structure,
            [.. cycle.Units],
            approved));
    }

    /// <summary>The writers need a readable, seekable stream (the Open XML package); the file is whole before it is stored.</summary>
    private static BinaryData Write(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return BinaryData.FromBytes(buffer.ToArray());
    }

    /// <summary>Storage that did not answer may answer the next attempt; anything else would fail the same way again.</summary>
    private static bool IsTransient(Exception e) =>
        e is StorageUnavailableException or RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException;

    private static string Reason(Exception e) => e switch
    {
        CompilationException c => c.Message,
        FileNotFoundException { FileName: { } font } when font.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) =>
            $"Typsnittet som rapportens diagram ritas med ({Path.GetFileName(font)}) saknas på servern. Be driften installera paketet fonts-dejavu-core (eller ange ett annat typsnitt) och sammanställ sedan igen.",
        FileNotFoundException or DirectoryNotFoundException =>
            $"En fil som behövs för att skriva rapporten saknas på servern ({Path.GetFileName((e as FileNotFoundException)?.FileName ?? "okänd fil")}). Be driften åtgärda det och sammanställ sedan igen.",
        OutOfMemoryException or InsufficientMemoryException => "Servern hade inte minne nog att skriva rapporten. Försök igen om en stund.",
        _ => $"Rapporten kunde inte sammanställas på grund av ett oväntat fel ({e.GetType().Name}). Försök igen med Sammanställ; kvarstår felet, kontakta IT-stödet.",
    };
}

/// <summary>A compile that cannot succeed, with the Swedish reason the report page shows.</summary>
public sealed class CompilationException : Exception
{
    public CompilationException()
    {
    }

    public CompilationException(string message)
        : base(message)
    {
    }

    public CompilationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

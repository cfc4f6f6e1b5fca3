using System.Security.Cryptography;
using Justera.Application.JusteringRounds;
using Justera.Application.Outbox;
using Justera.Core.JusteringRounds;
using Justera.Documents.Sealing;
using Justera.Storage;
using Justera.Storage.Protocols;
using Justera.Storage.SignedProtocols;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justera.Application.SignedProtocols;

/// <summary>Sealing failed; <see cref="Reason"/> is what the round page and the secretary were told, in Swedish.</summary>
public sealed class SealingFailedException : Exception
{
    public SealingFailedException()
    {
    }

    public SealingFailedException(string message)
        : base(message)
    {
    }

    public SealingFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string Reason => Message;
}

/// <summary>
/// The seal effect of a completed round: builds the justering page and the evidence from the round, seals the approved
/// original with the administration's certificate, stores the sealed file write-once with its evidence beside it,
/// indexes it for the verification page, and records the seal, which mails everyone a link. Idempotent and safe to run
/// twice at once: the document id (and so the blob name) is fixed by the round and version, the first stored file
/// stands, and both runs record that file's hash. A failure is shown on the round page and then thrown again, so the
/// dispatcher's retries apply; nothing is stored before the sealed file exists and verifies.
/// </summary>
public sealed partial class ProtocolSealing(
    JusteringRoundService rounds,
    ProtocolBlobs protocols,
    SignedProtocolBlobs signedProtocols,
    SealedIndex index,
    SealCertificates certificates,
    IOptions<JusteraOptions> options,
    ILogger<ProtocolSealing> logger) : IProtocolSealer
{
    private static readonly Lazy<SealOptions> DefaultSealOptions = new(() =>
    {
        // The build copies DejaVu Sans next to the app (Justera.LocalHost.csproj), so a published app carries its font.
        var folder = Path.Combine(AppContext.BaseDirectory, "fonts");
        var bundled = SealOptions.WithFontsIn(folder);
        return File.Exists(bundled.FontPath) && File.Exists(bundled.BoldFontPath) ? bundled : new SealOptions();
    });

    /// <summary>How the pages are drawn and signed; the fonts next to the app when they are there, else Debian's.</summary>
    public static SealOptions SealOptions => DefaultSealOptions.Value;

    public async Task SealAsync(string roundId, int approvedVersion, CancellationToken cancellationToken = default)
    {
        try
        {
            await SealOnceAsync(roundId, approvedVersion, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reason = ReasonFor(e);
            LogSealFailed(roundId, approvedVersion, e.GetType().Name);
            try
            {
                await rounds.HandleAsync(roundId, _ => new ReportSealFailure(reason, rounds.Time.GetUtcNow()), cancellationToken);
            }
            catch (StorageUnavailableException)
            {
                // Storage is down: the dispatcher's retry reports it when it is back.
                LogReportFailed(roundId);
            }
            throw new SealingFailedException(reason, e);
        }
    }

    private async Task SealOnceAsync(string roundId, int approvedVersion, CancellationToken cancellationToken)
    {
        var stored = await rounds.LoadAsync(roundId, cancellationToken);
        switch (stored.State)
        {
            case JusteringRoundState.Sealed s when s.SignedProtocol.Version == approvedVersion:
                return;
            case JusteringRoundState.Completed c when c.Round.Protocol.Version == approvedVersion:
                break;
            default:
                throw new InvalidOperationException($"Round {roundId} is {stored.State.GetType().Name}, not completed with version {approvedVersion}.");
        }

        var round = stored.State.RoundOrNull!;
        var documentId = SignedProtocol.DocumentIdFor(roundId, approvedVersion);
        var history = await rounds.HistoryAsync(roundId, cancellationToken);
        var evidence = SealEvidence.Json(round, history, documentId, approvedVersion);
        var answers = AnswerTexts.Current(round, history.SelectMany(d => d.Events));

        // A file stored by an earlier run (that failed before recording it, or runs beside this one) stands.
        var standing = (await signedProtocols.ReadAsync(SignedProtocolBlobs.NameFor(documentId), cancellationToken))?.ToMemory();
        DateTimeOffset? sealedAt = null;
        if (standing is null)
        {
            var (sealedFile, signedAt) = await SealAsync(round, answers, documentId, evidence, cancellationToken);
            if (await signedProtocols.TryStoreAsync(documentId, BinaryData.FromBytes(sealedFile), cancellationToken))
                (standing, sealedAt) = (sealedFile, signedAt);
            else
                standing = (await signedProtocols.ReadAsync(SignedProtocolBlobs.NameFor(documentId), cancellationToken))?.ToMemory()
                    ?? throw new InvalidOperationException($"The sealed file of {documentId} was refused as existing but cannot be read.");
        }
        await signedProtocols.StoreEvidenceOnceAsync(documentId, BinaryData.FromBytes(evidence), cancellationToken);
        sealedAt ??= RequireValidSeal(standing.Value, $"The stored sealed file of {documentId}");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(standing.Value.Span));
        await index.RecordAsync(new SealedEntry(sha256, roundId, documentId), cancellationToken);

        var outcome = await rounds.HandleAsync(roundId, state => new RecordSeal(
            approvedVersion, SignedProtocolBlobs.NameFor(documentId), sha256, documentId, JusteringRoundService.FreshLinks(roundId, state),
            sealedAt?.ToUniversalTime() ?? rounds.Time.GetUtcNow()), cancellationToken);
        if (outcome.Decision.Refusal is { } refusal)
            throw new InvalidOperationException($"Recording the seal of round {roundId} was refused: {refusal.Reason} {refusal.Message}");
    }

    /// <summary>Seals the approved original; nothing is read or made without a usable certificate.</summary>
    private async Task<(byte[] File, DateTimeOffset? SealedAt)> SealAsync(
        Round round, IReadOnlyDictionary<string, AnswerRecorded> answers, string documentId, byte[] evidence, CancellationToken cancellationToken)
    {
        var certificate = certificates.Current();
        var original = await protocols.ReadAsync(round.Protocol.BlobName, cancellationToken)
            ?? throw new InvalidOperationException($"The approved protocol {round.Protocol.BlobName} of round {round.Id} is missing from storage.");
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(original.ToMemory().Span)), round.Protocol.Sha256, StringComparison.Ordinal))
            throw new InvalidOperationException($"The stored protocol {round.Protocol.BlobName} of round {round.Id} does not have the approved version's hash.");
        var facts = JusteringPage.Facts(round, answers, documentId, options.Value.VerificationPage(documentId), rounds.Time.GetUtcNow());
        var sealedFile = ProtocolSealer.Seal(original.ToMemory(), facts, evidence, certificate, SealOptions);
        return (sealedFile, RequireValidSeal(sealedFile, "The file just sealed"));
    }

    /// <summary>Checks a sealed file's own signature before it is stored or recorded; returns the sealing time it carries.</summary>
    private static DateTimeOffset? RequireValidSeal(ReadOnlyMemory<byte> file, string what)
    {
        var check = SealVerifier.Verify(file);
        check.SignerCertificate?.Dispose();
        return check.IsValid ? check.SigningTime : throw new InvalidOperationException($"{what} does not verify: {check.Status} {check.Reason}");
    }

    /// <summary>What the round page says about a failure: the certificate's own message, else plainly that it went wrong.</summary>
    private static string ReasonFor(Exception e) => e switch
    {
        SealCertificateException => e.Message,
        StorageUnavailableException => "Lagringen svarade inte, så protokollet kunde inte förseglas. Justera försöker igen om en stund.",
        NotSupportedException => "Protokollet kan inte förseglas, eftersom filen är krypterad eller certifierad mot ändringar.",
        FileNotFoundException => "Typsnittet för justeringssidan (DejaVu Sans) saknas på servern, så protokollet kunde inte förseglas.",
        _ => "Ett tekniskt fel uppstod när protokollet skulle förseglas. Justera försöker igen om en stund.",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealing version {Version} of round {RoundId} failed: {ErrorType}")]
    private partial void LogSealFailed(string roundId, int version, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The seal failure of round {RoundId} could not be recorded: storage is unavailable")]
    private partial void LogReportFailed(string roundId);
}

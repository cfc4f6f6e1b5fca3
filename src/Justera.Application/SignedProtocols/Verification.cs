using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Justera.Application.JusteringRounds;
using Justera.Core.JusteringRounds;
using Justera.Documents.Sealing;
using Justera.Storage.SignedProtocols;

namespace Justera.Application.SignedProtocols;

/// <summary>What the verification found.</summary>
public enum VerificationVerdict
{
    /// <summary>The uploaded file is the sealed protocol exactly as Justera stored it.</summary>
    Genuine,

    /// <summary>A document id Justera sealed; no file was checked.</summary>
    Recorded,

    /// <summary>Justera has sealed no document with that id or that file.</summary>
    UnknownDocument,

    /// <summary>Bytes were added to a sealed file after the seal.</summary>
    ChangedAfterSealing,

    /// <summary>The seal does not match the file: it was changed, or the seal is damaged or forged.</summary>
    SignatureInvalid,

    /// <summary>The file carries no seal, or someone else's.</summary>
    NotSealedByJustera,

    /// <summary>The upload cannot be checked at all: empty, too large, not a PDF or encrypted.</summary>
    BadInput,
}

/// <summary>A justerare's line as the justering page prints it.</summary>
public sealed record VerifiedJusterare(string Name, string Organisation, string Answer, DateTimeOffset AnsweredAt, int AttachmentNumber);

/// <summary>The facts of a sealed protocol that the protocol prints itself, and nothing more.</summary>
public sealed record SealedDocumentFacts(
    string DocumentId,
    string Administration,
    DateOnly MeetingDate,
    int ProtocolVersion,
    string Secretary,
    DateTimeOffset SealedAt,
    string Sha256,
    string OriginalSha256,
    long OriginalLength,
    IReadOnlyList<VerifiedJusterare> Justerare);

/// <summary>The answer of the verification page, in plain Swedish.</summary>
/// <param name="Verdict">What was found.</param>
/// <param name="Message">One sentence saying it, for people.</param>
/// <param name="Document">The sealed document's facts when it is known (genuine, or looked up by its id).</param>
/// <param name="ChangedDocumentId">For a changed copy whose sealed part Justera knows: which document it was.</param>
public sealed record VerificationResult(VerificationVerdict Verdict, string Message, SealedDocumentFacts? Document = null, string? ChangedDocumentId = null)
{
    public bool IsGenuine => Verdict == VerificationVerdict.Genuine;
}

/// <summary>
/// Checks a copy of a signed protocol: the CMS seal over its byte range, that the range reaches the end of the file,
/// that the file is the one recorded for its document (found by the file's SHA-256), and that it begins with the
/// approved original. Or looks a document id up. Reads only; stores nothing of what is uploaded.
/// </summary>
public sealed partial class Verification(JusteringRoundService rounds, SealedIndex index, SealCertificates certificates)
{
    /// <summary>The largest file checked (25 MB, as for uploaded protocols).</summary>
    public const long MaxBytes = 25 * 1024 * 1024;

    /// <summary>What an upload over <see cref="MaxBytes"/> is told.</summary>
    public const string TooLargeMessage = "Filen är större än 25 MB. Ett protokoll som Justera har förseglat är mindre än så, så det här är inte ett sådant.";

    public async Task<VerificationResult> VerifyFileAsync(ReadOnlyMemory<byte> file, CancellationToken cancellationToken = default)
    {
        if (BadInput(file.Span) is { } bad)
            return new(VerificationVerdict.BadInput, bad);

        var seal = SealVerifier.Verify(file, cancellationToken);
        using var signer = seal.SignerCertificate;
        switch (seal.Status)
        {
            case SealStatus.NoSignature:
                return new(VerificationVerdict.NotSealedByJustera, "Dokumentet är inte förseglat av Justera: det har inget elektroniskt sigill.");
            case SealStatus.UnsupportedFormat:
                return new(VerificationVerdict.NotSealedByJustera, "Dokumentet är inte förseglat av Justera: dess underskrift är av ett annat slag än Justeras sigill.");
            case SealStatus.Malformed when seal.SignatureCount == 0:
                // The file itself could not be read (or passed a reading bound) before any signature was found.
                return new(VerificationVerdict.BadInput, seal.SwedishReason is { Length: > 0 } unreadable ? unreadable : "Filen går inte att läsa som PDF. Den kan vara skadad eller ofullständig.");
            case SealStatus.Malformed when seal.SwedishReason.Length > 0:
                // A signature that cannot be read (a forged /ByteRange, a gap that is not its /Contents) is no seal.
                return new(VerificationVerdict.SignatureInvalid, "Dokumentet är inte äkta: " + seal.SwedishReason);
            case SealStatus.Malformed or SealStatus.SignatureInvalid:
                return new(VerificationVerdict.SignatureInvalid, "Dokumentet är inte äkta: sigillet stämmer inte med innehållet, så dokumentet har ändrats efter förseglingen eller sigillet är skadat.");
            case SealStatus.NotCoveringWholeFile:
                var sealedPart = await index.FindAsync(Sha256(file.Span[..(int)seal.SignedLength]), cancellationToken);
                return new(VerificationVerdict.ChangedAfterSealing,
                    "Dokumentet är inte äkta: något har lagts till i filen efter förseglingen. Sigillet gäller bara det som fanns när protokollet förseglades.",
                    ChangedDocumentId: sealedPart?.DocumentId);
            case SealStatus.Valid:
                break;
            default:
                throw new InvalidOperationException($"Unknown seal status {seal.Status}.");
        }

        var sha256 = Sha256(file.Span);
        var entry = await index.FindAsync(sha256, cancellationToken);
        var document = entry is null ? null : await RecordedAsync(entry.RoundId, entry.DocumentId, cancellationToken);
        if (document is null || document.Sha256 != sha256)
        {
            var ours = certificates.Peek();
            return ours is not null && signer is not null && signer.RawDataMemory.Span.SequenceEqual(ours.RawDataMemory.Span)
                ? new(VerificationVerdict.UnknownDocument, "Okänt dokument: det är förseglat med Justeras sigill, men finns inte bland de protokoll som Justera har förseglat och sparat.")
                : new(VerificationVerdict.NotSealedByJustera, "Dokumentet är inte förseglat av Justera: sigillet är äkta, men det är någon annans.");
        }

        // The recorded file begins with the approved original; say so only after checking it here too.
        if (file.Length < document.OriginalLength || Sha256(file.Span[..(int)document.OriginalLength]) != document.OriginalSha256)
            return new(VerificationVerdict.SignatureInvalid, "Dokumentet är inte äkta: det börjar inte med det godkända protokollet.");

        return new(VerificationVerdict.Genuine,
            $"Detta är det justerade protokollet från förvaltningsgruppens möte {Core.Swedish.SwedishFormat.Date(document.MeetingDate)}, version {document.ProtocolVersion}, förseglat {Core.Swedish.SwedishFormat.DateTime(document.SealedAt)}. Filen är oförändrad sedan förseglingen.",
            document);
    }

    public async Task<VerificationResult> LookUpAsync(string? documentId, CancellationToken cancellationToken = default)
    {
        var id = documentId?.Trim().ToLowerInvariant() ?? "";
        if (id.Length == 0)
            return new(VerificationVerdict.BadInput, "Ange dokument-id, som det står längst ned på justeringssidan.");
        var match = DocumentIdPattern().Match(id);
        var document = match.Success ? await RecordedAsync(match.Groups[1].Value, id, cancellationToken) : null;
        return document is null
            ? new(VerificationVerdict.UnknownDocument, "Okänt dokument: Justera har inte förseglat något protokoll med det dokument-id:t. Kontrollera att du har skrivit av det rätt.")
            : new(VerificationVerdict.Recorded,
                $"Dokumentet finns: det justerade protokollet från förvaltningsgruppens möte {Core.Swedish.SwedishFormat.Date(document.MeetingDate)}, version {document.ProtocolVersion}, förseglat {Core.Swedish.SwedishFormat.DateTime(document.SealedAt)}. Ladda upp din fil för att kontrollera att den är oförändrad.",
                document);
    }

    /// <summary>Why an upload cannot be checked, or null. Encryption is seen from the /Encrypt key, which an encrypted file's trailer must carry.</summary>
    public static string? BadInput(ReadOnlySpan<byte> file)
    {
        if (file.IsEmpty)
            return "Filen är tom. Välj det signerade protokollet (PDF) och försök igen.";
        if (file.Length > MaxBytes)
            return TooLargeMessage;
        if (!file.StartsWith("%PDF-"u8))
            return "Filen är inte en PDF. Välj det signerade protokollet, som är en PDF-fil.";
        if (HasEncryptKey(file))
            return "Filen är lösenordsskyddad eller krypterad och kan inte kontrolleras. Justera förseglar aldrig krypterade filer.";
        return null;
    }

    private static bool HasEncryptKey(ReadOnlySpan<byte> file)
    {
        var key = "/Encrypt"u8;
        for (var at = file.IndexOf(key); at >= 0; at = Next(file, at + key.Length, key))
        {
            var end = at + key.Length;
            // "/EncryptMetadata" is another name; the key is followed by a delimiter or white space.
            if (end >= file.Length || file[end] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or (byte)'<' or (byte)'/' or (byte)'[' or (byte)'(')
                return true;
        }
        return false;

        static int Next(ReadOnlySpan<byte> file, int from, ReadOnlySpan<byte> key)
        {
            var found = file[from..].IndexOf(key);
            return found < 0 ? -1 : from + found;
        }
    }

    private async Task<SealedDocumentFacts?> RecordedAsync(string roundId, string documentId, CancellationToken cancellationToken)
    {
        if (!Core.Links.PersonalLinks.IsRoundId(roundId))
            return null;
        var stored = await rounds.LoadAsync(roundId, cancellationToken);
        if (stored.State is not JusteringRoundState.Sealed { Round: var round, SignedProtocol: var signed } || signed.DocumentId != documentId)
            return null;
        var approved = round.Versions.Find(v => v.Version == signed.Version) ?? round.Protocol;
        return new SealedDocumentFacts(
            signed.DocumentId,
            round.Administration.Name,
            round.MeetingDate,
            signed.Version,
            round.Secretary.Name,
            signed.SealedAt,
            signed.Sha256,
            approved.Sha256,
            approved.Length,
            [.. JusteringPage.Rows(round, await rounds.CurrentAnswersAsync(roundId, round, cancellationToken)).Select(r => new VerifiedJusterare(r.Name, r.Organisation, r.AnswerText, r.AnsweredAt, r.AttachmentNumber))]);
    }

    private static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [GeneratedRegex("^([0-9a-f]{32})-v[0-9]{1,4}$")]
    private static partial Regex DocumentIdPattern();
}

using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Justera.Documents.Limits;
using Justera.Documents.Sealing.Pdf;

namespace Justera.Documents.Sealing;

/// <summary>What <see cref="SealVerifier"/> found.</summary>
public enum SealStatus
{
    /// <summary>The last signature is intact and covers the whole file.</summary>
    Valid,

    /// <summary>The file has no signature field with a signature.</summary>
    NoSignature,

    /// <summary>The file or its signature cannot be read.</summary>
    Malformed,

    /// <summary>The last signature is not a PAdES (ETSI.CAdES.detached) signature.</summary>
    UnsupportedFormat,

    /// <summary>The signed bytes were changed, or the signature does not verify.</summary>
    SignatureInvalid,

    /// <summary>The signature is intact, but bytes were added after what it signed.</summary>
    NotCoveringWholeFile,
}

/// <summary>The result of checking a sealed file's last signature.</summary>
/// <param name="Status">The verdict.</param>
/// <param name="Reason">Why, in English, for logs and support.</param>
/// <param name="SignerCertificate">The certificate the CMS names as its signer, when it could be read (the caller owns it).</param>
/// <param name="SigningTime">The signature dictionary's /M: the time the sealer claims, not a timestamp.</param>
/// <param name="ByteRange">The signature's /ByteRange: offset and length of the bytes before and after /Contents.</param>
/// <param name="SignedLength">How many leading bytes of the file the signature's range reaches.</param>
/// <param name="SignatureCount">How many signatures the file's form lists.</param>
/// <param name="SwedishReason">Why the file or its signature cannot be read, for people, in Swedish (empty when it could).</param>
public sealed record SealVerification(
    SealStatus Status,
    string Reason,
    X509Certificate2? SignerCertificate,
    DateTimeOffset? SigningTime,
    IReadOnlyList<long> ByteRange,
    long SignedLength,
    int SignatureCount,
    string SwedishReason = "")
{
    /// <summary>Whether the last signature is intact and covers the whole file.</summary>
    public bool IsValid => Status == SealStatus.Valid;
}

/// <summary>Checks the last signature of a sealed protocol: its CMS over its byte range, and that the range reaches the end of the file.</summary>
/// <remarks>
/// Checks integrity and who signed, not trust: whether the certificate is the administration's, and whether the
/// file begins with the approved original (compare the first <see cref="JusteringPageFacts.OriginalLength"/>
/// bytes' hash), are the caller's to decide.
/// </remarks>
public static class SealVerifier
{
    private const string UnreadableFile = "Filen går inte att läsa som PDF. Den kan vara skadad eller ofullständig.";
    private const string BadByteRange = "sigillets byteintervall (/ByteRange) beskriver inte filen: det ska vara fyra heltal som börjar på 0 och ryms i filen.";
    private const string BadGap = "det som sigillets byteintervall lämnar utanför är inte sigillets eget värde (/Contents).";
    private const string UnreadableSignature = "sigillets signaturdata går inte att läsa.";

    /// <summary>Verifies <paramref name="file"/>'s last signature (the one whose byte range reaches furthest).</summary>
    /// <remarks>Anyone may call this through /verifiera, so reading the file is bounded by <see cref="PdfLimits"/> and every number it holds is checked before use.</remarks>
    public static SealVerification Verify(ReadOnlyMemory<byte> file, CancellationToken cancellationToken = default)
    {
        try
        {
            return VerifyChecked(file, cancellationToken);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            // Every known failure is handled where it happens; this is the backstop that keeps an unforeseen one from
            // becoming a 500 on a public endpoint. The fuzzing harness treats this reason as a finding (bench/fuzz).
            return Failed(SealStatus.Malformed, UnexpectedPrefix + exception.GetType().Name + ": " + exception.Message, [], swedish: UnreadableFile);
        }
    }

    /// <summary>How <see cref="SealVerification.Reason"/> begins when the verifier met an exception no check foresaw.</summary>
    internal const string UnexpectedPrefix = "Unexpected ";

    private static SealVerification VerifyChecked(ReadOnlyMemory<byte> file, CancellationToken cancellationToken)
    {
        List<PdfDictionary> signatures;
        try
        {
            signatures = FindSignatures(PdfFileReader.Open(file, new PdfBudget(PdfLimits.Default, cancellationToken)));
        }
        catch (PdfLimitException exception)
        {
            return Failed(SealStatus.Malformed, "The file passes a reading bound: " + exception.Message, [], swedish: LimitReason(exception.Limit));
        }
        catch (PdfFormatException exception)
        {
            return Failed(SealStatus.Malformed, "The file's structure cannot be read: " + exception.Message, [], swedish: UnreadableFile);
        }

        if (signatures.Count == 0)
            return Failed(SealStatus.NoSignature, "The file has no signature.", []);

        // Only ranges that describe this file take part: a sum of two forged numbers is never computed unchecked.
        var ranges = signatures.Select(signature => ByteRangeOf(signature, file.Length)).ToList();
        var last = Enumerable.Range(0, signatures.Count).MaxBy(i => ranges[i] is { } r ? r[2] + r[3] : -1);
        var signature = signatures[last];
        var byteRange = ranges[last];
        if (byteRange is null)
            return Failed(SealStatus.Malformed, "The signature has no /ByteRange of four integers that describe the file.", [], signatures.Count, BadByteRange);

        try
        {
            return Check(file.Span, signature, byteRange, signatures.Count);
        }
        catch (Exception exception) when (exception is CryptographicException or AsnContentException or FormatException)
        {
            return Failed(SealStatus.Malformed, "The signature cannot be read: " + exception.Message, byteRange, signatures.Count, UnreadableSignature);
        }
    }

    /// <summary>The Swedish reason for a bound a file hit, for the verification page.</summary>
    internal static string LimitReason(PdfLimit limit) => limit switch
    {
        PdfLimit.DecodedBytes => "Filen innehåller komprimerade delar som packas upp till mer än ett protokoll rimligen kan innehålla, så den kontrolleras inte.",
        PdfLimit.Objects => "Filen består av fler objekt än ett protokoll rimligen kan innehålla, så den kontrolleras inte.",
        PdfLimit.Depth => "Filens struktur är inbäddad i för många nivåer, så den kontrolleras inte.",
        PdfLimit.PageContent => "Filens sidor innehåller mer ritdata än ett protokoll rimligen kan innehålla, så den kontrolleras inte.",
        PdfLimit.Time => "Filen tog för lång tid att kontrollera, så den kontrolleras inte.",
        _ => throw new ArgumentOutOfRangeException(nameof(limit), limit, null),
    };

    private static SealVerification Check(ReadOnlySpan<byte> file, PdfDictionary signature, long[] byteRange, int count)
    {
        // The gap must be exactly this signature's /Contents, and nothing else may hide in it.
        var gap = file[(int)byteRange[1]..(int)byteRange[2]];
        if (gap.Length < 2 || gap[0] != '<' || gap[^1] != '>' || gap[1..^1].ContainsAnyExcept(HexDigits) || gap.Length % 2 != 0)
            return Failed(SealStatus.Malformed, "The bytes outside the /ByteRange are not one hex string.", byteRange, count, BadGap);
        var contents = Convert.FromHexString(gap[1..^1]);
        if (signature["Contents"] is not PdfString declared || !declared.Bytes.AsSpan().SequenceEqual(contents))
            return Failed(SealStatus.Malformed, "The /ByteRange's gap is not the signature's /Contents.", byteRange, count, BadGap);

        if ((signature["SubFilter"] as PdfName)?.Value != "ETSI.CAdES.detached")
            return Failed(SealStatus.UnsupportedFormat, $"The signature's /SubFilter is {signature["SubFilter"]}, not /ETSI.CAdES.detached.", byteRange, count);

        // /Contents is padded with zeros after the DER; the CMS is its first TLV.
        AsnDecoder.ReadEncodedValue(contents, AsnEncodingRules.BER, out _, out _, out var cmsLength);
        var signed = new byte[byteRange[1] + byteRange[3]];
        file[..(int)byteRange[1]].CopyTo(signed);
        file.Slice((int)byteRange[2], (int)byteRange[3]).CopyTo(signed.AsSpan((int)byteRange[1]));

        var cms = new SignedCms(new ContentInfo(signed), detached: true);
        cms.Decode(contents.AsSpan(0, cmsLength));
        if (cms.SignerInfos.Count != 1)
            return Failed(SealStatus.SignatureInvalid, "The CMS does not have exactly one signer.", byteRange, count);
        var signer = cms.SignerInfos[0];
        var certificate = signer.Certificate;
        var signingTime = ParsePdfDate((signature["M"] as PdfString)?.ToText());
        SealVerification Result(SealStatus status, string reason) =>
            new(status, reason, certificate, signingTime, byteRange, byteRange[2] + byteRange[3], count);

        if (signer.DigestAlgorithm.Value != CadesSignature.Sha256Oid)
            return Result(SealStatus.SignatureInvalid, "The signature's digest algorithm is not SHA-256.");
        var digest = signer.SignedAttributes.Cast<CryptographicAttributeObject>()
            .Where(attribute => attribute.Oid.Value == CadesSignature.MessageDigestOid)
            .SelectMany(attribute => attribute.Values.Cast<AsnEncodedData>())
            .Select(value => new Pkcs9MessageDigest { RawData = value.RawData }.MessageDigest)
            .SingleOrDefault();
        if (digest is null || !digest.AsSpan().SequenceEqual(SHA256.HashData(signed)))
            return Result(SealStatus.SignatureInvalid, "The signed bytes' SHA-256 is not the signature's message digest: the file was changed.");
        try
        {
            signer.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException exception)
        {
            return Result(SealStatus.SignatureInvalid, "The signature value does not verify: " + exception.Message);
        }

        if (certificate is null || !SigningCertificateMatches(signer, certificate))
            return Result(SealStatus.SignatureInvalid, "The signed signing-certificate-v2 attribute does not name the signer's certificate.");
        if (byteRange[2] + byteRange[3] != file.Length)
            return Result(SealStatus.NotCoveringWholeFile, string.Create(CultureInfo.InvariantCulture, $"The signature covers the first {byteRange[2] + byteRange[3]} bytes of {file.Length}: bytes were added after sealing."));
        return Result(SealStatus.Valid, "The signature is intact and covers the whole file.");
    }

    // PAdES B-B requires ESS signing-certificate-v2, binding the signer's certificate into what is signed.
    private static bool SigningCertificateMatches(SignerInfo signer, X509Certificate2 certificate)
    {
        var attribute = signer.SignedAttributes.Cast<CryptographicAttributeObject>()
            .SingleOrDefault(attribute => attribute.Oid.Value == CadesSignature.SigningCertificateV2Oid);
        if (attribute is null || attribute.Values.Count != 1)
            return false;

        var reader = new AsnReader(attribute.Values[0].RawData, AsnEncodingRules.DER);
        var certs = reader.ReadSequence().ReadSequence();
        var first = certs.ReadSequence();
        var algorithm = HashAlgorithmName.SHA256;
        if (first.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var oid = first.ReadSequence().ReadObjectIdentifier();
            algorithm = oid switch
            {
                CadesSignature.Sha256Oid => HashAlgorithmName.SHA256,
                "2.16.840.1.101.3.4.2.2" => HashAlgorithmName.SHA384,
                "2.16.840.1.101.3.4.2.3" => HashAlgorithmName.SHA512,
                _ => default,
            };
            if (algorithm == default)
                return false;
        }

        var hash = first.ReadOctetString();
        return hash.AsSpan().SequenceEqual(CryptographicOperations.HashData(algorithm, certificate.RawData));
    }

    // Every signature dictionary the form's fields hold (fields may nest through /Kids).
    private static List<PdfDictionary> FindSignatures(PdfFileReader reader)
    {
        var catalog = reader.ResolveDictionary(reader.TrailerEntry("Root"));
        var acroForm = reader.ResolveDictionary(catalog?["AcroForm"]);
        var result = new List<PdfDictionary>();
        var visited = new HashSet<int>();
        void Walk(PdfObject item, int depth)
        {
            if (depth > 32 || (item is PdfReference reference && !visited.Add(reference.Number)))
                return;
            if (reader.ResolveDictionary(item) is not { } field)
                return;
            if (reader.ResolveDictionary(field["V"]) is { } value && value.ContainsKey("ByteRange") && value.ContainsKey("Contents"))
                result.Add(value);
            foreach (var kid in (reader.Resolve(field["Kids"]) as PdfArray)?.Items ?? [])
                Walk(kid, depth + 1);
        }

        foreach (var field in (reader.Resolve(acroForm?["Fields"]) as PdfArray)?.Items ?? [])
            Walk(field, 0);
        return result;
    }

    private static readonly System.Buffers.SearchValues<byte> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF"u8);

    // [0 a b c]: four integers, each checked against the file before any arithmetic on them, so that
    // numbers past Int64, negative ones and ranges whose sum would overflow are refused rather than computed.
    private static long[]? ByteRangeOf(PdfDictionary signature, long fileLength)
    {
        if (signature["ByteRange"] is not PdfArray { Items.Count: 4 } array)
            return null;
        var range = new long[4];
        for (var i = 0; i < 4; i++)
        {
            if (array.Items[i] is not PdfNumber number || !number.TryGetInteger(0, fileLength, out range[i]))
                return null;
        }

        // The first part starts the file; the gap holds at least "<>"; the second part ends inside the file.
        return range[0] == 0 && range[1] > 0 && range[2] >= range[1] + 2 && range[3] <= fileLength - range[2] ? range : null;
    }

    /// <summary>Reads a PDF date (7.9.4), "D:YYYYMMDDHHmmSSOHH'mm'", where everything after the year is optional.</summary>
    internal static DateTimeOffset? ParsePdfDate(string? text)
    {
        if (text is null)
            return null;
        var value = text.StartsWith("D:", StringComparison.Ordinal) ? text[2..] : text;
        var digits = new string(value.TakeWhile(char.IsAsciiDigit).ToArray());
        if (digits.Length < 4)
            return null;
        int Part(int start, int length, int fallback) =>
            digits.Length >= start + length ? int.Parse(digits.AsSpan(start, length), CultureInfo.InvariantCulture) : fallback;
        try
        {
            var offset = TimeSpan.Zero;
            var rest = value[digits.Length..];
            if (rest.Length > 0 && rest[0] is '+' or '-')
            {
                var zone = new string(rest[1..].Where(char.IsAsciiDigit).ToArray());
                var hours = zone.Length >= 2 ? int.Parse(zone.AsSpan(0, 2), CultureInfo.InvariantCulture) : 0;
                var minutes = zone.Length >= 4 ? int.Parse(zone.AsSpan(2, 2), CultureInfo.InvariantCulture) : 0;
                offset = new TimeSpan(hours, minutes, 0) * (rest[0] == '-' ? -1 : 1);
            }

            return new DateTimeOffset(Part(0, 4, 1), Part(4, 2, 1), Part(6, 2, 1), Part(8, 2, 0), Part(10, 2, 0), Part(12, 2, 0), offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static SealVerification Failed(SealStatus status, string reason, long[] byteRange, int count = 0, string swedish = "") =>
        new(status, reason, null, null, byteRange, byteRange.Length == 4 ? byteRange[2] + byteRange[3] : 0, count, swedish);
}

using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
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
public sealed record SealVerification(
    SealStatus Status,
    string Reason,
    X509Certificate2? SignerCertificate,
    DateTimeOffset? SigningTime,
    IReadOnlyList<long> ByteRange,
    long SignedLength,
    int SignatureCount)
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
    /// <summary>Verifies <paramref name="file"/>'s last signature (the one whose byte range reaches furthest).</summary>
    public static SealVerification Verify(ReadOnlyMemory<byte> file)
    {
        List<PdfDictionary> signatures;
        try
        {
            signatures = FindSignatures(PdfFileReader.Open(file));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return Failed(SealStatus.Malformed, "The file's structure cannot be read: " + exception.Message, []);
        }

        if (signatures.Count == 0)
            return Failed(SealStatus.NoSignature, "The file has no signature.", []);

        var ranges = signatures.Select(ByteRangeOf).ToList();
        var last = Enumerable.Range(0, signatures.Count).MaxBy(i => ranges[i] is { } r ? r[2] + r[3] : -1);
        var signature = signatures[last];
        var byteRange = ranges[last];
        if (byteRange is null)
            return Failed(SealStatus.Malformed, "The signature has no usable /ByteRange.", [], signatures.Count);

        try
        {
            return Check(file.Span, signature, byteRange, signatures.Count);
        }
        catch (Exception exception) when (exception is CryptographicException or AsnContentException or FormatException or ArgumentException or InvalidOperationException)
        {
            return Failed(SealStatus.Malformed, "The signature cannot be read: " + exception.Message, byteRange, signatures.Count);
        }
    }

    private static SealVerification Check(ReadOnlySpan<byte> file, PdfDictionary signature, long[] byteRange, int count)
    {
        if (byteRange[0] != 0 || byteRange[1] <= 0 || byteRange[2] <= byteRange[1] + 1 || byteRange[3] < 0 || byteRange[2] + byteRange[3] > file.Length)
            return Failed(SealStatus.Malformed, "The /ByteRange does not describe the file.", byteRange, count);

        // The gap must be exactly this signature's /Contents, and nothing else may hide in it.
        var gap = file[(int)byteRange[1]..(int)byteRange[2]];
        if (gap[0] != '<' || gap[^1] != '>' || !gap[1..^1].ToArray().All(PdfParser.IsHexDigit) || gap.Length % 2 != 0)
            return Failed(SealStatus.Malformed, "The bytes outside the /ByteRange are not one hex string.", byteRange, count);
        var contents = Convert.FromHexString(gap[1..^1]);
        if (signature["Contents"] is not PdfString declared || !declared.Bytes.AsSpan().SequenceEqual(contents))
            return Failed(SealStatus.Malformed, "The /ByteRange's gap is not the signature's /Contents.", byteRange, count);

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

    private static long[]? ByteRangeOf(PdfDictionary signature) =>
        signature["ByteRange"] is PdfArray { Items.Count: 4 } array && array.Items.All(item => item is PdfNumber { IsInteger: true })
            ? [.. array.Items.Select(item => ((PdfNumber)item).LongValue)]
            : null;

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

    private static SealVerification Failed(SealStatus status, string reason, long[] byteRange, int count = 0) =>
        new(status, reason, null, null, byteRange, byteRange.Length == 4 ? byteRange[2] + byteRange[3] : 0, count);
}

using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Justera.Documents.Sealing;

/// <summary>Makes the CMS of a PAdES baseline B-B signature (ETSI EN 319 142-1, ETSI.CAdES.detached).</summary>
/// <remarks>
/// Detached SignedData over the signed byte ranges, SHA-256, the signer's certificate included, and exactly the
/// signed attributes PAdES B-B asks for: content-type and message-digest (which <see cref="SignedCms"/> adds itself
/// once any signed attribute is present) and ESS signing-certificate-v2. No signing-time: PAdES puts the claimed
/// time in the signature dictionary's /M instead.
/// </remarks>
internal static class CadesSignature
{
    public const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    public const string ContentTypeOid = "1.2.840.113549.1.9.3";
    public const string MessageDigestOid = "1.2.840.113549.1.9.4";
    public const string SigningTimeOid = "1.2.840.113549.1.9.5";
    public const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";
    public const string SignatureTimestampOid = "1.2.840.113549.1.9.16.2.14";

    /// <summary>Signs <paramref name="signedBytes"/> (the byte ranges, concatenated) and returns the DER-encoded CMS.</summary>
    public static byte[] Sign(byte[] signedBytes, X509Certificate2 certificate, SealOptions options)
    {
        if (!certificate.HasPrivateKey)
            throw new ArgumentException("The seal certificate has no private key.", nameof(certificate));

        var cms = new SignedCms(new ContentInfo(signedBytes), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = new Oid(Sha256Oid),
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        foreach (var extra in options.ExtraCertificates)
            signer.Certificates.Add(extra);
        signer.SignedAttributes.Add(new AsnEncodedData(new Oid(SigningCertificateV2Oid), SigningCertificateV2(certificate)));
        cms.ComputeSignature(signer, silent: true);

        if (options.TimestampAuthority is { } timestampAuthority)
        {
            // B-T: a timestamp over the signature value, as an unsigned attribute (RFC 3161 appendix A).
            var signerInfo = cms.SignerInfos[0];
            var token = timestampAuthority.GetTimestampToken(signerInfo.GetSignature());
            signerInfo.AddUnsignedAttribute(new AsnEncodedData(new Oid(SignatureTimestampOid), token));
        }

        return cms.Encode();
    }

    /// <summary>
    /// SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (RFC 5035), one ESSCertIDv2 for the signer:
    /// SEQUENCE { certHash OCTET STRING (SHA-256, so hashAlgorithm is omitted as the DEFAULT), issuerSerial IssuerSerial }.
    /// </summary>
    public static byte[] SigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteOctetString(SHA256.HashData(certificate.RawData));

            // IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                    writer.WriteEncodedValue(certificate.IssuerName.RawData); // directoryName [4] Name, explicit as Name is a CHOICE
                writer.WriteInteger(certificate.SerialNumberBytes.Span);
            }
        }

        return writer.Encode();
    }
}

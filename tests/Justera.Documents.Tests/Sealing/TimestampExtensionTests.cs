using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Justera.Documents.Sealing;
using Justera.Documents.Tests.Support;
using static Justera.Documents.Tests.Sealing.SealingTestData;

namespace Justera.Documents.Tests.Sealing;

/// <summary>The PAdES B-T extension point: a timestamp authority's token over the signature value becomes an unsigned attribute.</summary>
public sealed class TimestampExtensionTests
{
    [Fact]
    public void GivenATimestampAuthority_WhenSealed_ThenTheCmsCarriesAVerifiableSignatureTimestamp()
    {
        using var authority = new TestTimestampAuthority();
        var options = new SealOptions { TimestampAuthority = authority };

        var sealedFile = ProtocolSealer.Seal(Sample, Facts(Sample), Evidence, Certificate, options);

        Assert.Equal(1, authority.Calls);
        var verification = SealVerifier.Verify(sealedFile);
        Assert.True(verification.IsValid, verification.Reason);
        var signerInfo = DecodeCms(sealedFile, verification.ByteRange).SignerInfos[0];
        var attribute = Assert.Single(signerInfo.UnsignedAttributes.Cast<CryptographicAttributeObject>(), a => a.Oid.Value == "1.2.840.113549.1.9.16.2.14");
        Assert.True(Rfc3161TimestampToken.TryDecode(attribute.Values[0].RawData, out var token, out _));
        Assert.True(token!.VerifySignatureForSignerInfo(signerInfo, out var timestampCertificate));
        Assert.Equal(authority.Certificate.Thumbprint, timestampCertificate!.Thumbprint);
        Assert.Equal(SealedAt, token.TokenInfo.Timestamp);

        using var folder = new TempFolder();
        Assert.Contains("Signature is Valid", Pdfsig(folder, sealedFile).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNoTimestampAuthority_WhenSealed_ThenTheCmsHasNoUnsignedAttributes()
    {
        var sealedFile = SealedSample;

        var verification = SealVerifier.Verify(sealedFile);

        Assert.Empty(DecodeCms(sealedFile, verification.ByteRange).SignerInfos[0].UnsignedAttributes);
        // The reserved room: 16 KB of CMS, written as hex between angle brackets.
        Assert.Equal((2 * SealOptions.DefaultSignatureReserve) + 2, verification.ByteRange[2] - verification.ByteRange[1]);
    }

    private static SignedCms DecodeCms(byte[] sealedFile, IReadOnlyList<long> range)
    {
        var contents = Convert.FromHexString(Encoding.ASCII.GetString(sealedFile, (int)range[1] + 1, (int)(range[2] - range[1] - 2)));
        // /Contents is zero-padded after the DER; the CMS is its first element.
        AsnDecoder.ReadEncodedValue(contents, AsnEncodingRules.BER, out _, out _, out var length);
        var cms = new SignedCms(new ContentInfo([.. sealedFile[..(int)range[1]], .. sealedFile[(int)range[2]..]]), detached: true);
        cms.Decode(contents.AsSpan(0, length));
        return cms;
    }

    // Issues RFC 3161 tokens with a self-signed TSA certificate, as a real authority would over HTTP.
    private sealed class TestTimestampAuthority : ITimestampAuthority, IDisposable
    {
        public TestTimestampAuthority()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Exempel-TSA, O=example.org", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.8")], critical: true));
            Certificate = request.CreateSelfSigned(SealedAt.AddYears(-1), SealedAt.AddYears(1));
        }

        public X509Certificate2 Certificate { get; }

        public int Calls { get; private set; }

        public byte[] GetTimestampToken(ReadOnlyMemory<byte> signatureValue)
        {
            Calls++;
            var info = new Rfc3161TimestampTokenInfo(
                new Oid("1.3.6.1.4.1.32473.1"),
                new Oid("2.16.840.1.101.3.4.2.1"),
                SHA256.HashData(signatureValue.Span),
                new byte[] { 0x01, 0x02 },
                SealedAt);
            var cms = new SignedCms(new ContentInfo(new Oid("1.2.840.113549.1.9.16.1.4"), info.Encode()));
            var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Certificate)
            {
                DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"),
                IncludeOption = X509IncludeOption.EndCertOnly,
            };
            signer.SignedAttributes.Add(new AsnEncodedData(new Oid("1.2.840.113549.1.9.16.2.47"), CadesSignature.SigningCertificateV2(Certificate)));
            cms.ComputeSignature(signer);
            return cms.Encode();
        }

        public void Dispose() => Certificate.Dispose();
    }
}

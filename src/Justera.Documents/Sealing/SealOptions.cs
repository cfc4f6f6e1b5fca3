using System.Security.Cryptography.X509Certificates;

namespace Justera.Documents.Sealing;

/// <summary>How <see cref="ProtocolSealer"/> draws and signs; the defaults suit a Debian machine with fonts-dejavu-core.</summary>
public sealed record SealOptions
{
    /// <summary>Where Debian's fonts-dejavu-core puts DejaVu Sans.</summary>
    public const string DebianFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>Where Debian's fonts-dejavu-core puts DejaVu Sans Bold.</summary>
    public const string DebianBoldFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    /// <summary>The default room for the CMS in /Contents: a one-certificate RSA-3072 CMS is about 1.7 KB, an RFC 3161 timestamp adds 4–6 KB.</summary>
    public const int DefaultSignatureReserve = 16 * 1024;

    /// <summary>Options that read DejaVuSans.ttf and DejaVuSans-Bold.ttf from <paramref name="directory"/>, e.g. fonts copied next to the app.</summary>
    public static SealOptions WithFontsIn(string directory) => new()
    {
        FontPath = Path.Combine(directory, Path.GetFileName(DebianFontPath)),
        BoldFontPath = Path.Combine(directory, Path.GetFileName(DebianBoldFontPath)),
    };

    /// <summary>The TrueType font for the new pages' text.</summary>
    public string FontPath { get; init; } = DebianFontPath;

    /// <summary>The TrueType font for headings and names.</summary>
    public string BoldFontPath { get; init; } = DebianBoldFontPath;

    /// <summary>Bytes reserved for the CMS in the signature's /Contents (written as twice as many hex digits).</summary>
    public int SignatureReserve { get; init; } = DefaultSignatureReserve;

    /// <summary>The signature field's name; a number is added if the file already has a field of that name.</summary>
    public string SignatureFieldName { get; init; } = "Justeringssigill";

    /// <summary>Intermediate CA certificates to carry in the CMS beside the seal certificate, so validators can build its chain.</summary>
    public IReadOnlyList<X509Certificate2> ExtraCertificates { get; init; } = [];

    /// <summary>An RFC 3161 time-stamping authority for a PAdES B-T seal; null (the default) makes a B-B seal.</summary>
    public ITimestampAuthority? TimestampAuthority { get; init; }
}

/// <summary>An RFC 3161 time-stamping authority: the extension point that turns the PAdES B-B seal into B-T.</summary>
public interface ITimestampAuthority
{
    /// <summary>Returns a DER-encoded TimeStampToken (RFC 3161) whose message imprint is the SHA-256 of <paramref name="signatureValue"/>.</summary>
    /// <remarks>The token is added to the CMS as the unsigned attribute id-aa-signatureTimeStampToken (1.2.840.113549.1.9.16.2.14).</remarks>
    byte[] GetTimestampToken(ReadOnlyMemory<byte> signatureValue);
}

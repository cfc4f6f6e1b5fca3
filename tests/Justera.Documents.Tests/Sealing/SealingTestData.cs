using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Justera.Documents.Sealing;
using Justera.Documents.Tests.Samples;
using Justera.Documents.Tests.Support;

namespace Justera.Documents.Tests.Sealing;

/// <summary>Invented justerare, facts and a self-signed seal certificate shared by the sealing tests.</summary>
internal static class SealingTestData
{
    public const string Administration = "Exempelby stadsdelsförvaltning";

    public static readonly Uri VerificationUrl = new("https://justera.example.org/verifiera/JUS-2026-0042");

    // RSA-3072 key generation takes a moment; one certificate serves every test.
    private static readonly Lazy<X509Certificate2> LazyCertificate = new(CreateCertificate);

    private static readonly Lazy<byte[]> LazySample = new(() => SampleProtocol.Create(3));

    // Sealing is deterministic for the same input (RSA PKCS#1 v1.5 signatures are), so most tests share one sealed sample.
    private static readonly Lazy<byte[]> LazySealedSample = new(() => Seal(Sample));

    public static X509Certificate2 Certificate => LazyCertificate.Value;

    /// <summary>A fresh copy of the sample sealed with <see cref="FourRows"/>, free to change.</summary>
    public static byte[] SealedSample => [.. LazySealedSample.Value];

    /// <summary>The invented three-page FG protocol of samples/.</summary>
    public static byte[] Sample => LazySample.Value;

    public static byte[] Evidence { get; } = Encoding.UTF8.GetBytes("""{"rond":"JUS-2026-0042","svar":[{"justerare":"Anna Björk","svar":"Inget att erinra"}]}""");

    public static readonly DateTimeOffset SealedAt = new(2026, 11, 26, 15, 2, 0, TimeSpan.Zero);

    public static IReadOnlyList<JusteringRow> FourRows { get; } =
    [
        Row("Anna Björk", "Kommunal", "Inget att erinra", 2, hour: 9, comment: null),
        Row("Erik Söderström", "Vision", "Justerat med oenighet under § 4: Vision delar inte bedömningen av arbetsmiljön", 3, hour: 10,
            comment: "Vision anser att arbetsbelastningen för enhetscheferna är för hög.\n\nVi vill att planen för hur den ska minska återrapporteras i januari."),
        Row("Leila Haddad", "Sveriges Lärare", "Inget att erinra", 4, hour: 11, comment: null),
        Row("Per Östlund", "Akademikerförbundet SSR", "Inget att erinra", 5, hour: 12, comment: "Tack för ett bra möte – och för att frågan om lönekartläggning kom med."),
    ];

    public static JusteringRow Row(string name, string organisation, string answer, int attachment, int hour = 9, string? comment = null) =>
        new(name, organisation, answer, new DateTimeOffset(2026, 11, 24, hour, 15, 0, TimeSpan.Zero), attachment, "Personlig länk i e-post", comment, 2,
            "9f2c6b1e0d4a7c3b5e8f1a2d3c4b5a6978877665544332211ffeeddccbbaa9988");

    public static JusteringPageFacts Facts(byte[] original, IReadOnlyList<JusteringRow>? rows = null) => new(
        Administration,
        new DateOnly(2026, 11, 19),
        2,
        "Maria Lindqvist",
        rows ?? FourRows,
        "JUS-2026-0042",
        Convert.ToHexStringLower(SHA256.HashData(original)),
        original.Length,
        VerificationUrl,
        SealedAt);

    public static byte[] Seal(byte[] original, IReadOnlyList<JusteringRow>? rows = null) =>
        ProtocolSealer.Seal(original, Facts(original, rows), Evidence, Certificate);

    /// <summary>pdftotext's text of a file, with every run of white space made one space (lines wrap where the layout chose).</summary>
    public static string Text(TempFolder folder, byte[] pdf)
    {
        var path = folder.Write($"text-{Guid.NewGuid():N}.pdf", pdf);
        var result = ExternalTool.Run("pdftotext", "-enc", "UTF-8", path, "-");
        Assert.True(result.ExitCode == 0, result.Error);
        return string.Join(' ', result.Output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    public static int PageCount(TempFolder folder, byte[] pdf)
    {
        var path = folder.Write($"info-{Guid.NewGuid():N}.pdf", pdf);
        var result = ExternalTool.Run("pdfinfo", path);
        Assert.True(result.ExitCode == 0, result.Error);
        var line = result.Output.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static ToolResult Pdfsig(TempFolder folder, byte[] pdf) =>
        ExternalTool.Run("pdfsig", folder.Write($"sig-{Guid.NewGuid():N}.pdf", pdf));

    /// <summary>Fails unless qpdf --check passes without a single warning.</summary>
    public static void QpdfCheck(TempFolder folder, byte[] pdf)
    {
        var result = ExternalTool.Run("qpdf", "--check", folder.Write($"check-{Guid.NewGuid():N}.pdf", pdf));
        Assert.True(result.ExitCode == 0, $"qpdf --check exited {result.ExitCode}: {result.Output}{result.Error}");
        Assert.DoesNotContain("WARNING", result.Output + result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("No syntax or stream encoding errors found", result.Output, StringComparison.Ordinal);
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(3072);
        var request = new CertificateRequest("CN=Exempelby stadsdelsförvaltning, O=example.org", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        return request.CreateSelfSigned(SealedAt.AddYears(-1), SealedAt.AddYears(2));
    }
}

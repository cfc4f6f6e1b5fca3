using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using BenchmarkDotNet.Attributes;
using Justera.Application.SignedProtocols;
using Justera.Documents.Sealing;
using Justera.Documents.Tests.Samples;

namespace Justera.Bench;

/// <summary>The invented protocol at any length, ten answers, and a development seal certificate: what the seal benchmarks seal.</summary>
internal static class SealInputs
{
    public static readonly DateTimeOffset SealedAt = new(2026, 12, 8, 9, 10, 0, TimeSpan.Zero);

    public static X509Certificate2 Certificate() => SealCertificates.CreateDevelopment(SealedAt.AddDays(-1), "CN=Exempelby stadsdelsförvaltning");

    public static byte[] Evidence { get; } = Encoding.UTF8.GetBytes("""{"documentId":"bench","events":[]}""");

    /// <summary>Ten answers: most "inget att erinra", two with dissent and a comment, one long comment.</summary>
    public static JusteringPageFacts Facts(byte[] original)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(original));
        var rows = Enumerable.Range(0, 10).Select(i => new JusteringRow(
            $"Justerare {i + 1}",
            (i % 4) switch { 0 => "Kommunal", 1 => "Vision", 2 => "Sveriges Lärare", _ => "arbetsgivaren" },
            i % 5 == 1 ? $"Justerat med oenighet under § {i}: organisationen delar inte bedömningen" : "Inget att erinra",
            SealedAt.AddHours(-i),
            2 + i,
            "Personlig länk i e-post",
            i == 6 ? string.Join(' ', Enumerable.Repeat("En längre kommentar som bryts över flera rader på bilagan.", 40)) : i % 5 == 1 ? "Se protokollet." : null,
            1,
            sha)).ToList();
        return new JusteringPageFacts("Exempelby stadsdelsförvaltning", new DateOnly(2026, 11, 19), 1, "Maria Lindqvist", rows,
            "0123456789abcdef0123456789abcdef-v1", sha, original.Length, new Uri("https://justera.example.org/verifiera?dokument=0123456789abcdef0123456789abcdef-v1"), SealedAt);
    }

    public static byte[] Seal(byte[] original, X509Certificate2 certificate) =>
        ProtocolSealer.Seal(original, Facts(original), Evidence, certificate, ProtocolSealing.SealOptions);
}

/// <summary>Sealing (new pages + signature) of 10-, 100- and 500-page originals with ten answers: appending must not grow with the original.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class SealBenchmarks
{
    private byte[] _original = [];
    private JusteringPageFacts _facts = null!;
    private X509Certificate2 _certificate = null!;

    [Params(10, 100, 500)]
    public int Pages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _original = SampleProtocol.Create(Pages);
        _facts = SealInputs.Facts(_original);
        _certificate = SealInputs.Certificate();
    }

    [GlobalCleanup]
    public void Cleanup() => _certificate.Dispose();

    [Benchmark]
    public byte[] Seal() => ProtocolSealer.Seal(_original, _facts, SealInputs.Evidence, _certificate, ProtocolSealing.SealOptions);
}

/// <summary>Checking a 500-page sealed file: the CMS over its byte range, and everything the verification page does but storage.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class VerifyBenchmarks
{
    private byte[] _sealed = [];
    private int _originalLength;

    [GlobalSetup]
    public void Setup()
    {
        using var certificate = SealInputs.Certificate();
        var original = SampleProtocol.Create(500);
        _originalLength = original.Length;
        _sealed = SealInputs.Seal(original, certificate);
    }

    [Benchmark]
    public SealVerification VerifySeal()
    {
        var result = SealVerifier.Verify(_sealed);
        result.SignerCertificate?.Dispose();
        return result;
    }

    /// <summary>The verification page's work on a file without its two storage reads: input checks, seal, whole-file and original hashes.</summary>
    [Benchmark]
    public bool VerifyUpload()
    {
        if (Verification.BadInput(_sealed) is not null)
            return false;
        var result = SealVerifier.Verify(_sealed);
        result.SignerCertificate?.Dispose();
        var whole = SHA256.HashData(_sealed);
        var original = SHA256.HashData(_sealed.AsSpan(0, _originalLength));
        return result.IsValid && !whole.AsSpan().SequenceEqual(original);
    }
}

using System.Text;
using Justera.Documents.Sealing;
using Justera.Documents.Tests.Support;
using static Justera.Documents.Tests.Sealing.SealingTestData;

namespace Justera.Documents.Tests.Sealing;

/// <summary>Seals invented protocols and checks the result with independent tools: pdfsig, qpdf, pdftotext, pdfinfo and openssl.</summary>
public sealed class ProtocolSealerTests
{
    [Fact]
    public void GivenTheSample_WhenSealed_ThenTheOriginalIsAnExactPrefix()
    {
        var sealedFile = SealedSample;

        Assert.True(sealedFile.Length > Sample.Length);
        Assert.True(sealedFile.AsSpan(0, Sample.Length).SequenceEqual(Sample));
    }

    [Fact]
    public void GivenTheSample_WhenSealed_ThenPdfsigFindsOneValidPadesSignatureOverTheWholeDocument()
    {
        using var folder = new TempFolder();

        var result = Pdfsig(folder, SealedSample);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("Signature #1", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature #2", result.Output, StringComparison.Ordinal);
        Assert.Contains("Signature Type: ETSI.CAdES.detached", result.Output, StringComparison.Ordinal);
        Assert.Contains("Signature is Valid", result.Output, StringComparison.Ordinal);
        Assert.Contains("Total document signed", result.Output, StringComparison.Ordinal);
        Assert.Contains("Signer Certificate Common Name: Exempelby stadsdelsförvaltning", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheSample_WhenSealed_ThenQpdfChecksItWithoutWarnings()
    {
        using var folder = new TempFolder();

        QpdfCheck(folder, SealedSample);
    }

    [Fact]
    public void GivenTheSample_WhenSealed_ThenPdftotextShowsEveryRowAnswerAndTheFoot()
    {
        using var folder = new TempFolder();

        var text = Text(folder, SealedSample);

        Assert.Contains(Administration, text, StringComparison.Ordinal);
        Assert.Contains("Protokoll från förvaltningsgruppen 19 november 2026", text, StringComparison.Ordinal);
        Assert.Contains("Version 2", text, StringComparison.Ordinal);
        Assert.Contains("Vid anteckningarna: Maria Lindqvist", text, StringComparison.Ordinal);
        foreach (var row in FourRows)
        {
            Assert.Contains($"{row.Name}, för {row.Organisation}", text, StringComparison.Ordinal);
            Assert.Contains(row.AnswerText, text, StringComparison.Ordinal);
            Assert.Contains($"bilaga {row.AttachmentNumber}", text, StringComparison.Ordinal);
            Assert.Contains($"Bilaga {row.AttachmentNumber}", text, StringComparison.Ordinal);
        }

        // 09.15 UTC is 10.15 in Stockholm in November.
        Assert.Contains("2026-11-24 kl. 10.15, bilaga 2", text, StringComparison.Ordinal);
        Assert.Contains("Dokument-id: JUS-2026-0042", text, StringComparison.Ordinal);
        Assert.Contains($"SHA-256 {Facts(Sample).OriginalSha256}, {Sample.Length} byte (detta dokument börjar med exakt dessa byte)", text, StringComparison.Ordinal);
        Assert.Contains($"Elektroniskt förseglat av {Administration} 2026-11-26 kl. 16.02", text, StringComparison.Ordinal);
        Assert.Contains($"Underskriftens äkthet valideras här: {VerificationUrl.AbsoluteUri}", text, StringComparison.Ordinal);
        Assert.Contains("Vi vill att planen för hur den ska minska återrapporteras i januari.", text, StringComparison.Ordinal);
        Assert.Contains("Tack för ett bra möte – och för att frågan om lönekartläggning kom med.", text, StringComparison.Ordinal);
        Assert.Contains("Ingen kommentar lämnades.", text, StringComparison.Ordinal);
        // The original's own text is still there, before the new pages.
        Assert.True(text.IndexOf("Protokoll förvaltningsgrupp", StringComparison.Ordinal) < text.IndexOf("Justering", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenTheSample_WhenSealed_ThenPdfinfoCountsTheOriginalJusteringAndAttachmentPages()
    {
        using var folder = new TempFolder();

        // 3 original pages, one justering page for four rows, one attachment page each.
        Assert.Equal(3 + 1 + 4, PageCount(folder, SealedSample));
    }

    [Fact]
    public void GivenTheSample_WhenSealed_ThenTheEvidenceIsAnAttachedFile()
    {
        using var folder = new TempFolder();
        var path = folder.Write("sealed.pdf", SealedSample);

        var list = ExternalTool.Run("qpdf", "--list-attachments", path);
        var shown = ExternalTool.Run("qpdf", $"--show-attachment={ProtocolSealer.EvidenceFileName}", path);

        Assert.Contains(ProtocolSealer.EvidenceFileName, list.Output, StringComparison.Ordinal);
        Assert.Equal(0, shown.ExitCode);
        Assert.Equal(Encoding.UTF8.GetString(Evidence), shown.Output);
    }

    [Fact]
    public void GivenAnOriginalWithXrefAndObjectStreams_WhenSealed_ThenItPassesTheSameChecks()
    {
        using var folder = new TempFolder();
        var compressedPath = folder.File("object-streams.pdf");
        ExternalTool.Qpdf("--object-streams=generate", folder.Write("sample.pdf", Sample), compressedPath);
        var original = File.ReadAllBytes(compressedPath);
        Assert.Contains("/Type /ObjStm", Encoding.Latin1.GetString(original), StringComparison.Ordinal);

        var sealedFile = Seal(original);

        Assert.True(sealedFile.AsSpan(0, original.Length).SequenceEqual(original));
        // After an original that ends in a cross-reference stream, the updates end in cross-reference streams too.
        Assert.Contains("/Type /XRef", Encoding.Latin1.GetString(sealedFile[original.Length..]), StringComparison.Ordinal);
        QpdfCheck(folder, sealedFile);
        var signatures = Pdfsig(folder, sealedFile).Output;
        Assert.Contains("Signature is Valid", signatures, StringComparison.Ordinal);
        Assert.Contains("Total document signed", signatures, StringComparison.Ordinal);
        Assert.Equal(3 + 1 + 4, PageCount(folder, sealedFile));
        Assert.Contains("Per Östlund, för Akademikerförbundet SSR", Text(folder, sealedFile), StringComparison.Ordinal);
        Assert.True(SealVerifier.Verify(sealedFile).IsValid);
    }

    [Fact]
    public void GivenAnAlreadySignedOriginal_WhenSealedAgain_ThenBothSignaturesStayValid()
    {
        using var folder = new TempFolder();
        var once = SealedSample;

        var twice = Seal(once, [Row("Sofia Ekström", "SACO", "Inget att erinra", 6)]);

        Assert.True(twice.AsSpan(0, once.Length).SequenceEqual(once));
        QpdfCheck(folder, twice);
        var result = Pdfsig(folder, twice);
        var signatures = result.Output.Split("Signature #", StringSplitOptions.RemoveEmptyEntries).Where(part => part.Contains("Signature Type", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, signatures.Count);
        Assert.All(signatures, signature => Assert.Contains("Signature is Valid", signature, StringComparison.Ordinal));
        Assert.Single(signatures, signature => signature.Contains("Total document signed", StringComparison.Ordinal));
        Assert.Equal(3 + 5 + 2, PageCount(folder, twice));
        Assert.Contains("justering-evidens-2.json", ExternalTool.Run("qpdf", "--list-attachments", folder.Write("twice.pdf", twice)).Output, StringComparison.Ordinal);
        Assert.True(SealVerifier.Verify(twice).IsValid);
    }

    [Fact]
    public void GivenASealedFile_WhenOpensslVerifiesTheCms_ThenItVerifiesAndCarriesSigningCertificateV2ButNoSigningTime()
    {
        using var folder = new TempFolder();
        var sealedFile = SealedSample;
        var range = SealVerifier.Verify(sealedFile).ByteRange;
        var contentsHex = Encoding.ASCII.GetString(sealedFile, (int)range[1] + 1, (int)(range[2] - range[1] - 2)).TrimEnd('0');
        if (contentsHex.Length % 2 == 1)
            contentsHex += "0";
        var cmsPath = folder.Write("signature.der", Convert.FromHexString(contentsHex));
        var dataPath = folder.Write("signed.bin", [.. sealedFile.AsSpan(0, (int)range[1]), .. sealedFile.AsSpan((int)range[2], (int)range[3])]);

        var verify = ExternalTool.Run("openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", cmsPath, "-content", dataPath, "-noverify", "-out", "/dev/null");
        var print = ExternalTool.Run("openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", cmsPath);

        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Contains("Verification successful", verify.Error, StringComparison.Ordinal);
        Assert.Equal(0, print.ExitCode);
        Assert.Contains("id-smime-aa-signingCertificateV2", print.Output, StringComparison.Ordinal);
        Assert.Contains("messageDigest", print.Output, StringComparison.Ordinal);
        Assert.Contains("contentType", print.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("signingTime", print.Output, StringComparison.Ordinal);
        Assert.Contains("sha256", print.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenFiftyJusterareAndALongComment_WhenSealed_ThenEverythingLaysOutOverMorePages()
    {
        using var folder = new TempFolder();
        var comment = LongComment(4000);
        var rows = Enumerable.Range(1, 50)
            .Select(n => Row($"Justerare Nummer{n:D2} Åström", $"Organisation {n}", n % 7 == 0 ? $"Justerat med oenighet under § {n % 9 + 1}: se bilaga {n + 1}" : "Inget att erinra", n + 1, comment: n == 50 ? comment : null))
            .ToList();

        var sealedFile = Seal(Sample, rows);

        var text = Text(folder, sealedFile);
        var pages = PageCount(folder, sealedFile);
        QpdfCheck(folder, sealedFile);
        Assert.Contains("Justerare Nummer50 Åström, för Organisation 50", text, StringComparison.Ordinal);
        Assert.Contains("Justerat med oenighet under § 5: se bilaga 50", text, StringComparison.Ordinal);
        Assert.Contains("Bilaga 51", text, StringComparison.Ordinal);
        Assert.Contains(comment[^60..], text, StringComparison.Ordinal);
        Assert.Contains(comment[..300], text, StringComparison.Ordinal);
        // Several justering pages, 50 attachments, and the long comment's attachment needs more than one page.
        Assert.True(pages >= 3 + 3 + 50 + 1, $"only {pages} pages");
        Assert.Contains("Justering (forts.)", text, StringComparison.Ordinal);
        Assert.Contains("Bilaga 51 (forts.)", text, StringComparison.Ordinal);
        Assert.True(text.LastIndexOf("Elektroniskt förseglat av", StringComparison.Ordinal) > text.IndexOf("Justerare Nummer50", StringComparison.Ordinal));
        Assert.Contains("Signature is Valid", Pdfsig(folder, sealedFile).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnOriginalWithFormFieldsAndNames_WhenSealed_ThenTheyAreKept()
    {
        using var folder = new TempFolder();
        // Object 6: a text field on page 3; object 7: a named destination tree.
        var original = HandMadePdf.OnePage(
            catalogEntries: "/AcroForm << /Fields [6 0 R] /DA (/Helv 0 Tf 0 g) >> /Names << /Dests 7 0 R >>",
            pageEntries: "/Annots [6 0 R]",
            extraObjects:
            [
                "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Anteckning) /V (Hej) /Rect [72 600 300 620] /P 3 0 R >>",
                "<< /Names [(start) [3 0 R /Fit]] >>",
            ],
            "Protokoll med ett formulärfält");

        var sealedFile = Seal(original);

        QpdfCheck(folder, sealedFile);
        var json = ExternalTool.Run("qpdf", "--json", "--json-key=acroform", folder.Write("fields.pdf", sealedFile)).Output;
        Assert.Contains("\"fullname\": \"Anteckning\"", json, StringComparison.Ordinal);
        Assert.Contains("\"fullname\": \"Justeringssigill\"", json, StringComparison.Ordinal);
        var raw = Encoding.Latin1.GetString(sealedFile[original.Length..]);
        Assert.Contains("/Dests 7 0 R", raw, StringComparison.Ordinal);
        Assert.Contains("Signature is Valid", Pdfsig(folder, sealedFile).Output, StringComparison.Ordinal);
        Assert.Equal(1 + 1 + 4, PageCount(folder, sealedFile));
    }

    [Fact]
    public void GivenTheSameInput_WhenSealedTwice_ThenTheBytesAreTheSame()
    {
        // Pure: no clock, no randomness (the seal time comes in with the facts; RSA PKCS#1 v1.5 is deterministic).
        Assert.Equal(SealedSample, Seal(Sample));
    }

    [Fact]
    public void GivenFactsForAnotherFile_WhenSealed_ThenRefused()
    {
        var facts = Facts(Sample) with { OriginalLength = Sample.Length + 1 };

        Assert.Throws<ArgumentException>(() => ProtocolSealer.Seal(Sample, facts, Evidence, Certificate));
    }

    private static string LongComment(int length)
    {
        var words = "Vi har läst protokollet noga och vill framföra att arbetsmiljön i hemtjänsten behöver följas upp, särskilt när det gäller schemaläggning, övertid och återhämtning för medarbetarna på Östra området.".Split(' ');
        var text = new StringBuilder();
        for (var i = 0; text.Length < length - 20; i++)
            text.Append(words[i % words.Length]).Append(' ');
        text.Append("Slut på kommentaren.");
        return text.ToString();
    }
}

using System.Globalization;
using System.Text;
using Justera.Documents.Sealing;
using Justera.Documents.Tests.Support;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;
using static Justera.Documents.Tests.Sealing.SealingTestData;

namespace Justera.Documents.Tests.Sealing;

public sealed class SealVerifierTests
{
    [Fact]
    public void GivenAGenuineSealedFile_WhenVerified_ThenValidWithItsSignerTimeAndRange()
    {
        var sealedFile = SealedSample;

        var result = SealVerifier.Verify(sealedFile);

        Assert.Equal(SealStatus.Valid, result.Status);
        Assert.True(result.IsValid);
        Assert.Equal(Certificate.Thumbprint, result.SignerCertificate?.Thumbprint);
        Assert.Equal(SealedAt, result.SigningTime);
        Assert.Equal(sealedFile.Length, result.SignedLength);
        Assert.Equal(0, result.ByteRange[0]);
        Assert.Equal(sealedFile.Length, result.ByteRange[2] + result.ByteRange[3]);
        Assert.Equal(1, result.SignatureCount);
    }

    [Fact]
    public void GivenOneByteChangedInTheOriginal_WhenVerified_ThenInvalid()
    {
        var sealedFile = SealedSample;
        // A byte inside the first page's content stream: the structure still reads, the digest no longer matches.
        var at = Encoding.Latin1.GetString(Sample).IndexOf("stream", StringComparison.Ordinal) + 20;
        sealedFile[at] ^= 0x01;

        var result = SealVerifier.Verify(sealedFile);

        Assert.Equal(SealStatus.SignatureInvalid, result.Status);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void GivenOneByteChangedInTheJusteringPages_WhenVerified_ThenInvalid()
    {
        var sealedFile = SealedSample;
        var text = Encoding.Latin1.GetString(sealedFile);
        var at = text.IndexOf("/Subtype /Widget", Sample.Length, StringComparison.Ordinal);
        sealedFile[at + 1] = (byte)'X';

        Assert.False(SealVerifier.Verify(sealedFile).IsValid);
    }

    [Fact]
    public void GivenAPageAppendedAfterSealing_WhenVerified_ThenNotCoveringTheWholeFile()
    {
        var sealedFile = SealedSample;
        var appended = AppendPage(sealedFile);

        var result = SealVerifier.Verify(appended);

        Assert.Equal(SealStatus.NotCoveringWholeFile, result.Status);
        Assert.False(result.IsValid);
        Assert.Equal(sealedFile.Length, result.SignedLength);
        using var folder = new TempFolder();
        Assert.Equal(PageCount(folder, sealedFile) + 1, PageCount(folder, appended));
    }

    [Fact]
    public void GivenAnUnsignedProtocol_WhenVerified_ThenNoSignature()
    {
        Assert.Equal(SealStatus.NoSignature, SealVerifier.Verify(Sample).Status);
    }

    [Fact]
    public void GivenSomethingThatIsNotAPdf_WhenVerified_ThenMalformed()
    {
        Assert.Equal(SealStatus.Malformed, SealVerifier.Verify(Encoding.ASCII.GetBytes("inte en pdf")).Status);
    }

    [Fact]
    public void GivenTheSealedFile_WhenPdfPigOpensIt_ThenItSeesEveryPageAndTheSameRoot()
    {
        var sealedFile = SealedSample;

        using var document = PdfDocument.Open(sealedFile);

        Assert.Equal(3 + 1 + 4, document.NumberOfPages);
        // PdfPig's page text has no spaces between words.
        Assert.Contains("Ingetatterinra", document.GetPage(4).Text, StringComparison.Ordinal);
        Assert.Contains("Bilaga5", document.GetPage(8).Text, StringComparison.Ordinal);
    }

    // A hand-written incremental update after the seal, adding a blank page as an editor would.
    private static byte[] AppendPage(byte[] sealedFile)
    {
        using var document = PdfDocument.Open(sealedFile);
        var trailer = document.Structure.Trailer;
        var catalog = document.Structure.Catalog.CatalogDictionary;
        var pagesReference = ((IndirectReferenceToken)catalog.Data["Pages"]).Data;
        var pages = (DictionaryToken)document.Structure.GetObject(pagesReference).Data;
        var kids = ((ArrayToken)pages.Data["Kids"]).Data.Cast<IndirectReferenceToken>().Select(kid => $"{kid.Data.ObjectNumber} {kid.Data.Generation} R").ToList();
        var page = trailer.Size;
        kids.Add($"{page} 0 R");

        return HandMadePdf.AppendUpdate(sealedFile, trailer.Size, (int)trailer.Root.ObjectNumber, new Dictionary<int, string>
        {
            [page] = string.Create(CultureInfo.InvariantCulture, $"<< /Type /Page /Parent {pagesReference.ObjectNumber} 0 R /MediaBox [0 0 595 842] >>"),
            [(int)pagesReference.ObjectNumber] = $"<< /Type /Pages /Kids [{string.Join(' ', kids)}] /Count {kids.Count} >>",
        });
    }
}

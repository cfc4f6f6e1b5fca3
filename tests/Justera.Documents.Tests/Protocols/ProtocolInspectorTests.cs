using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Justera.Documents.Protocols;
using Justera.Documents.Tests.Samples;
using Justera.Documents.Tests.Support;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokens;

namespace Justera.Documents.Tests.Protocols;

public sealed class ProtocolInspectorTests
{
    private const string JavaScriptAction = "<< /Type /Action /S /JavaScript /JS (app.alert\\('Hej'\\);) >>";

    // A signature dictionary as a certifying signer writes it; the CMS blob is irrelevant to the inspector.
    private static string Signature(int permission) =>
        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 0 0 0] /Contents <00> "
        + $"/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P {permission} /V /1.2 >> >>] >>";

    // An approval signature: no /Reference to a DocMDP transform, so it certifies nothing.
    private const string ApprovalSignature = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 0 0 0] /Contents <00> >>";

    private const string SignatureWidget = "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Certifiering) /V 6 0 R /Rect [0 0 0 0] /P 3 0 R /F 132 >>";

    [Fact]
    public void GivenTheSampleProtocol_WhenInspected_ThenAcceptedWithItsFacts()
    {
        var bytes = File.ReadAllBytes(SampleFiles.Protocol);

        var accepted = AssertAccepted(ProtocolInspector.Inspect(bytes));

        Assert.Equal(3, accepted.PageCount);
        Assert.Equal(bytes.Length, accepted.LengthInBytes);
        Assert.Equal("1.7", accepted.PdfVersion);
        Assert.False(accepted.HasSignatures);
        Assert.Equal(2, accepted.SuggestedFirstAttachmentNumber);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), accepted.Sha256);
        Assert.Equal(ExternalTool.Run("sha256sum", SampleFiles.Protocol).Output.Split(' ')[0], accepted.Sha256);
    }

    [Fact]
    public void GivenTheSampleRewrittenWithXrefAndObjectStreams_WhenInspected_ThenAccepted()
    {
        using var folder = new TempFolder();
        var output = folder.File("object-streams.pdf");
        ExternalTool.Qpdf("--object-streams=generate", SampleFiles.Protocol, output);
        var bytes = File.ReadAllBytes(output);
        Assert.Contains("/Type /ObjStm", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.Contains("/Type /XRef", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);

        var accepted = AssertAccepted(ProtocolInspector.Inspect(bytes));

        Assert.Equal(3, accepted.PageCount);
        Assert.Equal(2, accepted.SuggestedFirstAttachmentNumber);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), accepted.Sha256);
    }

    [Fact]
    public void GivenALongGeneratedProtocol_WhenInspected_ThenAcceptedWithAllPages()
    {
        var accepted = AssertAccepted(ProtocolInspector.Inspect(SampleProtocol.Create(pages: 10)));

        Assert.Equal(10, accepted.PageCount);
        Assert.Equal(2, accepted.SuggestedFirstAttachmentNumber);
    }

    [Fact]
    public void GivenAnEmptyFile_WhenInspected_ThenRefusedAsEmpty()
    {
        var refused = AssertRefused(ProtocolProblem.Empty, ProtocolInspector.Inspect(Array.Empty<byte>()));

        Assert.Equal("Filen är tom.", refused.Message);
    }

    [Fact]
    public void GivenAFileOverTheLimit_WhenInspected_ThenRefusedAsTooLargeBeforeAnythingElseIsRead()
    {
        // Had the file been read at all, its JavaScript would have given another refusal.
        var bytes = new byte[26 * 1024 * 1024];
        Array.Fill(bytes, (byte)' ');
        Encoding.ASCII.GetBytes("%PDF-1.7\n<< /S /JavaScript /JS (app.alert\\(1\\)) >>\n").CopyTo(bytes, 0);
        Encoding.ASCII.GetBytes("%%EOF\n").CopyTo(bytes, bytes.Length - 6);

        var refused = AssertRefused(ProtocolProblem.TooLarge, ProtocolInspector.Inspect(bytes));

        Assert.Equal("Filen är större än 25 MB.", refused.Message);
    }

    [Fact]
    public void GivenAFileOfExactlyTheLimit_WhenInspected_ThenNotRefusedForItsSize()
    {
        var bytes = new byte[ProtocolInspector.MaxBytes];
        Array.Fill(bytes, (byte)' ');
        Encoding.ASCII.GetBytes("%PDF-1.7\n").CopyTo(bytes, 0);
        Encoding.ASCII.GetBytes("%%EOF\n").CopyTo(bytes, bytes.Length - 6);

        AssertRefused(ProtocolProblem.Corrupt, ProtocolInspector.Inspect(bytes));
    }

    [Fact]
    public void GivenAWordDocument_WhenInspected_ThenRefusedAsNotPdf()
    {
        using var docx = new MemoryStream();
        using (var zip = new ZipArchive(docx, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "[Content_Types].xml", "word/document.xml" })
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document/>");
            }
        }

        var refused = AssertRefused(ProtocolProblem.NotPdf, ProtocolInspector.Inspect(docx.ToArray()));

        Assert.Equal("Filen är inte en PDF. Spara protokollet som PDF och försök igen.", refused.Message);
    }

    [Theory]
    [InlineData("half the file")]
    [InlineData("all but the cross-reference table")] // PdfPig alone opens this one: it rebuilds the table by scanning.
    [InlineData("all but the end-of-file marker")]
    public void GivenATruncatedPdf_WhenInspected_ThenRefusedAsCorrupt(string kept)
    {
        var bytes = File.ReadAllBytes(SampleFiles.Protocol);
        var length = kept switch
        {
            "half the file" => bytes.Length / 2,
            "all but the cross-reference table" => bytes.AsSpan().LastIndexOf("xref"u8),
            "all but the end-of-file marker" => bytes.AsSpan().LastIndexOf("%%EOF"u8),
            _ => throw new ArgumentOutOfRangeException(nameof(kept), kept, null),
        };

        AssertRefused(ProtocolProblem.Corrupt, ProtocolInspector.Inspect(bytes.AsMemory(0, length)));
    }

    [Fact]
    public void GivenAPdfHeaderFollowedByText_WhenInspected_ThenRefusedAsCorrupt()
    {
        AssertRefused(ProtocolProblem.Corrupt, ProtocolInspector.Inspect(Encoding.ASCII.GetBytes("%PDF-1.7\nDet här är ingen PDF.\n%%EOF\n")));
    }

    [Fact]
    public void GivenAPdfWithoutPages_WhenInspected_ThenRefusedAsCorrupt()
    {
        var bytes = HandMadePdf.FromObjects(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"]);

        AssertRefused(ProtocolProblem.Corrupt, ProtocolInspector.Inspect(bytes));
    }

    [Theory]
    [InlineData("user")]
    [InlineData("")] // Opens without a password in every reader, PdfPig included, but is encrypted all the same.
    public void GivenAnEncryptedPdf_WhenInspected_ThenRefusedAsEncrypted(string userPassword)
    {
        using var folder = new TempFolder();
        var output = folder.File("encrypted.pdf");
        ExternalTool.Qpdf("--encrypt", userPassword, "owner", "256", "--", SampleFiles.Protocol, output);

        var refused = AssertRefused(ProtocolProblem.Encrypted, ProtocolInspector.Inspect(File.ReadAllBytes(output)));

        Assert.StartsWith("Filen är lösenordsskyddad eller krypterad", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OpenAction JavaScript", ProtocolProblem.Script)]
    [InlineData("document-level JavaScript", ProtocolProblem.Script)]
    [InlineData("OpenAction Launch", ProtocolProblem.LaunchAction)]
    [InlineData("page additional action JavaScript", ProtocolProblem.Script)]
    [InlineData("embedded file", ProtocolProblem.EmbeddedFile)]
    [InlineData("file attachment annotation", ProtocolProblem.EmbeddedFile)]
    [InlineData("JavaScript spelled with hex escapes", ProtocolProblem.Script)]
    public void GivenActiveContent_WhenInspected_ThenRefusedSayingWhichKind(string kind, ProtocolProblem expected)
    {
        var bytes = kind switch
        {
            "OpenAction JavaScript" => HandMadePdf.OnePage(catalogEntries: "/OpenAction 6 0 R", extraObjects: [JavaScriptAction]),
            "document-level JavaScript" => HandMadePdf.OnePage(
                catalogEntries: "/Names << /JavaScript 6 0 R >>",
                extraObjects: ["<< /Names [(hej) 7 0 R] >>", "<< /S /JavaScript /JS 8 0 R >>", HandMadePdf.Stream("", "app.alert('Hej');")]),
            "OpenAction Launch" => HandMadePdf.OnePage(catalogEntries: "/OpenAction << /S /Launch /F (cmd.exe) >>"),
            "page additional action JavaScript" => HandMadePdf.OnePage(pageEntries: "/AA << /O 6 0 R >>", extraObjects: [JavaScriptAction]),
            "embedded file" => HandMadePdf.OnePage(
                catalogEntries: "/Names << /EmbeddedFiles << /Names [(program.exe) 6 0 R] >> >>",
                extraObjects: ["<< /Type /Filespec /F (program.exe) /EF << /F 7 0 R >> >>", HandMadePdf.Stream("/Type /EmbeddedFile", "MZ")]),
            // Only /EF marks this one: the stream's /Type /EmbeddedFile is optional and left out.
            "file attachment annotation" => HandMadePdf.OnePage(
                pageEntries: "/Annots [6 0 R]",
                extraObjects: ["<< /Type /Annot /Subtype /FileAttachment /Rect [72 600 92 620] /FS << /Type /Filespec /F (lista.xlsx) /EF << /F 7 0 R >> >> >>", HandMadePdf.Stream("", "PK")]),
            "JavaScript spelled with hex escapes" => HandMadePdf.OnePage(catalogEntries: "/OpenAction << /S /Java#53cript /J#53 (app.alert\\(1\\)) >>"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        var refused = AssertRefused(expected, ProtocolInspector.Inspect(bytes));

        Assert.StartsWith("Filen innehåller ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("och kan inte skickas till justerarna", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenJavaScriptAddedToTheSampleInAnIncrementalUpdate_WhenInspected_ThenRefusedAsActiveContent()
    {
        var original = File.ReadAllBytes(SampleFiles.Protocol);
        int size, root;
        IndirectReference pages;
        using (var document = PdfDocument.Open(original))
        {
            size = document.Structure.Trailer.Size;
            root = (int)document.Structure.Trailer.Root.ObjectNumber;
            pages = ((IndirectReferenceToken)document.Structure.Catalog.CatalogDictionary.Data["Pages"]).Data;
        }

        // The update replaces the catalog, as an editor adding an open action would.
        var updated = HandMadePdf.AppendUpdate(original, size, root, new Dictionary<int, string>
        {
            [root] = $"<< /Type /Catalog /Pages {pages.ObjectNumber} {pages.Generation} R /OpenAction {size} 0 R >>",
            [size] = JavaScriptAction,
        });

        AssertRefused(ProtocolProblem.Script, ProtocolInspector.Inspect(updated));
    }

    [Fact]
    public void GivenJavaScriptInsideCompressedObjectStreams_WhenInspected_ThenTheObjectGraphRefusesIt()
    {
        using var folder = new TempFolder();
        var input = folder.Write("javascript.pdf", HandMadePdf.OnePage(catalogEntries: "/OpenAction 6 0 R", extraObjects: [JavaScriptAction]));
        var output = folder.File("javascript-object-streams.pdf");
        ExternalTool.Qpdf("--object-streams=generate", input, output);
        var bytes = File.ReadAllBytes(output);
        Assert.Empty(RawPdfNames.Find(bytes, ["JS", "JavaScript"])); // so only the parsed objects can find it

        AssertRefused(ProtocolProblem.Script, ProtocolInspector.Inspect(bytes));
    }

    [Fact]
    public void GivenJavaScriptOutsideTheCrossReferenceTable_WhenInspected_ThenTheRawScanRefusesIt()
    {
        var bytes = HandMadePdf.OnePage();
        var withStray = bytes.Concat(Encoding.ASCII.GetBytes("99 0 obj\n" + JavaScriptAction + "\nendobj\n")).ToArray();

        AssertRefused(ProtocolProblem.Script, ProtocolInspector.Inspect(withStray));
    }

    [Fact]
    public void GivenActiveNamesOnlyInStringsCommentsStreamsAndLongerNames_WhenInspected_ThenAccepted()
    {
        var bytes = HandMadePdf.OnePage(
            catalogEntries: "/PieceInfo << /JSON << /Private (/JavaScript /Launch /EmbeddedFiles) /JavaScriptless true >> >> % /JS i en kommentar\n",
            lines: ["/JavaScript och /Launch nämns bara i texten"]);

        AssertAccepted(ProtocolInspector.Inspect(bytes));
    }

    // Acrobat calls a certification broken once pages are appended, whatever its /P allows (P=2 and P=3 included).
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GivenACertifiedOriginal_WhenInspected_ThenRefusedSayingToUploadTheUncertifiedFile(int permission)
    {
        var bytes = HandMadePdf.OnePage(
            catalogEntries: "/Perms << /DocMDP 6 0 R >> /AcroForm << /Fields [7 0 R] /SigFlags 3 >>",
            pageEntries: "/Annots [7 0 R]",
            extraObjects: [Signature(permission), SignatureWidget]);

        var refused = AssertRefused(ProtocolProblem.Certified, ProtocolInspector.Inspect(bytes));

        Assert.StartsWith("Protokollet är certifierat med en certifieringssignatur.", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Ladda upp protokollet utan certifiering", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenACertifyingSignatureWhosePermsEntryWasDropped_WhenInspected_ThenStillRefusedAsCertified()
    {
        var bytes = HandMadePdf.OnePage(
            catalogEntries: "/AcroForm << /Fields [7 0 R] /SigFlags 3 >>",
            pageEntries: "/Annots [7 0 R]",
            extraObjects: [Signature(permission: 2), SignatureWidget]);

        AssertRefused(ProtocolProblem.Certified, ProtocolInspector.Inspect(bytes));
    }

    [Fact]
    public void GivenAnOrdinaryApprovalSignature_WhenInspected_ThenAcceptedWithSignatures()
    {
        var bytes = HandMadePdf.OnePage(
            catalogEntries: "/AcroForm << /Fields [7 0 R] /SigFlags 3 >>",
            pageEntries: "/Annots [7 0 R]",
            extraObjects: [ApprovalSignature, SignatureWidget]);

        Assert.True(AssertAccepted(ProtocolInspector.Inspect(bytes)).HasSignatures);
    }

    [Fact]
    public void GivenASignatureInAFieldThatInheritsItsType_WhenInspected_ThenAcceptedWithSignatures()
    {
        var bytes = HandMadePdf.OnePage(
            catalogEntries: "/AcroForm << /Fields [7 0 R] /SigFlags 3 >>",
            pageEntries: "/Annots [8 0 R]",
            extraObjects:
            [
                ApprovalSignature,
                "<< /FT /Sig /T (Underskrifter) /Kids [8 0 R] >>",
                "<< /Parent 7 0 R /T (Justerare) /V 6 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>",
            ]);

        Assert.True(AssertAccepted(ProtocolInspector.Inspect(bytes)).HasSignatures);
    }

    [Fact]
    public void GivenAnEmptySignatureField_WhenInspected_ThenAcceptedWithoutSignatures()
    {
        var bytes = HandMadePdf.OnePage(
            catalogEntries: "/AcroForm << /Fields [6 0 R] >>",
            pageEntries: "/Annots [6 0 R]",
            extraObjects: ["<< /Type /Annot /Subtype /Widget /FT /Sig /T (Justerare) /Rect [0 0 0 0] /P 3 0 R >>"]);

        Assert.False(AssertAccepted(ProtocolInspector.Inspect(bytes)).HasSignatures);
    }

    [Fact]
    public void GivenSeveralAttachmentsMentioned_WhenInspected_ThenSuggestsOneAfterTheHighest()
    {
        var bytes = HandMadePdf.OnePage(lines:
        [
            "Se bilaga 3 och BILAGA 12.",
            "Bilag 4 (stavfelet finns i riktiga protokoll).",
            "Budget enligt bilaga 2026-01-15.",
        ]);

        Assert.Equal(13, AssertAccepted(ProtocolInspector.Inspect(bytes)).SuggestedFirstAttachmentNumber);
    }

    [Fact]
    public void GivenBilagaAtALineEndAndANumberOnTheNextLine_WhenInspected_ThenTheLinesAreNotRunTogether()
    {
        var bytes = HandMadePdf.OnePage(lines: ["Tertialrapporten finns i bilaga 1", "2026 års prognos visar ett underskott."]);

        Assert.Equal(2, AssertAccepted(ProtocolInspector.Inspect(bytes)).SuggestedFirstAttachmentNumber);
    }

    [Fact]
    public void GivenNoAttachmentMentioned_WhenInspected_ThenSuggestsOne()
    {
        Assert.Equal(1, AssertAccepted(ProtocolInspector.Inspect(HandMadePdf.OnePage())).SuggestedFirstAttachmentNumber);
    }

    [Theory]
    [InlineData("1.4", "", "1.4")]
    [InlineData("1.4", "/Version /1.7", "1.7")]
    [InlineData("1.7", "/Version /1.4", "1.7")]
    public void GivenHeaderAndCatalogVersions_WhenInspected_ThenTheHigherIsReported(string header, string catalogEntries, string expected)
    {
        var bytes = HandMadePdf.FromObjects(
        [
            $"<< /Type /Catalog /Pages 2 0 R {catalogEntries} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        ], version: header);

        Assert.Equal(expected, AssertAccepted(ProtocolInspector.Inspect(bytes)).PdfVersion);
    }

    [Theory]
    [InlineData(ProtocolProblem.Empty)]
    [InlineData(ProtocolProblem.TooLarge)]
    [InlineData(ProtocolProblem.NotPdf)]
    [InlineData(ProtocolProblem.Corrupt)]
    [InlineData(ProtocolProblem.Encrypted)]
    [InlineData(ProtocolProblem.Script)]
    [InlineData(ProtocolProblem.LaunchAction)]
    [InlineData(ProtocolProblem.EmbeddedFile)]
    [InlineData(ProtocolProblem.SubmitsData)]
    [InlineData(ProtocolProblem.ImportsData)]
    [InlineData(ProtocolProblem.OpensOtherFile)]
    [InlineData(ProtocolProblem.AutomaticExternalAction)]
    [InlineData(ProtocolProblem.Certified)]
    [InlineData(ProtocolProblem.DecodesTooLarge)]
    [InlineData(ProtocolProblem.TooManyObjects)]
    [InlineData(ProtocolProblem.NestedTooDeeply)]
    [InlineData(ProtocolProblem.PageContentTooLarge)]
    [InlineData(ProtocolProblem.TookTooLong)]
    public void GivenAnyProblem_WhenRefused_ThenTheMessageIsAWholeSwedishSentence(ProtocolProblem problem)
    {
        var message = new ProtocolInspection.Refused(problem).Message;

        Assert.Equal(ProtocolInspector.MessageFor(problem), message);
        Assert.StartsWith(problem == ProtocolProblem.Certified ? "Protokollet " : "Filen ", message, StringComparison.Ordinal);
        Assert.EndsWith(".", message, StringComparison.Ordinal);
    }

    private static ProtocolInspection.Accepted AssertAccepted(ProtocolInspection inspection) =>
        inspection as ProtocolInspection.Accepted
        ?? throw new Xunit.Sdk.XunitException($"Expected the file to be accepted, but it was refused: {inspection}");

    private static ProtocolInspection.Refused AssertRefused(ProtocolProblem expected, ProtocolInspection inspection)
    {
        var refused = Assert.IsType<ProtocolInspection.Refused>(inspection);
        Assert.Equal(expected, refused.Problem);
        return refused;
    }
}

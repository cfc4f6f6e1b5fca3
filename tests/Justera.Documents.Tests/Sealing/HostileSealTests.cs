using System.Text;
using Justera.Documents.Limits;
using Justera.Documents.Protocols;
using Justera.Documents.Sealing;
using Justera.Documents.Sealing.Pdf;
using Justera.Documents.Tests.Support;

namespace Justera.Documents.Tests.Sealing;

/// <summary>
/// The public verifier and our incremental-update reader trust no number in a file: forged signatures, offsets and
/// counts are "not genuine" or "malformed" with a reason, never an exception; inputs the fuzzer found stay fixed.
/// </summary>
public sealed class HostileSealTests
{
    // A signature that claims to be Justera's seal, with whatever /ByteRange a forger writes.
    private static byte[] ForgedSignature(string byteRange) => HandMadePdf.OnePage(
        catalogEntries: "/AcroForm << /Fields [7 0 R] /SigFlags 3 >>",
        pageEntries: "/Annots [7 0 R]",
        extraObjects:
        [
            $"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [{byteRange}] /Contents <3082000130> >>",
            "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Sigill) /V 6 0 R /Rect [0 0 0 0] /P 3 0 R >>",
        ]);

    [Theory]
    [InlineData("0 99999999999999999999 20 30", "a number past Int64")]
    [InlineData("0 10 9223372036854775807 9223372036854775807", "ranges whose sum overflows")]
    [InlineData("0 -5 20 30", "a negative length")]
    [InlineData("0 10 20 999999", "a range beyond the file")]
    [InlineData("0 10.5 20 30", "a number that is not an integer")]
    [InlineData("0 10 20", "three numbers")]
    [InlineData("0 10 20 30 40", "five numbers")]
    [InlineData("5 10 20 30", "a range that does not start the file")]
    [InlineData("0 20 10 30", "a gap that runs backwards")]
    public void GivenAForgedByteRange_WhenVerified_ThenMalformedWithASwedishReason(string byteRange, string what)
    {
        var result = SealVerifier.Verify(ForgedSignature(byteRange));

        Assert.True(result.Status == SealStatus.Malformed, $"{what}: {result.Status} {result.Reason}");
        Assert.Equal(1, result.SignatureCount);
        Assert.StartsWith("sigillets byteintervall (/ByteRange) beskriver inte filen", result.SwedishReason, StringComparison.Ordinal);
        Assert.DoesNotContain(SealVerifier.UnexpectedPrefix, result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenARangeWhoseGapIsNotItsContents_WhenVerified_ThenMalformedSayingSo()
    {
        var file = ForgedSignature("0 10 20 0");
        var result = SealVerifier.Verify(file);

        Assert.Equal(SealStatus.Malformed, result.Status);
        Assert.StartsWith("det som sigillets byteintervall lämnar utanför", result.SwedishReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("startxref past Int64", "startxref\n99999999999999999999\n%%EOF\n")]
    [InlineData("startxref beyond the file", "startxref\n999999999\n%%EOF\n")]
    [InlineData("startxref negative", "startxref\n-5\n%%EOF\n")]
    public void GivenAStartxrefThatIsNoOffset_WhenReadOrVerified_ThenMalformedNotAnException(string what, string tail)
    {
        var file = HandMadePdf.OnePage();
        var text = Encoding.Latin1.GetString(file);
        var forged = Encoding.Latin1.GetBytes(text[..text.LastIndexOf("startxref", StringComparison.Ordinal)] + tail);

        Assert.Throws<PdfFormatException>(() => PdfFileReader.Open(forged));
        var result = SealVerifier.Verify(forged);
        Assert.True(result.Status == SealStatus.Malformed, what);
        Assert.Equal("Filen går inte att läsa som PDF. Den kan vara skadad eller ofullständig.", result.SwedishReason);
    }

    [Theory]
    [InlineData("/Prev past Int64", "/Prev 99999999999999999999")]
    [InlineData("/Prev negative", "/Prev -20")]
    [InlineData("/Prev beyond the file", "/Prev 88888888")]
    [InlineData("/Size past Int64", "/Size 99999999999999999999")]
    [InlineData("/Size beyond any object number", "/Size 2147483647")]
    [InlineData("/Size negative", "/Size -1")]
    [InlineData("/XRefStm beyond the file", "/XRefStm 77777777")]
    public void GivenATrailerNumberThatCannotBe_WhenRead_ThenMalformed(string what, string entry)
    {
        var file = HandMadePdf.OnePage();
        var text = Encoding.Latin1.GetString(file);
        var key = entry.Split(' ')[0];
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var forgedTrailer = key == "/Size"
            ? System.Text.RegularExpressions.Regex.Replace(text[trailer..], @"/Size \d+", entry)
            : text[trailer..].Replace("/Root", entry + " /Root", StringComparison.Ordinal);
        var forged = Encoding.Latin1.GetBytes(text[..trailer] + forgedTrailer);

        var exception = Record.Exception(() => PdfFileReader.Open(forged));

        Assert.True(exception is PdfFormatException, $"{what}: {exception?.GetType().Name ?? "no exception"}");
    }

    [Theory]
    [InlineData("a subsection past the object numbers", "xref\n0 99999999999\n")]
    [InlineData("a subsection start past Int64", "xref\n99999999999999999999 1\n")]
    [InlineData("an entry that is not a number", "xref\n0 1\n00000000x0 65535 f \n")]
    public void GivenACrossReferenceTableWithBadNumbers_WhenRead_ThenMalformed(string what, string table)
    {
        var file = HandMadePdf.OnePage();
        var text = Encoding.Latin1.GetString(file);
        var xref = text.LastIndexOf("\nxref\n", StringComparison.Ordinal) + 1;
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var forged = Encoding.Latin1.GetBytes(text[..xref] + table + text[trailer..]);

        var exception = Record.Exception(() => PdfFileReader.Open(forged));

        Assert.True(exception is PdfFormatException, $"{what}: {exception?.GetType().Name ?? "no exception"}");
    }

    [Theory]
    [InlineData("/Length past Int64", "99999999999999999999")]
    [InlineData("/Length negative", "-7")]
    [InlineData("/Length beyond the file", "9000000")]
    public void GivenAStreamLengthThatCannotBe_WhenTheStreamIsRead_ThenTheDataEndsAtEndstream(string what, string length)
    {
        var content = "BT /F1 12 Tf 72 720 Td (Protokoll) Tj ET";
        var file = HandMadePdf.FromObjects(
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            $"<< /Length {length} >>\nstream\n{content}\nendstream",
        ]);
        var reader = PdfFileReader.Open(file);

        var stream = Assert.IsType<PdfStream>(reader.GetObject(4));

        Assert.True(Encoding.Latin1.GetString(stream.Data.Span) == content, what);
    }

    [Fact]
    public void GivenACrossReferenceStreamThatInflatesTo200Megabytes_WhenVerified_ThenStoppedByTheDecodedBoundWithASwedishReason()
    {
        var bomb = HostilePdf.Compressed(HostilePdf.Repeat("\0", 200L * 1024 * 1024));
        var head = HostilePdf.Latin1("%PDF-1.7\n");
        var file = (byte[])[.. head, .. HostilePdf.Latin1("1 0 obj\n"), .. HostilePdf.StreamObject("/Type /XRef /W [1 2 1] /Size 1 /Root 1 0 R /Filter /FlateDecode", bomb), .. HostilePdf.Latin1($"\nendobj\nstartxref\n{head.Length}\n%%EOF\n")];

        var exception = Assert.Throws<PdfLimitException>(() => PdfFileReader.Open(file));
        Assert.Equal(PdfLimit.DecodedBytes, exception.Limit);
        var result = SealVerifier.Verify(file);
        Assert.Equal(SealStatus.Malformed, result.Status);
        Assert.StartsWith("Filen innehåller komprimerade delar som packas upp till mer än", result.SwedishReason, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnObjectStreamClaimingHalfABillionObjects_WhenAnObjectInItIsRead_ThenMalformedBeforeAnythingIsSizedByIt()
    {
        var file = HostilePdf.Build(
        [
            HostilePdf.Latin1("<< /Type /Catalog /Pages 2 0 R >>"),
            HostilePdf.Latin1("<< /Type /Pages /Kids [] /Count 0 >>"),
            HostilePdf.StreamObject("/Type /ObjStm /N 500000000 /First 4 /Filter /FlateDecode", HostilePdf.Compressed([HostilePdf.Latin1("4 0 null")])),
        ]);
        // Object 4 lives in object stream 3: a cross-reference stream would say so; here the reader is asked directly.
        var reader = PdfFileReader.Open(file);

        Assert.Null((reader.GetObject(3) as PdfStream)?.Dictionary["Missing"]);
        Assert.Throws<PdfFormatException>(() => ReadCompressed(reader, streamNumber: 3, number: 4));
    }

    public static TheoryData<string> FuzzFindings() => [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "Fuzz")).Select(file => Path.GetFileName(file)!).Order()];

    // Each file made the reader throw something other than its own PdfFormatException (a damaged Flate stream,
    // digits where a keyword belongs, an overflow, an unknown filter) before the reader checked what it read.
    [Theory]
    [MemberData(nameof(FuzzFindings))]
    public void GivenAnInputTheFuzzerFound_WhenReadVerifiedAndInspected_ThenOnlyOurOwnRefusalsComeOut(string name)
    {
        var file = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", "Fuzz", name));

        var exception = Record.Exception(() =>
        {
            var reader = PdfFileReader.Open(file);
            for (var number = 0; number < reader.Size; number++)
            {
                if (reader.GetObject(number) is PdfStream stream)
                    reader.Decode(stream);
            }
        });
        Assert.True(exception is null or PdfFormatException or PdfLimitException, $"{name}: {exception}");
        Assert.DoesNotContain(SealVerifier.UnexpectedPrefix, SealVerifier.Verify(file).Reason, StringComparison.Ordinal);
        Assert.NotNull(ProtocolInspector.Inspect(file));
    }

    private static void ReadCompressed(PdfFileReader reader, int streamNumber, int number)
    {
        var method = typeof(PdfFileReader).GetMethod("ReadCompressedObject", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        try
        {
            method.Invoke(reader, [streamNumber, 0, number]);
        }
        catch (System.Reflection.TargetInvocationException exception) when (exception.InnerException is not null)
        {
            throw exception.InnerException;
        }
    }
}

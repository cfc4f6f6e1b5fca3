using System.Text;
using Justera.Documents.Limits;
using Justera.Documents.Protocols;
using Justera.Documents.Tests.Support;

namespace Justera.Documents.Tests.Protocols;

/// <summary>
/// What a hostile tester sent the running service, and relatives of each: every one is refused by a bound (the
/// problem names which), with a Swedish message. Timings are measured in bench/, never asserted here.
/// </summary>
public sealed class HostileUploadTests
{
    // The bounds without the deadline, so each test shows that its bound refused the file, however busy the machine.
    private static readonly PdfLimits NoDeadline = PdfLimits.Default with { MaxTime = TimeSpan.MaxValue };

    [Fact]
    public void GivenThreePagesSharingOneTenMegabyteContentStream_WhenInspected_ThenRefusedByThePageContentBound()
    {
        var bytes = HostilePdf.SharedContentStream(pages: 3, decodedMegabytes: 10);
        Assert.True(bytes.Length < 64 * 1024, $"the hostile file is small: {bytes.Length} bytes");

        var refused = AssertRefused(ProtocolProblem.PageContentTooLarge, ProtocolInspector.Inspect(bytes, NoDeadline));

        Assert.StartsWith("Filen har sidor som sammanlagt innehåller mer än 512 kB ritinstruktioner", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenFortyPagesSharingOneSmallerContentStream_WhenInspected_ThenRefusedByThePageContentBoundAsWell()
    {
        // 1 MB per page passes any per-stream bound; forty pages of it are 40 MB for a text extractor to parse.
        var bytes = HostilePdf.SharedContentStream(pages: 40, decodedMegabytes: 1);
        Assert.True(bytes.Length < 16 * 1024, $"the hostile file is small: {bytes.Length} bytes");

        AssertRefused(ProtocolProblem.PageContentTooLarge, ProtocolInspector.Inspect(bytes, NoDeadline));
    }

    [Fact]
    public void GivenAFlateStreamOf200MegabytesOfSpaces_WhenInspected_ThenRefusedByTheDecodedBound()
    {
        var bytes = HostilePdf.FlateBomb(decodedMegabytes: 200);
        Assert.True(bytes.Length < 1024 * 1024, $"the hostile file is small: {bytes.Length} bytes");

        var refused = AssertRefused(ProtocolProblem.DecodesTooLarge, ProtocolInspector.Inspect(bytes, NoDeadline));

        Assert.StartsWith("Filen innehåller komprimerade delar som packas upp till mer än 16 MB var", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenABombCompressedTwice_WhenInspected_ThenEveryStageIsCounted()
    {
        var inner = HostilePdf.Compressed(HostilePdf.Repeat(" ", 40L * 1024 * 1024));
        var twice = HostilePdf.Compressed([inner]);

        AssertRefused(ProtocolProblem.DecodesTooLarge, ProtocolInspector.Inspect(HostilePdf.WithExtraStream("/Filter [/FlateDecode /FlateDecode]", twice), NoDeadline));
    }

    [Fact]
    public void GivenABombBehindAnIndirectFilter_WhenInspected_ThenTheFilterNamedInTheDictionaryIsStillCounted()
    {
        var bomb = HostilePdf.Compressed(HostilePdf.Repeat(" ", 40L * 1024 * 1024));
        var bytes = HostilePdf.Build(
        [
            HostilePdf.Latin1("<< /Type /Catalog /Pages 2 0 R >>"),
            HostilePdf.Latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            HostilePdf.Latin1("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"),
            HostilePdf.StreamObject("/Filter 5 0 R", bomb),
            HostilePdf.Latin1("/FlateDecode"),
        ]);

        AssertRefused(ProtocolProblem.DecodesTooLarge, ProtocolInspector.Inspect(bytes, NoDeadline));
    }

    [Theory]
    [InlineData("ASCII85 zeros")]
    [InlineData("run-length repeats")]
    public void GivenABombInAnotherExpandingFilter_WhenInspected_ThenRefusedByTheDecodedBound(string kind)
    {
        var bytes = kind switch
        {
            // Each "z" is four zero bytes; each run-length pair 128 bytes.
            "ASCII85 zeros" => HostilePdf.WithExtraStream("/Filter /ASCII85Decode", Encoding.ASCII.GetBytes(new string('z', 5_000_000) + "~>")),
            "run-length repeats" => HostilePdf.WithExtraStream("/Filter /RunLengthDecode", [.. Enumerable.Repeat<byte[]>([129, 0x20], 150_000).SelectMany(pair => pair), 128]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        AssertRefused(ProtocolProblem.DecodesTooLarge, ProtocolInspector.Inspect(bytes, NoDeadline));
    }

    [Fact]
    public void GivenManyStreamsEachUnderTheStreamBound_WhenInspected_ThenRefusedByTheTotalBound()
    {
        var medium = HostilePdf.Compressed(HostilePdf.Repeat(" ", 15L * 1024 * 1024));
        var objects = new List<byte[]>
        {
            HostilePdf.Latin1("<< /Type /Catalog /Pages 2 0 R >>"),
            HostilePdf.Latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            HostilePdf.Latin1("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
        };
        objects.AddRange(Enumerable.Repeat(HostilePdf.StreamObject("/Filter /FlateDecode", medium), 5));

        AssertRefused(ProtocolProblem.DecodesTooLarge, ProtocolInspector.Inspect(HostilePdf.Build(objects), NoDeadline));
    }

    [Theory]
    [InlineData("arrays in the catalog")]
    [InlineData("dictionaries in the catalog")]
    [InlineData("arrays in a compressed content stream")]
    [InlineData("arrays inside a compressed object stream")]
    public void GivenDeepNesting_WhenInspected_ThenRefusedByTheDepthBoundBeforeAnyRecursiveParserSeesIt(string kind)
    {
        const int Depth = 50_000;
        var arrays = new string('[', Depth) + new string(']', Depth);
        var bytes = kind switch
        {
            "arrays in the catalog" => HandMadePdf.OnePage(catalogEntries: "/Deep " + arrays),
            "dictionaries in the catalog" => HandMadePdf.OnePage(catalogEntries: "/Deep " + string.Concat(Enumerable.Repeat("<< /A ", Depth)) + "1" + string.Concat(Enumerable.Repeat(" >>", Depth))),
            "arrays in a compressed content stream" => HostilePdf.WithExtraStream("/Filter /FlateDecode", HostilePdf.Compressed([HostilePdf.Latin1(arrays + " pop")])),
            "arrays inside a compressed object stream" => HostilePdf.WithExtraStream(
                "/Type /ObjStm /N 1 /First 5 /Filter /FlateDecode",
                HostilePdf.Compressed([HostilePdf.Latin1("7 0 " + arrays)])),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        var refused = AssertRefused(ProtocolProblem.NestedTooDeeply, ProtocolInspector.Inspect(bytes, NoDeadline));

        Assert.StartsWith("Filen har en struktur som är inbäddad i fler än 100 nivåer.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenMoreObjectsThanTheBound_WhenInspected_ThenRefusedByTheObjectBound()
    {
        var objects = new List<byte[]>
        {
            HostilePdf.Latin1("<< /Type /Catalog /Pages 2 0 R >>"),
            HostilePdf.Latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            HostilePdf.Latin1("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
        };
        objects.AddRange(Enumerable.Repeat(HostilePdf.Latin1("null"), 120_000));

        var refused = AssertRefused(ProtocolProblem.TooManyObjects, ProtocolInspector.Inspect(HostilePdf.Build(objects), NoDeadline));

        Assert.StartsWith("Filen består av fler än 100 000 objekt.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAnObjectStreamClaimingMoreObjectsThanTheBound_WhenInspected_ThenRefusedByTheObjectBound()
    {
        var bytes = HostilePdf.WithExtraStream("/Type /ObjStm /N 2000000 /First 4 /Filter /FlateDecode", HostilePdf.Compressed([HostilePdf.Latin1("7 0 null")]));

        AssertRefused(ProtocolProblem.TooManyObjects, ProtocolInspector.Inspect(bytes, NoDeadline));
    }

    [Fact]
    public void GivenNoTimeLeft_WhenInspected_ThenRefusedByTheDeadlineNotLeftRunning()
    {
        var limits = PdfLimits.Default with { MaxTime = TimeSpan.Zero };

        var refused = AssertRefused(ProtocolProblem.TookTooLong, ProtocolInspector.Inspect(File.ReadAllBytes(SampleFiles.Protocol), limits));

        Assert.StartsWith("Filen tog för lång tid att kontrollera.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheCallerGaveUp_WhenInspected_ThenTheInspectionStops()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => ProtocolInspector.Inspect(File.ReadAllBytes(SampleFiles.Protocol), cancelled.Token));
    }

    [Fact]
    public void GivenTheSampleWithItsStreamsCompressedAgainByQpdf_WhenInspected_ThenStillAccepted()
    {
        using var folder = new TempFolder();
        var output = folder.File("recompressed.pdf");
        ExternalTool.Qpdf("--object-streams=generate", "--recompress-flate", "--compression-level=9", SampleFiles.Protocol, output);

        Assert.IsType<ProtocolInspection.Accepted>(ProtocolInspector.Inspect(File.ReadAllBytes(output), NoDeadline));
    }

    private static ProtocolInspection.Refused AssertRefused(ProtocolProblem expected, ProtocolInspection inspection)
    {
        var refused = Assert.IsType<ProtocolInspection.Refused>(inspection);
        Assert.Equal(expected, refused.Problem);
        Assert.EndsWith(".", refused.Message, StringComparison.Ordinal);
        return refused;
    }
}

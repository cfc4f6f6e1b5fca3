using System.Text;
using Justera.Documents.Sealing.Pdf;

namespace Justera.Documents.Tests.Sealing;

/// <summary>The object parser and writer the incremental update rests on, on the syntax corners whole files rarely show.</summary>
public sealed class PdfSyntaxTests
{
    [Fact]
    public void GivenALiteralStringWithEscapesAndNestedParentheses_WhenParsed_ThenItsBytesAreDecoded()
    {
        var value = Parse("(a\\(b\\) (c) \\101\\\r\nd\\7\r\ne)");

        Assert.Equal("a(b) (c) Ad\a\ne", Encoding.Latin1.GetString(Assert.IsType<PdfString>(value).Bytes));
    }

    [Fact]
    public void GivenAHexStringWithSpacesAndAnOddDigit_WhenParsed_ThenTheLastDigitIsPaddedWithZero()
    {
        var value = Assert.IsType<PdfString>(Parse("<4 1 6>"));

        Assert.Equal(new byte[] { 0x41, 0x60 }, value.Bytes);
        Assert.True(value.Hex);
    }

    [Fact]
    public void GivenReferencesAmongNumbers_WhenParsed_ThenOnlyNGRAreReferences()
    {
        var array = Assert.IsType<PdfArray>(Parse("[1 0 R 2 3 4 -1 .5 +6 7 0 R]"));

        Assert.Equal("1 0 R|2|3|4|-1|0.5|6|7 0 R", string.Join('|', array.Items.Select(item => item.ToString())));
    }

    [Fact]
    public void GivenANameWithEscapes_WhenParsedAndWritten_ThenItRoundTrips()
    {
        var dictionary = Assert.IsType<PdfDictionary>(Parse("<</A#20B /application#2Fjson/Empty()>>"));

        Assert.Equal("application/json", Assert.IsType<PdfName>(dictionary["A B"]).Value);
        Assert.Equal("<</A#20B /application#2Fjson/Empty ()>>", Write(dictionary));
    }

    [Fact]
    public void GivenAStringWithBinaryBytes_WhenWritten_ThenItIsAsciiAndReadsBackTheSame()
    {
        var original = new PdfString([0x00, 0x28, 0x29, 0x5C, 0x0D, 0x0A, 0xF6, 0x41]);

        var written = Write(original);
        var reread = Assert.IsType<PdfString>(Parse(written));

        Assert.All(written, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(original.Bytes, reread.Bytes);
    }

    [Fact]
    public void GivenSwedishText_WhenMadeATextString_ThenItIsUtf16WithAByteOrderMark()
    {
        Assert.Equal("<FEFF00F6>", Write(PdfString.Text("ö")));
        Assert.Equal("(Justeringssigill)", Write(PdfString.Text("Justeringssigill")));
        Assert.Equal("Exempelby stadsdelsförvaltning", PdfString.Text("Exempelby stadsdelsförvaltning").ToText());
    }

    [Fact]
    public void GivenRealNumbers_WhenMade_ThenTheyHaveNoExponentAndAtMostFourDecimals()
    {
        Assert.Equal("0.0001", PdfNumber.Of(0.0001).Text);
        Assert.Equal("0", PdfNumber.Of(-0.00001).Text);
        Assert.Equal("139.18", PdfNumber.Of(139.18).Text);
        Assert.Equal("1000000", PdfNumber.Of(1e6).Text);
    }

    private static PdfObject Parse(string syntax) => new PdfParser(Encoding.Latin1.GetBytes(syntax)).ReadObject();

    private static string Write(PdfObject value)
    {
        var writer = new PdfWriter(0);
        writer.WriteObject(value);
        return Encoding.Latin1.GetString(writer.ToArray());
    }
}

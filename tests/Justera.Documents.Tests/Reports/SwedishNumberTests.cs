using Justera.Documents.Reports;

namespace Justera.Documents.Tests.Reports;

public class SwedishNumberTests
{
    [Theory]
    [InlineData("1268.2", "1\u00A0268,2")]
    [InlineData("1268.24", "1\u00A0268,2")]
    [InlineData("1268.25", "1\u00A0268,3")]
    [InlineData("0", "0,0")]
    [InlineData("-0.04", "0,0")]
    [InlineData("-1.5", "\u22121,5")]
    [InlineData("-12345.6", "\u221212\u00A0345,6")]
    [InlineData("99.5", "99,5")]
    public void GivenAmount_WhenWrittenInMnkr_ThenOneDecimalSwedishStyle(string value, string expected) =>
        Assert.Equal(expected, SwedishNumber.Mnkr(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("4.1", "4,1")]
    [InlineData("4.10", "4,1")]
    [InlineData("2.96", "2,96")]
    [InlineData("550", "550")]
    [InlineData("12400", "12\u00A0400")]
    [InlineData("-3.4", "\u22123,4")]
    [InlineData("0.0", "0")]
    public void GivenIndicatorValue_WhenWritten_ThenItsOwnDecimalsSwedishStyle(string value, string expected) =>
        Assert.Equal(expected, SwedishNumber.Value(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void GivenUnknownValue_WhenWritten_ThenEmpty() => Assert.Equal("", SwedishNumber.Value(null));
}

using System.Globalization;
using CsCheck;
using Justera.Core.Swedish;

namespace Justera.Core.Tests.Swedish;

public class SwedishNumberTests
{
    public static TheoryData<string, string> Accepted => new()
    {
        { "1 268,2", "1268.2" },
        { "1268,2", "1268.2" },
        { "1268.2", "1268.2" },
        { "4,1 %", "4.1" },
        { "4,1%", "4.1" },
        { "−3,4", "-3.4" },
        { "-3,4", "-3.4" },
        { "–3,4", "-3.4" },
        { "- 3,4", "-3.4" },
        { "+5", "5" },
        { "  42  ", "42" },
        { "\t7\u00A0", "7" },
        { "1\u00A0268,2", "1268.2" },
        { "1\u202F268,2", "1268.2" },
        { "1\u2009268", "1268" },
        { "12 500", "12500" },
        { "1 234 567,89", "1234567.89" },
        { "0", "0" },
        { "-0", "0" },
        { ",5", "0.5" },
        { "0,25", "0.25" },
        { "1,268", "1.268" },
        { "1.268", "1.268" },
        { "007", "7" },
        { "2,50000", "2.5" },
        { "0,0001", "0.0001" },
        { "999 999 999 999 999,9999", "999999999999999.9999" },
        { "-162,9", "-162.9" },
        { "100 %", "100" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void GivenNumberAsTypedInSweden_WhenParsed_ThenItsValue(string text, string expected)
    {
        Assert.True(SwedishNumber.TryParse(text, out var value, out var error), error);
        Assert.Null(error);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "", "Ange ett tal" },
        { "   ", "Ange ett tal" },
        { "abc", "bara siffror" },
        { "12 st", "bara siffror" },
        { "NaN", "bara siffror" },
        { "Infinity", "bara siffror" },
        { "∞", "Tecknet \"∞\"" },
        { "1e5", "bara siffror" },
        { "١٢", "bara siffror" },
        { "1,268,2", "mer än ett decimaltecken" },
        { "1.268.2", "mer än ett decimaltecken" },
        { "1.268,2", "både komma och punkt" },
        { "1 26,5", "grupper om tre siffror" },
        { "12 34", "grupper om tre siffror" },
        { "1234 567", "grupper om tre siffror" },
        { "1  268", "grupper om tre siffror" },
        { "1 ,5", "grupper om tre siffror" },
        { "3,141 59", "Mellanslag får bara stå mellan tusental" },
        { "1,23456", "högst 4 decimaler" },
        { "1 000 000 000 000 000", "för stort" },
        { "79228162514264337593543950336", "för stort" },
        { "5,", "efter decimaltecknet" },
        { ",", "före eller efter decimaltecknet" },
        { "-", "Ange siffror" },
        { "%", "Ange siffror" },
        { "3-4", "bara stå först" },
        { "--3", "bara stå först" },
        { "4 % 5", "Procenttecknet" },
        { "(3,4)", "Tecknet \"(\"" },
        { "1'268", "Tecknet \"'\"" },
        { "1\n268", "osynligt tecken" },
        { new string('1', 65), "för långt" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void GivenTextThatIsNotANumber_WhenParsed_ThenRefusedWithSwedishReason(string text, string expected)
    {
        Assert.False(SwedishNumber.TryParse(text, out var value, out var error));
        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(0m, value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \u00A0")]
    public void GivenEmptyOptionalField_WhenParsed_ThenNoValueAndNoError(string? text)
    {
        Assert.True(SwedishNumber.TryParseOptional(text, out var value, out var error));
        Assert.Null(value);
        Assert.Null(error);
    }

    [Fact]
    public void GivenInvalidOptionalField_WhenParsed_ThenRefused()
    {
        Assert.False(SwedishNumber.TryParseOptional("1 26,5", out var value, out var error));
        Assert.Null(value);
        Assert.Contains("tre siffror", error, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNull_WhenParsedAsRequired_ThenAskedForANumber()
    {
        Assert.False(SwedishNumber.TryParse(null, out _, out var error));
        Assert.Equal("Ange ett tal.", error);
    }

    [Theory]
    [InlineData("1268.2", 1, "1\u00A0268,2")]
    [InlineData("1268.25", 1, "1\u00A0268,3")]
    [InlineData("-1268.25", 1, "-1\u00A0268,3")]
    [InlineData("-3.4", 1, "-3,4")]
    [InlineData("0", 1, "0,0")]
    [InlineData("-0.04", 1, "0,0")]
    [InlineData("1234567.891", 2, "1\u00A0234\u00A0567,89")]
    [InlineData("999", 0, "999")]
    [InlineData("1000", 0, "1\u00A0000")]
    [InlineData("2.5", 0, "3")]
    [InlineData("4.1", 2, "4,10")]
    public void GivenValue_WhenFormatted_ThenSwedishStyle(string value, int decimals, string expected)
    {
        Assert.Equal(expected, SwedishNumber.Format(decimal.Parse(value, CultureInfo.InvariantCulture), decimals));
    }

    [Fact]
    public void GivenAnyValueInRange_WhenFormattedAndParsed_ThenTheRoundedValueComesBack()
    {
        // Values spread over every magnitude up to the bound, with up to six decimals so rounding is exercised too.
        var genValue =
            from digits in Gen.Int[0, 15]
            from mantissa in Gen.Long[0, 999_999_999_999_999]
            from scale in Gen.Int[0, 6]
            from negative in Gen.Bool
            let raw = (decimal)(mantissa % (long)Math.Pow(10, digits == 0 ? 1 : digits)) / (decimal)Math.Pow(10, scale)
            select negative ? -raw : raw;

        Gen.Select(genValue, Gen.Int[0, SwedishNumber.MaxDecimals]).Sample((value, decimals) =>
        {
            var expected = decimal.Round(value, decimals, MidpointRounding.AwayFromZero);
            var text = SwedishNumber.Format(value, decimals);
            var parsed = SwedishNumber.TryParse(text, out var back, out var error);
            return parsed && error is null && back == expected;
        });
    }
}

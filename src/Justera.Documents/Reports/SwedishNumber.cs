using System.Globalization;

namespace Justera.Documents.Reports;

/// <summary>
/// Numbers as a Swedish report prints them: a space between thousands (no-break, U+00A0, so "1 268,2" never wraps
/// inside a table cell), a decimal comma, and a real minus sign (U+2212) as Swedish typography writes it.
/// </summary>
public static class SwedishNumber
{
    private static readonly NumberFormatInfo Format = CreateFormat();

    /// <summary>An amount in mnkr with one decimal, as the economy table writes it: "1 268,2", "0,0", "−1,5".</summary>
    public static string Mnkr(decimal value) => Normalised(Math.Round(value, 1, MidpointRounding.AwayFromZero)).ToString("#,##0.0", Format);

    /// <summary>An indicator value with the decimals it has and no trailing zeros: "4,1", "2,96", "550", "12 400"; empty when unknown.</summary>
    public static string Value(decimal? value) =>
        value is { } v ? Normalised(v).ToString("#,##0.##########", Format) : "";

    // −0,0 reads as a deficit that isn't there.
    private static decimal Normalised(decimal value) => value == 0 ? 0 : value;

    private static NumberFormatInfo CreateFormat()
    {
        // Written out instead of taken from sv-SE, so the output does not change with the machine's ICU version.
        var format = (NumberFormatInfo)CultureInfo.InvariantCulture.NumberFormat.Clone();
        format.NumberGroupSeparator = "\u00A0";
        format.NumberDecimalSeparator = ",";
        format.NegativeSign = "\u2212";
        return NumberFormatInfo.ReadOnly(format);
    }
}

using System.Globalization;

namespace Justera.Core.Swedish;

/// <summary>
/// Numbers as people in Sweden type and read them: "1 268,2", "1268.2", "4,1 %", "−3,4". Parsing refuses anything
/// that could be read two ways and says why in Swedish; formatting writes the administration's own style.
/// </summary>
public static class SwedishNumber
{
    /// <summary>At most this many decimals are kept (trailing zeros do not count): indicators and mnkr need two, four is generous.</summary>
    public const int MaxDecimals = 4;

    /// <summary>At most this many digits before the decimal separator, so every accepted value is below 10^15 in size.</summary>
    public const int MaxIntegerDigits = 15;

    /// <summary>A longer text is not a number anyone typed; refusing it early keeps the work per field small.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// The group separator <see cref="Format"/> writes: the no-break space (U+00A0). It keeps "1 268,2" on one line in
    /// pages and Word tables, and it is what Windows' Swedish regional settings use, so Excel reads a pasted number.
    /// </summary>
    public const char GroupSeparator = '\u00A0';

    /// <summary>
    /// The minus <see cref="Format"/> writes: the hyphen-minus (U+002D), as Windows' Swedish settings and the
    /// administration's own reports write it; Excel does not read U+2212 as a minus when a number is pasted.
    /// </summary>
    public const char MinusSign = '-';

    private static readonly NumberFormatInfo Swedish = NumberFormatInfo.ReadOnly(new NumberFormatInfo
    {
        NumberGroupSeparator = GroupSeparator.ToString(),
        NumberDecimalSeparator = ",",
        NumberGroupSizes = [3],
        NegativeSign = MinusSign.ToString(),
        NumberNegativePattern = 1,
    });

    private const string Example = "till exempel 1 268,2";

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>Parses a required number; an empty field is refused with "Ange ett tal.".</summary>
    public static bool TryParse(string? text, out decimal value, out string? error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = 0m;
            error = "Ange ett tal.";
            return false;
        }
        error = Parse(text, out value);
        return error is null;
    }

    /// <summary>Parses an optional number: an empty or blank field gives <c>null</c> and no error.</summary>
    public static bool TryParseOptional(string? text, out decimal? value, out string? error)
    {
        value = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        error = Parse(text, out var parsed);
        if (error is not null)
            return false;
        value = parsed;
        return true;
    }

    /// <summary>
    /// Formats with a fixed number of decimals the Swedish way: no-break space between thousands, decimal comma,
    /// hyphen-minus; halves round away from zero, as in the administration's tables ("1 268,3" for 1268.25).
    /// </summary>
    public static string Format(decimal value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 10);
        var rounded = decimal.Round(value, decimals, MidpointRounding.AwayFromZero);
        // A small negative value rounds to a negative zero, which would print as "-0,0".
        if (rounded == 0m)
            rounded = 0m;
        return rounded.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Swedish);
    }

    // Returns the Swedish reason the text is refused, or null with the value.
    private static string? Parse(string text, out decimal value)
    {
        value = 0m;
        if (text.Length > MaxLength)
            return $"Talet är för långt: högst {MaxLength} tecken.";
        var s = text.AsSpan().Trim();

        // "4,1 %": the percent sign says what the number is; the value is the number of percent, 4.1.
        if (s.EndsWith("%"))
            s = s[..^1].TrimEnd();
        if (s.Contains('%'))
            return "Procenttecknet får bara stå sist, till exempel 4,1 %.";

        var negative = false;
        if (s.Length > 0 && (s[0] == '+' || IsMinus(s[0])))
        {
            negative = s[0] != '+';
            s = s[1..].TrimStart();
        }

        foreach (var c in s)
        {
            if (char.IsAsciiDigit(c) || c is ',' or '.' || IsGroupSpace(c))
                continue;
            if (IsMinus(c) || c == '+')
                return "Plus- eller minustecknet får bara stå först i talet, till exempel −3,4.";
            if (char.IsControl(c))
                return "Talet innehåller ett radbyte eller annat osynligt tecken.";
            if (char.IsLetter(c) || char.IsDigit(c))
                return $"Skriv bara siffror, {Example}, utan bokstäver eller enhet.";
            return $"Tecknet \"{c}\" kan inte stå i ett tal. Skriv {Example}.";
        }

        var commas = s.Count(',');
        var points = s.Count('.');
        if (commas > 0 && points > 0)
            return $"Talet har både komma och punkt. Använd ett decimaltecken och mellanslag mellan tusental, {Example}.";
        if (commas + points > 1)
            return $"Talet har mer än ett decimaltecken. Skriv tusental med mellanslag, {Example}.";

        var separator = s.IndexOfAny(',', '.');
        var whole = separator < 0 ? s : s[..separator];
        var fraction = separator < 0 ? [] : s[(separator + 1)..];
        if (whole.IsEmpty && fraction.IsEmpty)
            return separator < 0 ? "Ange siffror, " + Example + "." : "Skriv siffror före eller efter decimaltecknet.";
        if (separator >= 0 && fraction.IsEmpty)
            return "Skriv siffror efter decimaltecknet, eller ta bort det.";
        if (fraction.ContainsAnyExcept(Digits))
            return $"Mellanslag får bara stå mellan tusental, före decimaltecknet: {Example}.";

        var digits = GroupedDigits(whole, out var groupError);
        if (groupError is not null)
            return groupError;
        digits = digits.TrimStart('0');
        if (digits.Length > MaxIntegerDigits)
            return "Talet är för stort: det får ha högst 15 siffror före decimaltecknet.";
        fraction = fraction.TrimEnd('0');
        if (fraction.Length > MaxDecimals)
            return $"Talet får ha högst {MaxDecimals} decimaler.";

        var invariant = $"{(digits.IsEmpty ? "0" : digits)}.{(fraction.IsEmpty ? "0" : fraction)}";
        value = decimal.Parse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (negative && value != 0m)
            value = -value;
        return null;
    }

    // The digits before the decimal separator, with its thousands groups checked: the first group has one to three
    // digits and every later group exactly three, so "1 26,5" (a slip, or 126,5?) is refused rather than guessed.
    private static ReadOnlySpan<char> GroupedDigits(ReadOnlySpan<char> whole, out string? error)
    {
        error = null;
        if (whole.IndexOfAnyExcept(Digits) < 0)
            return whole;
        var digits = new char[whole.Length];
        var count = 0;
        var group = 0;
        var first = true;
        foreach (var c in whole)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[count++] = c;
                group++;
                continue;
            }
            if (!GroupOk(group, first))
                break;
            first = false;
            group = 0;
        }
        if (!GroupOk(group, first) || group == 0)
        {
            error = $"Tusentalen ska skrivas i grupper om tre siffror, {Example} eller 12 500.";
            return [];
        }
        return digits.AsSpan(0, count);

        static bool GroupOk(int length, bool first) => first ? length is >= 1 and <= 3 : length == 3;
    }

    // Word turns a typed hyphen into an en dash, and Swedish typography uses the minus sign U+2212.
    private static bool IsMinus(char c) => c is '-' or '\u2212' or '\u2013';

    // Spaces people and programs put between thousands: space, no-break space, narrow no-break space, thin and figure space.
    private static bool IsGroupSpace(char c) => c is ' ' or '\u00A0' or '\u202F' or '\u2009' or '\u2007';
}

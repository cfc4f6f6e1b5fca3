using System.Globalization;
using System.Text;

namespace Justera.Documents.Sealing.Pdf;

/// <summary>A PDF object (ISO 32000-1, 7.3) as read from a file or made for an update, kept close to its bytes.</summary>
/// <remarks>
/// Only what an incremental update needs: values are kept as written (numbers as their text, strings and
/// names as their bytes), so an object read from the original and written again says exactly what it said.
/// </remarks>
internal abstract class PdfObject;

/// <summary>A name, held as its decoded bytes (one char per byte, Latin-1), without the slash.</summary>
internal sealed class PdfName(string value) : PdfObject
{
    public string Value { get; } = value;

    public override bool Equals(object? obj) => obj is PdfName other && other.Value == Value;

    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => "/" + Value;
}

/// <summary>A number, held as the text it was written with so that it is written back unchanged.</summary>
internal sealed class PdfNumber : PdfObject
{
    private PdfNumber(string text) => Text = text;

    public string Text { get; }

    public bool IsInteger => !Text.Contains('.', StringComparison.Ordinal);

    /// <summary>The value as a whole number (a real is truncated); a file's number that does not fit a long is malformed, never an overflow.</summary>
    public long LongValue
    {
        get
        {
            if (TryGetLong(out var value))
                return value;
            var real = DoubleValue;
            return IsInteger || !(Math.Abs(real) < long.MaxValue)
                ? throw new PdfFormatException($"the number {Text} is out of range")
                : (long)Math.Truncate(real);
        }
    }

    public double DoubleValue => double.Parse(Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>Reads an integer that fits a long; false for a real, or for digits past Int64 (a file can write any number of them).</summary>
    public bool TryGetLong(out long value)
    {
        value = 0;
        return IsInteger && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Reads an integer in [<paramref name="min"/>, <paramref name="max"/>], as every count, offset and length read from a file must be before use.</summary>
    public bool TryGetInteger(long min, long max, out long value) => TryGetLong(out value) && value >= min && value <= max;

    public static PdfNumber Parse(string text) => new(text);

    public static PdfNumber Of(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A real number with at most four decimals and never an exponent (PDF has none).</summary>
    public static PdfNumber Of(double value)
    {
        var text = Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
        return new(text == "-0" ? "0" : text);
    }

    public override string ToString() => Text;
}

/// <summary>A string, held as its bytes; <see cref="Hex"/> says how it was (or is to be) written.</summary>
internal sealed class PdfString(byte[] bytes, bool hex = false) : PdfObject
{
    public byte[] Bytes { get; } = bytes;

    public bool Hex { get; } = hex;

    /// <summary>A text string (7.9.2.2): PDFDocEncoding where ASCII suffices, otherwise UTF-16BE with a byte order mark.</summary>
    public static PdfString Text(string text)
    {
        if (text.All(c => c is >= ' ' and <= '~'))
            return new PdfString(Encoding.ASCII.GetBytes(text));
        return new PdfString([0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)], hex: true);
    }

    /// <summary>Reads the string as a text string: UTF-16BE or UTF-8 after their byte order marks, otherwise byte by byte.</summary>
    public string ToText()
    {
        if (Bytes is [0xFE, 0xFF, ..])
            return Encoding.BigEndianUnicode.GetString(Bytes, 2, Bytes.Length - 2);
        if (Bytes is [0xEF, 0xBB, 0xBF, ..])
            return Encoding.UTF8.GetString(Bytes, 3, Bytes.Length - 3);
        // PDFDocEncoding agrees with Latin-1 for everything a name or a date uses.
        return Encoding.Latin1.GetString(Bytes);
    }
}

/// <summary>An indirect reference "n g R".</summary>
internal sealed class PdfReference(int number, int generation) : PdfObject
{
    public int Number { get; } = number;

    public int Generation { get; } = generation;

    public override bool Equals(object? obj) => obj is PdfReference other && other.Number == Number && other.Generation == Generation;

    public override int GetHashCode() => HashCode.Combine(Number, Generation);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Number} {Generation} R");
}

/// <summary>true or false.</summary>
internal sealed class PdfBoolean : PdfObject
{
    public static readonly PdfBoolean True = new(true);
    public static readonly PdfBoolean False = new(false);

    private PdfBoolean(bool value) => Value = value;

    public bool Value { get; }
}

/// <summary>The null object; also what a reference to a missing object resolves to (7.3.10).</summary>
internal sealed class PdfNull : PdfObject
{
    public static readonly PdfNull Instance = new();

    private PdfNull()
    {
    }
}

/// <summary>An array.</summary>
internal sealed class PdfArray : PdfObject
{
    public PdfArray()
    {
    }

    public PdfArray(IEnumerable<PdfObject> items) => Items.AddRange(items);

    public List<PdfObject> Items { get; } = [];
}

/// <summary>A dictionary that keeps its keys in the order they were read or added.</summary>
internal sealed class PdfDictionary : PdfObject
{
    private readonly List<KeyValuePair<string, PdfObject>> entries = [];

    public PdfDictionary()
    {
    }

    public PdfDictionary(IEnumerable<KeyValuePair<string, PdfObject>> entries)
    {
        foreach (var (key, value) in entries)
            this[key] = value;
    }

    public IReadOnlyList<KeyValuePair<string, PdfObject>> Entries => entries;

    /// <summary>Gets the value of <paramref name="key"/> (null if absent), or sets it, replacing an existing entry in place.</summary>
    public PdfObject? this[string key]
    {
        get
        {
            foreach (var entry in entries)
            {
                if (entry.Key == key)
                    return entry.Value;
            }

            return null;
        }

        set
        {
            var index = entries.FindIndex(entry => entry.Key == key);
            if (value is null)
            {
                if (index >= 0)
                    entries.RemoveAt(index);
            }
            else if (index >= 0)
            {
                entries[index] = new(key, value);
            }
            else
            {
                entries.Add(new(key, value));
            }
        }
    }

    public bool ContainsKey(string key) => entries.Exists(entry => entry.Key == key);

    /// <summary>A shallow copy: a new dictionary with the same values, to change without touching the one read.</summary>
    public PdfDictionary Copy() => new(entries);

    public bool IsOfType(string type) => this["Type"] is PdfName name && name.Value == type;
}

/// <summary>A stream: its dictionary and its data exactly as stored (still encoded by its filters).</summary>
/// <remarks>The dictionary's /Length is written from <see cref="Data"/>, whatever it said when read.</remarks>
internal sealed class PdfStream(PdfDictionary dictionary, ReadOnlyMemory<byte> data) : PdfObject
{
    public PdfDictionary Dictionary { get; } = dictionary;

    public ReadOnlyMemory<byte> Data { get; } = data;
}

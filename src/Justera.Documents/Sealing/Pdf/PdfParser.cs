using System.Globalization;
using System.Text;

namespace Justera.Documents.Sealing.Pdf;

/// <summary>Reads PDF objects and keywords from bytes (ISO 32000-1, 7.2 and 7.3), starting at any position.</summary>
internal sealed class PdfParser(ReadOnlyMemory<byte> data, int position = 0)
{
    // Nesting deeper than this is refused rather than risking the stack on a hostile file.
    private static readonly int MaxDepth = Limits.PdfLimits.Default.MaxDepth;

    // Items one object may hold: a 25 MB file of "0 " is 12 million numbers, each a heap object, in one array.
    private const int MaxItems = 250_000;

    private int items;

    public ReadOnlyMemory<byte> Data { get; } = data;

    public int Position { get; set; } = position;

    private ReadOnlySpan<byte> Bytes => Data.Span;

    public static bool IsWhitespace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    private static bool IsRegular(byte b) => !IsWhitespace(b) && !IsDelimiter(b);

    /// <summary>Skips white space and comments.</summary>
    public void SkipWhitespace()
    {
        var bytes = Bytes;
        while (Position < bytes.Length)
        {
            var b = bytes[Position];
            if (IsWhitespace(b))
            {
                Position++;
            }
            else if (b == '%')
            {
                while (Position < bytes.Length && bytes[Position] is not (10 or 13))
                    Position++;
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Reads a keyword or number as text (a run of regular characters), or null if something else comes next.</summary>
    public string? ReadWord()
    {
        SkipWhitespace();
        var bytes = Bytes;
        var start = Position;
        while (Position < bytes.Length && IsRegular(bytes[Position]))
            Position++;
        return Position == start ? null : Encoding.Latin1.GetString(bytes[start..Position]);
    }

    /// <summary>Reads the keyword <paramref name="keyword"/> or fails.</summary>
    public void ExpectKeyword(string keyword)
    {
        var start = Position;
        var word = ReadWord();
        if (word != keyword)
            throw Malformed($"expected '{keyword}' at {start}, found '{word}'");
    }

    /// <summary>Reads a non-negative integer or fails.</summary>
    public long ReadInteger()
    {
        var start = Position;
        var word = ReadWord();
        if (word is null || !long.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            throw Malformed($"expected an integer at {start}, found '{word}'");
        return value;
    }

    /// <summary>Reads one direct object; "n g R" becomes a <see cref="PdfReference"/>.</summary>
    public PdfObject ReadObject()
    {
        items = 0;
        return ReadObject(0);
    }

    private PdfObject ReadObject(int depth)
    {
        if (depth > MaxDepth)
            throw Malformed("objects nested too deeply");
        if (++items > MaxItems)
            throw Malformed($"an object holds more than {MaxItems} items");

        SkipWhitespace();
        var bytes = Bytes;
        if (Position >= bytes.Length)
            throw Malformed("unexpected end of data");

        var b = bytes[Position];
        switch (b)
        {
            case (byte)'/':
                return ReadName();
            case (byte)'(':
                return ReadLiteralString();
            case (byte)'[':
            {
                Position++;
                var array = new PdfArray();
                while (true)
                {
                    SkipWhitespace();
                    if (Position >= bytes.Length)
                        throw Malformed("unterminated array");
                    if (bytes[Position] == ']')
                    {
                        Position++;
                        return array;
                    }

                    array.Items.Add(ReadObject(depth + 1));
                }
            }

            case (byte)'<' when Position + 1 < bytes.Length && bytes[Position + 1] == '<':
            {
                Position += 2;
                var dictionary = new PdfDictionary();
                while (true)
                {
                    SkipWhitespace();
                    if (Position + 1 < bytes.Length && bytes[Position] == '>' && bytes[Position + 1] == '>')
                    {
                        Position += 2;
                        return dictionary;
                    }

                    if (Position >= bytes.Length || bytes[Position] != '/')
                        throw Malformed($"expected a name as dictionary key at {Position}");
                    var key = ReadName().Value;
                    dictionary[key] = ReadObject(depth + 1);
                }
            }

            case (byte)'<':
                return ReadHexString();
        }

        var start = Position;
        var word = ReadWord() ?? throw Malformed($"unexpected character '{(char)b}' at {start}");
        switch (word)
        {
            case "true":
                return PdfBoolean.True;
            case "false":
                return PdfBoolean.False;
            case "null":
                return PdfNull.Instance;
        }

        if (!IsNumber(word))
            throw Malformed($"unexpected keyword '{word}' at {start}");

        // "n g R": two non-negative integers followed by R are a reference, anything else was just a number.
        if (IsUnsignedInteger(word))
        {
            var afterFirst = Position;
            var second = ReadWord();
            if (second is not null && IsUnsignedInteger(second) && ReadWord() == "R")
                return new PdfReference(int.Parse(word, CultureInfo.InvariantCulture), int.Parse(second, CultureInfo.InvariantCulture));
            Position = afterFirst;
        }

        return PdfNumber.Parse(NormaliseNumber(word));
    }

    private static bool IsUnsignedInteger(string word) => word.Length is > 0 and < 10 && word.All(char.IsAsciiDigit);

    private static bool IsNumber(string word)
    {
        var digits = 0;
        var points = 0;
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (char.IsAsciiDigit(c))
                digits++;
            else if (c == '.')
                points++;
            else if (!(i == 0 && c is '+' or '-'))
                return false;
        }

        return digits > 0 && points <= 1;
    }

    // "+5", ".5" and "5." are valid PDF numbers; kept as a form every reader (and our own writer) accepts.
    private static string NormaliseNumber(string word)
    {
        var text = word.TrimStart('+');
        if (text.EndsWith('.'))
            text = text[..^1];
        if (text.StartsWith('.'))
            text = "0" + text;
        else if (text.StartsWith("-.", StringComparison.Ordinal))
            text = "-0" + text[1..];
        return text;
    }

    private PdfName ReadName()
    {
        var bytes = Bytes;
        Position++; // the slash
        var name = new StringBuilder();
        while (Position < bytes.Length && IsRegular(bytes[Position]))
        {
            var b = bytes[Position];
            if (b == '#' && Position + 2 < bytes.Length && IsHexDigit(bytes[Position + 1]) && IsHexDigit(bytes[Position + 2]))
            {
                name.Append((char)((HexValue(bytes[Position + 1]) << 4) | HexValue(bytes[Position + 2])));
                Position += 3;
            }
            else
            {
                name.Append((char)b);
                Position++;
            }
        }

        return new PdfName(name.ToString());
    }

    private PdfString ReadLiteralString()
    {
        var bytes = Bytes;
        Position++; // the opening parenthesis
        var result = new List<byte>();
        var depth = 1;
        while (true)
        {
            if (Position >= bytes.Length)
                throw Malformed("unterminated string");
            var b = bytes[Position++];
            switch (b)
            {
                case (byte)'(':
                    depth++;
                    result.Add(b);
                    break;
                case (byte)')':
                    if (--depth == 0)
                        return new PdfString([.. result]);
                    result.Add(b);
                    break;
                case (byte)'\r':
                    // An end of line inside a string is read as a single line feed (7.3.4.2).
                    if (Position < bytes.Length && bytes[Position] == '\n')
                        Position++;
                    result.Add((byte)'\n');
                    break;
                case (byte)'\\':
                    ReadEscape(bytes, result);
                    break;
                default:
                    result.Add(b);
                    break;
            }
        }
    }

    private void ReadEscape(ReadOnlySpan<byte> bytes, List<byte> result)
    {
        if (Position >= bytes.Length)
            return;
        var e = bytes[Position++];
        switch (e)
        {
            case (byte)'n': result.Add((byte)'\n'); break;
            case (byte)'r': result.Add((byte)'\r'); break;
            case (byte)'t': result.Add((byte)'\t'); break;
            case (byte)'b': result.Add(8); break;
            case (byte)'f': result.Add(12); break;
            case (byte)'\r':
                // A backslash before an end of line continues the string on the next line.
                if (Position < bytes.Length && bytes[Position] == '\n')
                    Position++;
                break;
            case (byte)'\n':
                break;
            case >= (byte)'0' and <= (byte)'7':
            {
                var value = e - '0';
                for (var i = 0; i < 2 && Position < bytes.Length && bytes[Position] is >= (byte)'0' and <= (byte)'7'; i++)
                    value = (value * 8) + (bytes[Position++] - '0');
                result.Add((byte)value);
                break;
            }

            default:
                // \( \) \\ and an unknown escape (whose backslash is ignored) all give the character itself.
                result.Add(e);
                break;
        }
    }

    private PdfString ReadHexString()
    {
        var bytes = Bytes;
        Position++; // <
        var result = new List<byte>();
        int? high = null;
        while (true)
        {
            if (Position >= bytes.Length)
                throw Malformed("unterminated hex string");
            var b = bytes[Position++];
            if (b == '>')
                break;
            if (IsWhitespace(b))
                continue;
            if (!IsHexDigit(b))
                throw Malformed($"bad character in hex string at {Position - 1}");
            if (high is null)
            {
                high = HexValue(b);
            }
            else
            {
                result.Add((byte)((high.Value << 4) | HexValue(b)));
                high = null;
            }
        }

        // An odd final digit is followed by an implied 0 (7.3.4.3).
        if (high is not null)
            result.Add((byte)(high.Value << 4));
        return new PdfString([.. result], hex: true);
    }

    public static bool IsHexDigit(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f' or >= (byte)'A' and <= (byte)'F';

    public static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => b - 'A' + 10,
    };

    public static PdfFormatException Malformed(string message) => new(message);
}

/// <summary>A file, or a part of it, is not PDF syntax this code can read.</summary>
public sealed class PdfFormatException : Exception
{
    public PdfFormatException()
    {
    }

    public PdfFormatException(string message)
        : base(message)
    {
    }

    public PdfFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

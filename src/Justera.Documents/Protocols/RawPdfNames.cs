using System.Text;
using Justera.Documents.Limits;

namespace Justera.Documents.Protocols;

/// <summary>Where a stream sits in a file's raw bytes: its dictionary's bytes and its (still encoded) data.</summary>
internal readonly record struct RawStream(int DictionaryStart, int DictionaryEnd, int DataStart, int DataEnd);

/// <summary>What a raw scan saw: which wanted names occur, how many objects begin, and every stream.</summary>
internal sealed record RawScan(HashSet<string> Names, int Objects, List<RawStream> Streams);

/// <summary>Finds PDF name tokens in a file's raw bytes, outside strings, comments and stream data.</summary>
/// <remarks>
/// A backstop beside the parsed object graph: it sees objects that no cross-reference entry points
/// to, and objects of revisions that a later incremental update replaced. It cannot see inside
/// compressed object streams; the object graph covers those.
/// </remarks>
internal static class RawPdfNames
{
    // Longer names cannot be any we look for, even spelled with #xx escapes, so they are not decoded.
    private const int MaxDecodedLength = 64;

    /// <summary>Returns which of <paramref name="wanted"/> occur as name tokens (compared after #xx decoding).</summary>
    public static HashSet<string> Find(ReadOnlySpan<byte> pdf, IReadOnlyCollection<string> wanted) =>
        Scan(pdf, wanted, new PdfBudget(PdfLimits.Default with { MaxDepth = int.MaxValue, MaxTime = TimeSpan.MaxValue })).Names;

    /// <summary>Scans <paramref name="pdf"/> once: the wanted names, the objects that begin ("obj"), every stream, and how deeply arrays and dictionaries nest (checked against the budget as it goes).</summary>
    public static RawScan Scan(ReadOnlySpan<byte> pdf, IReadOnlyCollection<string> wanted, PdfBudget budget)
    {
        var targets = wanted.Select(name => (Name: name, Bytes: Encoding.Latin1.GetBytes(name))).ToArray();
        var found = new HashSet<string>(StringComparer.Ordinal);
        var streams = new List<RawStream>();
        var objects = 0;
        var depth = 0;
        // The outermost dictionary last closed: a stream's dictionary when "stream" follows it.
        var dictionaryStart = -1;
        var dictionaryEnd = -1;
        Span<byte> decoded = stackalloc byte[MaxDecodedLength];
        var i = 0;
        while (i < pdf.Length)
        {
            switch (pdf[i])
            {
                case (byte)'%':
                    i = SkipComment(pdf, i);
                    break;
                case (byte)'(':
                    i = SkipLiteralString(pdf, i);
                    break;
                case (byte)'<' when i + 1 < pdf.Length && pdf[i + 1] == '<':
                    // "<<" opens a dictionary, whose contents we want.
                    if (depth == 0)
                        dictionaryStart = i;
                    budget.CheckDepth(++depth);
                    i += 2;
                    break;
                case (byte)'<':
                    // A single "<" opens a hex string.
                    i = SkipTo(pdf, i, (byte)'>');
                    break;
                case (byte)'>' when i + 1 < pdf.Length && pdf[i + 1] == '>':
                    depth = Math.Max(0, depth - 1);
                    i += 2;
                    if (depth == 0)
                        dictionaryEnd = i;
                    break;
                case (byte)'[':
                    budget.CheckDepth(++depth);
                    i++;
                    break;
                case (byte)']':
                    depth = Math.Max(0, depth - 1);
                    i++;
                    break;
                case (byte)'/':
                    var end = EndOfRegular(pdf, i + 1);
                    if (Decode(pdf[(i + 1)..end], decoded) is var length and >= 0)
                    {
                        foreach (var (name, bytes) in targets)
                        {
                            if (decoded[..length].SequenceEqual(bytes))
                                found.Add(name);
                        }
                    }

                    i = end;
                    break;
                default:
                    if (IsRegular(pdf[i]))
                    {
                        var keywordEnd = EndOfRegular(pdf, i);
                        var keyword = pdf[i..keywordEnd];
                        if (keyword.SequenceEqual("obj"u8))
                        {
                            objects++;
                            i = keywordEnd;
                        }
                        else if (keyword.SequenceEqual("stream"u8))
                        {
                            // Stream data is binary (usually compressed): a name-like run of bytes in it means nothing.
                            var dataStart = DataStart(pdf, keywordEnd);
                            i = SkipStreamData(pdf, keywordEnd);
                            var dataEnd = i == pdf.Length && !pdf.EndsWith("endstream"u8) ? pdf.Length : i - "endstream"u8.Length;
                            if (dictionaryEnd >= 0 && depth == 0 && pdf[dictionaryEnd..keywordEnd].Trim(" \t\r\n\f\0"u8).SequenceEqual("stream"u8))
                                streams.Add(new RawStream(dictionaryStart, dictionaryEnd, dataStart, Math.Max(dataStart, dataEnd)));
                        }
                        else
                        {
                            i = keywordEnd;
                        }
                    }
                    else
                    {
                        i++;
                    }

                    break;
            }
        }

        return new RawScan(found, objects, streams);
    }

    // The data begins after "stream" and its end of line, CRLF or LF (7.3.8.1).
    private static int DataStart(ReadOnlySpan<byte> pdf, int afterKeyword)
    {
        var start = afterKeyword;
        if (start < pdf.Length && pdf[start] == '\r')
            start++;
        if (start < pdf.Length && pdf[start] == '\n')
            start++;
        return start;
    }

    private static int SkipComment(ReadOnlySpan<byte> pdf, int start)
    {
        var end = pdf[start..].IndexOfAny((byte)'\r', (byte)'\n');
        return end < 0 ? pdf.Length : start + end;
    }

    private static int SkipLiteralString(ReadOnlySpan<byte> pdf, int start)
    {
        // Literal strings may nest balanced parentheses, and a backslash escapes the next byte.
        var depth = 0;
        for (var i = start; i < pdf.Length; i++)
        {
            switch (pdf[i])
            {
                case (byte)'\\':
                    i++;
                    break;
                case (byte)'(':
                    depth++;
                    break;
                case (byte)')':
                    if (--depth == 0)
                        return i + 1;
                    break;
            }
        }

        return pdf.Length;
    }

    private static int SkipTo(ReadOnlySpan<byte> pdf, int start, byte terminator)
    {
        var end = pdf[start..].IndexOf(terminator);
        return end < 0 ? pdf.Length : start + end + 1;
    }

    private static int SkipStreamData(ReadOnlySpan<byte> pdf, int start)
    {
        var end = pdf[start..].IndexOf("endstream"u8);
        return end < 0 ? pdf.Length : start + end + "endstream"u8.Length;
    }

    private static int EndOfRegular(ReadOnlySpan<byte> pdf, int start)
    {
        var i = start;
        while (i < pdf.Length && IsRegular(pdf[i]))
            i++;
        return i;
    }

    // Decodes #xx escapes (so /Java#53cript is /JavaScript); -1 when the name is too long to matter.
    private static int Decode(ReadOnlySpan<byte> raw, Span<byte> into)
    {
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (length == into.Length)
                return -1;
            if (raw[i] == '#' && i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
            {
                into[length++] = (byte)((HexValue(raw[i + 1]) << 4) | HexValue(raw[i + 2]));
                i += 2;
            }
            else
            {
                into[length++] = raw[i];
            }
        }

        return length;
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    // ISO 32000-1, 7.2.2: whitespace and delimiters end a token; every other byte is regular.
    private static bool IsRegular(byte b) => b switch
    {
        0 or (byte)'\t' or (byte)'\n' or (byte)'\f' or (byte)'\r' or (byte)' ' => false,
        (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%' => false,
        _ => true,
    };
}

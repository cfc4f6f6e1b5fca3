using System.IO.Compression;

namespace Justera.Documents.Limits;

/// <summary>Decodes stream data through its filters while counting every byte against a <see cref="PdfBudget"/>, stopping the moment a bound is passed.</summary>
/// <remarks>
/// The defence against compression bombs: a file's streams pass through here before any library decodes them,
/// so PdfPig is only ever handed a file whose streams are known to decode to a bounded size. The final stage
/// is counted in chunks without being kept, so counting a 16 MB stream costs a 64 KB buffer.
/// </remarks>
internal static class BoundedDecoder
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>The filters whose output only image decoders read; text extraction never decodes them, so decoding stops there.</summary>
    private static readonly string[] ImageFilters = ["DCTDecode", "DCT", "JPXDecode", "CCITTFaxDecode", "CCF", "JBIG2Decode", "Crypt"];

    /// <summary>Decodes <paramref name="raw"/> and keeps the result (for object and cross-reference streams, which are parsed).</summary>
    public static byte[] DecodeToArray(ReadOnlyMemory<byte> raw, IReadOnlyList<string> filters, PdfBudget budget)
    {
        using var output = new MemoryStream();
        Decode(raw, filters, budget, chunk => output.Write(chunk));
        return output.ToArray();
    }

    /// <summary>Decodes <paramref name="raw"/> through <paramref name="filters"/>, handing each chunk of the result to <paramref name="sink"/>; returns the decoded length.</summary>
    /// <remarks>A filter this code does not know, or one only images use, ends decoding: what is left is counted as it is.</remarks>
    public static long Decode(ReadOnlyMemory<byte> raw, IReadOnlyList<string> filters, PdfBudget budget, Action<ReadOnlySpan<byte>>? sink)
    {
        var data = raw;
        for (var i = 0; i < filters.Count; i++)
        {
            var last = i == filters.Count - 1;
            switch (filters[i])
            {
                case "FlateDecode" or "Fl":
                    if (last)
                        return Inflate(data, budget, sink);
                    using (var stage = new MemoryStream())
                    {
                        Inflate(data, budget, chunk => stage.Write(chunk));
                        data = stage.ToArray();
                    }

                    break;
                case "ASCIIHexDecode" or "AHx":
                    data = AsciiHex(data.Span, budget);
                    break;
                case "ASCII85Decode" or "A85":
                    data = Ascii85(data.Span, budget);
                    break;
                case "RunLengthDecode" or "RL":
                    data = RunLength(data.Span, budget);
                    break;
                case "LZWDecode" or "LZW":
                    data = Lzw(data.Span, budget);
                    break;
                default:
                    // Image data, or a filter no reader here decodes: nothing expands it.
                    i = filters.Count;
                    break;
            }
        }

        sink?.Invoke(data.Span);
        return data.Length;
    }

    /// <summary>Whether decoding would stop at an image filter (so the data is never expanded for text extraction).</summary>
    public static bool EndsInImageData(IReadOnlyList<string> filters) => filters.Any(ImageFilters.Contains);

    private static long Inflate(ReadOnlyMemory<byte> data, PdfBudget budget, Action<ReadOnlySpan<byte>>? sink)
    {
        var total = 0L;
        var buffer = new byte[ChunkSize];
        // Some writers put a raw deflate stream where a zlib one belongs; readers accept both, so both are counted.
        var zlibHeader = data.Length >= 2 && (data.Span[0] & 0x0F) == 8 && ((data.Span[0] << 8) | data.Span[1]) % 31 == 0;
        using var input = new ReadOnlyMemoryStream(data);
        using Stream inflater = zlibHeader ? new ZLibStream(input, CompressionMode.Decompress) : new DeflateStream(input, CompressionMode.Decompress);
        try
        {
            int read;
            while ((read = inflater.Read(buffer)) > 0)
            {
                total += read;
                budget.ChargeDecoded(read, total);
                sink?.Invoke(buffer.AsSpan(0, read));
            }
        }
        catch (InvalidDataException)
        {
            // Damaged data ends where it breaks, for readers as for this count.
        }

        return total;
    }

    private static byte[] AsciiHex(ReadOnlySpan<byte> data, PdfBudget budget)
    {
        var output = new List<byte>(data.Length / 2);
        int? high = null;
        foreach (var b in data)
        {
            if (b == '>')
                break;
            var value = HexValue(b);
            if (value < 0)
                continue;
            if (high is null)
            {
                high = value;
            }
            else
            {
                output.Add((byte)((high.Value << 4) | value));
                high = null;
            }
        }

        if (high is not null)
            output.Add((byte)(high.Value << 4));
        budget.ChargeDecoded(output.Count, output.Count);
        return [.. output];
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static byte[] Ascii85(ReadOnlySpan<byte> data, PdfBudget budget)
    {
        using var output = new MemoryStream();
        Span<byte> group = stackalloc byte[5];
        var count = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == '~')
                break;
            if (b == 'z' && count == 0)
            {
                // "z" stands for four zero bytes: the one way this filter expands, so it is charged as it goes.
                output.Write([0, 0, 0, 0]);
                budget.ChargeDecoded(4, output.Length);
                continue;
            }

            if (b is < (byte)'!' or > (byte)'u')
                continue;
            group[count++] = (byte)(b - '!');
            if (count == 5)
            {
                WriteGroup(output, group, 4);
                count = 0;
            }
        }

        if (count > 1)
        {
            for (var i = count; i < 5; i++)
                group[i] = 84;
            WriteGroup(output, group, count - 1);
        }

        budget.ChargeDecoded(0, output.Length);
        return output.ToArray();

        static void WriteGroup(MemoryStream output, ReadOnlySpan<byte> group, int bytes)
        {
            var value = 0u;
            foreach (var digit in group)
                value = unchecked((value * 85) + digit);
            for (var i = 0; i < bytes; i++)
                output.WriteByte((byte)(value >> (24 - (8 * i))));
        }
    }

    private static byte[] RunLength(ReadOnlySpan<byte> data, PdfBudget budget)
    {
        using var output = new MemoryStream();
        var i = 0;
        while (i < data.Length && data[i] != 128)
        {
            var length = data[i++];
            if (length < 128)
            {
                var count = Math.Min(length + 1, data.Length - i);
                output.Write(data.Slice(i, count));
                i += count;
                budget.ChargeDecoded(count, output.Length);
            }
            else if (i < data.Length)
            {
                var count = 257 - length;
                var value = data[i++];
                for (var k = 0; k < count; k++)
                    output.WriteByte(value);
                budget.ChargeDecoded(count, output.Length);
            }
        }

        return output.ToArray();
    }

    // LZW as PDF uses it (7.4.4.2): 9- to 12-bit codes, 256 clears the table, 257 ends, early change on.
    // The one filter that expands by thousands to one besides Flate, so it is decoded here rather than trusted.
    private static byte[] Lzw(ReadOnlySpan<byte> data, PdfBudget budget)
    {
        const int Clear = 256;
        const int End = 257;
        var prefix = new int[4096];
        var suffix = new byte[4096];
        var lengths = new int[4096];
        for (var i = 0; i < 256; i++)
        {
            prefix[i] = -1;
            suffix[i] = (byte)i;
            lengths[i] = 1;
        }

        using var output = new MemoryStream();
        var text = new byte[4096];
        var next = 258;
        var width = 9;
        var previous = -1;
        var bits = 0;
        var bitCount = 0;
        var position = 0;
        while (true)
        {
            while (bitCount < width && position < data.Length)
            {
                bits = (bits << 8) | data[position++];
                bitCount += 8;
            }

            if (bitCount < width)
                break;
            var code = (bits >> (bitCount - width)) & ((1 << width) - 1);
            bitCount -= width;
            if (code == Clear)
            {
                next = 258;
                width = 9;
                previous = -1;
                continue;
            }

            if (code == End || code > next || (code == next && previous < 0))
                break;

            // code == next is the "KwKwK" case: the previous string followed by its own first byte.
            var source = code < next ? code : previous;
            var length = lengths[source];
            for (int c = source, at = length - 1; at >= 0; c = prefix[c], at--)
                text[at] = suffix[c];
            var written = code < next ? length : length + 1;
            if (code == next)
                text[length] = text[0];
            output.Write(text, 0, written);
            budget.ChargeDecoded(written, output.Length);

            if (previous >= 0 && next < 4096)
            {
                prefix[next] = previous;
                suffix[next] = text[0];
                lengths[next] = lengths[previous] + 1;
                next++;
            }

            previous = code;
            if (next + 1 >= 1 << width && width < 12)
                width++;
        }

        return output.ToArray();
    }

    /// <summary>A read-only stream over memory, so a stream's data is decoded without copying it first.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> data) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = Math.Min(buffer.Length, data.Length - position);
            data.Span.Slice(position, count).CopyTo(buffer);
            position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

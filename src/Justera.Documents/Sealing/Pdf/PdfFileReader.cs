using System.Globalization;
using System.IO.Compression;

namespace Justera.Documents.Sealing.Pdf;

/// <summary>Reads a PDF file's cross-reference sections and the objects they point to, as far as asked and no further.</summary>
/// <remarks>
/// The file's last cross-reference section is found from the number after its last <c>startxref</c>
/// (not from a library's idea of it: PdfPig's <c>Structure.XrefOffset</c> is not that offset for updated
/// files, TRAPS.md), and earlier sections through <c>/Prev</c> and <c>/XRefStm</c>. Classic tables, cross-
/// reference streams and object streams are read. Objects are parsed only when asked for, so the cost of
/// opening grows with the number of cross-reference entries, never with the size of page content.
/// </remarks>
internal sealed class PdfFileReader
{
    // Readers look for the last startxref this far from the end (Acrobat's tolerance; ISO 32000-2 7.5.5).
    private const int TailWindow = 1024;

    private readonly Dictionary<int, XrefEntry> entries = [];
    private readonly Dictionary<int, PdfObject> cache = [];
    private readonly Dictionary<int, (ReadOnlyMemory<byte> Data, int[] Offsets, int First)> objectStreams = [];
    private readonly HashSet<int> resolving = [];
    private readonly List<PdfDictionary> trailers = [];

    private PdfFileReader(ReadOnlyMemory<byte> data)
    {
        Data = data;
    }

    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The number after the file's last <c>startxref</c>: the offset of its newest cross-reference section.</summary>
    public long LastStartXref { get; private set; }

    /// <summary>Whether the newest cross-reference section is a cross-reference stream (so an update should write one too).</summary>
    public bool LastSectionIsStream { get; private set; }

    /// <summary>The newest trailer (for a cross-reference stream, its dictionary).</summary>
    public PdfDictionary Trailer { get; private set; } = new();

    /// <summary>Returns <paramref name="key"/> from the newest trailer that has it (an update's trailer should repeat /Root, /Info and /ID, but not every writer does).</summary>
    public PdfObject? TrailerEntry(string key) => trailers.Select(trailer => trailer[key]).FirstOrDefault(value => value is not null);

    /// <summary>The trailer's /Size: one more than the highest object number in use, where appended objects start.</summary>
    public int Size { get; private set; }

    /// <summary>Opens a file: finds and reads every cross-reference section, parses no object yet.</summary>
    public static PdfFileReader Open(ReadOnlyMemory<byte> data)
    {
        var reader = new PdfFileReader(data);
        reader.ReadStructure();
        return reader;
    }

    /// <summary>Finds the number after the last <c>startxref</c> in the file's tail.</summary>
    public static long FindLastStartXref(ReadOnlySpan<byte> bytes)
    {
        var tailStart = Math.Max(0, bytes.Length - TailWindow);
        var at = bytes[tailStart..].LastIndexOf("startxref"u8);
        if (at < 0)
            throw PdfParser.Malformed("no startxref near the end of the file");
        var parser = new PdfParser(bytes[(tailStart + at)..].ToArray(), "startxref".Length);
        return parser.ReadInteger();
    }

    /// <summary>The generation the newest version of object <paramref name="number"/> was written with (0 if it is new or compressed).</summary>
    public int GenerationOf(int number) =>
        entries.TryGetValue(number, out var entry) && entry.Kind == XrefKind.InUse ? entry.Generation : 0;

    /// <summary>Returns the object a reference points to, or the object itself if it is direct; a missing object is null.</summary>
    public PdfObject Resolve(PdfObject? value)
    {
        for (var hops = 0; value is PdfReference reference; hops++)
        {
            if (hops > 32)
                throw PdfParser.Malformed("reference chain too long");
            value = GetObject(reference.Number);
        }

        return value ?? PdfNull.Instance;
    }

    /// <summary>Resolves <paramref name="value"/> and returns it as a dictionary (a stream's dictionary counts), or null.</summary>
    public PdfDictionary? ResolveDictionary(PdfObject? value) => Resolve(value) switch
    {
        PdfDictionary dictionary => dictionary,
        PdfStream stream => stream.Dictionary,
        _ => null,
    };

    /// <summary>Returns the newest version of object <paramref name="number"/>, parsing it on first use.</summary>
    public PdfObject GetObject(int number)
    {
        if (cache.TryGetValue(number, out var cached))
            return cached;
        if (!entries.TryGetValue(number, out var entry) || entry.Kind == XrefKind.Free)
            return PdfNull.Instance;
        if (!resolving.Add(number))
            throw PdfParser.Malformed($"object {number} refers to itself while being read");
        try
        {
            var value = entry.Kind == XrefKind.InUse
                ? ReadIndirectObject(checked((int)entry.Offset), number)
                : ReadCompressedObject(checked((int)entry.Offset), entry.Generation, number);
            cache[number] = value;
            return value;
        }
        finally
        {
            resolving.Remove(number);
        }
    }

    /// <summary>Decodes a stream's data through its filters (FlateDecode with PNG predictors, or none).</summary>
    public ReadOnlyMemory<byte> Decode(PdfStream stream)
    {
        var filter = Resolve(stream.Dictionary["Filter"]);
        var parameters = Resolve(stream.Dictionary["DecodeParms"]);
        var filters = filter switch
        {
            PdfName name => [name.Value],
            PdfArray array => array.Items.Select(item => (Resolve(item) as PdfName)?.Value ?? "").ToList(),
            _ => new List<string>(),
        };
        var data = stream.Data;
        for (var i = 0; i < filters.Count; i++)
        {
            var parms = parameters is PdfArray list ? (i < list.Items.Count ? ResolveDictionary(list.Items[i]) : null) : ResolveDictionary(parameters);
            data = filters[i] switch
            {
                "FlateDecode" or "Fl" => Unpredict(Inflate(data), parms),
                _ => throw new NotSupportedException($"The filter {filters[i]} is not supported here."),
            };
        }

        return data;
    }

    private void ReadStructure()
    {
        var bytes = Data.Span;
        LastStartXref = FindLastStartXref(bytes);
        var offset = LastStartXref;
        var visited = new HashSet<long>();
        var first = true;
        while (offset >= 0)
        {
            if (!visited.Add(offset))
                throw PdfParser.Malformed($"cross-reference sections loop at {offset}");
            if (offset >= bytes.Length)
                throw PdfParser.Malformed($"cross-reference offset {offset} is outside the file");

            var (trailer, isStream) = ReadSection(checked((int)offset));
            trailers.Add(trailer);
            if (first)
            {
                Trailer = trailer;
                LastSectionIsStream = isStream;
                first = false;
            }

            offset = trailer["Prev"] is PdfNumber prev ? prev.LongValue : -1;
        }

        Size = Trailer["Size"] is PdfNumber size ? checked((int)size.LongValue) : throw PdfParser.Malformed("the trailer has no /Size");
        if (entries.Count > 0)
            Size = Math.Max(Size, entries.Keys.Max() + 1);
    }

    private (PdfDictionary Trailer, bool IsStream) ReadSection(int offset)
    {
        var parser = new PdfParser(Data, offset);
        parser.SkipWhitespace();
        if (Data.Span[parser.Position..].StartsWith("xref"u8))
        {
            parser.ExpectKeyword("xref");
            var table = ReadTable(parser);
            parser.ExpectKeyword("trailer");
            var trailer = parser.ReadObject() as PdfDictionary ?? throw PdfParser.Malformed("the trailer is not a dictionary");

            // A hybrid file's table is followed, for this section, by the entries of its /XRefStm (7.5.8.4):
            // the table's used entries first, then the stream's, then the table's free ones.
            foreach (var (number, entry) in table.Where(pair => pair.Value.Kind != XrefKind.Free))
                entries.TryAdd(number, entry);
            if (trailer["XRefStm"] is PdfNumber xrefStm)
                ReadXrefStream(checked((int)xrefStm.LongValue));
            foreach (var (number, entry) in table.Where(pair => pair.Value.Kind == XrefKind.Free))
                entries.TryAdd(number, entry);
            return (trailer, false);
        }

        return (ReadXrefStream(offset), true);
    }

    private static List<KeyValuePair<int, XrefEntry>> ReadTable(PdfParser parser)
    {
        var table = new List<KeyValuePair<int, XrefEntry>>();
        while (true)
        {
            var before = parser.Position;
            var word = parser.ReadWord();
            if (word == "trailer" || word is null)
            {
                parser.Position = before;
                return table;
            }

            var start = long.Parse(word, NumberStyles.None, CultureInfo.InvariantCulture);
            var count = parser.ReadInteger();
            for (var i = 0L; i < count; i++)
            {
                var entryOffset = parser.ReadInteger();
                var generation = parser.ReadInteger();
                var kind = parser.ReadWord();
                var number = checked((int)(start + i));
                table.Add(new(number, kind switch
                {
                    "n" => new XrefEntry(XrefKind.InUse, entryOffset, (int)generation),
                    "f" => new XrefEntry(XrefKind.Free, 0, (int)generation),
                    _ => throw PdfParser.Malformed($"bad cross-reference entry for object {number}"),
                }));
            }
        }
    }

    private PdfDictionary ReadXrefStream(int offset)
    {
        var stream = ReadIndirectObject(offset, expectedNumber: null) as PdfStream
            ?? throw PdfParser.Malformed($"no cross-reference stream at {offset}");
        var dictionary = stream.Dictionary;
        if (!dictionary.IsOfType("XRef"))
            throw PdfParser.Malformed($"the object at {offset} is not a cross-reference stream");

        var widths = (dictionary["W"] as PdfArray)?.Items.Select(item => checked((int)((PdfNumber)item).LongValue)).ToArray();
        if (widths is not { Length: 3 } || widths.Any(width => width is < 0 or > 8))
            throw PdfParser.Malformed("bad /W in a cross-reference stream");
        var size = ((PdfNumber?)dictionary["Size"])?.LongValue ?? throw PdfParser.Malformed("no /Size in a cross-reference stream");
        var index = (dictionary["Index"] as PdfArray)?.Items.Select(item => ((PdfNumber)item).LongValue).ToArray() ?? [0, size];

        var data = Decode(stream).Span;
        var rowLength = widths.Sum();
        var row = 0;
        for (var pair = 0; pair + 1 < index.Length; pair += 2)
        {
            for (var i = 0L; i < index[pair + 1]; i++, row++)
            {
                if ((row + 1) * rowLength > data.Length)
                    throw PdfParser.Malformed("a cross-reference stream is shorter than its /Index says");
                var fields = data.Slice(row * rowLength, rowLength);
                var type = widths[0] == 0 ? 1 : Field(fields[..widths[0]]);
                var second = Field(fields.Slice(widths[0], widths[1]));
                var third = Field(fields.Slice(widths[0] + widths[1], widths[2]));
                var number = checked((int)(index[pair] + i));
                var entry = type switch
                {
                    0 => new XrefEntry(XrefKind.Free, 0, (int)third),
                    1 => new XrefEntry(XrefKind.InUse, second, (int)third),
                    2 => new XrefEntry(XrefKind.Compressed, second, (int)third),
                    // Unknown types are to be read as references to the null object (7.5.8.3).
                    _ => new XrefEntry(XrefKind.Free, 0, 0),
                };
                entries.TryAdd(number, entry);
            }
        }

        return dictionary;
    }

    private static long Field(ReadOnlySpan<byte> bytes)
    {
        var value = 0L;
        foreach (var b in bytes)
            value = (value << 8) | b;
        return value;
    }

    private PdfObject ReadIndirectObject(int offset, int? expectedNumber)
    {
        var parser = new PdfParser(Data, offset);
        var number = parser.ReadInteger();
        parser.ReadInteger();
        parser.ExpectKeyword("obj");
        if (expectedNumber is not null && number != expectedNumber)
            throw PdfParser.Malformed($"expected object {expectedNumber} at {offset}, found {number}");

        var value = parser.ReadObject();
        if (value is not PdfDictionary dictionary)
            return value;

        var afterDictionary = parser.Position;
        parser.SkipWhitespace();
        if (!Data.Span[parser.Position..].StartsWith("stream"u8))
        {
            parser.Position = afterDictionary;
            return value;
        }

        // The data begins after "stream" and its end of line, CRLF or LF (7.3.8.1).
        var start = parser.Position + "stream".Length;
        var bytes = Data.Span;
        if (start < bytes.Length && bytes[start] == '\r')
            start++;
        if (start < bytes.Length && bytes[start] == '\n')
            start++;

        var length = Resolve(dictionary["Length"]) is PdfNumber declared ? declared.LongValue : -1;
        if (length < 0 || start + length > bytes.Length || !IsEndOfStream(bytes[(int)(start + length)..]))
        {
            // A wrong /Length is common enough to tolerate: the data then ends before "endstream".
            var end = bytes[start..].IndexOf("endstream"u8);
            if (end < 0)
                throw PdfParser.Malformed($"stream at {offset} has no endstream");
            length = end;
            if (length > 0 && bytes[start + (int)length - 1] == '\n')
                length--;
            if (length > 0 && bytes[start + (int)length - 1] == '\r')
                length--;
        }

        return new PdfStream(dictionary, Data.Slice(start, (int)length));
    }

    private static bool IsEndOfStream(ReadOnlySpan<byte> after)
    {
        var i = 0;
        while (i < after.Length && PdfParser.IsWhitespace(after[i]))
            i++;
        return after[i..].StartsWith("endstream"u8);
    }

    private PdfObject ReadCompressedObject(int streamNumber, int index, int number)
    {
        if (!objectStreams.TryGetValue(streamNumber, out var objectStream))
        {
            if (GetObject(streamNumber) is not PdfStream stream || !stream.Dictionary.IsOfType("ObjStm"))
                throw PdfParser.Malformed($"object {streamNumber} is not an object stream");
            var count = checked((int)((PdfNumber)Resolve(stream.Dictionary["N"])).LongValue);
            var first = checked((int)((PdfNumber)Resolve(stream.Dictionary["First"])).LongValue);
            var decoded = Decode(stream);
            var header = new PdfParser(decoded);
            var offsets = new int[count * 2];
            for (var i = 0; i < offsets.Length; i++)
                offsets[i] = checked((int)header.ReadInteger());
            objectStream = (decoded, offsets, first);
            objectStreams[streamNumber] = objectStream;
        }

        var (data, pairs, firstOffset) = objectStream;
        // The entry's index is usually right; the header's object numbers are the authority.
        var at = index * 2 < pairs.Length && pairs[index * 2] == number ? index : -1;
        for (var i = 0; at < 0 && i < pairs.Length / 2; i++)
        {
            if (pairs[i * 2] == number)
                at = i;
        }

        if (at < 0)
            throw PdfParser.Malformed($"object {number} is not in object stream {streamNumber}");
        return new PdfParser(data, firstOffset + pairs[(at * 2) + 1]).ReadObject();
    }

    private static byte[] Inflate(ReadOnlyMemory<byte> data)
    {
        using var input = new MemoryStream(data.ToArray(), writable: false);
        using var zlib = new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        zlib.CopyTo(output);
        return output.ToArray();
    }

    // PNG predictors (7.4.4.4), as cross-reference streams use them; TIFF predictor 2 is not.
    private ReadOnlyMemory<byte> Unpredict(byte[] data, PdfDictionary? parameters)
    {
        var predictor = parameters is null ? 1 : (Resolve(parameters["Predictor"]) as PdfNumber)?.LongValue ?? 1;
        if (predictor == 1)
            return data;
        if (predictor < 10)
            throw new NotSupportedException($"Predictor {predictor} is not supported here.");

        var columns = (int)((Resolve(parameters!["Columns"]) as PdfNumber)?.LongValue ?? 1);
        var colors = (int)((Resolve(parameters["Colors"]) as PdfNumber)?.LongValue ?? 1);
        var bits = (int)((Resolve(parameters["BitsPerComponent"]) as PdfNumber)?.LongValue ?? 8);
        var bytesPerPixel = Math.Max(1, colors * bits / 8);
        var rowLength = ((columns * colors * bits) + 7) / 8;

        var rows = data.Length / (rowLength + 1);
        var output = new byte[rows * rowLength];
        var previous = new byte[rowLength];
        for (var r = 0; r < rows; r++)
        {
            var type = data[r * (rowLength + 1)];
            var source = data.AsSpan((r * (rowLength + 1)) + 1, rowLength);
            var row = output.AsSpan(r * rowLength, rowLength);
            for (var i = 0; i < rowLength; i++)
            {
                var left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
                var up = previous[i];
                var upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                row[i] = (byte)(source[i] + type switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw PdfParser.Malformed($"bad PNG row filter {type}"),
                });
            }

            row.CopyTo(previous);
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private enum XrefKind
    {
        Free,
        InUse,
        Compressed,
    }

    // For a compressed object, Offset is the object stream's number and Generation the index within it.
    private readonly record struct XrefEntry(XrefKind Kind, long Offset, int Generation);
}

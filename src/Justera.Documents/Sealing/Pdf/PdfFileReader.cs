using Justera.Documents.Limits;

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

    // ISO 32000-1, C.2: the largest object number a conforming file uses.
    private const long MaxObjectNumber = 8_388_607;

    // Reading one object may need another (a stream's /Length, an object stream); a chain longer than this is hostile.
    private const int MaxNestedReads = 32;

    private readonly Dictionary<int, XrefEntry> entries = [];
    private readonly Dictionary<int, PdfObject> cache = [];
    private readonly Dictionary<int, (ReadOnlyMemory<byte> Data, int[] Offsets, int First)> objectStreams = [];
    private readonly HashSet<int> resolving = [];
    private readonly List<PdfDictionary> trailers = [];

    private readonly PdfBudget budget;

    private PdfFileReader(ReadOnlyMemory<byte> data, PdfBudget budget)
    {
        Data = data;
        this.budget = budget;
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
    /// <remarks>Every number read from the file is checked before use; a bad one is a <see cref="PdfFormatException"/>, a bound hit a <see cref="PdfLimitException"/>.</remarks>
    public static PdfFileReader Open(ReadOnlyMemory<byte> data, PdfBudget? budget = null)
    {
        // Without a budget (the sealer, on a file the inspector accepted) the bounds apply but not the deadline:
        // a seal on a busy machine must not fail for being slow. The public verifier passes its own, with one.
        var reader = new PdfFileReader(data, budget ?? new PdfBudget(PdfLimits.Default with { MaxTime = TimeSpan.MaxValue }));
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
            if (resolving.Count > MaxNestedReads)
                throw PdfParser.Malformed($"reading object {number} needs a chain of more than {MaxNestedReads} other objects");
            budget.CheckTime();
            var value = entry.Kind == XrefKind.InUse
                ? ReadIndirectObject(Offset(entry.Offset), number)
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
                // Bounded: a stream that decodes past the budget stops here, before it is kept.
                "FlateDecode" or "Fl" => Unpredict(BoundedDecoder.DecodeToArray(data, [filters[i]], budget), parms),
                _ => throw PdfParser.Malformed($"the filter {filters[i]} is not supported here"),
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

            var (trailer, isStream) = ReadSection(Offset(offset));
            trailers.Add(trailer);
            if (first)
            {
                Trailer = trailer;
                LastSectionIsStream = isStream;
                first = false;
            }

            offset = trailer["Prev"] switch
            {
                null => -1,
                PdfNumber prev when prev.TryGetInteger(0, bytes.Length - 1, out var previous) => previous,
                var other => throw PdfParser.Malformed($"the trailer's /Prev {other} is not an offset in the file"),
            };
        }

        Size = Trailer["Size"] is PdfNumber size && size.TryGetInteger(1, MaxObjectNumber + 1, out var declared)
            ? (int)declared
            : throw PdfParser.Malformed("the trailer has no usable /Size");
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
                ReadXrefStream(xrefStm.TryGetLong(out var at) ? Offset(at) : throw PdfParser.Malformed("the trailer's /XRefStm is not an offset"));
            foreach (var (number, entry) in table.Where(pair => pair.Value.Kind == XrefKind.Free))
                entries.TryAdd(number, entry);
            budget.CheckObjectCount(entries.Count);
            return (trailer, false);
        }

        return (ReadXrefStream(offset), true);
    }

    private List<KeyValuePair<int, XrefEntry>> ReadTable(PdfParser parser)
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

            parser.Position = before;
            var start = parser.ReadInteger();
            var count = parser.ReadInteger();
            if (start > MaxObjectNumber || count > MaxObjectNumber - start)
                throw PdfParser.Malformed($"a cross-reference subsection {start} {count} lists objects past {MaxObjectNumber}");
            budget.CheckObjectCount(entries.Count + table.Count + count);
            for (var i = 0L; i < count; i++)
            {
                var entryOffset = parser.ReadInteger();
                var generation = parser.ReadInteger();
                var kind = parser.ReadWord();
                var number = (int)(start + i);
                if (generation > ushort.MaxValue)
                    throw PdfParser.Malformed($"bad generation {generation} for object {number}");
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

        var widths = Integers(dictionary["W"], 0, 8);
        if (widths is not { Length: 3 })
            throw PdfParser.Malformed("bad /W in a cross-reference stream");
        var size = dictionary["Size"] is PdfNumber declared && declared.TryGetInteger(0, MaxObjectNumber + 1, out var s)
            ? s
            : throw PdfParser.Malformed("no usable /Size in a cross-reference stream");
        var index = dictionary["Index"] is null ? [0, size] : Integers(dictionary["Index"], 0, MaxObjectNumber + 1) ?? throw PdfParser.Malformed("bad /Index in a cross-reference stream");

        var data = Decode(stream).Span;
        var rowLength = (int)widths.Sum();
        var row = 0;
        for (var pair = 0; pair + 1 < index.Length; pair += 2)
        {
            for (var i = 0L; i < index[pair + 1]; i++, row++)
            {
                if ((row + 1) * rowLength > data.Length)
                    throw PdfParser.Malformed("a cross-reference stream is shorter than its /Index says");
                var fields = data.Slice(row * rowLength, rowLength);
                var type = widths[0] == 0 ? 1 : Field(fields[..(int)widths[0]]);
                var second = Field(fields.Slice((int)widths[0], (int)widths[1]));
                var third = Field(fields.Slice((int)(widths[0] + widths[1]), (int)widths[2]));
                if (index[pair] + i > MaxObjectNumber)
                    throw PdfParser.Malformed($"a cross-reference stream lists objects past {MaxObjectNumber}");
                var number = (int)(index[pair] + i);
                // Eight-byte fields can say anything: an offset, object stream number or index out of range is malformed when used.
                var small = (int)Math.Clamp(third, 0, int.MaxValue);
                var entry = type switch
                {
                    0 => new XrefEntry(XrefKind.Free, 0, small),
                    1 => new XrefEntry(XrefKind.InUse, second, small),
                    2 => new XrefEntry(XrefKind.Compressed, Math.Clamp(second, 0, MaxObjectNumber + 1), small),
                    // Unknown types are to be read as references to the null object (7.5.8.3).
                    _ => new XrefEntry(XrefKind.Free, 0, 0),
                };
                entries.TryAdd(number, entry);
            }

            budget.CheckObjectCount(entries.Count);
        }

        return dictionary;
    }

    // An array of integers each in [min, max], or null: /W, /Index and their kind are read from the file and checked before use.
    private static long[]? Integers(PdfObject? value, long min, long max)
    {
        if (value is not PdfArray array)
            return null;
        var result = new long[array.Items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            if (array.Items[i] is not PdfNumber number || !number.TryGetInteger(min, max, out result[i]))
                return null;
        }

        return result;
    }

    // An offset read from the file, checked against the file before it is used.
    private int Offset(long offset) => offset >= 0 && offset < Data.Length
        ? (int)offset
        : throw PdfParser.Malformed($"the offset {offset} is outside the file");

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

        var length = Resolve(dictionary["Length"]) is PdfNumber declared && declared.TryGetInteger(0, bytes.Length - start, out var l) ? l : -1;
        if (length < 0 || !IsEndOfStream(bytes[(int)(start + length)..]))
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
            var decoded = Decode(stream);
            // /N and /First come from the file: both must fit the decoded data before anything is sized by them.
            var count = Resolve(stream.Dictionary["N"]) is PdfNumber n && n.TryGetInteger(0, decoded.Length / 4, out var c)
                ? (int)c
                : throw PdfParser.Malformed($"object stream {streamNumber} has no usable /N");
            var first = Resolve(stream.Dictionary["First"]) is PdfNumber f && f.TryGetInteger(0, decoded.Length, out var firstAt)
                ? (int)firstAt
                : throw PdfParser.Malformed($"object stream {streamNumber} has no usable /First");
            budget.CheckObjectCount(entries.Count + count);
            var header = new PdfParser(decoded);
            var offsets = new int[count * 2];
            for (var i = 0; i < offsets.Length; i++)
            {
                var value = header.ReadInteger();
                offsets[i] = value <= decoded.Length ? (int)value : throw PdfParser.Malformed($"object stream {streamNumber} has an offset past its data");
            }
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
        var position = (long)firstOffset + pairs[(at * 2) + 1];
        return position < data.Length
            ? new PdfParser(data, (int)position).ReadObject()
            : throw PdfParser.Malformed($"object {number} lies past the data of object stream {streamNumber}");
    }

    // PNG predictors (7.4.4.4), as cross-reference streams use them; TIFF predictor 2 is not.
    private ReadOnlyMemory<byte> Unpredict(byte[] data, PdfDictionary? parameters)
    {
        var predictor = Parameter(parameters, "Predictor", 1, 0, 15);
        if (predictor == 1)
            return data;
        if (predictor < 10)
            throw PdfParser.Malformed($"predictor {predictor} is not supported here");

        // Bounded so that one row (sized by these) is never larger than the data it is made from.
        var columns = Parameter(parameters, "Columns", 1, 1, Math.Max(1, data.Length));
        var colors = Parameter(parameters, "Colors", 1, 1, 32);
        var bits = Parameter(parameters, "BitsPerComponent", 8, 1, 16);
        var bytesPerPixel = Math.Max(1, colors * bits / 8);
        var rowLength = (int)Math.Min(int.MaxValue, (((long)columns * colors * bits) + 7) / 8);
        if (rowLength > data.Length)
            throw PdfParser.Malformed("a predictor row is longer than the stream's data");

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

    private int Parameter(PdfDictionary? parameters, string key, int fallback, int min, int max) =>
        parameters is null || Resolve(parameters[key]) is not PdfNumber number ? fallback
        : number.TryGetInteger(min, max, out var value) ? (int)value
        : throw PdfParser.Malformed($"/{key} is out of range");

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

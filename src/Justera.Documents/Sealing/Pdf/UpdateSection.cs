using System.Globalization;
using System.IO.Compression;

namespace Justera.Documents.Sealing.Pdf;

/// <summary>An object to write in an update section: a value, or a body written byte for byte (for placeholders patched later).</summary>
internal sealed record UpdateObject(PdfReference Reference, PdfObject? Value, byte[]? RawBody = null);

/// <summary>What an update section's trailer carries over from the file before it.</summary>
/// <param name="Size">One more than the highest object number after this section (before its own cross-reference stream, if any).</param>
/// <param name="Prev">The number after the last <c>startxref</c> of the file before this section.</param>
internal sealed record UpdateTrailer(int Size, PdfReference Root, PdfObject? Info, PdfArray Id, long Prev);

/// <summary>Where a written section put things.</summary>
/// <param name="BodyOffsets">For each object number, the file offset of its body (just after "n g obj\n").</param>
/// <param name="Size">The /Size written in its trailer.</param>
internal sealed record SectionResult(long XrefOffset, IReadOnlyDictionary<int, long> BodyOffsets, int Size);

/// <summary>Writes one incremental update section (ISO 32000-1, 7.5.6): objects, a cross-reference section, a trailer and %%EOF.</summary>
internal static class UpdateSection
{
    /// <summary>Appends the section to <paramref name="writer"/>, ending with a classic table or, after a file whose last section is one, a cross-reference stream.</summary>
    public static SectionResult Write(PdfWriter writer, IReadOnlyList<UpdateObject> objects, UpdateTrailer trailer, bool asXrefStream)
    {
        var offsets = new SortedDictionary<int, (long Offset, int Generation)>();
        var bodies = new Dictionary<int, long>();
        foreach (var item in objects)
        {
            if (!offsets.TryAdd(item.Reference.Number, (writer.Position, item.Reference.Generation)))
                throw new InvalidOperationException($"Object {item.Reference.Number} is written twice in one section.");
            if (item.RawBody is { } raw)
            {
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{item.Reference.Number} {item.Reference.Generation} obj\n"));
                bodies[item.Reference.Number] = writer.Position;
                writer.Write(raw);
                writer.Write("\nendobj\n");
            }
            else
            {
                var offset = writer.WriteIndirectObject(item.Reference, item.Value ?? PdfNull.Instance);
                bodies[item.Reference.Number] = offset + string.Create(CultureInfo.InvariantCulture, $"{item.Reference.Number} {item.Reference.Generation} obj\n").Length;
            }
        }

        return asXrefStream
            ? WriteXrefStream(writer, offsets, bodies, trailer)
            : WriteTable(writer, offsets, bodies, trailer);
    }

    private static SectionResult WriteTable(PdfWriter writer, SortedDictionary<int, (long Offset, int Generation)> offsets, Dictionary<int, long> bodies, UpdateTrailer trailer)
    {
        var xref = writer.Position;
        writer.Write("xref\n");
        foreach (var run in Runs(offsets.Keys))
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{run.Start} {run.Count}\n"));
            for (var number = run.Start; number < run.Start + run.Count; number++)
            {
                var (offset, generation) = offsets[number];
                // Exactly 20 bytes an entry, ending in CR LF (7.5.4).
                writer.Write(string.Create(CultureInfo.InvariantCulture, $"{offset:D10} {generation:D5} n\r\n"));
            }
        }

        var dictionary = TrailerDictionary(trailer, trailer.Size);
        writer.Write("trailer\n");
        writer.WriteObject(dictionary);
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"\nstartxref\n{xref}\n%%EOF\n"));
        return new SectionResult(xref, bodies, trailer.Size);
    }

    private static SectionResult WriteXrefStream(PdfWriter writer, SortedDictionary<int, (long Offset, int Generation)> offsets, Dictionary<int, long> bodies, UpdateTrailer trailer)
    {
        // The stream is an object too: it takes the next number and lists itself.
        var streamNumber = trailer.Size;
        var size = streamNumber + 1;
        var xref = writer.Position;
        offsets[streamNumber] = (xref, 0);

        var offsetWidth = 4;
        while (offsetWidth < 8 && xref >= 1L << (8 * offsetWidth))
            offsetWidth++;
        var rowLength = 1 + offsetWidth + 2;
        var rows = new byte[offsets.Count * rowLength];
        var row = 0;
        var index = new PdfArray();
        foreach (var run in Runs(offsets.Keys))
        {
            index.Items.Add(PdfNumber.Of(run.Start));
            index.Items.Add(PdfNumber.Of(run.Count));
            for (var number = run.Start; number < run.Start + run.Count; number++, row++)
            {
                var (offset, generation) = offsets[number];
                var span = rows.AsSpan(row * rowLength, rowLength);
                span[0] = 1;
                for (var i = 0; i < offsetWidth; i++)
                    span[1 + i] = (byte)(offset >> (8 * (offsetWidth - 1 - i)));
                span[1 + offsetWidth] = (byte)(generation >> 8);
                span[2 + offsetWidth] = (byte)generation;
            }
        }

        var dictionary = new PdfDictionary
        {
            ["Type"] = new PdfName("XRef"),
            ["W"] = new PdfArray([PdfNumber.Of(1), PdfNumber.Of(offsetWidth), PdfNumber.Of(2)]),
            ["Index"] = index,
            ["Filter"] = new PdfName("FlateDecode"),
        };
        foreach (var (key, value) in TrailerDictionary(trailer, size).Entries)
            dictionary[key] = value;

        writer.WriteIndirectObject(new PdfReference(streamNumber, 0), new PdfStream(dictionary, Deflate(rows)));
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"startxref\n{xref}\n%%EOF\n"));
        return new SectionResult(xref, bodies, size);
    }

    private static PdfDictionary TrailerDictionary(UpdateTrailer trailer, int size)
    {
        var dictionary = new PdfDictionary
        {
            ["Size"] = PdfNumber.Of(size),
            ["Root"] = trailer.Root,
        };
        if (trailer.Info is not null and not PdfNull)
            dictionary["Info"] = trailer.Info;
        dictionary["ID"] = trailer.Id;
        dictionary["Prev"] = PdfNumber.Of(trailer.Prev);
        return dictionary;
    }

    /// <summary>Compresses data for /FlateDecode (a zlib stream, RFC 1950).</summary>
    public static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(data);
        return output.ToArray();
    }

    private static IEnumerable<(int Start, int Count)> Runs(IEnumerable<int> sortedNumbers)
    {
        int? start = null;
        var count = 0;
        foreach (var number in sortedNumbers)
        {
            if (start is not null && number == start + count)
            {
                count++;
                continue;
            }

            if (start is not null)
                yield return (start.Value, count);
            start = number;
            count = 1;
        }

        if (start is not null)
            yield return (start.Value, count);
    }
}

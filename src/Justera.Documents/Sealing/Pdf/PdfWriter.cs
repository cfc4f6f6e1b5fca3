using System.Buffers;
using System.Globalization;
using System.Text;

namespace Justera.Documents.Sealing.Pdf;

/// <summary>Writes PDF syntax into a growing buffer whose positions are the byte offsets the objects will have in the file.</summary>
/// <remarks>Syntax is written as ASCII, strings and stream data as their raw bytes: nothing passes through a text encoding that could change it.</remarks>
internal sealed class PdfWriter(long startOffset)
{
    private readonly ArrayBufferWriter<byte> buffer = new(4096);

    /// <summary>The offset in the finished file of the next byte written.</summary>
    public long Position => startOffset + buffer.WrittenCount;

    public void Write(string ascii)
    {
        // Syntax only: a character outside ASCII here is a bug, not something to encode.
        foreach (var c in ascii)
        {
            if (c > '\x7f')
                throw new InvalidOperationException($"Non-ASCII character in PDF syntax: '{c}'.");
            WriteByte((byte)c);
        }
    }

    public void Write(ReadOnlySpan<byte> bytes) => buffer.Write(bytes);

    private void WriteByte(byte b)
    {
        buffer.GetSpan(1)[0] = b;
        buffer.Advance(1);
    }

    public byte[] ToArray() => buffer.WrittenSpan.ToArray();

    /// <summary>Writes "n g obj", the object, and "endobj"; returns the object's offset.</summary>
    public long WriteIndirectObject(PdfReference reference, PdfObject value)
    {
        var offset = Position;
        Write(string.Create(CultureInfo.InvariantCulture, $"{reference.Number} {reference.Generation} obj\n"));
        WriteObject(value);
        Write("\nendobj\n");
        return offset;
    }

    public void WriteObject(PdfObject value)
    {
        switch (value)
        {
            case PdfName name:
                WriteName(name.Value);
                break;
            case PdfNumber number:
                Write(number.Text);
                break;
            case PdfString text:
                WriteString(text);
                break;
            case PdfReference reference:
                Write(reference.ToString());
                break;
            case PdfBoolean boolean:
                Write(boolean.Value ? "true" : "false");
                break;
            case PdfNull:
                Write("null");
                break;
            case PdfArray array:
                Write("[");
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                        Write(" ");
                    WriteObject(array.Items[i]);
                }

                Write("]");
                break;
            case PdfDictionary dictionary:
                WriteDictionary(dictionary);
                break;
            case PdfStream stream:
                var dictionaryWithLength = stream.Dictionary.Copy();
                dictionaryWithLength["Length"] = PdfNumber.Of(stream.Data.Length);
                WriteDictionary(dictionaryWithLength);
                Write("\nstream\n");
                Write(stream.Data.Span);
                Write("\nendstream");
                break;
            default:
                throw new ArgumentException($"Unknown PDF object {value.GetType().Name}.", nameof(value));
        }
    }

    private void WriteDictionary(PdfDictionary dictionary)
    {
        Write("<<");
        foreach (var (key, entry) in dictionary.Entries)
        {
            WriteName(key);
            Write(" ");
            WriteObject(entry);
        }

        Write(">>");
    }

    // Bytes outside the regular printable range, delimiters and '#' are written as #xx (7.3.5).
    private void WriteName(string name)
    {
        var text = new StringBuilder("/");
        foreach (var c in name)
        {
            if (c > 0xff)
                throw new InvalidOperationException("A PDF name holds bytes; this one holds a character beyond Latin-1.");
            var b = (byte)c;
            if (b is < 0x21 or > 0x7e || b == '#' || PdfParser.IsDelimiter(b))
                text.Append(CultureInfo.InvariantCulture, $"#{b:X2}");
            else
                text.Append(c);
        }

        Write(text.ToString());
    }

    private void WriteString(PdfString text)
    {
        if (text.Hex)
        {
            Write("<");
            Write(Convert.ToHexString(text.Bytes));
            Write(">");
            return;
        }

        WriteByte((byte)'(');
        foreach (var b in text.Bytes)
        {
            switch (b)
            {
                case (byte)'(' or (byte)')' or (byte)'\\':
                    WriteByte((byte)'\\');
                    WriteByte(b);
                    break;
                case < 0x20 or > 0x7e:
                    // Octal escapes keep the file's syntax ASCII and survive any end-of-line conversion.
                    Write("\\" + Convert.ToString(b, 8).PadLeft(3, '0'));
                    break;
                default:
                    WriteByte(b);
                    break;
            }
        }

        WriteByte((byte)')');
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace Justera.Documents.Protocols;

/// <summary>Checks that an uploaded protocol is a PDF that can safely be sent to the justerare, and reads the facts a justering round needs from it.</summary>
public static partial class ProtocolInspector
{
    /// <summary>The largest protocol file accepted, in bytes (25 MB).</summary>
    public const long MaxBytes = 25 * 1024 * 1024;

    // Readers look for the end-of-file marker this far from the end (Acrobat's own tolerance);
    // without one, the upload was most likely cut short.
    private const int EndMarkerWindow = 1024;

    // Name tokens that make a PDF do something when opened or clicked, or carry files inside it.
    // Checked as names only, so text such as "(JavaScript)" in a string never counts.
    private static readonly string[] ActiveNames = ["JS", "JavaScript", "Launch", "EmbeddedFile", "EmbeddedFiles"];

    // A file specification's /EF holds the embedded file streams themselves; /Type on those streams is optional,
    // so this key is the reliable sign of an attached file (e.g. a file attachment annotation).
    private const string EmbeddedFileStreamsKey = "EF";

    private const string EncryptName = "Encrypt";

    private static readonly string[] RawNames = [.. ActiveNames, EncryptName];

    /// <summary>Inspects an uploaded file and either accepts it as a protocol, with its facts, or refuses it with a Swedish message.</summary>
    public static ProtocolInspection Inspect(ReadOnlyMemory<byte> file)
    {
        var bytes = file.Span;
        if (bytes.IsEmpty)
            return Refuse(ProtocolProblem.Empty);

        // Checked before anything reads the file, so an oversized upload costs nothing to refuse.
        if (bytes.Length > MaxBytes)
            return Refuse(ProtocolProblem.TooLarge);

        if (!bytes.StartsWith("%PDF-"u8))
            return Refuse(ProtocolProblem.NotPdf);

        var headerVersion = ReadHeaderVersion(bytes);
        if (headerVersion is null || bytes[^Math.Min(bytes.Length, EndMarkerWindow)..].IndexOf("%%EOF"u8) < 0)
            return Refuse(ProtocolProblem.Corrupt);

        // The raw scan says "encrypted" on its own: PdfPig opens files whose user password is empty,
        // and may fail in other ways on encrypted ones it cannot decrypt.
        var rawNames = RawPdfNames.Find(bytes, RawNames);
        if (rawNames.Contains(EncryptName))
            return Refuse(ProtocolProblem.Encrypted);
        if (rawNames.Overlaps(ActiveNames))
            return Refuse(ProtocolProblem.ActiveContent);

        try
        {
            // New options each time: ParsingOptions is mutable and PdfPig may add to its password list.
            using var document = PdfDocument.Open(file, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            return InspectDocument(document, bytes, headerVersion);
        }
        catch (PdfDocumentEncryptedException)
        {
            return Refuse(ProtocolProblem.Encrypted);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // PdfPig signals a malformed file with many exception types (format, cast, index, key);
            // any of them means the file cannot be read, which is what the secretary needs to know.
            return Refuse(ProtocolProblem.Corrupt);
        }
    }

    /// <summary>Returns the Swedish message that tells a secretary what is wrong with the file and what to do.</summary>
    public static string MessageFor(ProtocolProblem problem) => problem switch
    {
        ProtocolProblem.Empty => "Filen är tom.",
        ProtocolProblem.TooLarge => "Filen är större än 25 MB.",
        ProtocolProblem.NotPdf => "Filen är inte en PDF. Spara protokollet som PDF och försök igen.",
        ProtocolProblem.Corrupt => "Filen går inte att läsa som PDF. Den kan vara skadad eller ofullständigt uppladdad. Spara protokollet som PDF på nytt och försök igen.",
        ProtocolProblem.Encrypted => "Filen är lösenordsskyddad eller krypterad och kan inte skickas till justerarna. Spara protokollet som PDF utan lösenord och försök igen.",
        ProtocolProblem.ActiveContent => "Filen innehåller skript eller inbäddade program och kan inte skickas till justerarna. Spara protokollet som PDF på nytt direkt från originalet, till exempel Word, och försök igen.",
        ProtocolProblem.CertifiedNoChanges => "Protokollet är certifierat så att inga ändringar tillåts, och justeringssidan kan då inte läggas till. Spara protokollet som PDF utan certifiering och försök igen.",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    private static ProtocolInspection.Refused Refuse(ProtocolProblem problem) => new(problem);

    private static ProtocolInspection InspectDocument(PdfDocument document, ReadOnlySpan<byte> bytes, string headerVersion)
    {
        if (document.IsEncrypted || document.Structure.Trailer.EncryptionToken is not null)
            return Refuse(ProtocolProblem.Encrypted);

        if (document.NumberOfPages < 1)
            return Refuse(ProtocolProblem.Corrupt);

        if (HasActiveContent(document.Structure))
            return Refuse(ProtocolProblem.ActiveContent);

        var scanner = document.Structure.TokenScanner;
        var catalog = document.Structure.Catalog.CatalogDictionary;
        if (IsCertifiedWithoutChanges(catalog, scanner))
            return Refuse(ProtocolProblem.CertifiedNoChanges);

        return new ProtocolInspection.Accepted(
            PageCount: document.NumberOfPages,
            Sha256: Convert.ToHexStringLower(SHA256.HashData(bytes)),
            LengthInBytes: bytes.Length,
            PdfVersion: EffectiveVersion(headerVersion, catalog, scanner),
            HasSignatures: HasSignedField(catalog, scanner),
            SuggestedFirstAttachmentNumber: HighestAttachmentNumber(document) + 1);
    }

    // Looks at every object the cross-reference data lists, including those inside compressed object
    // streams, which the raw scan cannot see. An explicit stack, not recursion: nesting depth is the file's choice.
    private static bool HasActiveContent(Structure structure)
    {
        var pending = new Stack<IToken>();
        foreach (var reference in structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            pending.Push(structure.GetObject(reference).Data);
            while (pending.TryPop(out var token))
            {
                switch (token)
                {
                    case NameToken name when ActiveNames.Contains(name.Data):
                        return true;
                    case DictionaryToken dictionary:
                        foreach (var (key, value) in dictionary.Data)
                        {
                            if (key == EmbeddedFileStreamsKey || ActiveNames.Contains(key))
                                return true;
                            pending.Push(value);
                        }

                        break;
                    case ArrayToken array:
                        foreach (var item in array.Data)
                            pending.Push(item);
                        break;
                    case StreamToken stream:
                        pending.Push(stream.StreamDictionary);
                        break;
                }
            }
        }

        return false;
    }

    // ISO 32000-1, 12.8.2.2: a certification signature is the one /Perms /DocMDP points to; its
    // DocMDP reference's /P 1 forbids every change, so appending the justering pages would break it.
    // An absent /P means 2 (form filling and signing allowed), which an incremental update respects.
    private static bool IsCertifiedWithoutChanges(DictionaryToken catalog, IPdfTokenScanner scanner)
    {
        if (!TryGet(catalog, "Perms", scanner, out DictionaryToken? permissions)
            || !TryGet(permissions, "DocMDP", scanner, out DictionaryToken? signature)
            || !TryGet(signature, "Reference", scanner, out ArrayToken? references))
            return false;

        foreach (var item in references.Data)
        {
            if (TryResolve(item, scanner, out DictionaryToken? reference)
                && TryGet(reference, "TransformMethod", scanner, out NameToken? method)
                && method.Data == "DocMDP"
                && TryGet(reference, "TransformParams", scanner, out DictionaryToken? parameters)
                && TryGet(parameters, "P", scanner, out NumericToken? permission)
                && permission.Int == 1)
                return true;
        }

        return false;
    }

    // A signature field counts once it holds a value (the signature dictionary); an empty one is only a place to sign.
    private static bool HasSignedField(DictionaryToken catalog, IPdfTokenScanner scanner)
    {
        if (!TryGet(catalog, "AcroForm", scanner, out DictionaryToken? form) || !TryGet(form, "Fields", scanner, out ArrayToken? fields))
            return false;

        var pending = new Stack<(IToken Field, string? InheritedType)>(fields.Data.Select(field => (field, (string?)null)));
        var visited = new HashSet<IndirectReference>();
        while (pending.TryPop(out var entry))
        {
            // A broken file's /Kids can point back up the tree.
            if (entry.Field is IndirectReferenceToken reference && !visited.Add(reference.Data))
                continue;
            if (!TryResolve(entry.Field, scanner, out DictionaryToken? field))
                continue;

            // /FT is inheritable: a widget kid takes its parent field's type.
            var type = TryGet(field, "FT", scanner, out NameToken? fieldType) ? fieldType.Data : entry.InheritedType;
            if (type == "Sig" && TryGet(field, "V", scanner, out DictionaryToken? _))
                return true;
            if (TryGet(field, "Kids", scanner, out ArrayToken? kids))
            {
                foreach (var kid in kids.Data)
                    pending.Push((kid, type));
            }
        }

        return false;
    }

    // A later revision may raise the version in the catalog (ISO 32000-1, 7.7.2); the higher one applies.
    private static string EffectiveVersion(string headerVersion, DictionaryToken catalog, IPdfTokenScanner scanner)
    {
        if (TryGet(catalog, "Version", scanner, out NameToken? catalogVersion)
            && VersionPattern().IsMatch(catalogVersion.Data)
            && decimal.Parse(catalogVersion.Data, CultureInfo.InvariantCulture) > decimal.Parse(headerVersion, CultureInfo.InvariantCulture))
            return catalogVersion.Data;
        return headerVersion;
    }

    private static string? ReadHeaderVersion(ReadOnlySpan<byte> bytes)
    {
        var header = Encoding.ASCII.GetString(bytes[5..Math.Min(bytes.Length, 16)]);
        var match = HeaderVersionPattern().Match(header);
        return match.Success ? match.Groups[1].Value : null;
    }

    private static int HighestAttachmentNumber(PdfDocument document)
    {
        var highest = 0;
        for (var number = 1; number <= document.NumberOfPages; number++)
        {
            string text;
            try
            {
                // Words, not Page.Text: Page.Text runs lines together, so "bilaga 1" above a line
                // starting "2026" would read as "bilaga 12026".
                text = string.Join(' ', document.GetPage(number).GetWords().Select(word => word.Text));
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // The number is only a suggestion the secretary can change; a page PdfPig cannot
                // read is no reason to refuse a file that viewers show.
                continue;
            }

            foreach (Match match in AttachmentPattern().Matches(text))
                highest = Math.Max(highest, int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
        }

        return highest;
    }

    private static bool TryGet<T>(DictionaryToken dictionary, string key, IPdfTokenScanner scanner, [NotNullWhen(true)] out T? value)
        where T : class, IToken
    {
        value = null;
        return dictionary.TryGet(NameToken.Create(key), out var token) && TryResolve(token, scanner, out value);
    }

    // Follows an indirect reference if there is one; false when the object is missing or of another type.
    private static bool TryResolve<T>(IToken token, IPdfTokenScanner scanner, [NotNullWhen(true)] out T? value)
        where T : class, IToken
    {
        value = DirectObjectFinder.TryGet(token, scanner, out T? found) ? found : null;
        return value is not null;
    }

    // "Bilaga 3", "bilaga 3" and the misspelling "Bilag 3" seen in real protocols; four digits are a year, not a bilaga.
    [GeneratedRegex(@"\bbilaga?\s*(\d{1,3})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AttachmentPattern();

    [GeneratedRegex(@"^(\d\.\d)(?![\d.])")]
    private static partial Regex HeaderVersionPattern();

    [GeneratedRegex(@"^\d\.\d$")]
    private static partial Regex VersionPattern();
}

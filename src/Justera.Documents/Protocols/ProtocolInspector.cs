using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Justera.Documents.Limits;
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

    // Name tokens (keys or values) that make a PDF run code, start a program, send or import data, open another
    // file, or carry files inside it: refused wherever they hang, since each one is there to be used. Checked as
    // names only (after #xx decoding), so text such as "(JavaScript)" in a string never counts.
    private static readonly Dictionary<string, ProtocolProblem> ActiveNames = new(StringComparer.Ordinal)
    {
        ["JS"] = ProtocolProblem.Script,
        ["JavaScript"] = ProtocolProblem.Script,
        ["RichMediaExecute"] = ProtocolProblem.Script,
        ["Launch"] = ProtocolProblem.LaunchAction,
        ["EmbeddedFile"] = ProtocolProblem.EmbeddedFile,
        ["EmbeddedFiles"] = ProtocolProblem.EmbeddedFile,
        ["SubmitForm"] = ProtocolProblem.SubmitsData,
        ["ImportData"] = ProtocolProblem.ImportsData,
        ["GoToR"] = ProtocolProblem.OpensOtherFile,
        ["GoToE"] = ProtocolProblem.OpensOtherFile,
    };

    // Actions that stay inside the document. Anything else that fires by itself (/OpenAction, /AA) reaches
    // outside it: a /URI opened on viewing is a beacon, however ordinary the same link is when clicked.
    private static readonly HashSet<string> InternalActions = new(StringComparer.Ordinal) { "GoTo", "Named", "Hide", "SetOCGState", "Trans", "GoTo3DView", "ResetForm" };

    // A file specification's /EF holds the embedded file streams themselves; /Type on those streams is optional,
    // so this key is the reliable sign of an attached file (e.g. a file attachment annotation).
    private const string EmbeddedFileStreamsKey = "EF";

    private const string EncryptName = "Encrypt";

    private static readonly string[] RawNames = [.. ActiveNames.Keys, EncryptName];

    private const string ActiveTail = " och kan inte skickas till justerarna, eftersom protokollet visas för personer utanför förvaltningen. Spara protokollet som PDF på nytt direkt från originalet, till exempel Word, och försök igen.";

    private const string LimitTail = " Ett protokoll behöver inte så mycket, så filen är troligen skadad eller gjord för att belasta tjänsten. Spara protokollet som PDF på nytt direkt från originalet, till exempel Word, och försök igen.";

    /// <summary>Inspects an uploaded file and either accepts it as a protocol, with its facts, or refuses it with a Swedish message.</summary>
    /// <remarks>
    /// Whatever the file, the cost is bounded by <see cref="PdfLimits"/>: a file that would pass a bound is refused
    /// with a message saying so. <paramref name="cancellationToken"/> is the caller's (an aborted request); the
    /// inspector's own deadline refuses the file instead.
    /// </remarks>
    public static ProtocolInspection Inspect(ReadOnlyMemory<byte> file, CancellationToken cancellationToken = default) =>
        Inspect(file, PdfLimits.Default, cancellationToken);

    internal static ProtocolInspection Inspect(ReadOnlyMemory<byte> file, PdfLimits limits, CancellationToken cancellationToken = default)
    {
        var bytes = file.Span;
        if (CheckCheaply(bytes) is { } problem)
            return Refuse(problem);
        var headerVersion = ReadHeaderVersion(bytes)!;

        var budget = new PdfBudget(limits, cancellationToken);
        try
        {
            // Our own bounded scan comes first: after it, every stream is known to decode to a bounded size and
            // nothing nests too deeply, so handing the file to PdfPig (which has no such bounds) is safe.
            var rawNames = UploadPreScan.Scan(file, RawNames, budget);

            // The raw scan says "encrypted" on its own: PdfPig opens files whose user password is empty,
            // and may fail in other ways on encrypted ones it cannot decrypt.
            if (rawNames.Contains(EncryptName))
                return Refuse(ProtocolProblem.Encrypted);
            if (ActiveNames.Where(pair => rawNames.Contains(pair.Key)).Select(pair => (ProtocolProblem?)pair.Value).FirstOrDefault() is { } active)
                return Refuse(active);

            // New options each time: ParsingOptions is mutable and PdfPig may add to its password list.
            using var document = PdfDocument.Open(file, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            return InspectDocument(document, bytes, headerVersion, budget);
        }
        catch (PdfLimitException exception)
        {
            return Refuse(exception.Limit switch
            {
                PdfLimit.DecodedBytes => ProtocolProblem.DecodesTooLarge,
                PdfLimit.Objects => ProtocolProblem.TooManyObjects,
                PdfLimit.Depth => ProtocolProblem.NestedTooDeeply,
                PdfLimit.PageContent => ProtocolProblem.PageContentTooLarge,
                _ => ProtocolProblem.TookTooLong,
            });
        }
        catch (PdfDocumentEncryptedException)
        {
            return Refuse(ProtocolProblem.Encrypted);
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            // PdfPig signals a malformed file with many exception types (format, cast, index, key);
            // any of them means the file cannot be read, which is what the secretary needs to know.
            return Refuse(ProtocolProblem.Corrupt);
        }
    }

    /// <summary>The checks that cost nothing whatever the file (its size, its header, its end marker), for a caller that wants them before other fields are valid; null when they pass.</summary>
    public static ProtocolProblem? CheckCheaply(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return ProtocolProblem.Empty;

        // Checked before anything reads the file, so an oversized upload costs nothing to refuse.
        if (bytes.Length > MaxBytes)
            return ProtocolProblem.TooLarge;

        if (!bytes.StartsWith("%PDF-"u8))
            return ProtocolProblem.NotPdf;

        if (ReadHeaderVersion(bytes) is null || bytes[^Math.Min(bytes.Length, EndMarkerWindow)..].IndexOf("%%EOF"u8) < 0)
            return ProtocolProblem.Corrupt;
        return null;
    }

    /// <summary>Returns the Swedish message that tells a secretary what is wrong with the file and what to do.</summary>
    public static string MessageFor(ProtocolProblem problem) => problem switch
    {
        ProtocolProblem.Empty => "Filen är tom.",
        ProtocolProblem.TooLarge => "Filen är större än 25 MB.",
        ProtocolProblem.NotPdf => "Filen är inte en PDF. Spara protokollet som PDF och försök igen.",
        ProtocolProblem.Corrupt => "Filen går inte att läsa som PDF. Den kan vara skadad eller ofullständigt uppladdad. Spara protokollet som PDF på nytt och försök igen.",
        ProtocolProblem.Encrypted => "Filen är lösenordsskyddad eller krypterad och kan inte skickas till justerarna. Spara protokollet som PDF utan lösenord och försök igen.",
        ProtocolProblem.Script => "Filen innehåller skript (JavaScript)" + ActiveTail,
        ProtocolProblem.LaunchAction => "Filen innehåller en åtgärd som startar ett program" + ActiveTail,
        ProtocolProblem.EmbeddedFile => "Filen innehåller inbäddade filer" + ActiveTail,
        ProtocolProblem.SubmitsData => "Filen innehåller en åtgärd som skickar formulärdata till en adress utanför dokumentet" + ActiveTail,
        ProtocolProblem.ImportsData => "Filen innehåller en åtgärd som hämtar in data från en annan fil" + ActiveTail,
        ProtocolProblem.OpensOtherFile => "Filen innehåller en åtgärd som öppnar en annan fil" + ActiveTail,
        ProtocolProblem.AutomaticExternalAction => "Filen innehåller en åtgärd som av sig själv, när filen öppnas eller en sida visas, öppnar en webbadress eller något annat utanför dokumentet" + ActiveTail,
        ProtocolProblem.Certified => "Protokollet är certifierat med en certifieringssignatur. När justeringssidan och bilagorna läggs till visar Adobe Acrobat certifieringen som bruten, vad certifieringen än tillåter. Ladda upp protokollet utan certifiering: spara det som PDF på nytt från originalet, till exempel Word, utan att certifiera det. Vanliga underskrifter går bra.",
        ProtocolProblem.DecodesTooLarge => "Filen innehåller komprimerade delar som packas upp till mer än 16 MB var eller 64 MB sammanlagt." + LimitTail,
        ProtocolProblem.TooManyObjects => "Filen består av fler än 100 000 objekt." + LimitTail,
        ProtocolProblem.NestedTooDeeply => "Filen har en struktur som är inbäddad i fler än 100 nivåer." + LimitTail,
        ProtocolProblem.PageContentTooLarge => "Filen har sidor som sammanlagt innehåller mer än 512 kB ritinstruktioner (en del som flera sidor delar räknas en gång per sida)." + LimitTail,
        ProtocolProblem.TookTooLong => "Filen tog för lång tid att kontrollera." + LimitTail,
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    private static ProtocolInspection.Refused Refuse(ProtocolProblem problem) => new(problem);

    private static ProtocolInspection InspectDocument(PdfDocument document, ReadOnlySpan<byte> bytes, string headerVersion, PdfBudget budget)
    {
        if (document.IsEncrypted || document.Structure.Trailer.EncryptionToken is not null)
            return Refuse(ProtocolProblem.Encrypted);

        budget.CheckObjectCount(document.Structure.CrossReferenceTable.ObjectOffsets.Count);
        if (document.NumberOfPages < 1)
            return Refuse(ProtocolProblem.Corrupt);

        if (FindActiveContent(document.Structure, budget) is { } active)
            return Refuse(active);

        var scanner = document.Structure.TokenScanner;
        var catalog = document.Structure.Catalog.CatalogDictionary;
        if (IsCertified(catalog, scanner))
            return Refuse(ProtocolProblem.Certified);

        return new ProtocolInspection.Accepted(
            PageCount: document.NumberOfPages,
            Sha256: Convert.ToHexStringLower(SHA256.HashData(bytes)),
            LengthInBytes: bytes.Length,
            PdfVersion: EffectiveVersion(headerVersion, catalog, scanner),
            HasSignatures: HasSignedField(catalog, scanner),
            SuggestedFirstAttachmentNumber: HighestAttachmentNumber(document, catalog, scanner, budget) + 1);
    }

    // Looks at every object the cross-reference data lists, including those inside compressed object
    // streams, which the raw scan cannot see. An explicit stack, not recursion: nesting depth is the file's choice.
    // Every object is visited once, so references need not be followed: whatever an action hangs from
    // (catalog, page, annotation, form field, outline, name tree, another action's /Next), it is itself an object here or inside one.
    private static ProtocolProblem? FindActiveContent(Structure structure, PdfBudget budget)
    {
        var scanner = structure.TokenScanner;
        var pending = new Stack<IToken>();
        var visited = 0;
        foreach (var reference in structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            if (++visited % 256 == 0)
                budget.CheckTime();
            pending.Push(structure.GetObject(reference).Data);
            while (pending.TryPop(out var token))
            {
                switch (token)
                {
                    case NameToken name when ActiveNames.TryGetValue(name.Data, out var problem):
                        return problem;
                    case DictionaryToken dictionary:
                        if (ProblemOf(dictionary, scanner) is { } found)
                            return found;
                        foreach (var value in dictionary.Data.Values)
                            pending.Push(value);
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

        return null;
    }

    private static ProtocolProblem? ProblemOf(DictionaryToken dictionary, IPdfTokenScanner scanner)
    {
        if (ForbiddenEverywhere(dictionary, scanner) is { } problem)
            return problem;

        // Actions that fire by themselves: the document's /OpenAction and the additional actions (/AA) of the
        // catalog, pages, annotations and form fields, each followed along its /Next chain.
        var automatic = new List<IToken>();
        if (dictionary.Data.TryGetValue("OpenAction", out var openAction))
            automatic.Add(openAction);
        if (TryGet(dictionary, "AA", scanner, out DictionaryToken? additional))
            automatic.AddRange(additional.Data.Values);
        return automatic.Count > 0 ? ReachesOutside(automatic, scanner) : null;
    }

    // What no dictionary may be, wherever it hangs: an action of a forbidden kind, or a file carrier.
    private static ProtocolProblem? ForbiddenEverywhere(DictionaryToken dictionary, IPdfTokenScanner scanner)
    {
        foreach (var key in dictionary.Data.Keys)
        {
            if (key == EmbeddedFileStreamsKey)
                return ProtocolProblem.EmbeddedFile;
            if (ActiveNames.TryGetValue(key, out var problem))
                return problem;
        }

        if (!TryGet(dictionary, "S", scanner, out NameToken? type))
            return null;
        if (ActiveNames.TryGetValue(type.Data, out var kind))
            return kind;

        // An article thread action with /F jumps into another file (12.6.4.6).
        return type.Data == "Thread" && dictionary.Data.ContainsKey("F") ? ProtocolProblem.OpensOtherFile : null;
    }

    // The first action along the chains that reaches outside the document: its own kind when that kind is
    // forbidden anyway (so the message names it), otherwise "an action that fires by itself".
    private static ProtocolProblem? ReachesOutside(List<IToken> actions, IPdfTokenScanner scanner)
    {
        var pending = new Stack<IToken>(actions);
        var seen = new HashSet<IndirectReference>();
        // A /Next chain is the file's to make as long as it likes; the object count bounds it, this guards the loop.
        for (var steps = 0; pending.TryPop(out var token) && steps < 100_000; steps++)
        {
            if (token is IndirectReferenceToken reference && !seen.Add(reference.Data))
                continue;
            if (TryResolve(token, scanner, out ArrayToken? list))
            {
                // /Next may be an array of actions; an /OpenAction array is a destination, which stays inside.
                foreach (var item in list.Data)
                {
                    if (item is not ArrayToken && TryResolve(item, scanner, out DictionaryToken? _))
                        pending.Push(item);
                }

                continue;
            }

            if (!TryResolve(token, scanner, out DictionaryToken? action))
                continue;
            if (ForbiddenEverywhere(action, scanner) is { } problem)
                return problem;
            if (TryGet(action, "S", scanner, out NameToken? type) && !InternalActions.Contains(type.Data))
                return ProtocolProblem.AutomaticExternalAction;
            if (action.Data.TryGetValue("Next", out var next))
                pending.Push(next);
        }

        return null;
    }

    // ISO 32000-1, 12.8.2.2: a certification signature is the one /Perms /DocMDP points to (its signature reference
    // uses the DocMDP transform). Appending the justering pages is an incremental update that P=2 and P=3 allow in
    // principle, but Acrobat reports the certification as broken once pages are added, so every certified file is refused.
    private static bool IsCertified(DictionaryToken catalog, IPdfTokenScanner scanner)
    {
        if (TryGet(catalog, "Perms", scanner, out DictionaryToken? permissions) && permissions.Data.ContainsKey("DocMDP"))
            return true;
        if (!TryGet(catalog, "AcroForm", scanner, out DictionaryToken? form) || !TryGet(form, "Fields", scanner, out ArrayToken? fields))
            return false;

        // A certifying signature whose /Perms entry was dropped still names the DocMDP transform in its /Reference.
        foreach (var signature in SignatureValues(fields, scanner))
        {
            if (!TryGet(signature, "Reference", scanner, out ArrayToken? references))
                continue;
            foreach (var item in references.Data)
            {
                if (TryResolve(item, scanner, out DictionaryToken? reference)
                    && TryGet(reference, "TransformMethod", scanner, out NameToken? method)
                    && method.Data == "DocMDP")
                    return true;
            }
        }

        return false;
    }

    // A signature field counts once it holds a value (the signature dictionary); an empty one is only a place to sign.
    private static bool HasSignedField(DictionaryToken catalog, IPdfTokenScanner scanner) =>
        TryGet(catalog, "AcroForm", scanner, out DictionaryToken? form)
        && TryGet(form, "Fields", scanner, out ArrayToken? fields)
        && SignatureValues(fields, scanner).Any();

    // The signature dictionaries (/V) of the form's signature fields, which may nest through /Kids.
    private static IEnumerable<DictionaryToken> SignatureValues(ArrayToken fields, IPdfTokenScanner scanner)
    {
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
            if (type == "Sig" && TryGet(field, "V", scanner, out DictionaryToken? value))
                yield return value;
            if (TryGet(field, "Kids", scanner, out ArrayToken? kids))
            {
                foreach (var kid in kids.Data)
                    pending.Push((kid, type));
            }
        }
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

    // Text extraction is where PdfPig does most work: each page's content (and the form XObjects it draws) is
    // measured and charged to the budget before PdfPig parses it, so a stream shared by many pages costs once per
    // page here too. Pages our own walk of the page tree does not find are not read: the number is only a suggestion.
    private static int HighestAttachmentNumber(PdfDocument document, DictionaryToken catalog, IPdfTokenScanner scanner, PdfBudget budget)
    {
        var pages = PageDictionaries(catalog, scanner, budget);
        var decodedSizes = new Dictionary<IndirectReference, long>();
        var readable = Math.Min(document.NumberOfPages, pages.Count);

        // Every page is charged before any is parsed, so a file over the bound is refused at the cost of decoding
        // its streams once (cached by object), not after PdfPig has parsed some of its pages.
        for (var number = 1; number <= readable; number++)
            budget.ChargePageContent(PageContentBytes(pages[number - 1], scanner, decodedSizes, budget));

        var highest = 0;
        for (var number = 1; number <= readable; number++)
        {
            budget.CheckTime();
            string text;
            try
            {
                // Words, not Page.Text: Page.Text runs lines together, so "bilaga 1" above a line
                // starting "2026" would read as "bilaga 12026".
                text = string.Join(' ', document.GetPage(number).GetWords().Select(word => word.Text));
            }
            catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
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

    // The leaves of the page tree in order, each with the /Resources it has or inherits.
    private static List<(DictionaryToken Page, DictionaryToken? Resources)> PageDictionaries(DictionaryToken catalog, IPdfTokenScanner scanner, PdfBudget budget)
    {
        var pages = new List<(DictionaryToken, DictionaryToken?)>();
        if (!catalog.Data.TryGetValue("Pages", out var root))
            return pages;
        var pending = new Stack<(IToken Node, DictionaryToken? Resources)>([(root, null)]);
        var visited = new HashSet<IndirectReference>();
        while (pending.TryPop(out var entry))
        {
            // A broken file's /Kids can point back up the tree.
            if (entry.Node is IndirectReferenceToken reference && !visited.Add(reference.Data))
                continue;
            if (!TryResolve(entry.Node, scanner, out DictionaryToken? node))
                continue;
            budget.CheckObjectCount(visited.Count);
            var resources = TryGet(node, "Resources", scanner, out DictionaryToken? own) ? own : entry.Resources;
            if (TryGet(node, "Kids", scanner, out ArrayToken? kids))
            {
                // Pushed in reverse, so pages come off the stack in document order.
                for (var i = kids.Data.Count - 1; i >= 0; i--)
                    pending.Push((kids.Data[i], resources));
            }
            else
            {
                pages.Add((node, resources));
            }
        }

        return pages;
    }

    // Decoded bytes of the page's content streams and of every form XObject its resources reach.
    private static long PageContentBytes((DictionaryToken Page, DictionaryToken? Resources) page, IPdfTokenScanner scanner, Dictionary<IndirectReference, long> decodedSizes, PdfBudget budget)
    {
        var total = 0L;
        if (page.Page.Data.TryGetValue("Contents", out var contents))
        {
            IEnumerable<IToken> parts = TryResolve(contents, scanner, out ArrayToken? array) ? array.Data : [contents];
            foreach (var part in parts)
                total += DecodedSize(part, scanner, decodedSizes, budget);
        }

        var pendingResources = new Stack<DictionaryToken>();
        if (page.Resources is not null)
            pendingResources.Push(page.Resources);
        var seen = new HashSet<IndirectReference>();
        while (pendingResources.TryPop(out var resources))
        {
            if (!TryGet(resources, "XObject", scanner, out DictionaryToken? xObjects))
                continue;
            foreach (var value in xObjects.Data.Values)
            {
                if (value is not IndirectReferenceToken reference || !seen.Add(reference.Data)
                    || !TryResolve(value, scanner, out StreamToken? form)
                    || !TryGet(form.StreamDictionary, "Subtype", scanner, out NameToken? subtype) || subtype.Data != "Form")
                    continue;
                total += DecodedSize(value, scanner, decodedSizes, budget);
                if (TryGet(form.StreamDictionary, "Resources", scanner, out DictionaryToken? inner))
                    pendingResources.Push(inner);
            }
        }

        return total;
    }

    private static long DecodedSize(IToken token, IPdfTokenScanner scanner, Dictionary<IndirectReference, long> decodedSizes, PdfBudget budget)
    {
        if (token is IndirectReferenceToken reference && decodedSizes.TryGetValue(reference.Data, out var known))
            return known;
        if (!TryResolve(token, scanner, out StreamToken? stream))
            return 0;
        var filters = new List<string>();
        if (stream.StreamDictionary.Data.TryGetValue("Filter", out var filter))
        {
            if (TryResolve(filter, scanner, out NameToken? single))
                filters.Add(single.Data);
            else if (TryResolve(filter, scanner, out ArrayToken? chain))
                filters.AddRange(chain.Data.Select(item => TryResolve(item, scanner, out NameToken? name) ? name.Data : ""));
        }

        var size = BoundedDecoder.Decode(stream.Data, filters, budget, sink: null);
        if (token is IndirectReferenceToken key)
            decodedSizes[key.Data] = size;
        return size;
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

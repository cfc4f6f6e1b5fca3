using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Justera.Core.Calendar;
using Justera.Documents.Sealing.Pdf;

namespace Justera.Documents.Sealing;

/// <summary>Seals a justered protocol: appends the justering and attachment pages and a PAdES B-B seal, leaving the original's bytes as they are.</summary>
/// <remarks>
/// The result is the original's exact bytes followed by two incremental updates (ISO 32000-1, 7.5.6): the first
/// adds the new pages, the evidence file and an empty signature field; the second fills the field with the
/// signature, whose /ByteRange covers the whole file but its /Contents. Of the original only the trailer, the
/// catalog, the page tree's root and the form and name dictionaries are read, so the cost beyond hashing
/// and copying does not grow with the original's size. Pure: the only I/O is reading the fonts.
/// </remarks>
public static class ProtocolSealer
{
    /// <summary>The evidence file's name inside the sealed PDF.</summary>
    public const string EvidenceFileName = "justering-evidens.json";

    // Room for "0 a b c" with four offsets of up to 12 digits; the rest stays spaces.
    private const int ByteRangeWidth = 40;

    /// <summary>Returns the sealed file: <paramref name="original"/> byte for byte, then the new pages and the seal.</summary>
    /// <param name="original">The approved protocol version, exactly as stored.</param>
    /// <param name="facts">What the new pages say; its <see cref="JusteringPageFacts.OriginalSha256"/> and length must be the original's.</param>
    /// <param name="evidenceJson">The round's evidence, embedded as <see cref="EvidenceFileName"/>.</param>
    /// <param name="sealCertificate">The administration's seal certificate, with its private key.</param>
    /// <param name="options">Fonts, the /Contents reserve and the timestamp authority; defaults when null.</param>
    /// <exception cref="ArgumentException">The facts do not describe this original, or the certificate has no private key.</exception>
    /// <exception cref="PdfFormatException">The original's structure cannot be read.</exception>
    /// <exception cref="NotSupportedException">The original is encrypted, or certified against any change.</exception>
    public static byte[] Seal(ReadOnlyMemory<byte> original, JusteringPageFacts facts, byte[] evidenceJson, X509Certificate2 sealCertificate, SealOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(evidenceJson);
        ArgumentNullException.ThrowIfNull(sealCertificate);
        options ??= new SealOptions();
        if (options.SignatureReserve < 4096)
            throw new ArgumentException("Reserve at least 4096 bytes for the signature.", nameof(options));
        if (!sealCertificate.HasPrivateKey)
            throw new ArgumentException("The seal certificate has no private key.", nameof(sealCertificate));

        // The foot prints the original's hash and length as facts about this very file: they must be true.
        if (facts.OriginalLength != original.Length
            || !string.Equals(facts.OriginalSha256, Convert.ToHexStringLower(SHA256.HashData(original.Span)), StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException("The facts' original hash and length are not those of the file to seal.", nameof(facts));

        var reader = PdfFileReader.Open(original);
        var update = new Update(reader, facts);
        if (reader.TrailerEntry("Encrypt") is not null)
            throw new NotSupportedException("The original is encrypted; an encrypted protocol cannot be sealed.");
        var rootReference = reader.TrailerEntry("Root") as PdfReference ?? throw new PdfFormatException("The trailer has no /Root reference.");
        var catalog = reader.ResolveDictionary(rootReference)?.Copy() ?? throw new PdfFormatException("The catalog is not a dictionary.");
        var pagesReference = catalog["Pages"] as PdfReference ?? throw new PdfFormatException("The catalog's /Pages is not a reference.");
        var pageTree = reader.ResolveDictionary(pagesReference)?.Copy() ?? throw new PdfFormatException("The page tree root is not a dictionary.");
        RefuseIfCertifiedAgainstChanges(reader, catalog);

        // The new pages, drawn on their own and moved into the original's object numbers.
        var rendered = SealPages.Render(facts, options);
        var pages = update.ImportPages(PdfFileReader.Open(rendered.Pdf), pagesReference, pageTree);
        pageTree["Kids"] = new PdfArray([.. (reader.Resolve(pageTree["Kids"]) as PdfArray)?.Items ?? [], .. pages.Select(page => page.Reference)]);
        pageTree["Count"] = PdfNumber.Of(((reader.Resolve(pageTree["Count"]) as PdfNumber)?.LongValue ?? 0) + pages.Count);
        update.Set(pagesReference, pageTree);

        // The signature field: a widget over the printed seal block on the last justering page.
        var sealPage = pages[rendered.SealPageIndex];
        var fieldReference = update.Allocate();
        var appearanceReference = update.Allocate();
        var linkReference = update.Allocate();
        sealPage.Dictionary["Annots"] = new PdfArray([.. (sealPage.Dictionary["Annots"] as PdfArray)?.Items ?? [], linkReference, fieldReference]);
        update.Add(linkReference, new PdfDictionary
        {
            ["Type"] = new PdfName("Annot"),
            ["Subtype"] = new PdfName("Link"),
            ["Rect"] = new PdfArray(rendered.LinkRectangle.Select(PdfNumber.Of)),
            ["Border"] = new PdfArray([PdfNumber.Of(0), PdfNumber.Of(0), PdfNumber.Of(0)]),
            ["F"] = PdfNumber.Of(4), // Print
            ["P"] = sealPage.Reference,
            ["A"] = new PdfDictionary
            {
                ["S"] = new PdfName("URI"),
                // A URI action's string is 7-bit ASCII (12.6.4.7); AbsoluteUri is percent- and punycode-encoded.
                ["URI"] = new PdfString(Encoding.ASCII.GetBytes(facts.VerificationUrl.AbsoluteUri)),
            },
        });
        var rectangle = rendered.SealRectangle;
        update.Add(appearanceReference, new PdfStream(
            new PdfDictionary
            {
                ["Type"] = new PdfName("XObject"),
                ["Subtype"] = new PdfName("Form"),
                ["BBox"] = new PdfArray([PdfNumber.Of(0), PdfNumber.Of(0), PdfNumber.Of(rectangle[2] - rectangle[0]), PdfNumber.Of(rectangle[3] - rectangle[1])]),
                ["Resources"] = new PdfDictionary(),
            },
            ReadOnlyMemory<byte>.Empty));

        var acroFormEntry = catalog["AcroForm"];
        var acroForm = reader.ResolveDictionary(acroFormEntry)?.Copy() ?? new PdfDictionary();
        var fields = (reader.Resolve(acroForm["Fields"]) as PdfArray)?.Items ?? [];
        var field = new PdfDictionary
        {
            ["Type"] = new PdfName("Annot"),
            ["Subtype"] = new PdfName("Widget"),
            ["FT"] = new PdfName("Sig"),
            ["T"] = PdfString.Text(UniqueFieldName(reader, fields, options.SignatureFieldName)),
            ["F"] = PdfNumber.Of(132), // Print and Locked
            ["Rect"] = new PdfArray(rectangle.Select(PdfNumber.Of)),
            ["P"] = sealPage.Reference,
            ["AP"] = new PdfDictionary { ["N"] = appearanceReference },
        };
        update.Add(fieldReference, field);
        acroForm["Fields"] = new PdfArray([.. fields, fieldReference]);
        acroForm["SigFlags"] = PdfNumber.Of(3); // SignaturesExist and AppendOnly
        if (acroFormEntry is PdfReference acroFormReference)
            update.Set(acroFormReference, acroForm);
        else
            catalog["AcroForm"] = acroForm;

        EmbedEvidence(update, reader, catalog, evidenceJson, facts);
        update.Set(rootReference, catalog);

        // First update: everything but the signature value.
        var writer = new PdfWriter(original.Length);
        if (original.Length > 0 && original.Span[^1] is not ((byte)'\n' or (byte)'\r'))
            writer.Write("\n");
        var info = reader.TrailerEntry("Info");
        var asStream = reader.LastSectionIsStream;
        var first = UpdateSection.Write(writer, update.Objects, new UpdateTrailer(update.Size, rootReference, info, update.Id(1), reader.LastStartXref), asStream);

        // Second update: the signature dictionary and the field pointing at it.
        var signatureReference = new PdfReference(first.Size, 0);
        var signedField = field.Copy();
        signedField["V"] = signatureReference;
        var (signatureBody, byteRangeAt, contentsAt) = SignatureDictionary(facts, options.SignatureReserve);
        var second = UpdateSection.Write(
            writer,
            [new UpdateObject(fieldReference, signedField), new UpdateObject(signatureReference, null, signatureBody)],
            new UpdateTrailer(first.Size + 1, rootReference, info, update.Id(2), first.XrefOffset),
            asStream);

        var appended = writer.ToArray();
        var sealedFile = new byte[original.Length + appended.Length];
        original.Span.CopyTo(sealedFile);
        appended.CopyTo(sealedFile, original.Length);

        var body = second.BodyOffsets[signatureReference.Number];
        Sign(sealedFile, body + byteRangeAt, body + contentsAt, options, sealCertificate);
        return sealedFile;
    }

    private static void Sign(byte[] file, long byteRangeAt, long contentsAt, SealOptions options, X509Certificate2 certificate)
    {
        // The byte range is the whole file but /Contents' hex string, angle brackets included.
        var contentsEnd = contentsAt + 2 + (2L * options.SignatureReserve);
        var byteRange = string.Create(CultureInfo.InvariantCulture, $"0 {contentsAt} {contentsEnd} {file.Length - contentsEnd}");
        if (byteRange.Length > ByteRangeWidth)
            throw new InvalidOperationException("The byte range does not fit its placeholder.");
        Encoding.ASCII.GetBytes(byteRange).CopyTo(file, byteRangeAt + 1);

        var signed = new byte[file.Length - (contentsEnd - contentsAt)];
        file.AsSpan(0, (int)contentsAt).CopyTo(signed);
        file.AsSpan((int)contentsEnd).CopyTo(signed.AsSpan((int)contentsAt));

        var cms = CadesSignature.Sign(signed, certificate, options);
        if (cms.Length > options.SignatureReserve)
            throw new InvalidOperationException($"The signature ({cms.Length} bytes) does not fit the {options.SignatureReserve} bytes reserved for it; raise SealOptions.SignatureReserve.");
        Encoding.ASCII.GetBytes(Convert.ToHexString(cms)).CopyTo(file, contentsAt + 1);
    }

    // Written by hand around two placeholders: /ByteRange (spaces) and /Contents (zeros), which come last.
    private static (byte[] Body, int ByteRangeAt, int ContentsAt) SignatureDictionary(JusteringPageFacts facts, int reserve)
    {
        var body = new PdfWriter(0);
        body.Write("<<");
        foreach (var (key, value) in new PdfDictionary
        {
            ["Type"] = new PdfName("Sig"),
            ["Filter"] = new PdfName("Adobe.PPKLite"),
            ["SubFilter"] = new PdfName("ETSI.CAdES.detached"),
            ["M"] = new PdfString(Encoding.ASCII.GetBytes(PdfDate(facts.SealedAt))),
            ["Name"] = PdfString.Text(facts.AdministrationName),
            ["Reason"] = PdfString.Text(string.Create(CultureInfo.InvariantCulture, $"Justering av protokoll från förvaltningsgruppen {facts.MeetingDate:yyyy-MM-dd}, version {facts.ProtocolVersion}")),
        }.Entries)
        {
            body.WriteObject(new PdfName(key));
            body.Write(" ");
            body.WriteObject(value);
        }

        body.Write("/ByteRange ");
        var byteRangeAt = (int)body.Position;
        body.Write("[" + new string(' ', ByteRangeWidth) + "]");
        body.Write("/Contents ");
        var contentsAt = (int)body.Position;
        body.Write("<" + new string('0', 2 * reserve) + ">");
        body.Write(">>");
        return (body.ToArray(), byteRangeAt, contentsAt);
    }

    /// <summary>A PDF date (7.9.4) in Stockholm time: D:YYYYMMDDHHmmSS+HH'mm'.</summary>
    internal static string PdfDate(DateTimeOffset instant)
    {
        var local = StockholmTime.ToStockholm(instant);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"D:{local:yyyyMMddHHmmss}{sign}{offset.Hours:D2}'{offset.Minutes:D2}'");
    }

    // The evidence JSON as an attached file (7.11.4), listed in the catalog's /Names /EmbeddedFiles with any files
    // the original already carried, and as an associated file of the document (PDF 2.0, 14.13).
    private static void EmbedEvidence(Update update, PdfFileReader reader, PdfDictionary catalog, byte[] evidenceJson, JusteringPageFacts facts)
    {
        var fileReference = update.Allocate();
        var specReference = update.Allocate();
        update.Add(fileReference, new PdfStream(
            new PdfDictionary
            {
                ["Type"] = new PdfName("EmbeddedFile"),
                ["Subtype"] = new PdfName("application/json"),
                ["Params"] = new PdfDictionary
                {
                    ["Size"] = PdfNumber.Of(evidenceJson.Length),
                    ["ModDate"] = new PdfString(Encoding.ASCII.GetBytes(PdfDate(facts.SealedAt))),
                },
                ["Filter"] = new PdfName("FlateDecode"),
            },
            UpdateSection.Deflate(evidenceJson)));
        update.Add(specReference, new PdfDictionary
        {
            ["Type"] = new PdfName("Filespec"),
            ["F"] = PdfString.Text(EvidenceFileName),
            ["UF"] = PdfString.Text(EvidenceFileName),
            ["Desc"] = PdfString.Text("Justeringens bevis: svaren, deras tidpunkter och kontrollsummor"),
            ["EF"] = new PdfDictionary { ["F"] = fileReference, ["UF"] = fileReference },
            ["AFRelationship"] = new PdfName("Data"),
        });

        var namesEntry = catalog["Names"];
        var names = reader.ResolveDictionary(namesEntry)?.Copy() ?? new PdfDictionary();
        var embeddedEntry = names["EmbeddedFiles"];
        var entries = NameTreeEntries(reader, embeddedEntry);

        // Name tree keys are unique and sorted by their bytes (7.9.6); a second seal adds a second evidence file.
        var key = Encoding.ASCII.GetBytes(EvidenceFileName);
        for (var n = 2; entries.Any(entry => entry.Key.AsSpan().SequenceEqual(key)); n++)
            key = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"justering-evidens-{n}.json"));
        entries.Add(new(key, specReference));
        entries.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        var tree = new PdfDictionary { ["Names"] = new PdfArray(entries.SelectMany(entry => new[] { new PdfString(entry.Key), entry.Value })) };

        if (embeddedEntry is PdfReference embeddedReference)
            update.Set(embeddedReference, tree);
        else
            names["EmbeddedFiles"] = tree;
        if (namesEntry is PdfReference namesReference)
            update.Set(namesReference, names);
        else
            catalog["Names"] = names;

        catalog["AF"] = new PdfArray([.. (reader.Resolve(catalog["AF"]) as PdfArray)?.Items ?? [], specReference]);
    }

    // Every key and value of a name tree, flattened (the original's tree is small: a protocol's attachments).
    private static List<KeyValuePair<byte[], PdfObject>> NameTreeEntries(PdfFileReader reader, PdfObject? root)
    {
        var result = new List<KeyValuePair<byte[], PdfObject>>();
        var visited = new HashSet<int>();
        void Walk(PdfObject? node, int depth)
        {
            if (depth > 32 || (node is PdfReference reference && !visited.Add(reference.Number)))
                return;
            if (reader.ResolveDictionary(node) is not { } dictionary)
                return;
            if (reader.Resolve(dictionary["Names"]) is PdfArray pairs)
            {
                for (var i = 0; i + 1 < pairs.Items.Count; i += 2)
                {
                    if (reader.Resolve(pairs.Items[i]) is PdfString key)
                        result.Add(new(key.Bytes, pairs.Items[i + 1]));
                }
            }

            if (reader.Resolve(dictionary["Kids"]) is PdfArray kids)
            {
                foreach (var kid in kids.Items)
                    Walk(kid, depth + 1);
            }
        }

        Walk(root, 0);
        return result;
    }

    private static string UniqueFieldName(PdfFileReader reader, IEnumerable<PdfObject> fields, string wanted)
    {
        var taken = fields
            .Select(field => (reader.Resolve(reader.ResolveDictionary(field)?["T"]) as PdfString)?.ToText())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var name = wanted;
        for (var n = 2; taken.Contains(name); n++)
            name = string.Create(CultureInfo.InvariantCulture, $"{wanted} {n}");
        return name;
    }

    // A certification signature with DocMDP permission 1 forbids every change (12.8.2.2); sealing would break it.
    private static void RefuseIfCertifiedAgainstChanges(PdfFileReader reader, PdfDictionary catalog)
    {
        var docMdp = reader.ResolveDictionary(reader.ResolveDictionary(catalog["Perms"])?["DocMDP"]);
        if (reader.Resolve(docMdp?["Reference"]) is not PdfArray references)
            return;
        foreach (var item in references.Items)
        {
            var parameters = reader.ResolveDictionary(reader.ResolveDictionary(item)?["TransformParams"]);
            if (reader.Resolve(parameters?["P"]) is PdfNumber { LongValue: 1 })
                throw new NotSupportedException("The original is certified against any change (DocMDP permission 1); it cannot be sealed without breaking that signature.");
        }
    }

    /// <summary>The objects of the first update, numbered from the original's /Size on.</summary>
    private sealed class Update(PdfFileReader reader, JusteringPageFacts facts)
    {
        private readonly List<UpdateObject> objects = [];

        public int Size { get; private set; } = reader.Size;

        public IReadOnlyList<UpdateObject> Objects => objects;

        public PdfReference Allocate() => new(Size++, 0);

        public void Add(PdfReference reference, PdfObject value) => objects.Add(new UpdateObject(reference, value));

        /// <summary>Writes a new version of an object of the original, under its own number and generation.</summary>
        public void Set(PdfReference reference, PdfObject value)
        {
            objects.RemoveAll(item => item.Reference.Number == reference.Number);
            objects.Add(new UpdateObject(new PdfReference(reference.Number, reader.GenerationOf(reference.Number)), value));
        }

        /// <summary>
        /// The trailer's /ID: the original's first element kept (it identifies the document across revisions, 14.4),
        /// a new second element for this revision.
        /// </summary>
        public PdfArray Id(int revision)
        {
            var permanent = (reader.TrailerEntry("ID") as PdfArray)?.Items.FirstOrDefault() is PdfString existing
                ? existing
                : new PdfString(Convert.FromHexString(facts.OriginalSha256)[..16], hex: true);
            var changing = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(
                CultureInfo.InvariantCulture,
                $"{facts.OriginalSha256}|{facts.DocumentId}|{facts.SealedAt:O}|{revision}")))[..16];
            return new PdfArray([permanent, new PdfString(changing, hex: true)]);
        }

        /// <summary>Copies the rendered pages and everything they use into the original's object numbers, under <paramref name="parent"/>.</summary>
        public List<(PdfReference Reference, PdfDictionary Dictionary)> ImportPages(PdfFileReader source, PdfReference parent, PdfDictionary parentTree)
        {
            var numbers = new Dictionary<int, PdfReference>();
            var pending = new Queue<int>();
            PdfObject Map(PdfObject value) => value switch
            {
                PdfReference reference => numbers.TryGetValue(reference.Number, out var mapped) ? mapped : Enqueue(reference.Number),
                PdfArray array => new PdfArray(array.Items.Select(Map)),
                PdfDictionary dictionary => new PdfDictionary(dictionary.Entries.Select(entry => KeyValuePair.Create(entry.Key, Map(entry.Value)))),
                // /Length is written from the data; a reference to a length object is not carried over.
                PdfStream stream => new PdfStream((PdfDictionary)Map(WithoutLength(stream.Dictionary)), stream.Data),
                _ => value,
            };
            PdfReference Enqueue(int number)
            {
                var reference = Allocate();
                numbers[number] = reference;
                pending.Enqueue(number);
                return reference;
            }

            var sourceCatalog = source.ResolveDictionary(source.TrailerEntry("Root")) ?? throw new PdfFormatException("The rendered pages have no catalog.");
            var pageNumbers = new List<int>();
            CollectPages(source, sourceCatalog["Pages"], pageNumbers, 0);

            var pages = new List<(PdfReference, PdfDictionary)>();
            foreach (var number in pageNumbers)
                numbers[number] = Allocate();
            foreach (var number in pageNumbers)
            {
                var page = source.ResolveDictionary(new PdfReference(number, 0))!.Copy();
                page["Parent"] = null;
                var mapped = (PdfDictionary)Map(page);
                mapped["Parent"] = parent;

                // A new page inherits from the original's page tree root (7.7.3.4); what would change it is set here.
                if (parentTree.ContainsKey("Rotate"))
                    mapped["Rotate"] = PdfNumber.Of(0);
                if (parentTree.ContainsKey("CropBox") && mapped["MediaBox"] is { } mediaBox)
                    mapped["CropBox"] = mediaBox;
                pages.Add((numbers[number], mapped));
            }

            while (pending.TryDequeue(out var number))
                Add(numbers[number], Map(source.GetObject(number)));
            foreach (var (reference, page) in pages)
                Add(reference, page);
            return pages;
        }

        private static PdfDictionary WithoutLength(PdfDictionary dictionary)
        {
            var copy = dictionary.Copy();
            copy["Length"] = null;
            return copy;
        }

        private static void CollectPages(PdfFileReader source, PdfObject? node, List<int> pages, int depth)
        {
            if (depth > 16 || node is not PdfReference reference || source.ResolveDictionary(reference) is not { } dictionary)
                return;
            if (dictionary.IsOfType("Page"))
            {
                pages.Add(reference.Number);
                return;
            }

            foreach (var kid in (source.Resolve(dictionary["Kids"]) as PdfArray)?.Items ?? [])
                CollectPages(source, kid, pages, depth + 1);
        }
    }
}

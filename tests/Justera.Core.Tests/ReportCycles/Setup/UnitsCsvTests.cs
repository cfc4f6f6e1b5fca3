using System.Text;
using Justera.Core.ReportCycles;
using Justera.Core.ReportCycles.Setup;

namespace Justera.Core.Tests.ReportCycles.Setup;

public class UnitsCsvTests
{
    private const string Header = "Enhets-id;Enhet;Avdelning;Enhetschef;Enhetschefens e-post;Avdelningschef;Avdelningschefens e-post";
    private const string Solen = "FSK-01;Förskolan Solen;Avdelningen för förskola;Åsa Lind;asa.lind@example.org;Maria Berg;maria.berg@example.org";
    private const string Manen = "FSK-02;Förskolan Månen;Avdelningen för förskola;Åsa Lind;asa.lind@example.org;Maria Berg;maria.berg@example.org";
    private const string Hemtjanst = "ALD-01;Hemtjänsten Norr;Avdelningen för äldreomsorg;Omar Said;omar.said@example.org;Karin Ek;karin.ek@example.org";

    private static ImportResult<IReadOnlyList<ReportingUnit>> Read(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return UnitsCsv.Read(bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);
    }

    private static IReadOnlyList<ReportingUnit> ReadOk(string text, bool bom = false)
    {
        var result = Read(text, bom);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    private static ImportError SingleError(string text)
    {
        var result = Read(text);
        Assert.False(result.Succeeded);
        Assert.Null(result.Value);
        return Assert.Single(result.Errors);
    }

    private static string Lines(params string[] lines) => string.Join("\r\n", lines) + "\r\n";

    [Fact]
    public void GivenExcelSemicolonFileWithBom_WhenRead_ThenEveryUnitWithItsPeople()
    {
        var units = ReadOk(Lines(Header, Solen, Manen, Hemtjanst), bom: true);

        Assert.Equal(["FSK-01", "FSK-02", "ALD-01"], units.Select(u => u.Id));
        Assert.Equal(
            new ReportingUnit("FSK-01", "Förskolan Solen", "Avdelningen för förskola", new Person("Åsa Lind", "asa.lind@example.org"), new Person("Maria Berg", "maria.berg@example.org")),
            units[0]);
        Assert.Equal(new Person("Karin Ek", "karin.ek@example.org"), units[2].DepartmentHead);
    }

    [Fact]
    public void GivenOneManagerOfTwoUnits_WhenRead_ThenBothUnitsHaveThatManager()
    {
        var units = ReadOk(Lines(Header, Solen, Manen));

        Assert.All(units, u => Assert.Equal(new Person("Åsa Lind", "asa.lind@example.org"), u.Manager));
    }

    [Fact]
    public void GivenCommaSeparatedFileWithoutBomAndLfLines_WhenRead_ThenCommaIsTheSeparator()
    {
        var text = Header.Replace(';', ',') + "\n" + Solen.Replace(';', ',') + "\n";

        var units = ReadOk(text);

        Assert.Equal("Förskolan Solen", Assert.Single(units).Name);
    }

    [Fact]
    public void GivenColumnsInAnotherOrderWithOtherCaseAndSpaces_WhenRead_ThenMatchedByName()
    {
        var text = Lines(
            "  ENHETSCHEFENS E-POST ; enhet;avdelning;enhetschef;Avdelningschefens e-post;AVDELNINGSCHEF;enhets id ",
            "asa.lind@example.org;Förskolan Solen;Avdelningen för förskola;Åsa Lind;maria.berg@example.org;Maria Berg;FSK-01");

        var unit = Assert.Single(ReadOk(text));

        Assert.Equal("FSK-01", unit.Id);
        Assert.Equal("asa.lind@example.org", unit.Manager.Email);
        Assert.Equal("Maria Berg", unit.DepartmentHead.Name);
    }

    [Theory]
    [InlineData("Enhetsid;Enhetsnamn;Avdelningsnamn;Enhetschefens namn;Enhetschefens e-postadress;Avdelningschefens namn;Avdelningschefens e-postadress")]
    [InlineData("Id;Enhetens namn;Avdelning;Enhetschef;E-post enhetschef;Avdelningschef;E-post avdelningschef")]
    [InlineData("Unit id,Unit name,Department,Manager name,Manager email,Department head name,Department head email")]
    public void GivenOtherAcceptedHeaderNames_WhenRead_ThenMatched(string header)
    {
        var separator = header.Contains(',', StringComparison.Ordinal) ? ',' : ';';

        var unit = Assert.Single(ReadOk(Lines(header, Solen.Replace(';', separator))));

        Assert.Equal(new Person("Maria Berg", "maria.berg@example.org"), unit.DepartmentHead);
    }

    [Fact]
    public void GivenQuotedFieldsWithSeparatorsAndQuotes_WhenRead_ThenUnescaped()
    {
        var text = Lines(Header, "FSK-03;\"Förskolan Sol; Vind & \"\"Vatten\"\"\";Avdelningen för förskola;\"Lind, Åsa\";asa.lind@example.org;Maria Berg;maria.berg@example.org");

        var unit = Assert.Single(ReadOk(text));

        Assert.Equal("Förskolan Sol; Vind & \"Vatten\"", unit.Name);
        Assert.Equal("Lind, Åsa", unit.Manager.Name);
    }

    [Fact]
    public void GivenQuotedFieldWithNewlineBeforeABadRow_WhenRead_ThenTheBadRowsLineCountsTheNewline()
    {
        // Line 2 holds a quoted name spanning two lines, which is itself refused; the next unit starts on line 4.
        var text = Lines(Header, "FSK-03;\"Förskolan\nSolen\";Avdelningen för förskola;Åsa Lind;asa.lind@example.org;Maria Berg;maria.berg@example.org",
            "FSK-04;Förskolan Stjärnan;Avdelningen för förskola;Åsa Lind;inte-en-adress;Maria Berg;maria.berg@example.org");

        var errors = Read(text).Errors;

        Assert.Collection(errors,
            e => Assert.Equal("Rad 2, Enhet: Fältet innehåller ett radbyte. Skriv värdet på en rad, och se efter om ett citattecken (\") saknar sitt avslutande citattecken.", e.Message),
            e => Assert.Equal("Rad 4, Enhetschefens e-post: \"inte-en-adress\" är inte en giltig e-postadress. Skriv till exempel namn@example.org.", e.Message));
    }

    [Fact]
    public void GivenQuoteWithoutItsClosingQuote_WhenRead_ThenTheSwallowedNewlineIsReported()
    {
        var error = SingleError(Lines(Header, "FSK-01;\"Förskolan Solen;Avdelningen för förskola;Åsa Lind;asa.lind@example.org;Maria Berg;maria.berg@example.org", Manen));

        Assert.Equal(2, error.Line);
        Assert.Contains("citattecken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTrailingEmptyRowsAndSpacesAroundValues_WhenRead_ThenIgnored()
    {
        var units = ReadOk(Lines(Header, " FSK-01 ;  Förskolan   Solen ;Avdelningen för förskola;Åsa Lind;asa.lind@example.org;Maria Berg;maria.berg@example.org", ";;;;;;", ";;;;;;"));

        Assert.Equal("Förskolan Solen", Assert.Single(units).Name);
        Assert.Equal("FSK-01", units[0].Id);
    }

    [Fact]
    public void GivenWindows1252File_WhenRead_ThenToldToSaveAsCsvUtf8WithTheLine()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "\r\nFSK-01;F").Concat(new byte[] { 0xF6 }).Concat(Encoding.UTF8.GetBytes("rskolan;x\r\n")).ToArray();

        var error = Assert.Single(UnitsCsv.Read(bytes).Errors);

        Assert.Equal(2, error.Line);
        Assert.StartsWith("Rad 2: Filen är inte sparad som UTF-8.", error.Message, StringComparison.Ordinal);
        Assert.Contains("CSV UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenMacFileWithCarriageReturnLinesAndALatin1Byte_WhenRead_ThenTheLineCountsThem()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "\r" + Solen + "\rALD-01;Hemtj").Concat(new byte[] { 0xE4 }).Concat(Encoding.UTF8.GetBytes("nsten\r")).ToArray();

        Assert.Equal(3, Assert.Single(UnitsCsv.Read(bytes).Errors).Line);
    }

    [Fact]
    public void GivenMacFileWithCarriageReturnLines_WhenRead_ThenUnitsAndLinesAsUsual()
    {
        var errors = Read(Header + "\r" + Solen + "\r" + Manen.Replace("asa.lind@example.org", "asa.lind@", StringComparison.Ordinal) + "\r").Errors;

        Assert.Equal(3, Assert.Single(errors).Line);
    }

    [Fact]
    public void GivenLoneByteE5_WhenRead_ThenNotUtf8()
    {
        var error = Assert.Single(UnitsCsv.Read([0xE5]).Errors);

        Assert.Contains("inte sparad som UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenUtf16File_WhenRead_ThenToldItIsUtf16()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Lines(Header, Solen))).ToArray();

        Assert.Contains("UTF-16", Assert.Single(UnitsCsv.Read(bytes).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenXlsxWorkbook_WhenRead_ThenToldToSaveAsCsv()
    {
        byte[] zip = [(byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0];

        Assert.Contains("Excel-arbetsbok", Assert.Single(UnitsCsv.Read(zip).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenBinaryJunk_WhenRead_ThenNotATextFile()
    {
        var junk = new byte[300];
        new Random(8).NextBytes(junk);
        junk[0] = (byte)'E';
        junk[10] = 0;

        Assert.Contains("ingen textfil", Assert.Single(UnitsCsv.Read(junk).Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n  ")]
    [InlineData("\uFEFF")]
    public void GivenEmptyFile_WhenRead_ThenFileIsEmpty(string text)
    {
        Assert.StartsWith("Filen är tom.", SingleError(text).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenBlankLinesAboveTheHeader_WhenRead_ThenSkippedAndLinesStillCounted()
    {
        var errors = Read("\r\n;;;\r\n" + Lines(Header, Solen.Replace("FSK-01", "", StringComparison.Ordinal))).Errors;

        Assert.Equal("Rad 4, Enhets-id: Ange enhetens id, till exempel FSK-01.", Assert.Single(errors).Message);
    }

    [Fact]
    public void GivenHeaderOnly_WhenRead_ThenNoUnits()
    {
        Assert.Equal("Rad 2: Filen har en rubrikrad men inga enheter. Lägg till en rad per enhet.", SingleError(Lines(Header)).Message);
    }

    [Fact]
    public void GivenFileWithoutHeaderRow_WhenRead_ThenAskedForTheHeader()
    {
        var error = SingleError(Lines(Solen, Manen));

        Assert.Equal(1, error.Line);
        Assert.StartsWith("Rad 1: Första raden ska vara en rubrikrad med kolumnerna Enhets-id;Enhet;", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTabSeparatedFile_WhenRead_ThenToldToUseSemicolonOrComma()
    {
        var error = SingleError(Lines(Header.Replace(';', '\t'), Solen.Replace(';', '\t')));

        Assert.Contains("tabbavgränsad", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenMissingAndUnknownColumns_WhenRead_ThenEachNamedOnLine1()
    {
        var text = Lines("Enhets-id;Enhet;Avdelning;Enhetschef;Enhetschefens epost;Avdelningschef;Telefon",
            "FSK-01;Förskolan Solen;Avdelningen för förskola;Åsa Lind;asa.lind@example.org;Maria Berg;08-123");

        var errors = Read(text).Errors;

        Assert.Equal(
        [
            "Rad 1, Telefon: Okänd kolumn \"Telefon\". Kolumnerna ska heta Enhets-id;Enhet;Avdelning;Enhetschef;Enhetschefens e-post;Avdelningschef;Avdelningschefens e-post (i valfri ordning).",
            "Rad 1, Avdelningschefens e-post: Kolumnen \"Avdelningschefens e-post\" saknas i rubrikraden.",
        ], errors.Select(e => e.Message));
    }

    [Fact]
    public void GivenColumnTwice_WhenRead_ThenBothPositionsNamed()
    {
        var error = SingleError(Lines(Header + ";Enhet", Solen + ";x"));

        Assert.Equal("Rad 1, Enhet: Kolumnen finns två gånger (kolumn 2 och 8). Ta bort den ena.", error.Message);
    }

    [Fact]
    public void GivenEmptyRequiredFields_WhenRead_ThenEachFieldAndLineNamed()
    {
        var text = Lines(Header, Solen, ";Förskolan X;;Åsa Lind;;Maria Berg;maria.berg@example.org");

        var errors = Read(text).Errors;

        Assert.Equal(
        [
            "Rad 3, Enhets-id: Ange enhetens id, till exempel FSK-01.",
            "Rad 3, Avdelning: Ange vilken avdelning enheten hör till.",
            "Rad 3, Enhetschefens e-post: Ange enhetschefens e-postadress.",
        ], errors.Select(e => e.Message));
        Assert.All(errors, e => Assert.Equal(3, e.Line));
        Assert.Equal(["Enhets-id", "Avdelning", "Enhetschefens e-post"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("asa.lind@example")]
    [InlineData("Åsa Lind <asa.lind@example.org>")]
    [InlineData("asa.lind@@example.org")]
    [InlineData("asa lind@example.org")]
    public void GivenInvalidEmail_WhenRead_ThenLineAndColumnNamed(string email)
    {
        var error = SingleError(Lines(Header, Solen.Replace("asa.lind@example.org", email, StringComparison.Ordinal)));

        Assert.Equal($"Rad 2, Enhetschefens e-post: \"{email}\" är inte en giltig e-postadress. Skriv till exempel namn@example.org.", error.Message);
    }

    [Fact]
    public void GivenDuplicateUnitIds_WhenRead_ThenBothLinesNamed()
    {
        var error = SingleError(Lines(Header, Solen, Hemtjanst, Manen.Replace("FSK-02", "fsk-01", StringComparison.Ordinal)));

        Assert.Equal(4, error.Line);
        Assert.Equal("Rad 4, Enhets-id: Enhets-id \"fsk-01\" finns redan på rad 2. Varje enhet ska ha ett eget id (rad 2 och rad 4).", error.Message);
    }

    [Fact]
    public void GivenOverlongFields_WhenRead_ThenBoundNamed()
    {
        var id = new string('A', 41);
        var name = new string('n', 201);

        var errors = Read(Lines(Header, $"{id};{name};Avdelningen för förskola;Åsa Lind;asa.lind@example.org;Maria Berg;maria.berg@example.org")).Errors;

        Assert.Equal(
        [
            "Rad 2, Enhets-id: Fältet får vara högst 40 tecken (nu 41).",
            "Rad 2, Enhet: Fältet får vara högst 200 tecken (nu 201).",
        ], errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("FSK 01")]
    [InlineData("FSK/01")]
    [InlineData("FSK#1")]
    public void GivenIdWithSpaceOrKeyCharacter_WhenRead_ThenRefused(string id)
    {
        var error = SingleError(Lines(Header, Solen.Replace("FSK-01", id, StringComparison.Ordinal)));

        Assert.StartsWith($"Rad 2, Enhets-id: Enhets-id \"{id}\" får bara innehålla", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTooManyRows_WhenRead_ThenRefusedWithTheBound()
    {
        var rows = Enumerable.Range(0, SetupRules.MaxUnits + 1).Select(i => $"E-{i};Enhet {i};Avd;Chef {i};chef{i}@example.org;Avdelningschef;avd@example.org");

        var error = SingleError(Lines([Header, .. rows]));

        Assert.Equal("Filen har fler än 2\u00A0000 enheter, fler än en förvaltning har. Kontrollera att det är enhetslistan.", error.Message);
    }

    [Fact]
    public void GivenExactlyTheMaximumRows_WhenRead_ThenAccepted()
    {
        var rows = Enumerable.Range(0, SetupRules.MaxUnits).Select(i => $"E-{i};Enhet {i};Avd;Chef {i};chef{i}@example.org;Avdelningschef;avd@example.org");

        Assert.Equal(SetupRules.MaxUnits, ReadOk(Lines([Header, .. rows])).Count);
    }

    [Fact]
    public void GivenFileOverTheByteBound_WhenRead_ThenTooBig()
    {
        var bytes = new byte[UnitsCsv.MaxBytes + 1];

        Assert.StartsWith("Filen är för stor", Assert.Single(UnitsCsv.Read(bytes).Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenStreamOverTheByteBound_WhenReadAsync_ThenTooBigWithoutReadingItAll()
    {
        using var stream = new EndlessStream();

        var result = await UnitsCsv.ReadAsync(stream);

        Assert.StartsWith("Filen är för stor", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.True(stream.BytesRead <= UnitsCsv.MaxBytes + 64 * 1024);
    }

    [Fact]
    public async Task GivenStream_WhenReadAsync_ThenSameAsBytes()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Lines(Header, Solen, Hemtjanst)));

        var result = await UnitsCsv.ReadAsync(stream);

        Assert.Equal(["FSK-01", "ALD-01"], result.Value!.Select(u => u.Id));
    }

    [Fact]
    public void GivenSameEmailWithTwoNames_WhenRead_ThenErrorNamesBothLines()
    {
        var error = SingleError(Lines(Header, Solen, Manen.Replace("Åsa Lind", "Åsa Lindqvist", StringComparison.Ordinal)));

        Assert.Equal("Rad 3, Enhetschef: asa.lind@example.org heter \"Åsa Lind\" på rad 2 men \"Åsa Lindqvist\" här. En e-postadress hör till en person: skriv namnet likadant.", error.Message);
    }

    [Fact]
    public void GivenSameEmailWithNamesDifferingOnlyInCase_WhenRead_ThenAccepted()
    {
        Assert.Equal(2, ReadOk(Lines(Header, Solen, Manen.Replace("Åsa Lind", "åsa lind", StringComparison.Ordinal))).Count);
    }

    [Fact]
    public void GivenManagerWhoIsAlsoADepartmentHeadUnderAnotherName_WhenRead_ThenError()
    {
        var error = SingleError(Lines(Header, Solen, "IFO-01;Mottagningen;Avdelningen för IFO;Maria Berg;maria.berg@example.org;M. Berg;maria.berg@example.org"));

        Assert.StartsWith("Rad 3, Avdelningschef: maria.berg@example.org heter \"Maria Berg\" på rad 2 men \"M. Berg\" här.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenDepartmentWithTwoHeads_WhenRead_ThenError()
    {
        var error = SingleError(Lines(Header, Solen, Manen.Replace("Maria Berg;maria.berg@example.org", "Karin Ek;karin.ek@example.org", StringComparison.Ordinal)));

        Assert.Equal("Rad 3, Avdelningschefens e-post: Avdelningen för förskola har avdelningschefen maria.berg@example.org på rad 2 men karin.ek@example.org här. En avdelning har en avdelningschef.", error.Message);
    }

    [Fact]
    public void GivenDepartmentSpelledTwoWays_WhenRead_ThenError()
    {
        var error = SingleError(Lines(Header, Solen, Manen.Replace("Avdelningen för förskola", "avdelningen för Förskola", StringComparison.Ordinal)));

        Assert.Equal("Rad 3, Avdelning: Avdelningen skrivs \"Avdelningen för förskola\" på rad 2 men \"avdelningen för Förskola\" här. Skriv den likadant på alla rader.", error.Message);
    }

    [Fact]
    public void GivenRowWithTooFewFields_WhenRead_ThenLineAndCountsNamed()
    {
        var error = SingleError(Lines(Header, "FSK-01;Förskolan Solen, Avdelningen för förskola;Åsa Lind;asa.lind@example.org;Maria Berg;maria.berg@example.org"));

        Assert.Equal("Rad 2: Raden har 6 fält men rubrikraden har 7. Kontrollera att varje fält som innehåller \";\" står inom citattecken.", error.Message);
    }

    [Fact]
    public void GivenRowWithExtraNonEmptyField_WhenRead_ThenError()
    {
        var error = SingleError(Lines(Header, Solen + ";extra"));

        Assert.StartsWith("Rad 2: Raden har 8 fält men rubrikraden har 7.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenExtraEmptyFieldsAndAnEmptyHeaderCell_WhenRead_ThenAccepted()
    {
        Assert.Single(ReadOk(Lines(Header + ";", Solen + ";;")));
    }

    [Fact]
    public void GivenValueUnderAnEmptyHeaderCell_WhenRead_ThenError()
    {
        var error = SingleError(Lines(Header + ";", Solen + ";något"));

        Assert.Equal("Rad 2, kolumn 8: Kolumnen saknar rubrik men har ett värde. Ge kolumnen ett av de sju namnen eller ta bort värdet.", error.Message);
    }

    [Fact]
    public void GivenControlCharacterInName_WhenRead_ThenError()
    {
        var error = SingleError(Lines(Header, Solen.Replace("Förskolan Solen", "Förskolan\u0007Solen", StringComparison.Ordinal)));

        Assert.StartsWith("Rad 2, Enhet: Fältet innehåller en tabb eller ett annat osynligt tecken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenManyBadRows_WhenRead_ThenErrorsAreCappedAndTheRestCounted()
    {
        var rows = Enumerable.Range(0, 150).Select(i => $"E-{i};Enhet {i};Avd;Chef;inte-en-adress;Avdelningschef;avd@example.org");

        var errors = Read(Lines([Header, .. rows])).Errors;

        Assert.Equal(UnitsCsv.MaxErrors + 1, errors.Length);
        Assert.Equal("… och 50 fel till. Rätta felen ovan och importera igen.", errors[^1].Message);
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
